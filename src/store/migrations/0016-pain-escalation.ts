import type { Kysely } from "kysely";

/**
 * The pain diary learns the answers behind its "see a clinician" escalation: pain at night, a
 * swollen knee after the run, the knee giving way. Each is 0/1, or NULL when not asked (entries
 * written before this migration, or a client that leaves it out), so old days never count as "no".
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ["night_pain", "swelling", "giving_way"]) {
    await db.schema.alterTable("pain_entries").addColumn(column, "integer").execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["giving_way", "swelling", "night_pain"]) {
    await db.schema.alterTable("pain_entries").dropColumn(column).execute();
  }
}
