import { sql } from "kysely";
import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // "build" (a build-up plan) or "return" (the walk-run return after pain).
    .addColumn("kind", "text", (c) => c.notNull())
    // What the runner asked for, so the plan can be recomputed as it adapts.
    .addColumn("input_json", "text", (c) => c.notNull())
    .addColumn("plan_json", "text", (c) => c.notNull())
    .addColumn("previous_plan_json", "text")
    // {at, as_of, changes: [...]}: what the last adaptation changed and why.
    .addColumn("changes_json", "text", (c) => c.notNull().defaultTo("[]"))
    // A digest of the data the plan was last adapted to: a read re-adapts only when it differs.
    .addColumn("data_signature", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // At most one active plan per runner, even when two requests race to create one.
  await db.schema
    .createIndex("plans_one_active_per_user")
    .on("plans")
    .column("user_id")
    .unique()
    .where(sql.ref("active"), "=", 1)
    .execute();

  await db.schema
    .createTable("calendar_tokens")
    // SHA-256 of the secret in the subscription URL: a copy of the database cannot open feeds.
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("calendar_tokens_user")
    .on("calendar_tokens")
    .column("user_id")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("calendar_tokens").execute();
  await db.schema.dropTable("plans").execute();
}
