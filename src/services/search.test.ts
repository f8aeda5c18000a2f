import { describe, expect, it } from "vitest";
import { loadSiteContent } from "./content.js";
import { searchSite } from "./search.js";
import type { SearchComments } from "./search.js";
import type { App } from "./app.js";

const content = loadSiteContent();
// Content search never touches the database; comment search receives the app untouched.
const app = {} as App;

const urls = async (q: string, limit = 10) =>
  (await searchSite(app, content, q, { limit })).map((r) => r.url);

describe("site search over the real content", () => {
  it("finds patellar tendinopathy first for a misspelt 'patelar tendonitis'", async () => {
    expect((await urls("patelar tendonitis"))[0]).toBe("/learn/patellar-tendinopathy");
  });

  it("puts the patellar tendinopathy article first for jumper's knee", async () => {
    expect((await urls("jumper's knee"))[0]).toBe("/learn/patellar-tendinopathy");
    expect((await urls("jumpers knee"))[0]).toBe("/learn/patellar-tendinopathy");
  });

  it("treats runner's knee as patellofemoral pain", async () => {
    expect((await urls("runner's knee"))[0]).toBe("/learn/patellofemoral-pain");
    expect((await urls("patellofemoral pain"))[0]).toBe("/learn/patellofemoral-pain");
  });

  it("treats ITB as the iliotibial band", async () => {
    expect((await urls("ITB"))[0]).toBe("/learn/iliotibial-band-syndrome");
    expect((await urls("ITB stretch")).slice(0, 5)).toContain(
      "/exercises/standing-itb-region-stretch",
    );
  });

  it("uses the synonyms in the articles' front matter", async () => {
    expect((await urls("housemaid's knee"))[0]).toBe("/learn/knee-bursitis");
    expect((await urls("PFPS"))[0]).toBe("/learn/patellofemoral-pain");
  });

  it("ranks a page titled with the words above pages that only mention them", async () => {
    expect((await urls("ice"))[0]).toBe("/learn/ice-therapy");
    expect((await urls("knee braces"))[0]).toBe("/learn/knee-braces");
    expect((await urls("step-down"))[0]).toBe("/exercises/step-down");
  });

  it("finds exercises, programmes and self-tests as well as articles", async () => {
    const kinds = new Set(
      (await searchSite(app, content, "hamstring", { limit: 50 })).map((r) => r.kind),
    );
    expect(kinds).toEqual(new Set(["condition", "article", "programme", "exercise", "self-test"]));
  });

  it("highlights the matching words in escaped snippets", async () => {
    const [first] = await searchSite(app, content, "jumper's knee", { limit: 1 });
    expect(first?.snippet).toMatch(/<mark>jumper&#39;s<\/mark> <mark>knee<\/mark>/);
    expect(first?.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });

  it("respects the limit", async () => {
    expect(await searchSite(app, content, "knee", { limit: 3 })).toHaveLength(3);
  });

  it("passes the corrected and expanded words to comment search and keeps a share of places for comments", async () => {
    let seen: Parameters<SearchComments>[1] | undefined;
    const searchComments: SearchComments = (_app, query, limit) => {
      seen = query;
      return Promise.resolve(
        Array.from({ length: limit }, (_, n) => ({
          kind: "comment" as const,
          title: `Comment ${n}`,
          url: `/community/c/${n}`,
          snippet: "",
        })),
      );
    };
    const results = await searchSite(app, content, "patelar tendonitis", {
      limit: 8,
      searchComments,
    });
    expect(seen?.text).toBe("patelar tendonitis");
    expect(seen?.terms).toEqual(expect.arrayContaining(["patellar", "tendinopathy"]));
    expect(results).toHaveLength(8);
    expect(results.filter((r) => r.kind === "comment")).toHaveLength(2);
    expect(results[0]?.url).toBe("/learn/patellar-tendinopathy");
  });
});
