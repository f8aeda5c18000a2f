import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { commentPlainText, parseCommentMarkdown, safeCommentUrl } from "./comment-markdown.js";

describe("the comment Markdown subset", () => {
  it("splits paragraphs on blank lines and keeps single newlines as line breaks", () => {
    expect(parseCommentMarkdown("first line\nsecond line\n\n\nnew paragraph")).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "text", text: "first line" },
          { type: "break" },
          { type: "text", text: "second line" },
        ],
      },
      { type: "paragraph", children: [{ type: "text", text: "new paragraph" }] },
    ]);
  });

  it("reads *emphasis*, **strong** and `code`", () => {
    expect(parseCommentMarkdown("a *soft* and **firm** `x < y`")[0]!.children).toEqual([
      { type: "text", text: "a " },
      { type: "em", children: [{ type: "text", text: "soft" }] },
      { type: "text", text: " and " },
      { type: "strong", children: [{ type: "text", text: "firm" }] },
      { type: "text", text: " " },
      { type: "code", text: "x < y" },
    ]);
  });

  it("leaves unmatched or spaced-out stars as text", () => {
    expect(commentPlainText(parseCommentMarkdown("5 * 3 = 15 and a lone * star"))).toBe(
      "5 * 3 = 15 and a lone * star",
    );
    expect(parseCommentMarkdown("**not closed")[0]!.children).toEqual([
      { type: "text", text: "**not closed" },
    ]);
  });

  it("honours backslash escapes", () => {
    expect(parseCommentMarkdown("\\*not emphasis\\*")[0]!.children).toEqual([
      { type: "text", text: "*not emphasis*" },
    ]);
  });

  it("turns [text](https://…) and bare http(s) URLs into links that name their host", () => {
    expect(
      parseCommentMarkdown(
        "see [the trial](https://example.org/a?b=1) or http://example.com/x.",
      )[0]!.children,
    ).toEqual([
      { type: "text", text: "see " },
      { type: "link", href: "https://example.org/a?b=1", text: "the trial", host: "example.org" },
      { type: "text", text: " or " },
      {
        type: "link",
        href: "http://example.com/x",
        text: "http://example.com/x",
        host: "example.com",
      },
      { type: "text", text: "." },
    ]);
  });

  it("keeps a closing parenthesis that belongs to the URL and drops one that closes the sentence", () => {
    const [p] = parseCommentMarkdown("(see https://en.wikipedia.org/wiki/Knee_(anatomy))");
    expect(p!.children[1]).toMatchObject({
      type: "link",
      href: "https://en.wikipedia.org/wiki/Knee_(anatomy)",
    });
    expect(p!.children[2]).toEqual({ type: "text", text: ")" });
  });

  it("refuses links that are not plain http(s) URLs", () => {
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,x",
      "ftp://x.org",
      "//evil.example",
      "https://user:pw@example.org",
      " https://x.org",
      "https://",
    ]) {
      expect(safeCommentUrl(url), url).toBeUndefined();
    }
    expect(safeCommentUrl("HTTPS://Example.ORG/path")).toEqual({
      href: "https://example.org/path",
      host: "example.org",
    });
  });

  it("never throws and never loses or invents text, whatever the input", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "*",
            "`",
            "[",
            "]",
            "(",
            ")",
            "\\",
            "h",
            "t",
            "p",
            "s",
            ":",
            "/",
            "a",
            " ",
            "\n",
            "<",
            ">",
            '"',
          ),
          maxLength: 200,
        }),
        (s) => {
          const blocks = parseCommentMarkdown(s);
          const letters = (t: string) => t.replace(/[^a-z<>"]/g, "");
          // Markup characters may be consumed; the words and any < > " are always kept.
          expect(letters(commentPlainText(blocks)).length).toBeLessThanOrEqual(letters(s).length);
          for (const b of blocks) expect(b.type).toBe("paragraph");
        },
      ),
    );
  });

  it("parses a worst-case 5,000-character comment of markup characters quickly enough to stay linear in practice", () => {
    const hostile = "*a ".repeat(1700).slice(0, 5000);
    const blocks = parseCommentMarkdown(hostile);
    expect(commentPlainText(blocks).length).toBeGreaterThan(3000);
  });
});
