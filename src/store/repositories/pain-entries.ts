import type { Insertable, Kysely, Transaction } from "kysely";
import type { PainEntriesTable, PainEntryRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * One entry per user and date: saving a day again replaces its scores, places, triggers, notes
 * and the night-pain, swelling and giving-way answers, keeping the id and created_at. Returns
 * the stored row and whether it was new.
 */
export async function upsertPainEntry(
  db: Db,
  row: Insertable<PainEntriesTable>,
): Promise<PainEntryRow> {
  return db
    .insertInto("pain_entries")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["user_id", "date"]).doUpdateSet({
        during: row.during ?? null,
        after: row.after ?? null,
        next_morning: row.next_morning ?? null,
        locations_json: row.locations_json,
        triggers_json: row.triggers_json,
        notes: row.notes,
        night_pain: row.night_pain ?? null,
        swelling: row.swelling ?? null,
        giving_way: row.giving_way ?? null,
        updated_at: row.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPainEntry(
  db: Db,
  userId: string,
  date: string,
): Promise<PainEntryRow | undefined> {
  return db
    .selectFrom("pain_entries")
    .selectAll()
    .where("user_id", "=", userId)
    .where("date", "=", date)
    .executeTakeFirst();
}

export async function deletePainEntry(db: Db, userId: string, date: string): Promise<boolean> {
  const res = await db
    .deleteFrom("pain_entries")
    .where("user_id", "=", userId)
    .where("date", "=", date)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** A user's entries between two dates (inclusive; either bound optional), oldest first. */
export async function listPainEntries(
  db: Db,
  userId: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<PainEntryRow[]> {
  let q = db.selectFrom("pain_entries").selectAll().where("user_id", "=", userId);
  if (range.from !== undefined) q = q.where("date", ">=", range.from);
  if (range.to !== undefined) q = q.where("date", "<=", range.to);
  return q.orderBy("date", "asc").execute();
}
