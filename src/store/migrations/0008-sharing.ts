import { sql } from "kysely";
import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // A runner's consent for one coach or physio to see their data. A row starts "pending" (an
  // invitation by email or by link), becomes "active" when the coach accepts, and ends "revoked"
  // (by the runner, or the coach leaving). Ended rows stay, so "who could see my data, and
  // when" has an answer.
  await db.schema
    .createTable("shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("athlete_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // Null until accepted.
    .addColumn("coach_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    // Lower-cased address of an email invitation; null for a link invitation.
    .addColumn("invite_email", "text")
    // SHA-256 of a link invitation's secret: a copy of the database cannot accept invitations.
    .addColumn("invite_token_hash", "text")
    .addColumn("invite_expires_at", "text")
    // "read" or "notes" (read, and keep notes on the runner).
    .addColumn("access", "text", (c) => c.notNull())
    // "pending", "active" or "revoked".
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("revoked_at", "text")
    // Who ended it: the runner (revoked) or the coach (left); the record outlives the account.
    .addColumn("revoked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  // The consent check on every athlete read, and the roster: live shares of one coach.
  await db.schema
    .createIndex("shares_coach_status")
    .on("shares")
    .columns(["coach_id", "status", "athlete_id"])
    .execute();
  // A runner's list of who can see their data.
  await db.schema
    .createIndex("shares_athlete_status")
    .on("shares")
    .columns(["athlete_id", "status"])
    .execute();
  // Invitations waiting for an account with this address.
  await db.schema
    .createIndex("shares_invite_email")
    .on("shares")
    .columns(["invite_email", "status"])
    .execute();
  await db.schema
    .createIndex("shares_invite_token")
    .on("shares")
    .column("invite_token_hash")
    .unique()
    .execute();
  // At most one live share per runner and coach, and one open email invitation per runner and
  // address, even when two requests race.
  await db.schema
    .createIndex("shares_one_active_per_pair")
    .on("shares")
    .columns(["athlete_id", "coach_id"])
    .unique()
    .where(sql.ref("status"), "=", "active")
    .execute();
  await db.schema
    .createIndex("shares_one_pending_per_email")
    .on("shares")
    .columns(["athlete_id", "invite_email"])
    .unique()
    .where(sql.ref("status"), "=", "pending")
    .execute();

  // A coach's notes about one runner. Keyed by the pair rather than the share, so notes survive
  // a share that ends and starts again; only a live share with "notes" access may read or write
  // them, and the runner can always read what was written about them.
  await db.schema
    .createTable("coach_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("athlete_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("coach_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("coach_notes_pair_created")
    .on("coach_notes")
    .columns(["athlete_id", "coach_id", "created_at"])
    .execute();
  await db.schema.createIndex("coach_notes_coach").on("coach_notes").column("coach_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("coach_notes").execute();
  await db.schema.dropTable("shares").execute();
}
