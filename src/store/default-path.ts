import path from "node:path";

/**
 * Where the embedded database lives unless told otherwise. A module of its own, so the CLI can
 * name it without loading the database drivers (a fast `kneewise --help`).
 */
export const DEFAULT_SQLITE_PATH = path.join("data", "kneewise.db");
