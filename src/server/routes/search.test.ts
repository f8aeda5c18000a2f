import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { errorResponse } from "../../contracts/errors.js";
import { searchResponse } from "../../contracts/search.js";
import type { SearchResult } from "../../contracts/search.js";

const firstResults = new Map<string, SearchResult[]>();

for (const dialect of DIALECTS) {
  describe(`GET /api/search on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect);
    });
    afterAll(() => t.close());

    const search = async (query: string) => {
      const res = await t.server.inject(`/api/search?${query}`);
      return { status: res.statusCode, body: res.json<unknown>(), headers: res.headers };
    };

    it("answers {results: [{kind, title, url, snippet}]} for a misspelt condition, best first", async () => {
      const { status, body, headers } = await search("q=patelar%20tendonitis");
      expect(status).toBe(200);
      expect(headers["cache-control"]).toBe("no-store");
      const { results } = searchResponse.parse(body);
      expect(Object.keys(results[0] ?? {}).sort()).toEqual(["kind", "snippet", "title", "url"]);
      expect(results[0]).toMatchObject({ kind: "condition", url: "/learn/patellar-tendinopathy" });
      expect(results[0]?.snippet).toContain("<mark>");
      firstResults.set(dialect, results);
    });

    it("puts the patellar tendinopathy article first for jumper's knee", async () => {
      const { results } = searchResponse.parse((await search("q=jumper%27s%20knee")).body);
      expect(results[0]?.url).toBe("/learn/patellar-tendinopathy");
    });

    it("honours limit", async () => {
      const { results } = searchResponse.parse((await search("q=knee&limit=2")).body);
      expect(results).toHaveLength(2);
    });

    it.each([
      ["an empty query", "q=", "Type a word or two to search for."],
      ["a query of spaces", "q=%20%20%20", "Type a word or two to search for."],
      ["a missing query", "", "Give one search text in q."],
      [
        "a query over 200 characters",
        `q=${"a".repeat(201)}`,
        "Keep the search under 200 characters.",
      ],
      ["a repeated q", "q=a&q=b", "Give one search text in q."],
      ["an unknown parameter", "q=a&page=99999999", "Only q and limit may be given to search."],
      ["a zero limit", "q=a&limit=0", "limit must be at least 1."],
      ["an absurd limit", "q=a&limit=1000000000", "limit must be at most 50."],
      ["a limit that is not a number", "q=a&limit=lots", "limit must be a number."],
      ["a fractional limit", "q=a&limit=2.5", "limit must be a whole number."],
      ["control characters", "q=a%00b", "The search text contains control characters."],
    ])("refuses %s with a 400 and a clear message", async (_what, query, message) => {
      const { status, body } = await search(query);
      expect(status).toBe(400);
      const { error } = errorResponse.parse(body);
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toBe(message);
    });

    it("accepts exactly 200 characters", async () => {
      expect((await search(`q=${"knee ".repeat(40)}`)).status).toBe(200);
    });

    it("is public in multi-user mode", async () => {
      const multi = await startTestServer(dialect, { multiUser: true });
      try {
        const res = await multi.server.inject("/api/search?q=ice");
        expect(res.statusCode).toBe(200);
      } finally {
        await multi.close();
      }
    });
  });

  describe(`GET /search (the results page) on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect);
    });
    afterAll(() => t.close());

    it("lists results with highlighted snippets and keeps the query in the box", async () => {
      const res = await t.server.inject("/search?q=runner%27s+knee");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<a href="/learn/patellofemoral-pain">');
      expect(res.body).toContain("<mark>");
      expect(res.body).toContain('value="runner&#39;s knee"');
      expect(res.body).toContain('<meta name="robots" content="noindex">');
      expect(res.body).not.toMatch(/<script/i);
    });

    it("shows an empty search form for an empty query, without an error", async () => {
      const res = await t.server.inject("/search?q=");
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("<h1>Search</h1>");
      expect(res.body).not.toContain('role="alert"');
    });

    it("explains an over-long query on the page with a 400", async () => {
      const res = await t.server.inject(`/search?q=${"a".repeat(300)}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('role="alert">Keep the search under 200 characters.');
    });

    it("escapes a hostile query wherever it is shown", async () => {
      const res = await t.server.inject(
        `/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/<script/i);
      expect(res.body).toContain("&lt;script&gt;");
    });

    it("says so when nothing matches", async () => {
      const res = await t.server.inject("/search?q=qwxzv");
      expect(res.body).toContain("Nothing found for “qwxzv”");
    });
  });
}

describe("search on both dialects", () => {
  it("gives the same results on every dialect", () => {
    const all = [...firstResults.values()];
    expect(all.length).toBe(DIALECTS.length);
    for (const results of all) expect(results).toEqual(all[0]);
  });
});
