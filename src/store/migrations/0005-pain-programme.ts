import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One diary entry per runner per local day: saving the same day again edits it.
  await db.schema
    .createTable("pain_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("during", "integer")
    .addColumn("after", "integer")
    .addColumn("next_morning", "integer")
    .addColumn("locations_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("triggers_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("pain_entries_user_date", ["user_id", "date"])
    .execute();

  await db.schema
    .createTable("programme_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("programme_slug", "text", (c) => c.notNull())
    .addColumn("stage", "integer", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("exercises_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("pain_during", "integer")
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("programme_sessions_user_slug_date")
    .on("programme_sessions")
    .columns(["user_id", "programme_slug", "date"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("programme_sessions").execute();
  await db.schema.dropTable("pain_entries").execute();
}
