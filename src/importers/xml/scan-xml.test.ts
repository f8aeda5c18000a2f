import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeXmlBytes } from "./decode-xml-bytes.js";
import { parseXsdDateTime } from "./parse-xsd-date-time.js";
import { scanXml } from "./scan-xml.js";
import type { XmlVisitor } from "./scan-xml.js";

type Event = ["open", string, Record<string, string>] | ["text", string] | ["close", string];

function events(xml: string): { events: Event[]; result: ReturnType<typeof scanXml> } {
  const out: Event[] = [];
  const visitor: XmlVisitor = {
    open: (name, attrs) => out.push(["open", name, { ...attrs }]),
    text: (t) => out.push(["text", t]),
    close: (name) => out.push(["close", name]),
  };
  return { events: out, result: scanXml(xml, visitor) };
}

const codes = (r: ReturnType<typeof scanXml>): string[] => r.issues.map((i) => i.code);

describe("scanXml", () => {
  it("reports local names, attributes, text and self-closing tags in document order", () => {
    const { events: ev, result } = events(
      `<?xml version="1.0"?>\n<g:root xmlns:g="urn:x" a='1' b="two"><ns3:hr>150</ns3:hr><empty/></g:root>`,
    );
    expect(result.complete).toBe(true);
    expect(result.rootName).toBe("root");
    expect(ev).toEqual([
      ["open", "root", { "xmlns:g": "urn:x", a: "1", b: "two" }],
      ["open", "hr", {}],
      ["text", "150"],
      ["close", "hr"],
      ["open", "empty", {}],
      ["close", "empty"],
      ["close", "root"],
    ]);
  });

  it("decodes the predefined entities and character references in text and attributes", () => {
    const { events: ev } = events(`<r t="a&amp;b&#x41;">&lt;&gt;&quot;&apos;&#233;&#x1F3C3;</r>`);
    expect(ev[0]).toEqual(["open", "r", { t: "a&bA" }]);
    expect(ev[1]).toEqual(["text", `<>"'é🏃`]);
  });

  it("passes CDATA through raw and skips comments inside nodes", () => {
    const { events: ev, result } = events(
      `<r><a><![CDATA[<b>&amp;]]></a><b>1<!-- note -->2</b></r>`,
    );
    expect(result.issues).toEqual([]);
    expect(ev).toContainEqual(["text", "<b>&amp;"]);
    expect(ev.filter((e) => e[0] === "text").map((e) => e[1])).toEqual(["<b>&amp;", "1", "2"]);
  });

  it("never expands a billion-laughs entity bomb and warns about the skipped DTD", () => {
    const decl = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++)
      decl.push(`<!ENTITY lol${i} "${`&lol${i - 1 === 0 ? "" : i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ${decl.join("\n ")}\n]>\n<lolz>&lol9;</lolz>`;
    const { events: ev, result } = events(xml);
    expect(ev).toContainEqual(["text", "&lol9;"]);
    expect(codes(result)).toEqual(["XML_DTD_IGNORED", "XML_UNKNOWN_ENTITY"]);
    expect(result.issues[0]?.severity).toBe("warning");
    expect(result.complete).toBe(true);
  });

  it("never resolves an external entity", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"> <!-- a '> --> ]><r>&xxe;</r>`;
    const { events: ev, result } = events(xml);
    expect(ev).toEqual([
      ["open", "r", {}],
      ["text", "&xxe;"],
      ["close", "r"],
    ]);
    expect(JSON.stringify(ev)).not.toContain("root:");
    expect(codes(result)).toContain("XML_DTD_IGNORED");
  });

  it("reports a cut-short file with the line where it ends", () => {
    const { result } = events(`<a>\n<b>\n<c>12</c>\n`);
    expect(result.complete).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: "XML_TRUNCATED", at: "line 4", severity: "error" }),
    ]);
    const cut = events(`<a>\n<b x="1`);
    expect(codes(cut.result)).toEqual(["XML_TRUNCATED"]);
  });

  it("reports mismatched tags as malformed with their line", () => {
    const { result } = events(`<a>\n <b>\n </c>\n</a>`);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: "XML_MALFORMED", at: "line 3" }),
    ]);
    expect(result.issues[0]?.message).toContain("</c>");
  });

  it("rejects text that is not XML and empty input without throwing", () => {
    expect(codes(events("hello").result)).toEqual(["XML_NOT_XML"]);
    expect(codes(events("   ").result)).toEqual(["XML_EMPTY"]);
    expect(codes(events("<!-- only a comment -->").result)).toEqual(["XML_EMPTY"]);
  });

  it("never lets an attribute named __proto__ reach an object's prototype", () => {
    const { events: ev } = events(`<r __proto__="x" a="1"/>`);
    const attrs = ev[0]?.[2] as Record<string, string>;
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(attrs).toEqual({ a: "1" });
  });

  it("never throws on arbitrary strings, and always ends with a verdict", () => {
    const visitor: XmlVisitor = { open: () => {}, text: () => {}, close: () => {} };
    const xmlish = fc.stringMatching(/^[<>/!?[\]a-z="' &#;x0-9:-]*$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), xmlish, fc.string({ unit: "binary" })), (s) => {
        const r = scanXml(s, visitor);
        expect(r.complete || r.issues.some((i) => i.severity === "error")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("treats random bytes as not XML", () => {
    let seed = 42;
    const bytes = new Uint8Array(64 * 1024).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    const r = scanXml(decodeXmlBytes(bytes), { open: () => {}, text: () => {}, close: () => {} });
    expect(r.complete).toBe(false);
    expect(r.issues[0]?.severity).toBe("error");
  });
});

describe("decodeXmlBytes", () => {
  it("drops a UTF-8 BOM and honours a declared Latin-1 encoding", () => {
    expect(decodeXmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]))).toBe("<a/>");
    const latin = new TextEncoder().encode(`<?xml version="1.0" encoding="ISO-8859-1"?><n>X</n>`);
    latin[latin.length - 5] = 0xe9;
    expect(decodeXmlBytes(latin)).toContain("<n>é</n>");
  });
});

