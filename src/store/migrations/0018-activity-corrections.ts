import type { Kysely } from "kysely";

/**
 * Activities the runner corrects (issue 18, item 4).
 *
 * activities.exclude_from_load: 1 when the runner leaves a run out of the training load (a
 * friend's run on their watch, a GPS trace gone wild); the training report's one read skips it.
 * An UPDATE of any activities column already raises users.data_version (migration 0012's
 * triggers fire on every UPDATE, whatever the column), so cached reports refresh.
 *
 * activity_tombstones: one row per activity deleted or merged away. It keeps the twin key (start,
 * durations, distance) so that an import of a new export does not bring the activity back (the
 * import's twin index reads these with the stored activities), and, for a short while after a
 * delete, the whole row (row_json) so that the runner can undo it. merged_into names the activity
 * that took over a merged record, so merging again answers with it.
 */
// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("activities")
    .addColumn("exclude_from_load", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("activity_tombstones")
    // The id the activity had: deleting or merging it twice finds this row.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("merged_into", "text")
    .addColumn("start_utc", "text", (c) => c.notNull())
    .addColumn("elapsed_s", "integer", (c) => c.notNull())
    .addColumn("moving_s", "integer", (c) => c.notNull())
    .addColumn("distance_m", "integer", (c) => c.notNull())
    .addColumn("row_json", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("activity_tombstones_user").on("activity_tombstones").column("user_id").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("activity_tombstones").execute();
  await db.schema.alterTable("activities").dropColumn("exclude_from_load").execute();
}
