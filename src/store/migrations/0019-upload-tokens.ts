import type { Kysely } from "kysely";

/**
 * Personal upload tokens (issue 20, item 3): named keys a runner gives a phone automation, a watch
 * companion app or a script so it can send new runs to POST /api/imports without a session.
 *
 * token_hash is the SHA-256 of the secret: the secret is 256 random bits, so a plain hash is as
 * good as a slow one against a copy of the database, and it lets every request find its row with
 * one indexed read. A revoked token's row is deleted.
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("upload_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema.createIndex("upload_tokens_user").on("upload_tokens").column("user_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("upload_tokens").execute();
}
