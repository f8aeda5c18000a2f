import type { Kysely, Transaction } from "kysely";
import type { CoachNoteRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export type CoachNoteWithCoach = CoachNoteRow & { coach_name: string };

export async function insertNote(db: Db, row: CoachNoteRow): Promise<CoachNoteRow> {
  return db.insertInto("coach_notes").values(row).returningAll().executeTakeFirstOrThrow();
}

/** One coach's notes about one runner, newest first. */
export async function listNotesOfPair(
  db: Db,
  athleteId: string,
  coachId: string,
  limit: number,
): Promise<CoachNoteRow[]> {
  return db
    .selectFrom("coach_notes")
    .selectAll()
    .where("athlete_id", "=", athleteId)
    .where("coach_id", "=", coachId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Every note about a runner, with the author's name, newest first. */
export async function listNotesAboutAthlete(
  db: Db,
  athleteId: string,
  limit: number,
): Promise<CoachNoteWithCoach[]> {
  return db
    .selectFrom("coach_notes")
    .innerJoin("users", "users.id", "coach_notes.coach_id")
    .selectAll("coach_notes")
    .select("users.display_name as coach_name")
    .where("coach_notes.athlete_id", "=", athleteId)
    .orderBy("coach_notes.created_at", "desc")
    .orderBy("coach_notes.id", "desc")
    .limit(limit)
    .execute();
}

/** Deletes a note of this pair; returns whether there was one. */
export async function deleteNote(
  db: Db,
  id: string,
  athleteId: string,
  coachId: string,
): Promise<boolean> {
  const res = await db
    .deleteFrom("coach_notes")
    .where("id", "=", id)
    .where("athlete_id", "=", athleteId)
    .where("coach_id", "=", coachId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
