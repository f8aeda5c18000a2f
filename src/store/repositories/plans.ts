import type { Kysely, Transaction } from "kysely";
import type { NewPlanRow, PlanRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertPlan(db: Db, row: NewPlanRow): Promise<PlanRow> {
  return db.insertInto("plans").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findActivePlan(db: Db, userId: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom("plans")
    .selectAll()
    .where("user_id", "=", userId)
    .where("active", "=", 1)
    .executeTakeFirst();
}

/** Retires the runner's active plan (kept for the record); returns how many were retired. */
export async function deactivatePlans(db: Db, userId: string, nowIso: string): Promise<number> {
  const res = await db
    .updateTable("plans")
    .set({ active: 0, updated_at: nowIso })
    .where("user_id", "=", userId)
    .where("active", "=", 1)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export interface PlanAdaptation {
  plan_json: string;
  previous_plan_json: string | null;
  changes_json: string;
  data_signature: string;
  updated_at: string;
}

/**
 * Stores an adaptation only if the row still carries the signature it was computed from, so two
 * instances adapting at once do not both write (the loser's result is identical anyway).
 */
export async function updateAdaptation(
  db: Db,
  userId: string,
  id: string,
  expectedSignature: string | null,
  patch: Partial<PlanAdaptation> & { data_signature: string; updated_at: string },
): Promise<boolean> {
  let q = db.updateTable("plans").set(patch).where("id", "=", id).where("user_id", "=", userId);
  q =
    expectedSignature === null
      ? q.where("data_signature", "is", null)
      : q.where("data_signature", "=", expectedSignature);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Replaces a plan's stored input (a walk-run return resumed after clearance) and forgets the adaptation signature, so the next read recomputes it. */
export async function updatePlanInput(
  db: Db,
  userId: string,
  id: string,
  inputJson: string,
  nowIso: string,
): Promise<boolean> {
  const res = await db
    .updateTable("plans")
    .set({ input_json: inputJson, data_signature: null, updated_at: nowIso })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
