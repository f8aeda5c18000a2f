import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultContentDir, loadSiteContent } from "./content.js";
import { REPO_ROOT } from "../../test/paths.js";

function countMarkdown(folder: string): number {
  return fs
    .readdirSync(path.join(REPO_ROOT, "content", folder))
    .filter((f) => f.endsWith(".md") && f !== "README.md").length;
}

describe("loadSiteContent", () => {
  const { catalogue } = loadSiteContent();

  it("finds content/ beside package.json", () => {
    expect(defaultContentDir()).toBe(path.join(REPO_ROOT, "content"));
  });

  it("loads every file of every content folder, and not the contributors' README", () => {
    expect(catalogue.articles).toHaveLength(countMarkdown("articles"));
    expect(catalogue.exercises).toHaveLength(countMarkdown("exercises"));
    expect(catalogue.selfTests).toHaveLength(countMarkdown("self-tests"));
    expect(catalogue.programmes).toHaveLength(countMarkdown("programmes"));
    expect(catalogue.care).toHaveLength(countMarkdown("care"));
    expect(catalogue.articles.map((a) => a.slug)).not.toContain("README");
  });

  it("derives one condition per condition article, with its programme and care page", () => {
    expect(catalogue.conditions.map((c) => c.code).sort()).toEqual([
      "bursitis",
      "distal_hamstring_tendinopathy",
      "iliotibial_band_syndrome",
      "patellar_tendinopathy",
      "patellofemoral_pain",
    ]);
    for (const c of catalogue.conditions) {
      expect(c.programmeSlug, c.code).toBeDefined();
      expect(c.careSlug, c.code).toBeDefined();
    }
  });

  it("drops the leading # title of exercise bodies, since the page supplies the h1", () => {
    for (const x of catalogue.exercises) expect(x.body, x.slug).not.toMatch(/^\s*# /);
  });

  it("reports every problem of broken content at once, by file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-content-"));
    try {
      for (const folder of ["articles", "exercises", "self-tests", "programmes", "care"])
        fs.mkdirSync(path.join(dir, folder));
      fs.writeFileSync(path.join(dir, "articles", "README.md"), "Not an article.");
      fs.writeFileSync(
        path.join(dir, "articles", "a.md"),
        "---\ntitle: A\nsummary: S\nslug: wrong\ntopic: nonsense\nupdated: 2026-1-1\nsources:\n  - X\nrelated:\n  - missing\ntools:\n  - teleport\n---\nBody",
      );
      fs.writeFileSync(path.join(dir, "exercises", "b.md"), "no front matter");
      let message = "";
      try {
        loadSiteContent(dir);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toContain('content/articles/a.md: slug "wrong" must equal the file name');
      expect(message).toContain('unknown topic "nonsense"');
      expect(message).toContain('"updated" must be a YYYY-MM-DD date');
      expect(message).toContain('related article "missing" does not exist');
      expect(message).toContain('unknown tool "teleport"');
      expect(message).toContain("content/exercises/b.md: file must start with a --- line");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
