import { sql } from "kysely";
import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import type { CommentRow, CommentUpdate, NewCommentRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/** A comment with its author's display name (never the email). */
export interface CommentWithAuthor extends CommentRow {
  display_name: string;
}

export async function insertComment(db: Db, row: NewCommentRow): Promise<CommentRow> {
  return db.insertInto("comments").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findComment(db: Db, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateComment(db: Db, id: string, set: CommentUpdate): Promise<CommentRow> {
  return db
    .updateTable("comments")
    .set(set)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many of a user's comments a moderator (or the trust rule) has let through. */
export async function countVisibleByUser(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("user_id", "=", userId)
    .where("status", "=", "visible")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type CommentsEb = ExpressionBuilder<Schema & { c: Schema["comments"] }, "c">;

/** Visible, or the viewer's own comment still waiting for review. */
function viewableSql(alias: "c" | "r", viewerId: string | null) {
  const status = sql.ref(`${alias}.status`);
  if (viewerId === null) return sql<boolean>`${status} = ${"visible"}`;
  return sql<boolean>`(${status} = ${"visible"} or (${status} = ${"pending"} and ${sql.ref(`${alias}.user_id`)} = ${viewerId}))`;
}

/**
 * Top-level comments of an article that the viewer may see in the thread: live ones that are
 * visible (or the viewer's own, still pending), and removed ones that still have such replies,
 * which keep their place as "comment deleted" so the replies make sense.
 */
function shownTopLevel(eb: CommentsEb, viewerId: string | null) {
  return eb.or([
    eb.and([eb("c.deleted_at", "is", null), viewableSql("c", viewerId)]),
    eb.exists(
      eb
        .selectFrom("comments as r")
        .select("r.id")
        .whereRef("r.parent_id", "=", "c.id")
        .where("r.deleted_at", "is", null)
        .where(viewableSql("r", viewerId)),
    ),
  ]);
}

export async function countThread(
  db: Db,
  articleSlug: string,
  viewerId: string | null,
): Promise<number> {
  const row = await db
    .selectFrom("comments as c")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("c.article_slug", "=", articleSlug)
    .where("c.parent_id", "is", null)
    .where((eb) => shownTopLevel(eb, viewerId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of an article's top-level comments, newest first. */
export async function listThreadPage(
  db: Db,
  articleSlug: string,
  viewerId: string | null,
  offset: number,
  limit: number,
): Promise<CommentWithAuthor[]> {
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .selectAll("c")
    .select("u.display_name")
    .where("c.article_slug", "=", articleSlug)
    .where("c.parent_id", "is", null)
    .where((eb) => shownTopLevel(eb, viewerId))
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .offset(offset)
    .limit(limit)
    .execute();
}

/** The replies the viewer may see under the given comments, oldest first. */
export async function listReplies(
  db: Db,
  parentIds: string[],
  viewerId: string | null,
): Promise<CommentWithAuthor[]> {
  if (parentIds.length === 0) return [];
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .selectAll("c")
    .select("u.display_name")
    .where("c.parent_id", "in", parentIds)
    .where("c.deleted_at", "is", null)
    .where(viewableSql("c", viewerId))
    .orderBy("c.created_at", "asc")
    .orderBy("c.id", "asc")
    .execute();
}

export async function countRecentVisible(db: Db): Promise<number> {
  const row = await db
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "=", "visible")
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest visible comments across every article. */
export async function listRecentVisible(
  db: Db,
  offset: number,
  limit: number,
): Promise<CommentWithAuthor[]> {
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .selectAll("c")
    .select("u.display_name")
    .where("c.status", "=", "visible")
    .where("c.deleted_at", "is", null)
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function listCommentsWithAuthors(db: Db, ids: string[]): Promise<CommentWithAuthor[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .selectAll("c")
    .select("u.display_name")
    .where("c.id", "in", ids)
    .execute();
}

/** A user's live comments in the given statuses (for a ban that hides them). */
export async function listLiveByUser(
  db: Db,
  userId: string,
  statuses: CommentRow["status"][],
): Promise<CommentRow[]> {
  return db
    .selectFrom("comments")
    .selectAll()
    .where("user_id", "=", userId)
    .where("status", "in", statuses)
    .where("deleted_at", "is", null)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The search index of visible comments (comment_terms and comment_vocabulary).

/** Adds a visible comment's terms to the index and counts them in the vocabulary. */
export async function indexCommentTerms(
  db: Db,
  comment: { id: string; created_at: string },
  terms: { term: string; prefix: string }[],
): Promise<void> {
  if (terms.length === 0) return;
  await db
    .insertInto("comment_terms")
    .values(
      terms.map((t) => ({ term: t.term, created_at: comment.created_at, comment_id: comment.id })),
    )
    .execute();
  await bumpVocabulary(
    db,
    terms.map((t) => ({ ...t, comments: 1 })),
  );
}

/**
 * Adds counts to vocabulary rows, creating them as needed. Callers pass terms sorted, so two
 * transactions touching the same words lock them in the same order and cannot deadlock.
 */
export async function bumpVocabulary(
  db: Db,
  rows: { term: string; prefix: string; comments: number }[],
): Promise<void> {
  // SQLite limits a statement to 32,766 parameters: three per row.
  for (let at = 0; at < rows.length; at += 5000) {
    await db
      .insertInto("comment_vocabulary")
      .values(rows.slice(at, at + 5000))
      .onConflict((oc) =>
        oc.column("term").doUpdateSet({
          comments: (eb) => eb("comment_vocabulary.comments", "+", eb.ref("excluded.comments")),
        }),
      )
      .execute();
  }
}

/** Removes a comment from the index (hidden, deleted, edited) and uncounts its terms. */
export async function unindexCommentTerms(db: Db, commentId: string): Promise<void> {
  const rows = await db
    .selectFrom("comment_terms")
    .select("term")
    .where("comment_id", "=", commentId)
    .orderBy("term")
    .execute();
  if (rows.length === 0) return;
  await db.deleteFrom("comment_terms").where("comment_id", "=", commentId).execute();
  const terms = rows.map((r) => r.term);
  for (let at = 0; at < terms.length; at += 1000) {
    await db
      .updateTable("comment_vocabulary")
      .set((eb) => ({ comments: eb("comments", "-", 1) }))
      .where("term", "in", terms.slice(at, at + 1000))
      .execute();
  }
}

export async function vocabularyByPrefix(
  db: Db,
  prefixes: string[],
): Promise<{ term: string; prefix: string; comments: number }[]> {
  if (prefixes.length === 0) return [];
  return db
    .selectFrom("comment_vocabulary")
    .select(["term", "prefix", "comments"])
    .where("prefix", "in", prefixes)
    .where("comments", ">", 0)
    .execute();
}

/**
 * For each term, the newest visible comments holding it (at most `limit` per term): one
 * statement of per-term index ranges joined by UNION ALL, so a query costs one round trip.
 */
export async function commentIdsForTerms(
  db: Db,
  terms: string[],
  limit: number,
): Promise<{ term: string; comment_id: string }[]> {
  if (terms.length === 0) return [];
  const range = (term: string, n: number) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom("comment_terms")
          .select(["term", "comment_id"])
          .where("term", "=", term)
          .orderBy("created_at", "desc")
          .limit(limit)
          .as(`t${n}`),
      )
      .select([`t${n}.term as term`, `t${n}.comment_id as comment_id`]);
  let query = range(terms[0]!, 0);
  terms.slice(1).forEach((term, n) => {
    query = query.unionAll(range(term, n + 1));
  });
  return query.execute();
}

/** Only for tests and diagnostics: the index rows of one comment. */
export async function termsOfComment(db: Db, commentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("comment_terms")
    .select("term")
    .where("comment_id", "=", commentId)
    .orderBy("term")
    .execute();
  return rows.map((r) => r.term);
}
