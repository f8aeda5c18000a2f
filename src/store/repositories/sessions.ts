import type { Kysely, Transaction } from "kysely";
import type { Schema, SessionRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto("sessions").values(session).execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
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

export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const res = await db.deleteFrom("sessions").where("expires_at", "<", nowIso).executeTakeFirst();
  return Number(res.numDeletedRows);
}
