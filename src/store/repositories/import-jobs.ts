import type { Insertable, Kysely, Transaction } from "kysely";
import type { ImportJobRow, ImportJobUpdate, ImportJobsTable, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertImportJob(db: Db, job: Insertable<ImportJobsTable>): Promise<ImportJobRow> {
  return db.insertInto("import_jobs").values(job).returningAll().executeTakeFirstOrThrow();
}

export async function updateImportJob(db: Db, id: string, patch: ImportJobUpdate): Promise<void> {
  await db.updateTable("import_jobs").set(patch).where("id", "=", id).execute();
}

/** A job as its owner sees it; another user's job is not found. */
export async function findImportJob(db: Db, userId: string, id: string): Promise<ImportJobRow | undefined> {
  return db.selectFrom("import_jobs").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
}

/** Jobs left queued or running by an instance that stopped: they are failed on restart. */
export async function listUnfinishedImportJobs(db: Db): Promise<ImportJobRow[]> {
  return db.selectFrom("import_jobs").selectAll().where("status", "in", ["queued", "running"]).execute();
}
