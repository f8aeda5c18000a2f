import type { Kysely } from "kysely";

/**
 * Daily wellness values a device recorded (issue 20, item 1): resting heart rate and heart-rate
 * variability (SDNN) from an Apple Health export, one row per runner, local day and source, offered
 * to the check-in trend beside what the runner answered.
 *
 * A table of its own rather than columns on checkins: a check-in is eight answers the runner typed,
 * all required, and the watch records days on which nobody checked in; an import never writes a
 * check-in, so it cannot overwrite one. `source` names where the values came from ("apple_health"),
 * so another source later sits beside it instead of replacing it. Values are integers, like every
 * figure kneewise stores: beats per minute, and SDNN in whole milliseconds.
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("daily_wellness")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // The runner's local date (YYYY-MM-DD), as the device wrote it.
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("resting_hr", "integer")
    .addColumn("hrv_sdnn_ms", "integer")
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addUniqueConstraint("daily_wellness_user_date_source", ["user_id", "date", "source"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("daily_wellness").execute();
}
