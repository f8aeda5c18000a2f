import { describe, it, expect } from "vitest";
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, SHARED_DIR } from "./paths.js";
import { parseFrontMatter as parseContentFile } from "../src/core/content/front-matter.js";

const execFileAsync = promisify(execFile);
const ARTICLES_DIR = path.join(REPO_ROOT, "content", "articles");
const PROGRAMMES_DIR = path.join(REPO_ROOT, "content", "programmes");

type FrontMatterValue = string | string[];
interface Article {
  file: string;
  data: Map<string, FrontMatterValue>;
  body: string;
}

/**
 * The front-matter format of content/articles/README.md: `key: value` lines and block lists of
 * `  - item`, read with the app's own parser (src/core/content/front-matter.ts). Articles use
 * only texts and lists of texts; anything richer is an error here, so a contributor who reaches
 * for richer YAML learns that the article pages will not understand it.
 */
function parseFrontMatter(
  file: string,
  text: string,
): { data: Map<string, FrontMatterValue>; body: string } {
  const { meta, body } = parseContentFile(text);
  const data = new Map<string, FrontMatterValue>();
  for (const [key, value] of Object.entries(meta)) {
    if (typeof value === "string") data.set(key, value);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) data.set(key, value);
    else throw new Error(`${file}: "${key}" must be a text or a list of texts`);
  }
  return { data, body };
}

function loadArticles(): Article[] {
  return readdirSync(ARTICLES_DIR)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .sort()
    .map((file) => {
      const { data, body } = parseFrontMatter(
        file,
        readFileSync(path.join(ARTICLES_DIR, file), "utf8"),
      );
      return { file, data, body };
    });
}

function scalar(article: Article, key: string): string {
  const v = article.data.get(key);
  if (typeof v !== "string") throw new Error(`${article.file}: "${key}" must be a single value`);
  return v;
}

function list(article: Article, key: string): string[] {
  const v = article.data.get(key);
  if (!Array.isArray(v)) throw new Error(`${article.file}: "${key}" must be a list`);
  return v;
}

const SCALAR_KEYS = ["title", "summary", "slug", "topic", "updated"];
const LIST_KEYS = ["sources", "related", "tools"];
const CONDITION_KEYS = ["condition", "synonyms"];
const TOPICS = new Set([
  "basics",
  "training-errors",
  "biomechanics",
  "prevention",
  "conditions",
  "injuries",
  "care",
  "guide",
]);
const CONDITION_CODES = [
  "patellofemoral_pain",
  "iliotibial_band_syndrome",
  "patellar_tendinopathy",
  "distal_hamstring_tendinopathy",
  "bursitis",
];
/** Where each tool lives in the app; an article that names a tool must link to it. */
const TOOL_URLS: Record<string, string> = {
  "load-guard": "/training",
  "shoe-tracker": "/shoes",
  assessment: "/assess",
  "pain-diary": "/pain",
  plan: "/plan",
  "check-in": "/check-in",
};
/** Every topic of the source article, as issue 6 lists them. */
const REQUIRED_SLUGS = [
  "why-running-loads-the-knee",
  "training-errors",
  "too-much-too-soon",
  "ten-percent-rule",
  "hills-and-downhill",
  "speed-work",
  "surfaces",
  "footwear",
  "varied-training",
  "overtraining",
  "acute-chronic-load",
  "foot-types",
  "over-pronation-and-supination",
  "muscle-weakness-and-tightness",
  "warm-up-and-cool-down",
  "knee-supports",
  "ice-therapy",
  "patellofemoral-pain",
  "iliotibial-band-syndrome",
  "patellar-tendinopathy",
  "distal-hamstring-tendinopathy",
  "knee-bursitis",
  "acute-knee-injuries",
  "exercise-guide",
  "knee-braces",
  "which-condition-is-it",
];

const articles = loadArticles();
const slugs = new Set(articles.map((a) => a.file.replace(/\.md$/, "")));

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

