import { sql } from "kysely";
import type { Kysely } from "kysely";

/**
 * Verified email addresses (issue 19, item 3) and known sign-in devices (item 8).
 *
 * users.email_verified_at: when the account proved it reads mail at its address; null until then,
 * and again after the address changes. Accounts that exist before this migration stay unverified
 * until they click a link they ask for on their account page (nothing proves they own their
 * address), except the local owner of a single-user copy, who has no address to prove. They go on
 * signing in as before: only accepting a coach's invitation waits for the proof.
 *
 * email_verifications: single-use links, by SHA-256 of their secret. A row with a user_id proves
 * that user's address; a row without one is a sign-up waiting for its link (the account is made
 * when the link is opened, so a sign-up answers the same whether or not the address is taken).
 *
 * login_devices: browsers that once signed in to an account (SHA-256 of a cookie), which get
 * through the failed-sign-in limits that strangers trip.
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("email_verified_at", "text").execute();
  await sql`UPDATE users SET email_verified_at = created_at WHERE is_local_owner = 1`.execute(db);

  await db.schema
    .createTable("email_verifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    // Null for a sign-up whose account does not exist yet.
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    // The address the link proves (lower-cased): a link sent before an address change proves nothing.
    .addColumn("email", "text", (c) => c.notNull())
    // A waiting sign-up's chosen name and argon2id hash; null for a user's own address.
    .addColumn("display_name", "text")
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("email_verifications_user").on("email_verifications").column("user_id").execute();
  await db.schema.createIndex("email_verifications_expires").on("email_verifications").column("expires_at").execute();

  await db.schema
    .createTable("login_devices")
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("login_devices_pk", ["id", "user_id"])
    .execute();
  await db.schema.createIndex("login_devices_user").on("login_devices").column("user_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_devices").execute();
  await db.schema.dropTable("email_verifications").execute();
  await db.schema.alterTable("users").dropColumn("email_verified_at").execute();
}
