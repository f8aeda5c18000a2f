import type { Kysely, Transaction } from "kysely";
import type { Schema, SessionRow, UserRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * A session and its user in one round trip: this runs before every signed-in API request, and
 * on a loaded server each round trip to the database costs more than the query (issue 7).
 */
export async function findSessionWithUser(db: Db, id: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.id as session_id",
      "sessions.created_at as session_created_at",
      "sessions.expires_at as session_expires_at",
      "sessions.last_seen_at as session_last_seen_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { session_id, session_created_at, session_expires_at, session_last_seen_at, ...user } = row;
  return {
    session: {
      id: session_id,
      user_id: user.id,
      created_at: session_created_at,
      expires_at: session_expires_at,
      last_seen_at: session_last_seen_at,
    },
    user,
  };
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Ends every session of a user (password changed or reset, account deleted); returns how many. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const res = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const res = await db.deleteFrom("sessions").where("expires_at", "<", nowIso).executeTakeFirst();
  return Number(res.numDeletedRows);
}
