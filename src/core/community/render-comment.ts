import { escapeHtml } from "../content/escape-html.js";
import { parseCommentMarkdown } from "./comment-markdown.js";
import type { CommentBlock, CommentInline } from "./comment-markdown.js";

/** Every link a comment renders carries this: no ranking credit for spam, no window.opener. */
export const COMMENT_LINK_REL = "nofollow ugc noopener";

function inlineHtml(node: CommentInline): string {
  switch (node.type) {
    case "text":
      return escapeHtml(node.text);
    case "break":
      return "<br>";
    case "code":
      return `<code>${escapeHtml(node.text)}</code>`;
    case "em":
      return `<em>${node.children.map(inlineHtml).join("")}</em>`;
    case "strong":
      return `<strong>${node.children.map(inlineHtml).join("")}</strong>`;
    case "link": {
      const a = `<a href="${escapeHtml(node.href)}" rel="${COMMENT_LINK_REL}">${escapeHtml(node.text)}</a>`;
      return node.text === node.href || node.text === node.host
        ? a
        : `${a} <span class="link-host">(${escapeHtml(node.host)})</span>`;
    }
  }
}

export function renderCommentBlocks(blocks: CommentBlock[]): string {
  return blocks.map((b) => `<p>${b.children.map(inlineHtml).join("")}</p>`).join("\n");
}

/**
 * A comment body as sanitised HTML: only <p>, <br>, <em>, <strong>, <code>, <span class="link-host">
 * and <a href="http(s)://…" rel="nofollow ugc noopener"> are ever produced, and every piece of
 * text is escaped. Pure, so server-rendered pages and tests use exactly this.
 */
export function renderCommentHtml(body: string): string {
  return renderCommentBlocks(parseCommentMarkdown(body));
}
