import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The answers and the result are stored whole, as the contract's JSON, so a saved assessment
  // reads back exactly as it was shown; triage and top_condition are copied out for listing.
  await db.schema
    .createTable("assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("input_json", "text", (c) => c.notNull())
    .addColumn("result_json", "text", (c) => c.notNull())
    .addColumn("triage", "text", (c) => c.notNull())
    .addColumn("top_condition", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assessments_user_created")
    .on("assessments")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("profiles")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("experience", "text", (c) => c.notNull())
    .addColumn("foot_type", "text", (c) => c.notNull())
    .addColumn("surfaces_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("other_sports_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("weak_groups_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("tight_groups_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("week_start", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("units", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("profiles").execute();
  await db.schema.dropTable("assessments").execute();
}
