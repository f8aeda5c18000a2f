/*
 * The Markdown subset comments may use, parsed into a small tree that holds only text and
 * checked links. Nothing in a comment is ever HTML: "<script>" is five characters of text.
 * The web app renders the tree as React elements (no innerHTML anywhere) and the server can
 * render it to escaped HTML (render-comment.ts); both read the same tree, so the rules about
 * what is a link live here alone.
 *
 * Supported: paragraphs (blank line), line breaks (newline), *emphasis*, **strong**, `code`,
 * [text](https://…) and bare http(s) URLs, and backslash escapes (\*). Everything else stays text.
 */

export type CommentInline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "em"; children: CommentInline[] }
  | { type: "strong"; children: CommentInline[] }
  /** `host` is shown beside the text when they differ, so a link cannot pass itself off as another site. */
  | { type: "link"; href: string; text: string; host: string }
  | { type: "break" };

export interface CommentBlock {
  type: "paragraph";
  children: CommentInline[];
}

const MAX_URL_LENGTH = 2048;
const MAX_NESTING = 3;
const ESCAPABLE = new Set(["\\", "*", "_", "`", "[", "]", "(", ")", "#", "!", "<", ">"]);
/** Characters that end a bare URL, and that a URL in a comment may never contain. */
const URL_STOP = /[\s<>"'`\\]/u;

/**
 * The normalised href of an absolute http(s) URL without credentials, or undefined. The raw
 * text must itself start with the scheme: no leading blanks, no entity-encoded or mixed forms
 * for a browser to reinterpret. The WHATWG parser then percent-encodes anything left over.
 */
export function safeCommentUrl(raw: string): { href: string; host: string } | undefined {
  if (raw.length > MAX_URL_LENGTH || !/^https?:\/\/[^/]/i.test(raw) || URL_STOP.test(raw))
    return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "")
    return undefined;
  if (url.username !== "" || url.password !== "") return undefined;
  return { href: url.href, host: url.hostname };
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/u.test(ch);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
}

/** Where the `**` closing the one opened at `from` is, or -1. */
function findStrongClose(src: string, from: number): number {
  for (let j = src.indexOf("**", from); j !== -1; j = src.indexOf("**", j + 1)) {
    if (j > from && !isSpace(src[j - 1])) return j;
  }
  return -1;
}

/** Where the lone `*` closing the one opened at `from` is, or -1. Doubled stars belong to strong. */
function findEmClose(src: string, from: number): number {
  for (let j = src.indexOf("*", from); j !== -1; j = src.indexOf("*", j + 1)) {
    if (j > from && !isSpace(src[j - 1]) && src[j - 1] !== "*" && src[j + 1] !== "*") return j;
  }
  return -1;
}

/** [text](url): the text, the url and where the link ends, when the brackets are well formed. */
function readLink(src: string, at: number): { text: string; url: string; end: number } | undefined {
  const close = src.indexOf("]", at + 1);
  if (close === -1 || src[close + 1] !== "(") return undefined;
  const text = src.slice(at + 1, close);
  if (text.trim() === "" || text.includes("[") || text.includes("\n")) return undefined;
  const end = src.indexOf(")", close + 2);
  if (end === -1) return undefined;
  return { text: text.trim(), url: src.slice(close + 2, end).trim(), end: end + 1 };
}

/** A bare URL starting at `at`, without the punctuation that usually ends a sentence. */
function readBareUrl(src: string, at: number): string {
  let end = at;
  while (end < src.length && !URL_STOP.test(src[end]!)) end++;
  let url = src.slice(at, end);
  for (;;) {
    const last = url.at(-1);
    if (last !== undefined && ".,;:!?*".includes(last)) url = url.slice(0, -1);
    else if (last === ")" && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0))
      url = url.slice(0, -1);
    else return url;
  }
}

function parseInline(src: string, depth: number): CommentInline[] {
  const out: CommentInline[] = [];
  let text = "";
  const flush = (): void => {
    if (text !== "") out.push({ type: "text", text });
    text = "";
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    const next = src[i + 1];
    if (ch === "\\" && next !== undefined && ESCAPABLE.has(next)) {
      text += next;
      i += 2;
      continue;
    }
    if (ch === "\n") {
      flush();
      out.push({ type: "break" });
      i++;
      continue;
    }
    if (ch === "`") {
      const close = src.indexOf("`", i + 1);
      if (close > i + 1) {
        flush();
        out.push({ type: "code", text: src.slice(i + 1, close).replace(/\n/g, " ") });
        i = close + 1;
        continue;
      }
    }
    if (ch === "[") {
      const link = readLink(src, i);
      const safe = link ? safeCommentUrl(link.url) : undefined;
      if (link && safe) {
        flush();
        out.push({ type: "link", href: safe.href, text: link.text, host: safe.host });
        i = link.end;
        continue;
      }
    }
    if (
      (ch === "h" || ch === "H") &&
      !isWordChar(src[i - 1]) &&
      /^https?:\/\//i.test(src.slice(i, i + 8))
    ) {
      const raw = readBareUrl(src, i);
      const safe = safeCommentUrl(raw);
      if (safe) {
        flush();
        out.push({ type: "link", href: safe.href, text: raw, host: safe.host });
        i += raw.length;
        continue;
      }
    }
    if (ch === "*" && depth < MAX_NESTING) {
      if (next === "*" && !isSpace(src[i + 2])) {
        const close = findStrongClose(src, i + 2);
        if (close !== -1) {
          flush();
          out.push({ type: "strong", children: parseInline(src.slice(i + 2, close), depth + 1) });
          i = close + 2;
          continue;
        }
      } else if (next !== "*" && !isSpace(next)) {
        const close = findEmClose(src, i + 1);
        if (close !== -1) {
          flush();
          out.push({ type: "em", children: parseInline(src.slice(i + 1, close), depth + 1) });
          i = close + 1;
          continue;
        }
      }
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

/** Parses a comment body (already validated) into paragraphs of inline nodes. */
export function parseCommentMarkdown(body: string): CommentBlock[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, "").replace(/[ \t]+\n/g, "\n"))
    .filter((p) => p.trim() !== "")
    .map((p) => ({ type: "paragraph", children: parseInline(p, 0) }));
}

/** The plain text a tree reads as, for snippets and tests. */
export function commentPlainText(blocks: CommentBlock[]): string {
  const inline = (nodes: CommentInline[]): string =>
    nodes
      .map((n) => {
        switch (n.type) {
          case "text":
          case "code":
          case "link":
            return n.text;
          case "break":
            return "\n";
          case "em":
          case "strong":
            return inline(n.children);
        }
      })
      .join("");
  return blocks.map((b) => inline(b.children)).join("\n\n");
}
