import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("shoes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("brand", "text")
    // Local dates (YYYY-MM-DD): "which day" is the runner's day, like weeks.
    .addColumn("start_date", "text")
    .addColumn("initial_distance_m", "integer", (c) => c.notNull().defaultTo(0))
    // 700 km sits inside the usual 640-800 km (400-500 miles) band; set per pair.
    .addColumn("limit_m", "integer", (c) => c.notNull().defaultTo(700000))
    // The sports this pair is the default for, as a JSON array of sport names.
    .addColumn("sports_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("retired_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("shoes_user").on("shoes").column("user_id").execute();

  await db.schema
    .createTable("checkins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("fatigue", "integer", (c) => c.notNull())
    .addColumn("irritability_low_mood", "integer", (c) => c.notNull())
    .addColumn("appetite", "integer", (c) => c.notNull())
    .addColumn("enthusiasm", "integer", (c) => c.notNull())
    .addColumn("headaches", "integer", (c) => c.notNull())
    .addColumn("general_aches", "integer", (c) => c.notNull())
    .addColumn("performance_drop", "integer", (c) => c.notNull())
    .addColumn("sleep", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("checkins_user_date", ["user_id", "date"])
    .execute();

  // 1 when the runner chose the pair (or "no pair") by hand; 0 when it was derived from the
  // gear name or the sport's default pair, so that adding or changing a pair can re-derive it.
  await db.schema
    .alterTable("activities")
    .addColumn("shoe_manual", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("activities_user_shoe")
    .on("activities")
    .columns(["user_id", "shoe_id"])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("activities_user_shoe").execute();
  await db.schema.alterTable("activities").dropColumn("shoe_manual").execute();
  await db.schema.dropTable("checkins").execute();
  await db.schema.dropTable("shoes").execute();
}
