import { parseCommentMarkdown } from "../../core/community/comment-markdown.js";
import type { CommentView } from "../../contracts/community.js";
import type { CommentRow } from "../../store/index.js";

function stateOf(row: CommentRow, viewerId: string | null): CommentView["state"] {
  if (row.deleted_at !== null) return "deleted";
  if (row.status === "hidden") return "hidden";
  if (row.status === "pending") return row.user_id === viewerId ? "pending" : "hidden";
  return "visible";
}

/** What a viewer sees of a comment: placeholders carry no author and no text. */
export function toView(
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
