import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { markdownSections, renderMarkdown } from "./markdown.js";
import { safeHref } from "./safe-url.js";

const ALLOWED_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "pre", "code", "strong", "em", "a", "table", "thead", "tbody", "tr", "th", "td", "div", "hr"]);
const ALLOWED_ATTRIBUTES = new Set(["href", "id", "rel", "class", "scope", "start"]);

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/**
 * The safety invariant of rendered Markdown, checked the way a browser would read it: only
 * known tags, only known attributes (so no on* handlers and no style), every attribute value
 * quoted, and every link target http(s), mailto or relative.
 */
function expectSafeHtml(html: string): void {
  // Anything that starts a tag must be one of ours; escaped text contains no raw "<".
  for (const m of html.matchAll(/<(\/?)([^\s>/]*)/g)) expect(ALLOWED_TAGS, `tag <${m[2]}> in ${html}`).toContain((m[2] ?? "").toLowerCase());
  for (const tag of html.matchAll(/<[a-z0-9]+((?:\s+[^\s=>]+="[^"]*")*)\s*>/gi)) {
    for (const attr of (tag[1] ?? "").matchAll(/([^\s=]+)="([^"]*)"/g)) {
      const name = (attr[1] ?? "").toLowerCase();
      expect(ALLOWED_ATTRIBUTES, `attribute ${name} in ${html}`).toContain(name);
      if (name === "href") {
        const href = decodeAttribute(attr[2] ?? "");
        expect(href, html).toMatch(/^(https?:|mailto:|\/(?!\/)|#|\.{1,2}\/|[^:/?#]*(?:[/?#]|$))/i);
        expect(safeHref(href), html).toBe(href);
      }
    }
  }
  // Every "<" that opens a tag is a whole well-formed tag (no half-open tag for a browser to repair).
  const stripped = html.replace(/<\/?[a-z0-9]+(?:\s+[a-z-]+="[^"<>]*")*\s*>/gi, "");
  expect(stripped, html).not.toMatch(/[<>]/);
}

describe("renderMarkdown: the dialect", () => {
  it("renders headings with unique ids, paragraphs, emphasis and code", () => {
    const { html, headings } = renderMarkdown("## When to see a clinician\n\nSome **bold**, *em*, _em too_ and `a < b`.\n\n## When to see a clinician");
    expect(html).toContain('<h2 id="when-to-see-a-clinician">When to see a clinician</h2>');
    expect(html).toContain('<h2 id="when-to-see-a-clinician-2">');
    expect(html).toContain("<p>Some <strong>bold</strong>, <em>em</em>, <em>em too</em> and <code>a &lt; b</code>.</p>");
    expect(headings.map((h) => h.id)).toEqual(["when-to-see-a-clinician", "when-to-see-a-clinician-2"]);
  });

  it("keeps underscores inside words and lone asterisks as text", () => {
    expect(renderMarkdown("snake_case_word and 3 * 4 = 12").html).toBe("<p>snake_case_word and 3 * 4 = 12</p>");
  });

  it("renders ordered lists with continuation lines, nested lists and tight items", () => {
    const { html } = renderMarkdown("1. First step\n   continues here.\n2. Second\n   - nested a\n   - nested b\n\nAfter.");
    expect(html).toBe("<ol><li>First step continues here.</li><li>Second\n<ul><li>nested a</li><li>nested b</li></ul></li></ol>\n<p>After.</p>");
  });

  it("renders a list that starts at another number", () => {
    expect(renderMarkdown("3. three\n4. four").html).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
  });

  it("renders blockquotes, fenced code, rules and tables", () => {
    const { html } = renderMarkdown("> quoted **text**\n\n```\n<b>raw</b>\n```\n\n---\n\n| a | b |\n|---|:-:|\n| [x](/learn/x) | 2 \\| 3 |");
    expect(html).toContain("<blockquote><p>quoted <strong>text</strong></p></blockquote>");
    expect(html).toContain("<pre><code>&lt;b&gt;raw&lt;/b&gt;</code></pre>");
    expect(html).toContain("<hr>");
    expect(html).toContain('<th scope="col">a</th>');
    expect(html).toContain('<td><a href="/learn/x">x</a></td><td>2 | 3</td>');
  });

  it("links relative, http(s) and mailto targets, and marks external links noopener", () => {
    const { html } = renderMarkdown("[a](/learn/a) [b](https://example.org/x?y=1&z=2) [c](mailto:me@example.org) [d](#top) [e](../care/x.md)");
    expect(html).toContain('<a href="/learn/a">a</a>');
    expect(html).toContain('<a href="https://example.org/x?y=1&amp;z=2" rel="noopener noreferrer nofollow">b</a>');
    expect(html).toContain('<a href="mailto:me@example.org" rel="noopener noreferrer nofollow">c</a>');
    expect(html).toContain('<a href="#top">d</a>');
    expect(html).toContain('<a href="../care/x.md">e</a>');
  });

  it("rewrites links through resolveLink and offsets headings for embedded documents", () => {
    const { html } = renderMarkdown("## Ice\n\n[p](../programmes/x.md)", {
      headingOffset: 1,
      idPrefix: "care-",
      resolveLink: (href) => href.replace(/^\.\.\/programmes\/(.*)\.md$/, "/exercises/$1"),
    });
    expect(html).toBe('<h3 id="care-ice">Ice</h3>\n<p><a href="/exercises/x">p</a></p>');
  });

  it("renders images as their alt text only", () => {
    expect(renderMarkdown("![a knee](/knee.png)").html).toBe("<p>a knee</p>");
  });

  it("splits a document into heading sections of plain text", () => {
    expect(markdownSections("Intro **bold**.\n\n## Symptoms\n\n- pain [here](/x)\n\n## Sources\n\n- A 2020")).toEqual([
      { heading: undefined, text: "Intro bold." },
      { heading: "Symptoms", text: "pain here" },
      { heading: "Sources", text: "A 2020" },
    ]);
  });
});

/** Hostile inputs: raw HTML, event handlers, script URLs in every spelling, and Markdown that tries to build markup. */
const XSS_CORPUS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  '<img src=x onerror="alert(1)">',
  "<img src=x onerror=alert(1)//",
  '<svg onload="alert(1)"><circle/></svg>',
  "<iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">x</a>',
  "<details open ontoggle=alert(1)>",
  "<style>body{background:url(javascript:alert(1))}</style>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](\u0001javascript:alert(1))",
  "[click](  javascript:alert(1)  )",
  "[click](<javascript:alert(1)>)",
  "[click](javascript&#58;alert(1))",
  "[click](javascript&colon;alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](DATA:text/html,<script>alert(1)</script>)",
  "[click](file:///etc/passwd)",
  "[click](//evil.example)",
  "[click](\\\\evil.example)",
  '[click](/ok" onmouseover="alert(1))',
  "[click](/ok'onmouseover='alert(1))",
  '[x](https://example.org "title" onclick="alert(1)")',
  "![x](javascript:alert(1))",
  '![x" onerror="alert(1)](/a.png)',
  "[<img src=x onerror=alert(1)>](/learn/x)",
  "[[nested](javascript:alert(1))](/ok)",
  "[a](/ok)[b](javascript:alert(1))",
  "**<script>**alert(1)**</script>**",
  "*[x](javascript:alert(1))*",
  "`<script>alert(1)</script>`",
  "```\n</code></pre><script>alert(1)</script>\n```",
  "> <script>alert(1)</script>\n> [x](javascript:alert(1))",
  "- <b onmouseover=alert(1)>x</b>\n  - [y](javascript:alert(1))",
  "| <script> | [x](javascript:alert(1)) |\n|---|---|\n| <img src=x onerror=alert(1)> | `</td><script>` |",
  "## <img src=x onerror=alert(1)>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "\\<script\\>alert(1)\\</script\\>",
  "<!-- comment --><script>alert(1)</script>",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "[x](https://example.org/\"><script>alert(1)</script>)",
  "[x](/a\u2028b) [y](/a\u0000b)",
  `${"[".repeat(200)}x${"]".repeat(200)}(javascript:alert(1))`,
  `${"> ".repeat(100)}<script>deep</script>`,
  `${"*".repeat(500)}x${"_".repeat(500)}`,
];

describe("renderMarkdown: nothing executable survives (XSS corpus)", () => {
  it.each(XSS_CORPUS.map((input) => [input.slice(0, 60), input]))("%s", (_label, input) => {
    const { html } = renderMarkdown(input);
    expectSafeHtml(html);
    expect(html.toLowerCase()).not.toMatch(/href="\s*(javascript|vbscript|data|file):/);
    expect(html.toLowerCase()).not.toContain("<script");
    expect(html.toLowerCase()).not.toContain("<img");
  });

  it("prints raw HTML as visible text", () => {
    expect(renderMarkdown("<script>alert(1)</script>").html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("keeps the text of a refused link", () => {
    expect(renderMarkdown("[click me](javascript:alert(1))").html).toBe("<p>click me</p>");
  });

  it("holds for any mix of Markdown and HTML punctuation (property)", () => {
    const pieces = fc.constantFrom("<", ">", "\"", "'", "&", "[", "]", "(", ")", "*", "_", "`", "\\", "!", "#", "|", "-", ">", "\n", " ", "a", "1.", "javascript:", "data:", "on", "=", "script", "img", "//", ":", "\t", "\u0000");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        expectSafeHtml(renderMarkdown(parts.join("")).html);
      }),
      { numRuns: 500 },
    );
  });
});

describe("safeHref", () => {
  it.each([
    ["https://example.org", "https://example.org"],
    ["/learn/a", "/learn/a"],
    ["../care/x.md", "../care/x.md"],
    ["mailto:a@b.c", "mailto:a@b.c"],
    ["page#x", "page#x"],
    ["javascript:alert(1)", undefined],
    [" j a v a s c r i p t :alert(1)", undefined],
    ["data:text/html,x", undefined],
    ["//evil.example", undefined],
    ["", undefined],
  ])("%s → %s", (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
