import { migrateToLatest, openDatabase } from "../store/index.js";
import type { AccountMode, App } from "./app-context.js";
import { ensureLocalOwner } from "./auth.js";

export type { AccountMode, App } from "./app-context.js";

export interface AppConfig {
  /** A postgres:// URL or an SQLite file path. */
  db: string;
  /** "local": one owner, no sign-in. "multi": sign-up and sign-in. A PostgreSQL URL implies multi. */
  multiUser: boolean;
  version: string;
  cwd?: string;
}

export async function createApp(config: AppConfig, opts: { now?: () => Date } = {}): Promise<App> {
  const database = await openDatabase(config.db, config.cwd === undefined ? {} : { cwd: config.cwd });
  try {
    await migrateToLatest(database);
    const mode: AccountMode = config.multiUser || database.dialect === "postgres" ? "multi" : "local";
    const app: App = {
      database,
      mode,
      version: config.version,
      now: opts.now ?? (() => new Date()),
      close: () => database.close(),
    };
    if (mode === "local") await ensureLocalOwner(app);
    return app;
  } catch (err) {
    await database.close();
    throw err;
  }
}
