import type { ReactNode } from "react";
import type { CommentBlockView, CommentInlineView } from "../../../src/contracts/community.js";
import { dateTimeText } from "../shell/dates.js";

/**
 * A comment rendered from the server's tree of text and checked links, as React elements: no
 * innerHTML anywhere, so text is always text. Links are checked again here (http(s) only), in
 * case a client ever talks to a server that did not.
 */
function inline(node: CommentInlineView, key: number): ReactNode {
  switch (node.type) {
    case "text":
      return node.text;
    case "break":
      return <br key={key} />;
    case "code":
      return <code key={key}>{node.text}</code>;
    case "em":
      return <em key={key}>{node.children.map(inline)}</em>;
    case "strong":
      return <strong key={key}>{node.children.map(inline)}</strong>;
    case "link": {
      if (!/^https?:\/\//i.test(node.href)) return node.text;
      const showHost = node.text !== node.href && node.text !== node.host;
      return (
        <span key={key}>
          <a href={node.href} rel="nofollow ugc noopener noreferrer">
            {node.text}
          </a>
          {showHost ? <span className="link-host"> ({node.host})</span> : null}
        </span>
      );
    }
  }
}

export function CommentBody({ blocks }: { blocks: CommentBlockView[] }) {
  return (
    <div className="comment-body">
      {blocks.map((b, i) => (
        <p key={i}>{b.children.map(inline)}</p>
      ))}
    </div>
  );
}

export const formatWhen = dateTimeText;

/** Characters as the server counts them (code points), so the counter and the limit agree. */
export function charCount(text: string): number {
  return [...text.trim()].length;
}
