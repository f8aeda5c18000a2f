import path from "node:path";
import type { App } from "../app.js";

/**
 * The data folder an import may write into (nested archives, uploads): the SQLite file's folder,
 * or ./data beside a PostgreSQL-backed server. KNEEWISE_DATA_DIR overrides both.
 */
export function dataDirFor(app: App, env: Record<string, string | undefined>, cwd: string): string {
  const override = env.KNEEWISE_DATA_DIR;
  if (override !== undefined && override !== "") return path.resolve(cwd, override);
  if (app.database.dialect === "sqlite") return path.dirname(app.database.describe);
  return path.resolve(cwd, "data");
}
