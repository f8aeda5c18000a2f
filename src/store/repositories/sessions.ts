import type { CompiledQuery, Kysely, Transaction } from "kysely";
import type { Schema, SessionRow, UserRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** What a signed-in request needs of its user. */
export type SessionUser = Pick<
  UserRow,
  "id" | "email" | "display_name" | "role" | "is_local_owner" | "data_version" | "email_verified_at"
>;

function sessionWithUserQuery(db: Db) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.role",
      "users.is_local_owner",
      "users.data_version",
      "users.email_verified_at",
      "sessions.created_at as session_created_at",
      "sessions.expires_at as session_expires_at",
      "sessions.last_seen_at as session_last_seen_at",
    ])
    .where("sessions.id", "=", "");
}
type SessionWithUserRow = Awaited<
  ReturnType<ReturnType<typeof sessionWithUserQuery>["executeTakeFirstOrThrow"]>
>;

/** The lookup compiled once per database handle: only its one parameter changes per request. */
const compiledLookups = new WeakMap<Db, CompiledQuery<SessionWithUserRow>>();

/**
 * A session and its user in one round trip: this runs before every signed-in API request, and
 * on a loaded server each round trip to the database costs more than the query (issue 7).
 */
export async function findSessionWithUser(
  db: Db,
  id: string,
): Promise<{ session: SessionRow; user: SessionUser } | undefined> {
  let compiled = compiledLookups.get(db);
  if (compiled === undefined)
    compiledLookups.set(db, (compiled = sessionWithUserQuery(db).compile()));
  const { rows } = await db.executeQuery<SessionWithUserRow>({ ...compiled, parameters: [id] });
  const row = rows[0];
  if (!row) return undefined;
  const { session_created_at, session_expires_at, session_last_seen_at, ...user } = row;
  return {
    session: {
      id,
      user_id: user.id,
      created_at: session_created_at,
      expires_at: session_expires_at,
      last_seen_at: session_last_seen_at,
    },
    user,
  };
}

export async function touchSession(
  db: Db,
  id: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
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
