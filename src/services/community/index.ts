/*
 * Comments ("share your experience") under every article, with reports and moderation.
 *
 * - Who: signed-in people; in single-user mode, the local owner. A commenter is shown by the
 *   display name they chose, never by email (access.ts, comment-view.ts).
 * - Held for review: in multi-user mode a runner's comments wait for a moderator until three of
 *   theirs have been approved (moderators and admins are trusted). Single-user mode shows at once
 *   (held-for-review.ts).
 * - Replies are one level deep: a reply to a reply joins the same top-level comment (posting.ts).
 * - Deleting is soft: the body is cleared and a deleted comment with live replies stays as a
 *   "comment deleted" placeholder, so the replies keep their context (editing.ts).
 * - Spam: per-user rate limits in the database (../rate-limit.ts) and a honeypot field.
 * - Search: visible comments are indexed into comment_terms / comment_vocabulary in the same
 *   transaction that makes them visible, and taken out when they stop being visible
 *   (search-index.ts, search.ts).
 */
export { communityArticles } from "./articles.js";
export { HELD_UNTIL_APPROVED } from "./held-for-review.js";
export { listRecent, listThread } from "./threads.js";
export { postComment } from "./posting.js";
export type { PostCommentInput } from "./posting.js";
export { deleteComment, editComment } from "./editing.js";
export { reportComment } from "./reports.js";
export { moderateComment, moderationQueue } from "./moderation.js";
export { banUser, unbanUser } from "./bans.js";
export { searchComments, searchCommentsForSite } from "./search.js";
export type { CommentSearchHit } from "./search.js";
