import { sql } from "kysely";
import type { Kysely, Transaction } from "kysely";
import type { DailyWellnessRow, NewDailyWellnessRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/** Rows per statement: 7 parameters each, well inside SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

/**
 * Stores a source's values by day: a day already stored from the same source takes the new values
 * (an export read again gives the same ones, so importing twice changes nothing), and a value the
 * new rows lack keeps the one stored. Only this table is written: never a check-in.
 */
export async function upsertDays(db: Db, rows: readonly NewDailyWellnessRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto("daily_wellness")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["user_id", "date", "source"]).doUpdateSet({
          resting_hr: sql<number | null>`coalesce(excluded.resting_hr, daily_wellness.resting_hr)`,
          hrv_sdnn_ms: sql<number | null>`coalesce(excluded.hrv_sdnn_ms, daily_wellness.hrv_sdnn_ms)`,
          imported_at: (eb) => eb.ref("excluded.imported_at"),
        }),
      )
      .execute();
  }
}

/** A runner's days between two local dates (inclusive; either bound may be absent), oldest first. */
export async function listDays(
  db: Db,
  userId: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<DailyWellnessRow[]> {
  let q = db.selectFrom("daily_wellness").selectAll().where("user_id", "=", userId);
  if (range.from !== undefined) q = q.where("date", ">=", range.from);
  if (range.to !== undefined) q = q.where("date", "<=", range.to);
  return q.orderBy("date", "asc").orderBy("source", "asc").execute();
}
