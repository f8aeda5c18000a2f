import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_reset_tokens")
    // SHA-256 of the secret in the emailed link: a copy of the database cannot reset passwords.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    // Set once the token has set a password: single use.
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("password_reset_tokens_user")
    .on("password_reset_tokens")
    .column("user_id")
    .execute();
  await db.schema
    .createIndex("password_reset_tokens_expires")
    .on("password_reset_tokens")
    .column("expires_at")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_reset_tokens").execute();
}
