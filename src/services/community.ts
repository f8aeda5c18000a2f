import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { commentPlainText, parseCommentMarkdown } from "../core/community/comment-markdown.js";
import {
  commentTerms,
  expandQueryTerm,
  queryTerms,
  termPrefix,
} from "../core/community/comment-terms.js";
import type { VocabularyEntry } from "../core/community/comment-terms.js";
import { validateCommentBody, validateReportReason } from "../core/community/validate-comment.js";
import { parseFrontMatter } from "../core/content/front-matter.js";
import { highlightSnippet, normalizeWord, stem } from "../core/content/search-text.js";
import { DomainError } from "../core/errors.js";
import { COMMENT_MAX_PAGE, COMMENT_PAGE_SIZE, QUEUE_PAGE_SIZE } from "../contracts/community.js";
import type {
  ArticleRef,
  BanResponse,
  CommentView,
  PostCommentResponse,
  QueueResponse,
  RecentResponse,
  ThreadResponse,
  ViewerInfo,
} from "../contracts/community.js";
import type { SearchResult } from "../contracts/search.js";
import { comments, moderation, users } from "../store/index.js";
import type { CommentRow, Schema, UserRow } from "../store/index.js";
import type { Kysely, Transaction } from "kysely";
import type { App } from "./app.js";
import { audit } from "./audit.js";
import { defaultContentDir } from "./content.js";
import { enforceRateLimit, RATE_RULES } from "./rate-limit.js";

/*
 * Comments ("share your experience") under every article, with reports and moderation.
 *
 * - Who: signed-in people; in single-user mode, the local owner. A commenter is shown by the
 *   display name they chose, never by email.
 * - Held for review: in multi-user mode a runner's comments wait for a moderator until three of
 *   theirs have been approved (moderators and admins are trusted). Single-user mode shows at once.
 * - Replies are one level deep: a reply to a reply joins the same top-level comment.
 * - Deleting is soft: the body is cleared and a deleted comment with live replies stays as a
 *   "comment deleted" placeholder, so the replies keep their context.
 * - Spam: per-user rate limits in the database (rate-limit.ts) and a honeypot field.
 * - Search: visible comments are indexed into comment_terms / comment_vocabulary in the same
 *   transaction that makes them visible, and taken out when they stop being visible.
 */

type Db = Kysely<Schema> | Transaction<Schema>;

export const HELD_UNTIL_APPROVED = 3;

// ---------------------------------------------------------------------------------------------
// Articles: the slugs comments may hang under.

const articleDirectories = new Map<string, ReadonlyMap<string, ArticleRef>>();

/**
 * Every article that takes comments: content/articles/*.md by file name, with its title. Content
 * only changes with a release, so each folder is read once per process.
 */
export function communityArticles(
  contentDir: string = defaultContentDir(),
): ReadonlyMap<string, ArticleRef> {
  const cached = articleDirectories.get(contentDir);
  if (cached) return cached;
  const dir = path.join(contentDir, "articles");
  const out = new Map<string, ArticleRef>();
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    const slug = name.slice(0, -3);
    let title = slug.replace(/-/g, " ");
    try {
      const meta = parseFrontMatter(fs.readFileSync(path.join(dir, name), "utf8")).meta;
      if (typeof meta.title === "string" && meta.title.trim() !== "") title = meta.title.trim();
    } catch {
      // A file whose front matter does not parse still takes comments; the content checks report it.
    }
    out.set(slug, { slug, title });
  }
  articleDirectories.set(contentDir, out);
  return out;
}

function articleOrThrow(slug: string): ArticleRef {
  const article = communityArticles().get(slug);
  if (!article) throw new DomainError("ARTICLE_NOT_FOUND", "There is no article at this address.");
  return article;
}

