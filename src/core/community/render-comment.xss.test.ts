import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCommentMarkdown } from "./comment-markdown.js";
import type { CommentInline } from "./comment-markdown.js";
import { renderCommentHtml } from "./render-comment.js";

/*
 * The XSS corpus: hostile comment bodies, each run through the parser (what the web app renders
 * as React elements) and the HTML renderer (what server pages would print). Whatever goes in,
 * only the tags and attributes below come out, every link is http(s), and all other text is
 * escaped. Payloads collected from the usual cheat sheets: raw tags, event handlers, script
 * URLs in every spelling, entity-encoded forms and Markdown link tricks.
 */
const CORPUS: string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<<script>script>alert(1)<</script>/script>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "<iframe srcdoc='<script>alert(1)</script>'>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<object data="javascript:alert(1)">',
  "<embed src=javascript:alert(1)>",
  "<body onload=alert(1)>",
  "<style>@import 'javascript:alert(1)'</style>",
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript://">',
  "<form action=javascript:alert(1)><button>go</button></form>",
  '<a href="javascript:alert(1)">x</a>',
  "<a href=https://example.org onclick=alert(1)>x</a>",
  "javascript:alert(1)",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click]( javascript:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](&#x6A;avascript&#58;alert(1))",
  "[click](%6Aavascript:alert(1))",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;img src=x onerror=alert(1)&#62;",
  '[x](https://example.org" onmouseover="alert(1))',
  "[x](https://example.org'onmouseover='alert(1))",
  '[x](https://example.org "title" onclick=alert(1))',
  "[<img src=x onerror=alert(1)>](https://example.org)",
  "[x](https://example.org/<script>)",
  'https://example.org/"><script>alert(1)</script>',
  "https://example.org/?q=<svg/onload=alert(1)>",
  "[x](//evil.example)",
  "[x](https://user:pass@evil.example)",
  "[x](https://evil.example\\@good.example)",
  "![img](javascript:alert(1))",
  "**<img src=x onerror=alert(1)>**",
  "*<svg onload=alert(1)>*",
  "`<script>alert(1)</script>`",
  '"onmouseover="alert(1)',
  "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "https://example.org/javascript:alert(1)",
];

const ALLOWED_TAG = [
  /^<(p|br|em|strong|code)>$/,
  /^<\/(p|em|strong|code|a|span)>$/,
  /^<a href="[^"<>\s]*" rel="nofollow ugc noopener">$/,
  /^<span class="link-host">$/,
];

function unescapeAttr(v: string): string {
  return v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Fails with the offending piece when the HTML holds anything but the allowed markup. */
function assertSafeHtml(html: string, input: string): void {
  for (const tag of html.match(/<[^>]*>?/g) ?? []) {
    expect(
      ALLOWED_TAG.some((re) => re.test(tag)),
      `tag ${tag} from ${JSON.stringify(input)}`,
    ).toBe(true);
    const href = /^<a href="([^"]*)"/.exec(tag)?.[1];
    if (href !== undefined) {
      const url = new URL(unescapeAttr(href));
      expect(["http:", "https:"], `href ${href}`).toContain(url.protocol);
    }
  }
  const text = html.replace(/<[^>]*>/g, "");
  expect(text, `text of ${JSON.stringify(input)}`).not.toMatch(/[<>"]/);
}

function assertSafeTree(input: string): void {
  const visit = (n: CommentInline): void => {
    if (n.type === "link") {
      expect(n.href).toMatch(/^https?:\/\/[^\s"'<>`]+$/);
      expect(new URL(n.href).protocol).toMatch(/^https?:$/);
    }
    if (n.type === "em" || n.type === "strong") n.children.forEach(visit);
  };
  for (const block of parseCommentMarkdown(input)) block.children.forEach(visit);
}

describe("XSS corpus", () => {
  it("holds at least thirty hostile payloads", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
  });

  for (const payload of CORPUS) {
    it(`renders ${JSON.stringify(payload)} as inert text and safe links only`, () => {
      const html = renderCommentHtml(payload);
      assertSafeHtml(html, payload);
      assertSafeTree(payload);
      // Nothing executable: no handler attribute and no script-like URL survives as markup.
      expect(html).not.toMatch(/<[^>]*\son\w+=/i);
      expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    });
  }

  it("shows a script tag to the reader as the text it is", () => {
    expect(renderCommentHtml("<script>alert(1)</script>")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    );
  });

  it("shows entity-encoded text literally instead of decoding it", () => {
    expect(renderCommentHtml("&lt;b&gt;")).toBe("<p>&amp;lt;b&amp;gt;</p>");
  });

  it("quotes in a link URL are percent-encoded or the link is refused, never let out of the attribute", () => {
    const html = renderCommentHtml('[x](https://example.org/a"b)');
    expect(html).not.toContain('a"b');
    assertSafeHtml(html, "quote");
  });

  it("names the real host beside a link whose text names another", () => {
    expect(renderCommentHtml("[https://bank.example](https://evil.example/login)")).toBe(
      '<p><a href="https://evil.example/login" rel="nofollow ugc noopener">https://bank.example</a> <span class="link-host">(evil.example)</span></p>',
    );
  });

  it("keeps every generated input safe (property)", () => {
    const piece = fc.constantFrom(
      "<",
      ">",
      '"',
      "'",
      "&",
      "*",
      "**",
      "`",
      "[",
      "](",
      ")",
      "\\",
      "\n",
      "\n\n",
      " ",
      "javascript:",
      "https://",
      "http://",
      "example.org",
      "onerror=",
      "<script>",
      "&#106;",
      "data:",
      "@",
      "/",
      "x",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const input = parts.join("");
        assertSafeHtml(renderCommentHtml(input), input);
        assertSafeTree(input);
      }),
      { numRuns: 500 },
    );
  });
});
