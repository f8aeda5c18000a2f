export { openDatabase, migrateToLatest, isPostgresUrl, DEFAULT_SQLITE_PATH } from "./database.js";
export type { Database, DialectName } from "./database.js";
export type { Schema, UserRow, SessionRow } from "./schema.js";
export * as users from "./repositories/users.js";
export * as sessions from "./repositories/sessions.js";
export type { ActivityRow, NewActivityRow, ImportFileRow, NewImportFileRow, ImportJobRow, ImportJobUpdate } from "./schema.js";
export * as activities from "./repositories/activities.js";
export * as importFiles from "./repositories/import-files.js";
export * as importJobs from "./repositories/import-jobs.js";
