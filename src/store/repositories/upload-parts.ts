import type { Kysely, Transaction } from "kysely";
import type { Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertUploadPart(
  db: Db,
  part: {
    job_id: string;
    file_no: number;
    part_no: number;
    file_name: string;
    bytes: Uint8Array;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto("upload_parts").values(part).execute();
}

/** The files of an upload, in order, with how many chunks each has. */
export async function listUploadFiles(
  db: Db,
  jobId: string,
): Promise<{ fileNo: number; fileName: string; parts: number }[]> {
  const rows = await db
    .selectFrom("upload_parts")
    .select(["file_no", "file_name", (eb) => eb.fn.countAll().as("parts")])
    .where("job_id", "=", jobId)
    .groupBy(["file_no", "file_name"])
    .orderBy("file_no")
    .execute();
  // PostgreSQL counts in bigint, which pg hands back as a string.
  return rows.map((r) => ({ fileNo: r.file_no, fileName: r.file_name, parts: Number(r.parts) }));
}

/** One chunk: read one at a time, so a large upload never sits in memory whole. */
export async function readUploadPart(
  db: Db,
  jobId: string,
  fileNo: number,
  partNo: number,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom("upload_parts")
    .select("bytes")
    .where("job_id", "=", jobId)
    .where("file_no", "=", fileNo)
    .where("part_no", "=", partNo)
    .executeTakeFirst();
  return row?.bytes;
}

export async function deleteUploadParts(db: Db, jobId: string): Promise<void> {
  await db.deleteFrom("upload_parts").where("job_id", "=", jobId).execute();
}

/**
 * Chunks of uploads that went silent before `before` (their newest chunk is older: an upload still
 * arriving writes one every 8 MiB, so it is never cut) and that no waiting or running job needs:
 * uploads cut off when their instance died mid-receive, or jobs that ended while their instance
 * was dying.
 */
export async function deleteOrphanUploadParts(db: Db, before: string): Promise<number> {
  const res = await db
    .deleteFrom("upload_parts")
    .where("created_at", "<", before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("upload_parts as newer")
            .select("newer.job_id")
            .whereRef("newer.job_id", "=", "upload_parts.job_id")
            .where("newer.created_at", ">=", before),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("import_jobs")
            .select("import_jobs.id")
            .whereRef("import_jobs.id", "=", "upload_parts.job_id")
            .where("import_jobs.status", "in", ["queued", "running"]),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
