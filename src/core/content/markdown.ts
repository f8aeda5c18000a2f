import { escapeHtml } from "./escape-html.js";
import { isExternalHref, safeHref } from "./safe-url.js";

/*
 * A small, safe Markdown dialect for content and user text: ATX headings, paragraphs, emphasis,
 * inline code, links, ordered and unordered lists (nested by indentation), blockquotes, fenced
 * code, tables and rules. There is no raw HTML: every character of the source is text, so
 * `<script>` prints as "<script>". Links keep only http(s), mailto and relative targets
 * (safe-url.ts). Nesting is capped so hostile input cannot recurse without end.
 */

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: number; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Block[][]; tight: boolean }
  | { type: "quote"; blocks: Block[] }
  | { type: "code"; text: string }
  | { type: "table"; head: Inline[][]; rows: Inline[][][] }
  | { type: "rule" };

const MAX_BLOCK_DEPTH = 6;
const MAX_INLINE_DEPTH = 6;

// ---------------------------------------------------------------- inline

const ESCAPABLE = new Set("\\`*_{}[]()#+-.!|<>~\"'");

function pushText(out: Inline[], text: string): void {
  const last = out[out.length - 1];
  if (last?.type === "text") last.text += text;
  else out.push({ type: "text", text });
}

/** Finds the `]` closing the `[` at `open`, skipping escapes and nested brackets. */
function closingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "`") {
      const end = s.indexOf("`", i + 1);
      if (end > 0) i = end;
    } else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i;
  }
  return -1;
}

/** Finds the `)` ending a link destination that starts after `(` at `open`, allowing balanced parentheses. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
    else if (c === "\n") return -1;
  }
  return -1;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Finds the closing delimiter for emphasis; it must not be preceded by whitespace. */
function closingDelimiter(s: string, from: number, delim: string): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "`") {
      const end = s.indexOf("`", i + 1);
      if (end > 0) i = end;
      continue;
    }
    if (s.startsWith(delim, i) && i > from && !/\s/.test(s[i - 1] ?? "")) {
      if (delim.length === 1 && s[i + 1] === delim) {
        i++;
        continue;
      }
      if (delim === "_" && isWordChar(s[i + 1])) continue;
      return i;
    }
  }
  return -1;
}

export function parseInline(source: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  const s = source;
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? "";
    if (c === "\\" && i + 1 < s.length && ESCAPABLE.has(s[i + 1] ?? "")) {
      pushText(out, s[i + 1] ?? "");
      i += 2;
      continue;
    }
    if (c === "`") {
      let run = 1;
      while (s[i + run] === "`") run++;
      const fence = "`".repeat(run);
      const end = s.indexOf(fence, i + run);
      if (end > 0) {
        out.push({ type: "code", text: s.slice(i + run, end).replace(/\n/g, " ").trim() });
        i = end + run;
        continue;
      }
      pushText(out, fence);
      i += run;
      continue;
    }
    const image = c === "!" && s[i + 1] === "[";
    if ((c === "[" || image) && depth < MAX_INLINE_DEPTH) {
      const open = image ? i + 1 : i;
      const close = closingBracket(s, open);
      if (close > 0 && s[close + 1] === "(") {
        const end = closingParen(s, close + 1);
        if (end > 0) {
          const label = s.slice(open + 1, close);
          const dest = s.slice(close + 2, end).trim().split(/\s+/)[0] ?? "";
          // Images are not part of the dialect: their alt text stands in their place.
          if (image || inLink) out.push(...parseInline(label, depth + 1, true));
          else out.push({ type: "link", href: dest.replace(/^<(.*)>$/, "$1"), children: parseInline(label, depth + 1, true) });
          i = end + 1;
          continue;
        }
      }
    }
    if ((c === "*" || c === "_") && depth < MAX_INLINE_DEPTH) {
      const strong = s[i + 1] === c;
      const delim = strong ? c + c : c;
      const after = s[i + delim.length];
      const leftFlanking = after !== undefined && !/\s/.test(after);
      const intraword = c === "_" && isWordChar(s[i - 1]);
      if (leftFlanking && !intraword) {
        const end = closingDelimiter(s, i + delim.length, delim);
        if (end > 0) {
          const children = parseInline(s.slice(i + delim.length, end), depth + 1, inLink);
          out.push(strong ? { type: "strong", children } : { type: "em", children });
          i = end + delim.length;
          continue;
        }
      }
      pushText(out, delim);
      i += delim.length;
      continue;
    }
    pushText(out, c);
    i++;
  }
  return out;
}

