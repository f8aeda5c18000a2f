import type { Kysely } from "kysely";

// Frozen: typed Kysely<any> and never importing app types, so it runs the same forever.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("article_slug", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // Replies are one level deep; a reply without its parent means nothing, so it goes with it.
    .addColumn("parent_id", "text", (c) => c.references("comments.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .addColumn("deleted_at", "text")
    .execute();
  await db.schema
    .createIndex("comments_article_created")
    .on("comments")
    .columns(["article_slug", "created_at"])
    .execute();
  await db.schema.createIndex("comments_parent").on("comments").column("parent_id").execute();
  await db.schema
    .createIndex("comments_status_created")
    .on("comments")
    .columns(["status", "created_at"])
    .execute();
  await db.schema
    .createIndex("comments_user_status")
    .on("comments")
    .columns(["user_id", "status"])
    .execute();

  await db.schema
    .createTable("comment_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("comment_id", "text", (c) =>
      c.notNull().references("comments.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addUniqueConstraint("comment_reports_once", ["comment_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("comment_reports_open")
    .on("comment_reports")
    .columns(["resolved_at", "comment_id"])
    .execute();

  await db.schema
    .createTable("user_bans")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("banned_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Fixed-window counters shared by every server instance (DESIGN.md, "Scale-out").
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limits_pk", ["key", "window_start"])
    .execute();

  // The search index of visible comments: one row per (stem, comment). The primary key leads
  // with the term and then the comment's time, so "the newest comments holding this word" is one
  // index range on both dialects.
  await db.schema
    .createTable("comment_terms")
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("comment_id", "text", (c) =>
      c.notNull().references("comments.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("comment_terms_pk", ["term", "created_at", "comment_id"])
    .execute();
  await db.schema
    .createIndex("comment_terms_comment")
    .on("comment_terms")
    .column("comment_id")
    .execute();

  // Every indexed stem with the number of visible comments holding it (for weights, prefix and
  // typo matching). `prefix` is its first two letters: an exact, indexed key on both dialects,
  // where a LIKE or range scan would depend on PostgreSQL's collation.
  await db.schema
    .createTable("comment_vocabulary")
    .addColumn("term", "text", (c) => c.primaryKey())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("comments", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("comment_vocabulary_prefix")
    .on("comment_vocabulary")
    .column("prefix")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    // The record outlives the account that acted.
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("details_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_created").on("audit_log").column("created_at").execute();
  await db.schema.createIndex("audit_log_target").on("audit_log").column("target").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("comment_vocabulary").execute();
  await db.schema.dropTable("comment_terms").execute();
  await db.schema.dropTable("rate_limits").execute();
  await db.schema.dropTable("user_bans").execute();
  await db.schema.dropTable("comment_reports").execute();
  await db.schema.dropTable("comments").execute();
}
