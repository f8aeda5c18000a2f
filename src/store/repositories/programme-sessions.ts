import type { Insertable, Kysely, Transaction } from "kysely";
import type { ProgrammeSessionRow, ProgrammeSessionsTable, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertProgrammeSession(
  db: Db,
  row: Insertable<ProgrammeSessionsTable>,
): Promise<ProgrammeSessionRow> {
  return db.insertInto("programme_sessions").values(row).returningAll().executeTakeFirstOrThrow();
}

/** A user's logged sessions, newest first; one programme's only when a slug is given. */
export async function listProgrammeSessions(
  db: Db,
  userId: string,
  programmeSlug?: string,
): Promise<ProgrammeSessionRow[]> {
  let q = db.selectFrom("programme_sessions").selectAll().where("user_id", "=", userId);
  if (programmeSlug !== undefined) q = q.where("programme_slug", "=", programmeSlug);
  return q.orderBy("date", "desc").orderBy("created_at", "desc").orderBy("id", "asc").execute();
}

export async function deleteProgrammeSession(db: Db, userId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom("programme_sessions")
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