describe("parseXsdDateTime", () => {
  it("reads UTC, offsets, fractions, missing seconds and pre-epoch years", () => {
    expect(parseXsdDateTime("2024-03-01T06:30:00Z")).toEqual({
      ms: Date.UTC(2024, 2, 1, 6, 30),
      offsetMin: 0,
    });
    expect(parseXsdDateTime("2020-12-27T15:43:49.000+01:00")).toEqual({
      ms: Date.UTC(2020, 11, 27, 14, 43, 49),
      offsetMin: 60,
    });
    expect(parseXsdDateTime("2015-12-11T14:43Z")?.ms).toBe(Date.UTC(2015, 11, 11, 14, 43));
    expect(new Date(parseXsdDateTime("1901-12-13T20:45:52.2073437Z")?.ms ?? 0).toISOString()).toBe(
      "1901-12-13T20:45:52.207Z",
    );
    expect(parseXsdDateTime("2022-11-12T15:58:25.849800+00:00")?.ms).toBe(
      Date.UTC(2022, 10, 12, 15, 58, 25, 849),
    );
    expect(parseXsdDateTime("0050-01-01T00:00:00Z")?.ms).toBe(
      new Date("0050-01-01T00:00:00Z").getTime(),
    );
  });
  it("treats a time with no zone as UTC, not machine-local", () => {
    expect(parseXsdDateTime("2013-01-01T12:00:04")).toEqual({
      ms: Date.UTC(2013, 0, 1, 12, 0, 4),
      offsetMin: null,
    });
  });
  it("rejects values that are not times", () => {
    for (const bad of [
      "",
      "undefined",
      "2020-02-31T00:00:00Z",
      "2020-13-01T00:00:00Z",
      "2020-01-01T00:00:00+1",
      "2020-01-01",
    ]) {
      expect(parseXsdDateTime(bad)).toBeNull();
    }
  });
});
