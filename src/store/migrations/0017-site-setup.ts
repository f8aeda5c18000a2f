import type { Kysely } from "kysely";

/**
 * Who owns a multi-user site (issue 21, item 2). No account becomes admin by signing up first:
 * the operator makes one admin with a one-time setup link, printed to the server's log on a start
 * with no admin (site_setup_links holds at most one, by its fixed slot, so instances starting at
 * once print one link between them; only the SHA-256 of its token is kept), or with
 * `kneewise admin grant`. signup_invites lists the addresses that may sign up when sign-up is
 * limited to invited addresses; a row goes when its account is made. Who claimed the link and who
 * invited whom are in the audit log, not here.
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("site_setup_links")
    .addColumn("slot", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createTable("signup_invites")
    .addColumn("email", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("signup_invites").execute();
  await db.schema.dropTable("site_setup_links").execute();
}