function headings(body: string): string[] {
  return [...body.matchAll(/^## (.+)$/gm)].map((m) => (m[1] ?? "").trim());
}

describe("knowledge-base articles", () => {
  it("loads every article but not the contributors' README", () => {
    expect(articles.length).toBeGreaterThanOrEqual(REQUIRED_SLUGS.length);
    expect(slugs.has("README")).toBe(false);
    const readme = readFileSync(path.join(ARTICLES_DIR, "README.md"), "utf8");
    expect(readme.startsWith("---")).toBe(false);
  });

  it("covers every topic of the source article", () => {
    const missing = REQUIRED_SLUGS.filter((s) => !slugs.has(s));
    expect(missing).toEqual([]);
  });

  it("gives each condition code to exactly one article", () => {
    const codes = articles.flatMap((a) =>
      a.data.has("condition") ? [scalar(a, "condition")] : [],
    );
    for (const code of CONDITION_CODES) {
      expect(
        codes.filter((c) => c === code),
        code,
      ).toHaveLength(1);
    }
    expect(codes.filter((c) => !CONDITION_CODES.includes(c))).toEqual([]);
  });

  it("points every exercises/<slug> tool at a programme that exists in content/programmes", () => {
    const programmes = new Set(
      readdirSync(PROGRAMMES_DIR)
        .filter((f) => f.endsWith(".md") && f !== "README.md")
        .map((f) => f.replace(/\.md$/, "")),
    );
    const named = articles.flatMap((a) =>
      list(a, "tools")
        .filter((t) => t.startsWith("exercises/"))
        .map((t) => t.slice("exercises/".length)),
    );
    expect(named.length).toBeGreaterThan(0);
    expect([...new Set(named)].filter((slug) => !programmes.has(slug))).toEqual([]);
  });

  describe.each(articles.map((a) => [a.file, a] as const))("%s", (file, article) => {
    const slug = file.replace(/\.md$/, "");

    it("has every required key and no unknown ones", () => {
      for (const key of SCALAR_KEYS) expect(scalar(article, key).length, key).toBeGreaterThan(0);
      for (const key of LIST_KEYS) expect(Array.isArray(article.data.get(key)), key).toBe(true);
      const known = new Set([...SCALAR_KEYS, ...LIST_KEYS, ...CONDITION_KEYS]);
      expect([...article.data.keys()].filter((k) => !known.has(k))).toEqual([]);
    });

    it("has a slug equal to its file name", () => {
      expect(scalar(article, "slug")).toBe(slug);
      expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it("has a summary short enough for a meta description", () => {
      const summary = scalar(article, "summary");
      expect(summary.length).toBeGreaterThanOrEqual(50);
      expect(summary.length).toBeLessThanOrEqual(160);
    });

    it("has a known topic and a real ISO date", () => {
      expect(TOPICS.has(scalar(article, "topic"))).toBe(true);
      const updated = scalar(article, "updated");
      expect(updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${updated}T00:00:00Z`).toISOString().slice(0, 10)).toBe(updated);
    });

    it("cites at least one source and lists them in a closing Sources section", () => {
      const sources = list(article, "sources");
      expect(sources.length).toBeGreaterThan(0);
      const hs = headings(article.body);
      expect(hs.at(-1)).toBe("Sources");
      const section = article.body.slice(article.body.lastIndexOf("## Sources"));
      const items = section.split("\n").filter((l) => l.startsWith("- "));
      expect(items.length).toBe(sources.length);
    });

    it("relates only to articles that exist", () => {
      const related = list(article, "related");
      expect(related.length).toBeGreaterThan(0);
      expect(related.filter((r) => !slugs.has(r))).toEqual([]);
      expect(related).not.toContain(slug);
    });

    it("links in its text to every tool it names", () => {
      const tools = list(article, "tools");
      expect(tools.length).toBeGreaterThan(0);
      for (const tool of tools) {
        const url = tool.startsWith("exercises/") ? `/${tool}` : TOOL_URLS[tool];
        expect(url, `unknown tool ${tool}`).toBeDefined();
        if (tool.startsWith("exercises/"))
          expect(tool).toMatch(/^exercises\/[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(article.body, `${tool} is listed but never linked`).toContain(`](${url})`);
      }
    });

    it("links only to articles that exist", () => {
      const targets = [...article.body.matchAll(/\]\(\/learn\/([^)#\s]+)\)/g)].map(
        (m) => m[1] ?? "",
      );
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter((t) => !slugs.has(t))).toEqual([]);
    });

    it("is 300 to 900 words under H2 headings, with no H1 of its own", () => {
      const words = wordCount(article.body);
      expect(words).toBeGreaterThanOrEqual(300);
      expect(words).toBeLessThanOrEqual(900);
      expect(headings(article.body).length).toBeGreaterThanOrEqual(3);
      expect(article.body).not.toMatch(/^# /m);
    });

    it("tells the reader when to see a clinician", () => {
      expect(article.body.toLowerCase()).toMatch(/clinician|doctor|emergency/);
    });

    if (article.data.has("condition")) {
      it("as a condition article, has synonyms, an exercise program and the sections runners look for", () => {
        expect(scalar(article, "topic")).toBe("conditions");
        expect(list(article, "synonyms").length).toBeGreaterThan(0);
        expect(list(article, "tools").some((t) => t.startsWith("exercises/"))).toBe(true);
        const hs = headings(article.body).map((h) => h.toLowerCase());
        for (const section of [
          "symptoms",
          "causes",
          "self-care",
          "exercises",
          "when to see a clinician",
        ]) {
          const stem = section === "causes" ? "cause" : section;
          expect(
            hs.some((h) => h.includes(stem)),
            `a "${section}" heading`,
          ).toBe(true);
        }
      });
    } else {
      it("has no condition-only keys", () => {
        expect(article.data.has("synonyms")).toBe(false);
      });
    }
  });
});

describe("seed-copy guard", () => {
  it("finds no sentence of the source article repeated anywhere in the repository", async () => {
    const tool = path.join(SHARED_DIR, "tools", "check-seed-copy.mjs");
    const run = await execFileAsync(process.execPath, [tool, REPO_ROOT]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (err: { code?: number; stdout?: string }) => ({
        code: err.code ?? -1,
        out: err.stdout ?? "",
      }),
    );
    expect(run.out).toContain("no line repeats the article's wording");
    expect(run.code).toBe(0);
  }, 60_000);
});