// ---------------------------------------------------------------- blocks

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BULLET = /^( {0,3})([-*+])[ \t]+(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const TABLE_SEPARATOR = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === "";
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c === "\\" && row[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (c === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

function startsBlock(line: string): boolean {
  return HEADING.test(line) || FENCE.test(line) || QUOTE.test(line) || RULE.test(line) || BULLET.test(line) || ORDERED.test(line);
}

export function parseBlocks(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? "```";
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? "").trimStart().startsWith(marker)) body.push(lines[i++] ?? "");
      i++;
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: (heading[1] ?? "#").length, children: parseInline(heading[2] ?? "") });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !isBlank(lines[i])) {
        const m = QUOTE.exec(lines[i] ?? "");
        inner.push(m ? (m[1] ?? "") : (lines[i] ?? ""));
        i++;
      }
      if (depth < MAX_BLOCK_DEPTH) blocks.push({ type: "quote", blocks: parseBlocks(inner.join("\n"), depth + 1) });
      else blocks.push({ type: "paragraph", children: parseInline(inner.join("\n")) });
      continue;
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      const [list, next] = parseList(lines, i, depth);
      blocks.push(list);
      i = next;
      continue;
    }
    if (line.includes("|") && TABLE_SEPARATOR.test(lines[i + 1] ?? "") && (lines[i + 1] ?? "").includes("-")) {
      const head = splitRow(line).map((cell) => parseInline(cell));
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && !isBlank(lines[i]) && (lines[i] ?? "").includes("|")) {
        const cells = splitRow(lines[i] ?? "");
        rows.push(head.map((_, n) => parseInline(cells[n] ?? "")));
        i++;
      }
      blocks.push({ type: "table", head, rows });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && (para.length === 0 || !startsBlock(lines[i] ?? ""))) {
      para.push((lines[i] ?? "").trim());
      i++;
    }
    blocks.push({ type: "paragraph", children: parseInline(para.join("\n")) });
  }
  return blocks;
}

function parseList(lines: string[], from: number, depth: number): [Block, number] {
  const first = lines[from] ?? "";
  const orderedMatch = ORDERED.exec(first);
  const ordered = orderedMatch !== null;
  const marker = ordered ? ORDERED : BULLET;
  const start = orderedMatch ? Number(orderedMatch[2]) : 1;
  const items: string[][] = [];
  let tight = true;
  let i = from;
  while (i < lines.length) {
    const m = marker.exec(lines[i] ?? "");
    if (!m) break;
    const contentIndent = (m[0].length - (m[3] ?? "").length);
    const item = [m[3] ?? ""];
    i++;
    let sawBlank = false;
    while (i < lines.length) {
      const line = lines[i] ?? "";
      if (isBlank(line)) {
        sawBlank = true;
        item.push("");
        i++;
        continue;
      }
      const indent = line.length - line.trimStart().length;
      if (indent >= Math.min(contentIndent, 4) || indent >= 2) {
        item.push(line.slice(Math.min(indent, contentIndent)));
        sawBlank = false;
        i++;
        continue;
      }
      // A line that is not indented continues the paragraph ("lazy" continuation) unless it starts a block.
      if (!sawBlank && !startsBlock(line)) {
        item.push(line.trim());
        i++;
        continue;
      }
      break;
    }
    while (item.length > 0 && item[item.length - 1] === "") item.pop();
    if (item.includes("")) tight = false;
    items.push(item);
    if (sawBlank && !marker.test(lines[i] ?? "")) break;
    if (sawBlank) tight = false;
  }
  const parsed = items.map((item) =>
    depth < MAX_BLOCK_DEPTH ? parseBlocks(item.join("\n"), depth + 1) : [{ type: "paragraph" as const, children: parseInline(item.join("\n")) }],
  );
  return [{ type: "list", ordered, start, items: parsed, tight }, i];
}

// ---------------------------------------------------------------- rendering

export interface RenderOptions {
  /** Added to every heading level (an embedded document's `##` becomes `<h3>` with 1). */
  headingOffset?: number;
  /** Rewrites a link target before the safety check, e.g. a content file path to its page URL. */
  resolveLink?: (href: string) => string;
  /** Prefix for heading ids, so two documents on one page cannot collide. */
  idPrefix?: string;
  /** Whether headings get ids and can be linked to (off for user comments). */
  headingIds?: boolean;
}

export interface RenderedHeading {
  level: number;
  text: string;
  id: string;
}

