import { randomUUID } from "node:crypto";
import { validateCommentBody } from "../../core/community/validate-comment.js";
import { DomainError } from "../../core/errors.js";
import type { PostCommentResponse } from "../../contracts/community.js";
import { comments } from "../../store/index.js";
import type { App } from "../app.js";
import { enforceRateLimit, RATE_RULES } from "../rate-limit.js";
import { actingUser, notBanned } from "./access.js";
import { articleOrThrow } from "./articles.js";
import { toView } from "./comment-view.js";
import type { Db } from "./db.js";
import { initialStatus } from "./held-for-review.js";
import { indexComment } from "./search-index.js";

export interface PostCommentInput {
  body: string;
  parentId?: string | undefined;
  /** The honeypot field. */
  website?: string | undefined;
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
    const parentId =
      input.parentId === undefined ? null : await replyParentId(trx, slug, input.parentId);
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
    if (status === "visible") await indexComment(trx, row);
    return { state: status, comment: toView({ ...row, display_name: user.display_name }, user.id) };
  });
}

/**
 * The top-level comment a reply joins: replies are one level deep, so a reply to a reply joins
 * its parent's thread. The comment replied to must be visible and under the same article.
 */
async function replyParentId(trx: Db, slug: string, repliedTo: string): Promise<string> {
  const parent = await comments.findComment(trx, repliedTo);
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
  return parent.parent_id ?? parent.id;
}
