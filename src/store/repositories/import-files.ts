import type { Kysely, Transaction } from "kysely";
import type { ImportFileRow, NewImportFileRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

const INSERT_CHUNK = 500;

export async function insertImportFiles(db: Db, rows: readonly NewImportFileRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("import_files")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

/**
 * Content hashes of the files this user has already read to the end (imported, found to be a
 * duplicate, or skipped as not an activity). Failed files are left out: a later kneewise may
 * read them.
 */
export async function listSettledHashes(
  db: Db,
  userId: string,
): Promise<Map<string, { status: ImportFileRow["status"]; activityCount: number; jobId: string | null }>> {
  const rows = await db
    .selectFrom("import_files")
    .select(["sha256", "status", "activity_count", "job_id"])
    .where("user_id", "=", userId)
    .where("status", "in", ["imported", "duplicate", "skipped"])
    .execute();
  return new Map(
    rows.map((r) => [r.sha256, { status: r.status, activityCount: r.activity_count, jobId: r.job_id ?? null }]),
  );
}

export async function listImportFiles(db: Db, userId: string): Promise<ImportFileRow[]> {
  return db
    .selectFrom("import_files")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}
