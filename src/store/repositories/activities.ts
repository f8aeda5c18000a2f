import type { Kysely, Transaction, Updateable } from "kysely";
import type { ActivitiesTable, ActivityRow, NewActivityRow, Schema } from "../schema.js";
import type { ShoeChoiceColumns } from "./shoes.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/** SQLite's limit is 32,766 bound values per statement; 27 columns × 200 rows stays far below it. */
const INSERT_CHUNK = 200;

export async function insertActivities(db: Db, rows: readonly NewActivityRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("activities")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/** Changes an activity's content (a richer twin arrived, or a name from Strava), keeping id and owner. */
export async function updateActivity(
  db: Db,
  userId: string,
  id: string,
  patch: Omit<Updateable<ActivitiesTable>, "id" | "user_id" | "created_at">,
): Promise<void> {
  await db
    .updateTable("activities")
    .set(patch)
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .execute();
}

/** What matching twins needs of every stored activity: no streams. */
export interface ActivityKey {
  id: string;
  start_utc: string;
  elapsed_s: number;
  moving_s: number;
  distance_m: number;
  source: string;
  sport: string;
  name: string | null;
  gear: string | null;
  perceived_exertion: number | null;
  /** Length of stream_json: a cheap measure of how much the record holds. */
  stream_chars: number;
  laps_chars: number;
}

/**
 * Every stored activity's key, and the keys of activities the runner deleted or merged away
 * (activity_tombstones), so that an import of a newer export finds them as twins and does not
 * bring them back. A tombstone's key has no row behind its id (an update of it changes nothing)
 * and a richness no file reaches, so a twin of it is only ever counted as a duplicate.
 */
export async function listActivityKeys(db: Db, userId: string): Promise<ActivityKey[]> {
  const tombstones = await withCorrections(db)
    .selectFrom("activity_tombstones")
    .select(["id", "start_utc", "elapsed_s", "moving_s", "distance_m"])
    .where("user_id", "=", userId)
    .execute();
  const rows = await db
    .selectFrom("activities")
    .select((eb) => [
      "id",
      "start_utc",
      "elapsed_s",
      "moving_s",
      "distance_m",
      "source",
      "sport",
      "name",
      "gear",
      "perceived_exertion",
      eb.fn<number>("length", ["stream_json"]).as("stream_chars"),
      eb.fn<number>("length", ["laps_json"]).as("laps_chars"),
    ])
    .where("user_id", "=", userId)
    .execute();
  const keys = rows.map((r) => ({
    ...r,
    stream_chars: Number(r.stream_chars),
    laps_chars: Number(r.laps_chars),
  }));
  for (const t of tombstones) {
    keys.push({
      ...t,
      source: "tombstone",
      sport: "other",
      name: null,
      gear: null,
      perceived_exertion: null,
      stream_chars: Number.MAX_SAFE_INTEGER,
      laps_chars: 0,
    });
  }
  return keys;
}

/**
 * Columns and a table of migration 0018 (the runner's corrections), typed here rather than in
 * schema.ts so that the import pipeline's row types stay exactly what it writes (as shoe_manual
 * is, in ./shoes.ts).
 */
export interface ActivityTombstonesTable {
  id: string;
  user_id: string;
  reason: "deleted" | "merged";
  merged_into: string | null;
  start_utc: string;
  elapsed_s: number;
  moving_s: number;
  distance_m: number;
  /** The deleted row as JSON, kept for the undo window only; null for merged records and after it. */
  row_json: string | null;
  created_at: string;
}

/** The activities' columns the runner corrects (typed once, in ./shoes.ts) and the tombstones. */
export type ActivityCorrectionTables = ShoeChoiceColumns & { activity_tombstones: ActivityTombstonesTable };

export function withCorrections(db: Db) {
  return db.withTables<ActivityCorrectionTables>();
}

export async function countActivities(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("activities")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ActivitySortKey = "start_utc" | "distance_m" | "moving_s" | "elapsed_s";

export interface ActivityFilter {
  sports?: readonly string[] | undefined;
  /** Inclusive lower bound on start_utc (ISO). */
  fromUtc?: string | undefined;
  /** Exclusive upper bound on start_utc (ISO). */
  toUtc?: string | undefined;
}

export type ActivitySummaryRow = Omit<ActivityRow, "stream_json" | "laps_json"> & { shoe_manual: number; exclude_from_load: number };

/** A whole row, with the columns the runner corrects. */
export type CorrectableActivityRow = ActivityRow & { shoe_manual: number; exclude_from_load: number };

/** One page of a user's activities without their streams, and how many match in all. */
export async function listActivities(
  db: Db,
  userId: string,
  filter: ActivityFilter,
  sort: { key: ActivitySortKey; dir: "asc" | "desc" },
  page: { limit: number; offset: number },
): Promise<{ rows: ActivitySummaryRow[]; total: number }> {
  let q = withCorrections(db).selectFrom("activities").where("user_id", "=", userId);
  if (filter.sports !== undefined && filter.sports.length > 0)
    q = q.where("sport", "in", [...filter.sports]);
  if (filter.fromUtc !== undefined) q = q.where("start_utc", ">=", filter.fromUtc);
  if (filter.toUtc !== undefined) q = q.where("start_utc", "<", filter.toUtc);
  const totalRow = await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      "id",
      "user_id",
      "sport",
      "start_utc",
      "utc_offset_min",
      "moving_s",
      "elapsed_s",
      "distance_m",
      "elevation_gain_m",
      "elevation_loss_m",
      "avg_hr",
      "max_hr",
      "avg_cadence",
      "device",
      "gear",
      "name",
      "perceived_exertion",
      "indoor",
      "source",
      "surface",
      "shoe_id",
      "shoe_manual",
      "exclude_from_load",
      "source_file",
      "dedupe_key",
      "created_at",
    ])
    .orderBy(sort.key, sort.dir)
    // A stable order between equal keys, so pages never repeat or skip a row.
    .orderBy("id", "asc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(totalRow.n) };
}

export async function findActivity(
  db: Db,
  userId: string,
  id: string,
): Promise<CorrectableActivityRow | undefined> {
  return withCorrections(db)
    .selectFrom("activities")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Deletes one of the user's activities, whatever its source; false when there is none. */
export async function deleteActivity(db: Db, userId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom("activities").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** What the runner may change of an activity by hand. */
export interface ActivityCorrection {
  sport?: string;
  name?: string | null;
  surface?: string | null;
  shoe_id?: string | null;
  shoe_manual?: number;
  exclude_from_load?: number;
}

/** The callers have found the activity in the same transaction: nothing to report back. */
export async function correctActivity(db: Db, userId: string, id: string, set: ActivityCorrection): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await withCorrections(db).updateTable("activities").set(set).where("id", "=", id).where("user_id", "=", userId).execute();
}

export async function insertTombstone(db: Db, row: ActivityTombstonesTable): Promise<void> {
  await withCorrections(db).insertInto("activity_tombstones").values(row).execute();
}

export async function findTombstone(db: Db, userId: string, id: string): Promise<ActivityTombstonesTable | undefined> {
  return withCorrections(db)
    .selectFrom("activity_tombstones")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function deleteTombstone(db: Db, userId: string, id: string): Promise<void> {
  await withCorrections(db).deleteFrom("activity_tombstones").where("id", "=", id).where("user_id", "=", userId).execute();
}

/** Forgets the rows kept for undo once their window has passed: only the twin key stays. */
export async function forgetUndoRows(db: Db, userId: string, deletedBefore: string): Promise<void> {
  await withCorrections(db)
    .updateTable("activity_tombstones")
    .set({ row_json: null })
    .where("user_id", "=", userId)
    .where("row_json", "is not", null)
    .where("created_at", "<", deletedBefore)
    .execute();
}

/** Puts back a deleted row as it was. */
export async function reinsertActivity(db: Db, row: CorrectableActivityRow): Promise<void> {
  await withCorrections(db).insertInto("activities").values(row).execute();
}
