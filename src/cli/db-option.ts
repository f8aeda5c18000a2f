import { DEFAULT_SQLITE_PATH } from "../services/defaults.js";
import type { CliIO } from "./io.js";

/** --db wins, then KNEEWISE_DB, then ./data/kneewise.db. */
export function resolveDbSpec(flag: string | undefined, io: CliIO): string {
  return flag ?? io.env.KNEEWISE_DB ?? DEFAULT_SQLITE_PATH;
}