function articleTitle(slug: string): string {
  return communityArticles().get(slug)?.title ?? slug;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.

function isModerator(user: Pick<UserRow, "role">): boolean {
  return user.role === "moderator" || user.role === "admin";
}

async function actingUser(db: Db, userId: string): Promise<UserRow> {
  const user = await users.findUserById(db, userId);
  if (!user) throw new DomainError("NOT_SIGNED_IN", "Sign in to take part.");
  return user;
}

async function notBanned(db: Db, user: UserRow): Promise<void> {
  if (await moderation.findBan(db, user.id))
    throw new DomainError("FORBIDDEN", "Your account can no longer post, edit or report comments.");
}

async function viewerInfo(app: App, viewerId: string | null): Promise<ViewerInfo> {
  if (viewerId === null) return { signedIn: false, banned: false, moderator: false };
  const { db } = app.database;
  const user = await users.findUserById(db, viewerId);
  if (!user) return { signedIn: false, banned: false, moderator: false };
  return {
    signedIn: true,
    banned: (await moderation.findBan(db, viewerId)) !== undefined,
    moderator: isModerator(user),
  };
}

function checkPage(page: number): void {
  if (!Number.isInteger(page) || page < 1 || page > COMMENT_MAX_PAGE)
    throw new DomainError(
      "INVALID_PAGE",
      `The page must be a whole number from 1 to ${COMMENT_MAX_PAGE}.`,
    );
}

function pagesFor(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

function checkPageInRange(page: number, pages: number): void {
  if (page > pages)
    throw new DomainError(
      "PAGE_OUT_OF_RANGE",
      `There ${pages === 1 ? "is only 1 page" : `are only ${pages} pages`} of comments.`,
      {
        pages,
      },
    );
}

function stateOf(row: CommentRow, viewerId: string | null): CommentView["state"] {
  if (row.deleted_at !== null) return "deleted";
  if (row.status === "hidden") return "hidden";
  if (row.status === "pending") return row.user_id === viewerId ? "pending" : "hidden";
  return "visible";
}

/** What a viewer sees of a comment: placeholders carry no author and no text. */
function toView(
  row: CommentRow & { display_name: string },
  viewerId: string | null,
  replies: CommentView[] = [],
): CommentView {
  const state = stateOf(row, viewerId);
  const live = state === "visible" || state === "pending";
  const mine = row.user_id === viewerId;
  return {
    id: row.id,
    articleSlug: row.article_slug,
    parentId: row.parent_id,
    author: live ? { displayName: row.display_name } : null,
    state,
    createdAt: row.created_at,
    editedAt: live ? row.edited_at : null,
    blocks: live ? parseCommentMarkdown(row.body) : [],
    body: live && mine ? row.body : null,
    mine: live && mine,
    replies,
  };
}

async function index(db: Db, row: Pick<CommentRow, "id" | "created_at" | "body">): Promise<void> {
  await comments.indexCommentTerms(
    db,
    row,
    commentTerms(row.body).map((term) => ({ term, prefix: termPrefix(term) })),
  );
}


// ---------------------------------------------------------------------------------------------
// Reading.

/** One page (newest first) of an article's thread, with each comment's replies (oldest first). */
export async function listThread(
  app: App,
  viewerId: string | null,
  slug: string,
  page = 1,
): Promise<ThreadResponse> {
  checkPage(page);
  const article = articleOrThrow(slug);
  const { db } = app.database;
  const total = await comments.countThread(db, slug, viewerId);
  const pages = pagesFor(total, COMMENT_PAGE_SIZE);
  checkPageInRange(page, pages);
  const top = await comments.listThreadPage(
    db,
    slug,
    viewerId,
    (page - 1) * COMMENT_PAGE_SIZE,
    COMMENT_PAGE_SIZE,
  );
  const replies = await comments.listReplies(
    db,
    top.map((c) => c.id),
    viewerId,
  );
  const byParent = new Map<string, CommentView[]>();
  for (const r of replies) {
    const list = byParent.get(r.parent_id ?? "") ?? [];
    list.push(toView(r, viewerId));
    byParent.set(r.parent_id ?? "", list);
  }
  return {
    article,
    page,
    pages,
    pageSize: COMMENT_PAGE_SIZE,
    total,
    comments: top.map((c) => toView(c, viewerId, byParent.get(c.id) ?? [])),
    viewer: await viewerInfo(app, viewerId),
  };
}

/** The newest visible comments across all articles, with the articles' titles. */
export async function listRecent(
  app: App,
  viewerId: string | null,
  page = 1,
): Promise<RecentResponse> {
  checkPage(page);
  const { db } = app.database;
  const pages = pagesFor(await comments.countRecentVisible(db), COMMENT_PAGE_SIZE);
  checkPageInRange(page, pages);
  const rows = await comments.listRecentVisible(
    db,
    (page - 1) * COMMENT_PAGE_SIZE,
    COMMENT_PAGE_SIZE,
  );
  return {
    page,
    pages,
    comments: rows.map((r) => ({
      ...toView(r, viewerId),
      articleTitle: articleTitle(r.article_slug),
    })),
    articles: [...communityArticles().values()].sort((a, b) => a.title.localeCompare(b.title)),
    viewer: await viewerInfo(app, viewerId),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing.

export interface PostCommentInput {
  body: string;
  parentId?: string | undefined;
  /** The honeypot field. */
  website?: string | undefined;
}

async function initialStatus(app: App, db: Db, user: UserRow): Promise<"visible" | "pending"> {
  if (app.mode === "local" || isModerator(user)) return "visible";
  return (await comments.countVisibleByUser(db, user.id)) >= HELD_UNTIL_APPROVED
    ? "visible"
    : "pending";
}

/**
 * Posts a comment or a reply. A filled honeypot answers like a held comment and stores nothing,
 * so a bot learns nothing from the answer.
 */
export async function postComment(
  app: App,
  userId: string,
  slug: string,
  input: PostCommentInput,
): Promise<PostCommentResponse> {
  const { db } = app.database;
  const user = await actingUser(db, userId);
  if (input.website !== undefined && input.website.trim() !== "")
    return { state: "pending", comment: null };
  await notBanned(db, user);
  const body = validateCommentBody(input.body);
  articleOrThrow(slug);

  return db.transaction().execute(async (trx) => {
    let parentId: string | null = null;
    if (input.parentId !== undefined) {
      const parent = await comments.findComment(trx, input.parentId);
      if (
        !parent ||
        parent.article_slug !== slug ||
        parent.deleted_at !== null ||
        parent.status !== "visible"
      )
        throw new DomainError(
          "COMMENT_NOT_FOUND",
          "The comment you are replying to is not there any more.",
        );
      parentId = parent.parent_id ?? parent.id;
    }
    const now = app.now();
    if (app.mode === "multi") await enforceRateLimit(trx, RATE_RULES.comment, user.id, now);
    const status = await initialStatus(app, trx, user);
    const row = await comments.insertComment(trx, {
      id: randomUUID(),
      article_slug: slug,
      user_id: user.id,
      parent_id: parentId,
      body,
      status,
      created_at: now.toISOString(),
      edited_at: null,
      deleted_at: null,
    });
    if (status === "visible") await index(trx, row);
    return { state: status, comment: toView({ ...row, display_name: user.display_name }, user.id) };
  });
}

/** The author's own live comment, or COMMENT_NOT_FOUND: someone else's comment does not exist for them. */
async function ownComment(db: Db, userId: string, id: string): Promise<CommentRow> {
  const row = await comments.findComment(db, id);
  if (!row || row.user_id !== userId || row.deleted_at !== null || row.status === "hidden")
    throw new DomainError("COMMENT_NOT_FOUND", "There is no such comment of yours.");
  return row;
}

export async function editComment(
  app: App,
  userId: string,
  id: string,
  rawBody: string,
): Promise<CommentView> {
  const { db } = app.database;
  const user = await actingUser(db, userId);
  await ownComment(db, userId, id);
  await notBanned(db, user);
  const body = validateCommentBody(rawBody);
  return db.transaction().execute(async (trx) => {
    const row = await ownComment(trx, userId, id);
    const now = app.now();
    if (app.mode === "multi") await enforceRateLimit(trx, RATE_RULES.commentEdit, user.id, now);
    // An approved comment whose author is still held for review goes back to the moderators:
    // approval was of the words a moderator read, not of whatever replaces them (issue 19).
    // Trusted authors' edits stay published, as their new comments do.
    const backToReview = row.status === "visible" && (await initialStatus(app, trx, user)) === "pending";
    const updated = await comments.updateComment(trx, id, {
      body,
      edited_at: now.toISOString(),
      ...(backToReview ? { status: "pending" as const } : {}),
    });
    if (row.status === "visible") await comments.unindexCommentTerms(trx, id);
    if (updated.status === "visible") await index(trx, updated);
    return toView({ ...updated, display_name: user.display_name }, userId);
  });
}

/** Deletes one's own comment: the text goes for good; the row stays if replies hang under it. */
export async function deleteComment(app: App, userId: string, id: string): Promise<void> {
  await app.database.db.transaction().execute(async (trx) => {
    await ownComment(trx, userId, id);
    await comments.unindexCommentTerms(trx, id);
    await comments.updateComment(trx, id, { body: "", deleted_at: app.now().toISOString() });
  });
}

/** Reports someone else's visible comment to the moderators; reporting twice changes nothing. */
export async function reportComment(
  app: App,
  userId: string,
  id: string,
  rawReason: string,
): Promise<void> {
  const { db } = app.database;
  const user = await actingUser(db, userId);
  const row = await comments.findComment(db, id);
  if (!row || row.deleted_at !== null || row.status !== "visible")
    throw new DomainError("COMMENT_NOT_FOUND", "There is no such comment.");
  if (row.user_id === userId)
    throw new DomainError(
      "CANNOT_REPORT_OWN",
      "You cannot report your own comment; edit or delete it instead.",
    );
  await notBanned(db, user);
  const reason = validateReportReason(rawReason);
  await db.transaction().execute(async (trx) => {
    const now = app.now();
    if (app.mode === "multi") await enforceRateLimit(trx, RATE_RULES.report, user.id, now);
    await moderation.insertReport(trx, {
      id: randomUUID(),
      comment_id: id,
      user_id: userId,
      reason,
      created_at: now.toISOString(),
      resolved_at: null,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Moderation (moderators and admins).

async function moderatorOrThrow(db: Db, userId: string): Promise<UserRow> {
  const user = await actingUser(db, userId);
  if (!isModerator(user))
    throw new DomainError("FORBIDDEN", "Only moderators and admins can do this.");
  return user;
}

export async function moderationQueue(app: App, userId: string, page = 1): Promise<QueueResponse> {
  checkPage(page);
  const { db } = app.database;
  await moderatorOrThrow(db, userId);
  const total = await moderation.countQueue(db);
  const pages = pagesFor(total, QUEUE_PAGE_SIZE);
  checkPageInRange(page, pages);
  const rows = await moderation.listQueue(db, (page - 1) * QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE);
  const reports = await moderation.openReportsFor(
    db,
    rows.map((r) => r.id),
  );
  return {
    page,
    pages,
    total,
    items: rows.map((r) => ({
      // A moderator reads the comment as it would appear, whatever its state.
      comment: {
        ...toView({ ...r, status: "visible" }, null),
        state: r.status === "visible" ? "visible" : r.status === "pending" ? "pending" : "hidden",
        articleTitle: articleTitle(r.article_slug),
      },
      author: { id: r.user_id, displayName: r.display_name, banned: r.banned === 1 },
      reports: reports
        .filter((p) => p.comment_id === r.id)
        .map((p) => ({ reason: p.reason, createdAt: p.created_at })),
    })),
  };
}

/** Approves (shows) or hides a comment and closes its reports, with an audit row. */
export async function moderateComment(
  app: App,
  userId: string,
  id: string,
  action: "approve" | "hide",
): Promise<CommentView> {
  return app.database.db.transaction().execute(async (trx) => {
    await moderatorOrThrow(trx, userId);
    const row = await comments.findComment(trx, id);
    if (!row || row.deleted_at !== null)
      throw new DomainError("COMMENT_NOT_FOUND", "There is no such comment.");
    const now = app.now().toISOString();
    const status = action === "approve" ? "visible" : "hidden";
    let updated = row;
    if (row.status !== status) {
      if (row.status === "visible") await comments.unindexCommentTerms(trx, id);
      updated = await comments.updateComment(trx, id, { status });
      if (status === "visible") await index(trx, updated);
    }
    const closed = await moderation.resolveReports(trx, id, now);
    await audit(trx, app, userId, `comment.${action}`, `comment:${id}`, {
      from: row.status,
      to: status,
      reportsClosed: closed,
    });
    const author = await users.findUserById(trx, row.user_id);
    return toView({ ...updated, display_name: author?.display_name ?? "" }, userId);
  });
}

/** Bans a user from posting, editing and reporting; by default hides everything they posted. */
export async function banUser(
  app: App,
  userId: string,
  targetId: string,
  input: { reason: string; hideComments: boolean },
): Promise<BanResponse> {
  return app.database.db.transaction().execute(async (trx) => {
    await moderatorOrThrow(trx, userId);
    const target = await users.findUserById(trx, targetId);
    if (!target) throw new DomainError("USER_NOT_FOUND", "There is no such user.");
    if (target.id === userId) throw new DomainError("CANNOT_BAN_SELF", "You cannot ban yourself.");
    if (isModerator(target))
      throw new DomainError(
        "FORBIDDEN",
        "Moderators and admins cannot be banned; change their role first.",
      );
    const now = app.now().toISOString();
    const reason = input.reason.trim();
    await moderation.insertBan(trx, {
      user_id: target.id,
      banned_by: userId,
      reason,
      created_at: now,
    });
    let hidden = 0;
    if (input.hideComments) {
      for (const c of await comments.listLiveByUser(trx, target.id, ["visible", "pending"])) {
        if (c.status === "visible") await comments.unindexCommentTerms(trx, c.id);
        await comments.updateComment(trx, c.id, { status: "hidden" });
        await moderation.resolveReports(trx, c.id, now);
        hidden++;
      }
    }
    await audit(trx, app, userId, "user.ban", `user:${target.id}`, {
      reason,
      hiddenComments: hidden,
    });
    return { userId: target.id, banned: true, hiddenComments: hidden };
  });
}

/** Lifts a ban (hidden comments stay hidden; a moderator approves them one by one). */
export async function unbanUser(app: App, userId: string, targetId: string): Promise<BanResponse> {
  return app.database.db.transaction().execute(async (trx) => {
    await moderatorOrThrow(trx, userId);
    const target = await users.findUserById(trx, targetId);
    if (!target) throw new DomainError("USER_NOT_FOUND", "There is no such user.");
    if (await moderation.deleteBan(trx, target.id))
      await audit(trx, app, userId, "user.unban", `user:${target.id}`, {});
    return { userId: target.id, banned: false, hiddenComments: 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Search over visible comments.

export interface CommentSearchHit {
  articleSlug: string;
  commentId: string;
  body: string;
  displayName: string;
  score: number;
}

/** Per query term, the newest this-many comments holding it are considered. */
const POSTINGS_PER_TERM = 300;
const MAX_QUERY_TERMS = 8;
const MAX_LOOKUP_TERMS = 16;

/**
 * Searches visible comments. Each query word (the site search's stems, plus any `terms` the
 * caller already derived, e.g. synonym expansions) is matched in the vocabulary exactly, by
 * completion ("tendin…") and, when unknown, by a near miss ("patelar"); all from one indexed
 * lookup of the vocabulary rows sharing its first two letters. Postings are then read per term,
 * newest first, capped at 300 per term, so a query costs a bounded number of index ranges
 * however many comments there are. A comment scores per query word it holds, rarer words more;
 * more words matched always ranks higher, then newer. Same SQL on SQLite and PostgreSQL.
 *
 * Trade-off: for a word held by more than 300 comments, only its newest 300 are candidates.
 */
export async function searchComments(
  app: App,
  query: string,
  limit: number,
  opts: { terms?: readonly string[] } = {},
): Promise<CommentSearchHit[]> {
  const { db } = app.database;
  const extra = (opts.terms ?? []).map((t) => stem(normalizeWord(t))).filter((t) => t.length >= 2);
  const wanted = [...new Set([...queryTerms(query), ...extra])].slice(0, MAX_QUERY_TERMS);
  if (wanted.length === 0 || limit <= 0) return [];

  const vocabulary = await comments.vocabularyByPrefix(db, [...new Set(wanted.map(termPrefix))]);
  const buckets = new Map<string, VocabularyEntry[]>();
  for (const v of vocabulary) {
    const list = buckets.get(v.prefix) ?? [];
    list.push({ term: v.term, comments: Number(v.comments) });
    buckets.set(v.prefix, list);
  }
  const df = new Map(vocabulary.map((v) => [v.term, Number(v.comments)]));
  const groups = wanted.map((t) => expandQueryTerm(t, buckets.get(termPrefix(t)) ?? []));
  const lookups = [...new Set(groups.flat().map((e) => e.term))].slice(0, MAX_LOOKUP_TERMS);
  const postings = new Map<string, string[]>();
  for (const row of await comments.commentIdsForTerms(db, lookups, POSTINGS_PER_TERM)) {
    const list = postings.get(row.term) ?? [];
    list.push(row.comment_id);
    postings.set(row.term, list);
  }

  const scores = new Map<string, { score: number; seen: number }>();
  let order = 0;
  for (const group of groups) {
    const best = new Map<string, number>();
    for (const { term, weight } of group) {
      // Rarer words say more: between 1 and about 1.6 per matched word, so matching one more
      // word always outranks matching rarer ones.
      const w = weight * (1 + 1 / Math.log2(2 + (df.get(term) ?? 1)));
      for (const id of postings.get(term) ?? []) if (w > (best.get(id) ?? 0)) best.set(id, w);
    }
    for (const [id, w] of best) {
      const s = scores.get(id);
      if (s) s.score += w;
      else scores.set(id, { score: w, seen: order++ });
    }
  }
  if (scores.size === 0) return [];
  const ranked = [...scores]
    .sort((a, b) => b[1].score - a[1].score || a[1].seen - b[1].seen)
    .slice(0, limit * 2);
  const rows = new Map(
    (
      await comments.listCommentsWithAuthors(
        db,
        ranked.map(([id]) => id),
      )
    ).map((r) => [r.id, r]),
  );
  const hits: CommentSearchHit[] = [];
  for (const [id, { score }] of ranked) {
    const row = rows.get(id);
    // The index only holds visible comments; this guards against a row changed mid-query.
    if (!row || row.status !== "visible" || row.deleted_at !== null) continue;
    hits.push({
      articleSlug: row.article_slug,
      commentId: id,
      body: row.body,
      displayName: row.display_name,
      score: Math.round(score * 1000) / 1000,
    });
    if (hits.length === limit) break;
  }
  return hits;
}

/**
 * searchComments shaped as site-search results (src/services/search.ts, SearchComments): a
 * title naming the article, a link to the comment and an escaped snippet with <mark>s.
 */
export async function searchCommentsForSite(
  app: App,
  query: { text: string; terms: string[]; highlight: string[] },
  limit: number,
): Promise<SearchResult[]> {
  const hits = await searchComments(app, query.text, limit, { terms: query.terms });
  const marks = new Set([
    ...query.highlight,
    ...queryTerms(query.text),
    ...query.terms.map((t) => stem(normalizeWord(t))),
  ]);
  return hits.map((h) => ({
    kind: "comment",
    title: `${h.displayName} on “${articleTitle(h.articleSlug)}”`,
    url: `/community/${encodeURIComponent(h.articleSlug)}#comment-${h.commentId}`,
    snippet: highlightSnippet(commentPlainText(parseCommentMarkdown(h.body)), marks),
  }));
}
