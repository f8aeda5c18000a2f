import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { AssessmentsTable, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;
export type AssessmentRow = Selectable<AssessmentsTable>;
export type NewAssessmentRow = Insertable<AssessmentsTable>;

export async function insertAssessment(db: Db, row: NewAssessmentRow): Promise<AssessmentRow> {
  return db.insertInto("assessments").values(row).returningAll().executeTakeFirstOrThrow();
}

/** An assessment as its owner sees it; another user's is not found. */
export async function findAssessment(
  db: Db,
  userId: string,
  id: string,
): Promise<AssessmentRow | undefined> {
  return db
    .selectFrom("assessments")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Newest first; the id breaks ties between two saved in the same millisecond. */
export async function listAssessments(
  db: Db,
  userId: string,
  limit: number,
): Promise<AssessmentRow[]> {
  return db
    .selectFrom("assessments")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
