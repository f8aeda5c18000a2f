import { PostgresAdapter } from "kysely";
import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// The runner's original files, gzip-compressed, kept so that an export can hand them back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite stores bytes as blob; PostgreSQL calls the same thing bytea.
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
  await db.schema
    .createTable("original_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("bytes_gz", bytes, (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("original_files_user_sha")
    .on("original_files")
    .columns(["user_id", "sha256"])
    .unique()
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("original_files").execute();
}
