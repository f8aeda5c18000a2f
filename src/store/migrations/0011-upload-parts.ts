import { PostgresAdapter } from "kysely";
import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// An upload's bytes while its import waits or runs, in chunks, so that any server instance can run
// the job (instances share the database, not a disk). Rows are written while the upload arrives,
// before its import_jobs row exists, hence no foreign key; they are deleted when the job ends.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
  await db.schema
    .createTable("upload_parts")
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("file_no", "integer", (c) => c.notNull())
    .addColumn("part_no", "integer", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("bytes", bytes, (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("upload_parts_pk", ["job_id", "file_no", "part_no"])
    .execute();
  await db.schema
    .createIndex("upload_parts_created")
    .on("upload_parts")
    .column("created_at")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("upload_parts").execute();
}
