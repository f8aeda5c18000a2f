import type { Generated, Kysely, Transaction } from "kysely";
import type { NewShoeRow, Schema, ShoeRow, ShoeUpdate } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * activities.shoe_manual (migration 0006) is 1 when the runner chose the pair, or "no pair", by
 * hand, and 0 when it was derived from the gear name or the sport's default pair, so that adding
 * or changing a pair can derive it again. It is typed here rather than in schema.ts so that the
 * import pipeline's row types stay exactly what it writes. exclude_from_load (migration 0018) is 1
 * when the runner left the activity out of the training load.
 */
export type ShoeChoiceColumns = { activities: { shoe_manual: number; exclude_from_load: Generated<number> } };

export function withShoeChoice(db: Db) {
  return db.withTables<ShoeChoiceColumns>();
}

export async function insertShoe(db: Db, row: NewShoeRow): Promise<ShoeRow> {
  return db.insertInto("shoes").values(row).returningAll().executeTakeFirstOrThrow();
}

/** A user's pairs, retired ones included (they keep their history), oldest first. */
export async function listShoes(db: Db, userId: string): Promise<ShoeRow[]> {
  return db
    .selectFrom("shoes")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

/** The pair, only when it belongs to this user: another user's pair does not exist for them. */
export async function findShoe(db: Db, userId: string, id: string): Promise<ShoeRow | undefined> {
  return db
    .selectFrom("shoes")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function updateShoe(
  db: Db,
  userId: string,
  id: string,
  set: ShoeUpdate,
): Promise<ShoeRow | undefined> {
  return db
    .updateTable("shoes")
    .set(set)
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteShoe(db: Db, userId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom("shoes")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** What deriving an activity's pair needs: no streams, no laps. */
export interface GearKey {
  id: string;
  sport: string;
  start_utc: string;
  utc_offset_min: number | null;
  gear: string | null;
  shoe_id: string | null;
}

/** Activities whose pair was not chosen by hand, so it can be derived again. */
export async function listDerivedGearKeys(db: Db, userId: string): Promise<GearKey[]> {
  return withShoeChoice(db)
    .selectFrom("activities")
    .select(["id", "sport", "start_utc", "utc_offset_min", "gear", "shoe_id"])
    .where("user_id", "=", userId)
    .where("shoe_manual", "=", 0)
    .execute();
}

/** Sets derived pairs; one statement per target pair rather than one per activity. */
export async function setDerivedShoeIds(
  db: Db,
  userId: string,
  byShoe: ReadonlyMap<string | null, readonly string[]>,
): Promise<void> {
  // Chunks keep the IN list far below SQLite's bound-parameter limit.
  const CHUNK = 500;
  for (const [shoeId, ids] of byShoe) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await withShoeChoice(db)
        .updateTable("activities")
        .set({ shoe_id: shoeId })
        .where("user_id", "=", userId)
        .where("shoe_manual", "=", 0)
        .where("id", "in", ids.slice(i, i + CHUNK))
        .execute();
    }
  }
}

/** The runner's own choice for one activity; false when it is not theirs. */
export async function setActivityGear(
  db: Db,
  userId: string,
  activityId: string,
  set: { shoe_id?: string | null; shoe_manual?: number; surface?: string | null },
): Promise<boolean> {
  const res = await withShoeChoice(db)
    .updateTable("activities")
    .set(set)
    .where("id", "=", activityId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function findActivityGear(
  db: Db,
  userId: string,
  activityId: string,
): Promise<{ shoe_id: string | null; shoe_manual: number; surface: string | null } | undefined> {
  const row = await withShoeChoice(db)
    .selectFrom("activities")
    .select(["shoe_id", "shoe_manual", "surface"])
    .where("id", "=", activityId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { ...row, shoe_manual: Number(row.shoe_manual) } : undefined;
}

/** A deleted pair leaves its activities unassigned, and hand-picked ones free to be derived again. */
export async function releaseShoe(db: Db, userId: string, shoeId: string): Promise<void> {
  await withShoeChoice(db)
    .updateTable("activities")
    .set({ shoe_id: null, shoe_manual: 0 })
    .where("user_id", "=", userId)
    .where("shoe_id", "=", shoeId)
    .execute();
}

/** One activity's gear name with what an offer needs: when and how far. */
export interface GearUse {
  gear: string;
  sport: string;
  start_utc: string;
  utc_offset_min: number | null;
  distance_m: number;
}

/** Every activity that names its gear: one narrow read, grouped in memory. */
export async function listGearUses(db: Db, userId: string): Promise<GearUse[]> {
  const rows = await db
    .selectFrom("activities")
    .select(["gear", "sport", "start_utc", "utc_offset_min", "distance_m"])
    .where("user_id", "=", userId)
    .where("gear", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.gear === null ? [] : [{ ...r, gear: r.gear }]));
}

/**
 * Hands activities derived to a pair over to the runner's own choice of that pair, so that a
 * change of defaults does not move runs already run (the ids come from the service, which knows
 * which would move).
 */
export async function pinShoe(db: Db, userId: string, shoeId: string, activityIds: readonly string[]): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < activityIds.length; i += CHUNK) {
    await withShoeChoice(db)
      .updateTable("activities")
      .set({ shoe_manual: 1 })
      .where("user_id", "=", userId)
      .where("shoe_id", "=", shoeId)
      .where("id", "in", activityIds.slice(i, i + CHUNK))
      .execute();
  }
}
