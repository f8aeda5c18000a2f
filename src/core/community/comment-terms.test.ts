import { describe, expect, it } from "vitest";
import { commentTerms, expandQueryTerm, queryTerms, termPrefix } from "./comment-terms.js";

describe("comment search terms", () => {
  it("indexes distinct stems without function words, sorted", () => {
    expect(commentTerms("The knees hurt and the KNEE was swollen after running")).toEqual([
      "after",
      "hurt",
      "knee",
      "run",
      "swollen",
    ]);
  });

  it("stems a query the same way as a comment", () => {
    expect(queryTerms("Knees running")).toEqual(["knee", "run"]);
  });

  it("keys the vocabulary by the first two characters, counting code points", () => {
    expect(termPrefix("patellar")).toBe("pa");
    expect(termPrefix("😀x")).toBe("😀x");
  });

  it("expands a word to itself, its common completions and, when unknown, its near misses", () => {
    const bucket = [
      { term: "patellar", comments: 40 },
      { term: "patella", comments: 10 },
      { term: "pain", comments: 500 },
      { term: "patch", comments: 0 },
    ];
    expect(expandQueryTerm("patellar", bucket)).toEqual([{ term: "patellar", weight: 1 }]);
    expect(expandQueryTerm("patel", bucket).map((e) => e.term)).toEqual(["patellar", "patella"]);
    // One letter off for a 7-letter word; "patella" is two away.
    expect(expandQueryTerm("patelar", bucket)).toEqual([{ term: "patellar", weight: 0.7 }]);
    // A word in no live comment is not offered.
    expect(expandQueryTerm("patch", bucket)).toEqual([]);
  });
});
