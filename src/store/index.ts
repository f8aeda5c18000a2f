export { openDatabase, migrateToLatest, isPostgresUrl, DEFAULT_SQLITE_PATH } from "./database.js";
export type { Database, DialectName } from "./database.js";
export type { Schema, UserRow, SessionRow } from "./schema.js";
export * as users from "./repositories/users.js";
export * as sessions from "./repositories/sessions.js";
