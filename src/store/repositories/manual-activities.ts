/**
 * The training side of the activities table: activities logged by hand (source "manual"), and
 * the one read the training report makes. The import pipeline owns ./activities.ts; these
 * queries are kept apart so the two can change independently.
 */
import type { Kysely, Transaction } from "kysely";
import type { NewActivityRow, Schema } from "../schema.js";
import { withShoeChoice } from "./shoes.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertManualActivity(
  db: Db,
  row: NewActivityRow & { source: "manual"; shoe_manual: number },
): Promise<void> {
  await withShoeChoice(db).insertInto("activities").values(row).execute();
}

/** Only hand-logged activities can be deleted here; imported ones belong to the import pages. */
export async function deleteManualActivity(db: Db, userId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom("activities")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("source", "=", "manual")
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export interface ActivityOwnership {
  id: string;
  source: string;
  sport: string;
}

export async function findActivityOwnership(
  db: Db,
  userId: string,
  id: string,
): Promise<ActivityOwnership | undefined> {
  return db
    .selectFrom("activities")
    .select(["id", "source", "sport"])
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** What the training report reads of one activity. Laps and stream are null outside the detail window. */
export interface TrainingActivityRow {
  id: string;
  sport: string;
  start_utc: string;
  utc_offset_min: number | null;
  moving_s: number;
  elapsed_s: number;
  distance_m: number;
  elevation_gain_m: number | null;
  elevation_loss_m: number | null;
  perceived_exertion: number | null;
  gear: string | null;
  surface: string | null;
  shoe_id: string | null;
  /** 0 or 1 (a string on no dialect: it is an integer column). */
  shoe_manual: number;
  laps_json: string | null;
  stream_json: string | null;
}

/**
 * Every activity of a user in one query, with laps and streams only for those starting at or
 * after `detailFromUtc` (the weeks the training-error detectors look at): ten years of streams
 * would be hundreds of megabytes read for nothing. Pass null to read no streams at all.
 */
export async function listTrainingActivities(
  db: Db,
  userId: string,
  detailFromUtc: string | null,
): Promise<TrainingActivityRow[]> {
  const rows = await withShoeChoice(db)
    .selectFrom("activities")
    .select((eb) => [
      "id",
      "sport",
      "start_utc",
      "utc_offset_min",
      "moving_s",
      "elapsed_s",
      "distance_m",
      "elevation_gain_m",
      "elevation_loss_m",
      "perceived_exertion",
      "gear",
      "surface",
      "shoe_id",
      "shoe_manual",
      (detailFromUtc === null
        ? eb.val<string | null>(null)
        : eb
            .case()
            .when("start_utc", ">=", detailFromUtc)
            .then(eb.ref("laps_json"))
            .else(null)
            .end()
      ).as("laps_json"),
      (detailFromUtc === null
        ? eb.val<string | null>(null)
        : eb
            .case()
            .when("start_utc", ">=", detailFromUtc)
            .then(eb.ref("stream_json"))
            .else(null)
            .end()
      ).as("stream_json"),
    ])
    .where("user_id", "=", userId)
    // The runner left these out of the training load (migration 0018).
    .where("exclude_from_load", "=", 0)
    .execute();
  // Row objects are used as they come: on ten years of history, copying them costs more than the maths.
  return rows;
}

/**
 * The runner's data version (migration 0012's triggers raise it on every write to activities,
 * shoes, check-ins and the profile); null when there is no such user.
 */
export async function trainingDataVersion(db: Db, userId: string): Promise<number | null> {
  const row = await db
    .selectFrom("users")
    .select("data_version")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row === undefined ? null : Number(row.data_version);
}

/** The offset from UTC of the runner's latest activity: the best clue to their time zone today. */
export async function latestUtcOffset(db: Db, userId: string): Promise<number | null> {
  const row = await db
    .selectFrom("activities")
    .select("utc_offset_min")
    .where("user_id", "=", userId)
    .orderBy("start_utc", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.utc_offset_min ?? null;
}
