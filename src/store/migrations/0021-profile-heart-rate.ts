import type { Kysely } from "kysely";

/**
 * The runner's heart-rate anchors (issue 18, item 5): an optional maximum heart rate and an
 * optional lactate-threshold heart rate, in beats per minute, from which the activity page gives
 * the time in heart-rate zones. Both nullable: kneewise never guesses them (not from age either),
 * so a profile without them shows no zones. Added to profiles rather than a table of their own
 * because they are one value each per runner, read with the rest of the profile.
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profiles").addColumn("max_hr", "integer").execute();
  await db.schema.alterTable("profiles").addColumn("threshold_hr", "integer").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("profiles").dropColumn("threshold_hr").execute();
  await db.schema.alterTable("profiles").dropColumn("max_hr").execute();
}
