import type { Kysely, Transaction } from "kysely";
import type { CheckinRow, NewCheckinRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export const CHECKIN_COLUMNS = [
  "fatigue",
  "irritability_low_mood",
  "appetite",
  "enthusiasm",
  "headaches",
  "general_aches",
  "performance_drop",
  "sleep",
] as const;

/** One check-in per user and day: a second one that day replaces the answers, keeping id and created_at. */
export async function upsertCheckin(db: Db, row: NewCheckinRow): Promise<CheckinRow> {
  const answers = {
    fatigue: row.fatigue,
    irritability_low_mood: row.irritability_low_mood,
    appetite: row.appetite,
    enthusiasm: row.enthusiasm,
    headaches: row.headaches,
    general_aches: row.general_aches,
    performance_drop: row.performance_drop,
    sleep: row.sleep,
  };
  return db
    .insertInto("checkins")
    .values(row)
    .onConflict((oc) => oc.columns(["user_id", "date"]).doUpdateSet(answers))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCheckin(
  db: Db,
  userId: string,
  date: string,
): Promise<CheckinRow | undefined> {
  return db
    .selectFrom("checkins")
    .selectAll()
    .where("user_id", "=", userId)
    .where("date", "=", date)
    .executeTakeFirst();
}

/** Check-ins between two local dates (inclusive; either bound may be absent), oldest first. */
export async function listCheckins(
  db: Db,
  userId: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<CheckinRow[]> {
  let q = db.selectFrom("checkins").selectAll().where("user_id", "=", userId);
  if (range.from !== undefined) q = q.where("date", ">=", range.from);
  if (range.to !== undefined) q = q.where("date", "<=", range.to);
  return q.orderBy("date", "asc").execute();
}

export async function deleteCheckin(db: Db, userId: string, date: string): Promise<boolean> {
  const res = await db
    .deleteFrom("checkins")
    .where("user_id", "=", userId)
    .where("date", "=", date)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
