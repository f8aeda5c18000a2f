import { sql } from "kysely";
import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // What the runner agreed to show this coach or physio (issue 18, item 9): a JSON array of
  // kinds, from "training", "activities", "pain", "diary", "checkins", "programmes",
  // "assessments". Text rather than json/jsonb so both dialects read it the same way.
  //
  // Existing shares keep exactly what they showed before this migration: the training report
  // (with the shoes), the pain status (today's light and latest score) and the knee checks. That
  // is ["training","pain","assessments"]; they do not gain the activity list, the diary's
  // history, the check-ins or the exercise sessions, which no coach could see until now. Ended
  // shares get the same, so the record says what they allowed.
  await db.schema
    .alterTable("shares")
    .addColumn("scopes", "text", (c) => c.notNull().defaultTo('["training","pain","assessments"]'))
    .execute();
  await sql`update shares set scopes = '["training","pain","assessments"]'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("shares").dropColumn("scopes").execute();
}
