import { describe, expect, it } from "vitest";
import { communityArticles } from "./articles.js";

describe("communityArticles", () => {
  it("reads the article slugs and titles from content/articles", () => {
    const articles = communityArticles();
    expect(articles.get("patellar-tendinopathy")?.title).toMatch(/tendinopathy/i);
    expect(articles.has("README")).toBe(false);
  });
});
