import type { Kysely, Transaction, Updateable } from "kysely";
import type { ActivitiesTable, ActivityRow, NewActivityRow, Schema } from "../schema.js";

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

export async function listActivityKeys(db: Db, userId: string): Promise<ActivityKey[]> {
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
  return rows.map((r) => ({
    ...r,
    stream_chars: Number(r.stream_chars),
    laps_chars: Number(r.laps_chars),
  }));
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

export type ActivitySummaryRow = Omit<ActivityRow, "stream_json" | "laps_json">;

/** One page of a user's activities without their streams, and how many match in all. */
export async function listActivities(
  db: Db,
  userId: string,
  filter: ActivityFilter,
  sort: { key: ActivitySortKey; dir: "asc" | "desc" },
  page: { limit: number; offset: number },
): Promise<{ rows: ActivitySummaryRow[]; total: number }> {
  let q = db.selectFrom("activities").where("user_id", "=", userId);
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
): Promise<ActivityRow | undefined> {
  return db
    .selectFrom("activities")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}