export interface RenderedMarkdown {
  html: string;
  headings: RenderedHeading[];
}

export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === "text" || n.type === "code" ? n.text : inlineText(n.children))).join("");
}

/** A heading's id: lower-case words joined by hyphens ("When to see a clinician" → "when-to-see-a-clinician"). */
export function slugifyHeading(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "section" : slug;
}

function renderInline(nodes: Inline[], opts: RenderOptions): string {
  let html = "";
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        html += escapeHtml(node.text).replace(/\n/g, " ");
        break;
      case "code":
        html += `<code>${escapeHtml(node.text)}</code>`;
        break;
      case "strong":
        html += `<strong>${renderInline(node.children, opts)}</strong>`;
        break;
      case "em":
        html += `<em>${renderInline(node.children, opts)}</em>`;
        break;
      case "link": {
        const href = safeHref(opts.resolveLink ? opts.resolveLink(node.href) : node.href);
        const inner = renderInline(node.children, opts);
        if (href === undefined) html += inner;
        else {
          const rel = isExternalHref(href) ? ' rel="noopener noreferrer nofollow"' : "";
          html += `<a href="${escapeHtml(href)}"${rel}>${inner}</a>`;
        }
        break;
      }
    }
  }
  return html;
}

/** Renders Markdown to HTML in which nothing from the source can become markup or script. */
export function renderMarkdown(source: string, opts: RenderOptions = {}): RenderedMarkdown {
  const headings: RenderedHeading[] = [];
  const used = new Set<string>();
  const offset = opts.headingOffset ?? 0;
  const withIds = opts.headingIds ?? true;

  const renderBlocks = (blocks: Block[], tight: boolean): string =>
    blocks
      .map((block) => {
        switch (block.type) {
          case "heading": {
            const level = Math.min(6, block.level + offset);
            const text = inlineText(block.children).trim();
            if (!withIds) return `<h${level}>${renderInline(block.children, opts)}</h${level}>`;
            const base = `${opts.idPrefix ?? ""}${slugifyHeading(text)}`;
            let id = base;
            for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
            used.add(id);
            headings.push({ level, text, id });
            return `<h${level} id="${escapeHtml(id)}">${renderInline(block.children, opts)}</h${level}>`;
          }
          case "paragraph": {
            const inner = renderInline(block.children, opts);
            return tight ? inner : `<p>${inner}</p>`;
          }
          case "list": {
            const tag = block.ordered ? "ol" : "ul";
            const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : "";
            const items = block.items.map((item) => `<li>${renderBlocks(item, block.tight)}</li>`).join("");
            return `<${tag}${start}>${items}</${tag}>`;
          }
          case "quote":
            return `<blockquote>${renderBlocks(block.blocks, false)}</blockquote>`;
          case "code":
            return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
          case "table": {
            const head = block.head.map((cell) => `<th scope="col">${renderInline(cell, opts)}</th>`).join("");
            const rows = block.rows.map((row) => `<tr>${row.map((cell) => `<td>${renderInline(cell, opts)}</td>`).join("")}</tr>`).join("");
            return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
          }
          case "rule":
            return "<hr>";
        }
      })
      .join("\n");

  const html = renderBlocks(parseBlocks(source), false);
  return { html, headings };
}

/** The text of a Markdown document split by heading, for search indexing and snippets. */
export function markdownSections(source: string): { heading: string | undefined; text: string }[] {
  const sections: { heading: string | undefined; text: string[] }[] = [{ heading: undefined, text: [] }];
  const collect = (blocks: Block[]): void => {
    for (const block of blocks) {
      switch (block.type) {
        case "heading":
          sections.push({ heading: inlineText(block.children).trim(), text: [] });
          break;
        case "paragraph":
          sections[sections.length - 1]?.text.push(inlineText(block.children).replace(/\s+/g, " ").trim());
          break;
        case "list":
          for (const item of block.items) collect(item);
          break;
        case "quote":
          collect(block.blocks);
          break;
        case "code":
          sections[sections.length - 1]?.text.push(block.text);
          break;
        case "table":
          for (const row of [block.head, ...block.rows]) sections[sections.length - 1]?.text.push(row.map(inlineText).join(". "));
          break;
        case "rule":
          break;
      }
    }
  };
  collect(parseBlocks(source));
  return sections
    .map((s) => ({ heading: s.heading, text: s.text.filter((t) => t !== "").join(" ") }))
    .filter((s) => s.heading !== undefined || s.text !== "");
}
