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

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
