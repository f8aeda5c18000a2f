import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Table types for the application. Migrations never import these (they are frozen and typed
 * Kysely<any>), so an old migration still runs after these change.
 * Timestamps are UTC ISO strings and booleans are 0/1 integers on both dialects, so the same
 * query returns the same values on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: "runner" | "coach" | "moderator" | "admin";
  is_local_owner: Generated<number>;
  settings_json: Generated<string>;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a copy of the database does not hand out live sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/** One stored activity. Streams and laps are JSON text: read whole, never queried inside. */
export interface ActivitiesTable {
  id: string;
  user_id: string;
  sport: string;
  start_utc: string;
  utc_offset_min: number | null;
  moving_s: number;
  elapsed_s: number;
  distance_m: number;
  elevation_gain_m: number | null;
  elevation_loss_m: number | null;
  avg_hr: number | null;
  max_hr: number | null;
  avg_cadence: number | null;
  device: string | null;
  gear: string | null;
  name: string | null;
  perceived_exertion: number | null;
  indoor: number;
  source: string;
  surface: string | null;
  shoe_id: string | null;
  /** [{startOffsetS, durationS, distanceM}] */
  laps_json: string;
  /** Column arrays: {"t":[…],"d":[…],"alt":[…],"hr":[…],"cad":[…]}, null where a sample lacks a channel. */
  stream_json: string;
  source_file: string | null;
  /** The UTC start minute ("2024-03-01T06:30"): twins are looked up near it. */
  dedupe_key: string;
  created_at: string;
}

/** Every file an import has read, by content hash, so that reading it again is recognised. */
export interface ImportFilesTable {
  id: string;
  user_id: string;
  sha256: string;
  file_name: string;
  status: "imported" | "duplicate" | "skipped" | "failed";
  code: string | null;
  message: string | null;
  activity_count: number;
  created_at: string;
}

export interface ImportJobsTable {
  id: string;
  user_id: string;
  status: "queued" | "running" | "done" | "failed";
  files_total: number;
  files_done: number;
  summary_json: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  claimed_by: string | null;
  heartbeat_at: string | null;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  activities: ActivitiesTable;
  import_files: ImportFilesTable;
  import_jobs: ImportJobsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type NewActivityRow = Insertable<ActivitiesTable>;
export type ImportFileRow = Selectable<ImportFilesTable>;
export type NewImportFileRow = Insertable<ImportFilesTable>;
export type ImportJobRow = Selectable<ImportJobsTable>;
export type ImportJobUpdate = Updateable<ImportJobsTable>;
