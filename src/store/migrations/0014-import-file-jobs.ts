import type { Kysely } from "kysely";

/**
 * import_files.job_id: the upload job that read the file (null for the command line). A job that
 * another instance takes over after its first died runs the import again; the files the first
 * attempt finished are then recognised by hash, and this column tells "finished by this same job"
 * (counted as imported) from "imported long ago" (a duplicate), so the job reports its totals
 * across both attempts (issue 19, item 6).
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("import_files").addColumn("job_id", "text").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("import_files").dropColumn("job_id").execute();
}
