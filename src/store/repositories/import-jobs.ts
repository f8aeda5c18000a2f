import type { Insertable, Kysely, Transaction } from "kysely";
import type { ImportJobRow, ImportJobUpdate, ImportJobsTable, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertImportJob(
  db: Db,
  job: Insertable<ImportJobsTable>,
): Promise<ImportJobRow> {
  return db.insertInto("import_jobs").values(job).returningAll().executeTakeFirstOrThrow();
}

export async function updateImportJob(db: Db, id: string, patch: ImportJobUpdate): Promise<void> {
  await db.updateTable("import_jobs").set(patch).where("id", "=", id).execute();
}

/** A job as its owner sees it; another user's job is not found. */
export async function findImportJob(
  db: Db,
  userId: string,
  id: string,
): Promise<ImportJobRow | undefined> {
  return db
    .selectFrom("import_jobs")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** A user's jobs, newest first. */
export async function listUserImportJobs(db: Db, userId: string, limit: number): Promise<ImportJobRow[]> {
  return db
    .selectFrom("import_jobs")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Which of these jobs are waiting or running (their uploads are still needed). */
export async function unfinishedImportJobIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom("import_jobs").select("id").where("id", "in", [...ids]).where("status", "in", ["queued", "running"]).execute();
  return new Set(rows.map((r) => r.id));
}

/** Jobs left queued or running by an instance that stopped: they are failed on restart. */
export async function listUnfinishedImportJobs(db: Db): Promise<ImportJobRow[]> {
  return db
    .selectFrom("import_jobs")
    .selectAll()
    .where("status", "in", ["queued", "running"])
    .execute();
}

/**
 * Takes a waiting (or abandoned running) job for `claimant`. False when the job has ended or is
 * gone: the queue may hand out a job whose import already finished before its instance died.
 */
export async function claimImportJob(
  db: Db,
  id: string,
  claimant: string,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable("import_jobs")
    .set({ status: "running", claimed_by: claimant, heartbeat_at: at, updated_at: at, error: null })
    .where("id", "=", id)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Updates a job only while `claimant` still holds it; false once another instance took it over. */
export async function updateClaimedImportJob(
  db: Db,
  id: string,
  claimant: string,
  patch: ImportJobUpdate,
): Promise<boolean> {
  const res = await db
    .updateTable("import_jobs")
    .set(patch)
    .where("id", "=", id)
    .where("claimed_by", "=", claimant)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * Running jobs whose last heartbeat is older than `before` go back to queued, each returned to
 * exactly one caller (the update is atomic per row), so one instance hands each to the queue again.
 */
export async function requeueSilentImportJobs(
  db: Db,
  before: string,
  at: string,
): Promise<string[]> {
  const rows = await db
    .updateTable("import_jobs")
    .set({ status: "queued", claimed_by: null, heartbeat_at: at, updated_at: at })
    .where("status", "=", "running")
    .where("heartbeat_at", "<", before)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}
