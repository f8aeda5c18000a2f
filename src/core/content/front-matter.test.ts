import { describe, expect, it } from "vitest";
import { FrontMatterError, parseFrontMatter } from "./front-matter.js";

describe("parseFrontMatter", () => {
  it("reads scalars, quoted values, numbers, booleans, block and inline lists, objects and lists of objects", () => {
    const { meta, body } = parseFrontMatter(
      [
        "---",
        'title: "Running shoes: choosing"',
        "alt: 'single quoted'",
        "plain: A: b",
        "n: 3",
        "ratio: -0.5",
        "flag: true",
        "off: false",
        "date: 2026-11-25",
        "tags:",
        "  - x",
        "  - runner's knee",
        "inline: [a, b, 3]",
        "dose:",
        "  sets: 3",
        '  weeks: "1-2"',
        "stages:",
        "  - name: One",
        "    exercises: [a, b]",
        "  - name: Two",
        "---",
        "# Body",
        "",
        "text",
      ].join("\n"),
    );
    expect(meta).toEqual({
      title: "Running shoes: choosing",
      alt: "single quoted",
      plain: "A: b",
      n: 3,
      ratio: -0.5,
      flag: true,
      off: false,
      date: "2026-11-25",
      tags: ["x", "runner's knee"],
      inline: ["a", "b", 3],
      dose: { sets: 3, weeks: "1-2" },
      stages: [{ name: "One", exercises: ["a", "b"] }, { name: "Two" }],
    });
    expect(body).toBe("# Body\n\ntext");
  });

  it("accepts Windows line endings and a byte-order mark", () => {
    const { meta, body } = parseFrontMatter("\uFEFF---\r\ntitle: T\r\nlist:\r\n  - a\r\n---\r\nBody");
    expect(meta).toEqual({ title: "T", list: ["a"] });
    expect(body).toBe("Body");
  });

  it.each([
    ["no front matter", "no front matter"],
    ["an unclosed block", "---\ntitle: T\n"],
    ["objects nested deeper than one level", "---\na:\n  b:\n    c: 1\n---\n"],
    ["a duplicate key", "---\na: 1\na: 2\n---\n"],
    ["a duplicate key inside an object", "---\na:\n  b: 1\n  b: 2\n---\n"],
    ["a key with no value", "---\na:\nb: 1\n---\n"],
    ["a tab", "---\na:\n\t- x\n---\n"],
    ["a list mixing values and objects", "---\na:\n  - x\n  - k: v\n---\n"],
    ["a nested inline list", "---\na: [[1], 2]\n---\n"],
    ["a line that is not key: value", "---\njust words\n---\n"],
    ["indentation at the top level", "---\n  a: 1\n---\n"],
    ["a __proto__ key", "---\n__proto__: x\n---\n"],
    ["a __proto__ key inside a list of objects", "---\na:\n  - __proto__: x\n---\n"],
  ])("refuses %s with a CONTENT_INVALID error", (_what, text) => {
    expect(() => parseFrontMatter(text)).toThrow(FrontMatterError);
    try {
      parseFrontMatter(text);
    } catch (err) {
      expect((err as FrontMatterError).code).toBe("CONTENT_INVALID");
    }
  });

  it("does not let a key named like an Object property slip past the duplicate check", () => {
    expect(parseFrontMatter("---\nconstructor: x\ntoString: y\n---\n").meta).toEqual({ constructor: "x", toString: "y" });
    expect(() => parseFrontMatter("---\nconstructor: x\nconstructor: y\n---\n")).toThrow(/duplicate/);
  });
});
