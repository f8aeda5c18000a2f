import { describe, expect, it } from "vitest";
import { analyseQuery, buildSearchIndex, searchIndex } from "./search-index.js";
import type { SearchDocument } from "./search-index.js";
import { editDistance, highlightSnippet, stem } from "./search-text.js";

function doc(overrides: Partial<SearchDocument> & { title: string; url: string }): SearchDocument {
  return { kind: "article", summary: "", synonyms: [], headings: [], body: "", ...overrides };
}

const DOCS: SearchDocument[] = [
  doc({ title: "Warming up", url: "/a/warm", body: "A short jog before the run. Tendon pain is mentioned once here: tendinopathy." }),
  doc({
    kind: "condition",
    title: "Patellar tendinopathy",
    url: "/a/pt",
    synonyms: ["jumper's knee"],
    headings: ["Symptoms"],
    body: "The tendon below the kneecap hurts. Load it slowly.",
  }),
  doc({ title: "Ice", url: "/a/ice", headings: ["Tendinopathy and ice"], body: "Cold packs for a sore knee." }),
  doc({ kind: "condition", title: "Iliotibial band syndrome", url: "/a/itb", body: "Outer knee pain that starts at the same point of each run." }),
];

describe("searchIndex", () => {
  const index = buildSearchIndex(DOCS);

  it("weighs a title match above a heading match above a body mention", () => {
    expect(searchIndex(index, "tendinopathy", 10).map((h) => h.url)).toEqual(["/a/pt", "/a/ice", "/a/warm"]);
  });

  it("finds words with a typo or two", () => {
    expect(searchIndex(index, "tendinopathyy", 1)[0]?.url).toBe("/a/pt");
    expect(searchIndex(index, "illiotibal", 1)[0]?.url).toBe("/a/itb");
    expect(searchIndex(index, "patelar", 1)[0]?.url).toBe("/a/pt");
  });

  it("does not fuzz short words into unrelated ones", () => {
    expect(searchIndex(index, "zzz", 10)).toEqual([]);
    expect(analyseQuery(index, "ic").groups[0]?.alternatives).toHaveLength(1);
  });

  it("expands built-in synonyms (ITB = iliotibial band, tendonitis = tendinopathy)", () => {
    expect(searchIndex(index, "ITB", 1)[0]?.url).toBe("/a/itb");
    expect(searchIndex(index, "tendonitis", 1)[0]?.url).toBe("/a/pt");
  });

  it("uses extra synonyms given to the index", () => {
    const withExtra = buildSearchIndex(DOCS, [["cold therapy", "ice"]]);
    expect(searchIndex(withExtra, "cold therapy", 1)[0]?.url).toBe("/a/ice");
  });

  it("ranks documents that match every word above those that match some", () => {
    const hits = searchIndex(index, "knee tendon", 10);
    expect(hits[0]?.url).toBe("/a/pt");
  });

  it("answers the same for the same query, in a stable order", () => {
    expect(searchIndex(index, "knee", 10)).toEqual(searchIndex(index, "knee", 10));
  });

  it("returns nothing for a query of only punctuation", () => {
    expect(searchIndex(index, "?!", 10)).toEqual([]);
  });

  it("highlights the matched words in the snippet and escapes the rest", () => {
    const hostile = buildSearchIndex([doc({ title: "T", url: "/t", body: 'Knee <script>alert("x")</script> pain & swelling' })]);
    const [hit] = searchIndex(hostile, "swelling", 1);
    expect(hit?.snippet).toBe("Knee &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; pain &amp; <mark>swelling</mark>");
  });
});

describe("search text helpers", () => {
  it("stems plurals and -ing/-ed forms but leaves medical endings alone", () => {
    expect(["knees", "running", "stretches", "injuries", "walked", "bursitis", "tendinitis", "press"].map(stem)).toEqual([
      "knee",
      "run",
      "stretche",
      "injury",
      "walk",
      "bursitis",
      "tendinitis",
      "press",
    ]);
  });

  it("measures edit distance with swaps counted once, and stops past the budget", () => {
    expect(editDistance("patelar", "patellar", 2)).toBe(1);
    expect(editDistance("kene", "knee", 2)).toBe(1);
    expect(editDistance("tendon", "tendinopathy", 2)).toBe(3);
  });

  it("cuts a long text around the densest matches", () => {
    const text = `${"Filler words here. ".repeat(30)}The patellar tendon hurts below the kneecap. ${"More filler. ".repeat(30)}`;
    const snippet = highlightSnippet(text, new Set(["patellar", "tendon"]), 120);
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet).toContain("<mark>patellar</mark> <mark>tendon</mark>");
    expect(snippet.replace(/<\/?mark>/g, "").length).toBeLessThanOrEqual(125);
  });
});
