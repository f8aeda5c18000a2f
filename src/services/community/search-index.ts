import { commentTerms, termPrefix } from "../../core/community/comment-terms.js";
import { comments } from "../../store/index.js";
import type { CommentRow } from "../../store/index.js";
import type { Db } from "./db.js";

/**
 * Puts a comment's words into comment_terms / comment_vocabulary. Called in the transaction that
 * makes a comment visible; whoever makes one stop being visible calls comments.unindexCommentTerms.
 */
export async function indexComment(
  db: Db,
  row: Pick<CommentRow, "id" | "created_at" | "body">,
): Promise<void> {
  await comments.indexCommentTerms(
    db,
    row,
    commentTerms(row.body).map((term) => ({ term, prefix: termPrefix(term) })),
  );
}
