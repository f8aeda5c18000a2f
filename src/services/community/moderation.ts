import { DomainError } from "../../core/errors.js";
import { QUEUE_PAGE_SIZE } from "../../contracts/community.js";
import type { CommentView, QueueItem, QueueResponse } from "../../contracts/community.js";
import { comments, moderation, users } from "../../store/index.js";
import type { CommentReportRow } from "../../store/index.js";
import type { App } from "../app.js";
import { audit } from "../audit.js";
import { moderatorOrThrow } from "./access.js";
import { articleTitle } from "./articles.js";
import { toView } from "./comment-view.js";
import { checkPage, checkPageInRange, pagesFor } from "./paging.js";
import { indexComment } from "./search-index.js";

/** One page of comments waiting for review or reported, each with its author and open reports. */
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
  return { page, pages, total, items: rows.map((r) => queueItem(r, reports)) };
}

function queueItem(row: moderation.QueueRow, reports: CommentReportRow[]): QueueItem {
  return {
    // A moderator reads the comment as it would appear, whatever its state.
    comment: {
      ...toView({ ...row, status: "visible" }, null),
      state: queueState(row.status),
      articleTitle: articleTitle(row.article_slug),
    },
    author: { id: row.user_id, displayName: row.display_name, banned: row.banned === 1 },
    reports: reports
      .filter((p) => p.comment_id === row.id)
      .map((p) => ({ reason: p.reason, createdAt: p.created_at })),
  };
}

function queueState(status: moderation.QueueRow["status"]): CommentView["state"] {
  return status === "visible" ? "visible" : status === "pending" ? "pending" : "hidden";
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
      if (status === "visible") await indexComment(trx, updated);
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
