import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("activities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("sport", "text", (c) => c.notNull())
    .addColumn("start_utc", "text", (c) => c.notNull())
    .addColumn("utc_offset_min", "integer")
    .addColumn("moving_s", "integer", (c) => c.notNull())
    .addColumn("elapsed_s", "integer", (c) => c.notNull())
    .addColumn("distance_m", "integer", (c) => c.notNull())
    .addColumn("elevation_gain_m", "integer")
    .addColumn("elevation_loss_m", "integer")
    .addColumn("avg_hr", "integer")
    .addColumn("max_hr", "integer")
    .addColumn("avg_cadence", "integer")
    .addColumn("device", "text")
    .addColumn("gear", "text")
    .addColumn("name", "text")
    .addColumn("perceived_exertion", "integer")
    .addColumn("indoor", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("surface", "text")
    // No foreign key yet: the shoes table arrives in a later migration.
    .addColumn("shoe_id", "text")
    .addColumn("laps_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("stream_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("source_file", "text")
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("activities_user_start")
    .on("activities")
    .columns(["user_id", "start_utc"])
    .execute();

  await db.schema
    .createTable("import_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("message", "text")
    .addColumn("activity_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("import_files_user_sha")
    .on("import_files")
    .columns(["user_id", "sha256"])
    .execute();

  await db.schema
    .createTable("import_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("files_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("files_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("summary_json", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("heartbeat_at", "text")
    .execute();
  await db.schema.createIndex("import_jobs_user").on("import_jobs").column("user_id").execute();
  await db.schema.createIndex("import_jobs_status").on("import_jobs").column("status").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_jobs").execute();
  await db.schema.dropTable("import_files").execute();
  await db.schema.dropTable("activities").execute();
}
