import { validateCommentBody } from "../../core/community/validate-comment.js";
import { DomainError } from "../../core/errors.js";
import type { CommentView } from "../../contracts/community.js";
import { comments } from "../../store/index.js";
import type { CommentRow } from "../../store/index.js";
import type { App } from "../app.js";
import { enforceRateLimit, RATE_RULES } from "../rate-limit.js";
import { actingUser, notBanned } from "./access.js";
import { toView } from "./comment-view.js";
import type { Db } from "./db.js";
import { initialStatus } from "./held-for-review.js";
import { indexComment } from "./search-index.js";

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
    const backToReview =
      row.status === "visible" && (await initialStatus(app, trx, user)) === "pending";
    const updated = await comments.updateComment(trx, id, {
      body,
      edited_at: now.toISOString(),
      ...(backToReview ? { status: "pending" as const } : {}),
    });
    if (row.status === "visible") await comments.unindexCommentTerms(trx, id);
    if (updated.status === "visible") await indexComment(trx, updated);
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
