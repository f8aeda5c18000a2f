import { DomainError } from "../errors.js";
import { FrontMatterError, parseFrontMatter } from "./front-matter.js";
import type { FrontFlatObject, FrontMatter, FrontValue } from "./front-matter.js";

/*
 * The whole content folder as typed, cross-checked data. Pure: the caller reads the files and
 * hands their text in (src/services/content.ts), so the same checks run in the server, the CLI
 * and tests. Every problem is collected and reported at once, by file and key, because a
 * contributor fixing content wants the full list, not one error per restart.
 */

export const ARTICLE_TOPICS = ["basics", "training-errors", "biomechanics", "prevention", "conditions", "injuries", "care", "guide"] as const;
export type ArticleTopic = (typeof ARTICLE_TOPICS)[number];

export const TOPIC_LABELS: Record<ArticleTopic, string> = {
  basics: "Basics",
  "training-errors": "Training errors",
  biomechanics: "Biomechanics",
  prevention: "Prevention",
  conditions: "The common conditions",
  injuries: "Acute injuries",
  care: "Braces, supports and ice",
  guide: "Guides",
};

/** Where each tool key of an article's front matter lives in the app. */
export const TOOL_LINKS: Record<string, { url: string; label: string }> = {
  "load-guard": { url: "/training", label: "Training-load guard" },
  "shoe-tracker": { url: "/shoes", label: "Shoe tracker" },
  assessment: { url: "/assess", label: "Knee assessment" },
  "pain-diary": { url: "/pain", label: "Pain diary" },
  plan: { url: "/plan", label: "Build-up and return-to-run plans" },
  "check-in": { url: "/check-in", label: "Daily check-in" },
};

export interface Article {
  slug: string;
  title: string;
  summary: string;
  topic: ArticleTopic;
  updated: string;
  sources: string[];
  related: string[];
  tools: string[];
  condition: string | undefined;
  synonyms: string[];
  body: string;
}

export interface ExerciseDose {
  sets: number;
  reps: number | undefined;
  holdSeconds: number | undefined;
  perWeek: number;
  eachSide: boolean;
}

export interface Exercise {
  slug: string;
  title: string;
  summary: string;
  kind: "strength" | "stretch" | "mobility";
  targets: string[];
  conditions: string[];
  dose: ExerciseDose;
  easier: string;
  harder: string;
  sources: string[];
  updated: string;
  body: string;
}

export interface SelfTestResult {
  code: string;
  reading: string;
  flag: string;
}

export interface SelfTest {
  slug: string;
  title: string;
  summary: string;
  targets: string[];
  conditions: string[];
  linksTo: string[];
  results: SelfTestResult[];
  sources: string[];
  updated: string;
  body: string;
}

export interface ProgrammeStage {
  name: string;
  weeks: string;
  goal: string;
  exercises: string[];
  progressWhen: string;
}

export interface Programme {
  slug: string;
  title: string;
  summary: string;
  condition: string;
  stages: ProgrammeStage[];
  sources: string[];
  updated: string;
  body: string;
}

export interface CarePage {
  slug: string;
  title: string;
  summary: string;
  condition: string;
  ice: { minutes: number; timesPerDay: number; notes: string };
  support: { kind: string; notes: string };
  sources: string[];
  updated: string;
  body: string;
}

export interface Condition {
  code: string;
  /** The condition article's title, e.g. "Patellofemoral pain (runner's knee)". */
  name: string;
  articleSlug: string;
  programmeSlug: string | undefined;
  careSlug: string | undefined;
  synonyms: string[];
  summary: string;
}

export interface ContentCatalogue {
  articles: Article[];
  exercises: Exercise[];
  selfTests: SelfTest[];
  programmes: Programme[];
  care: CarePage[];
  conditions: Condition[];
}

export type ContentFolder = "articles" | "exercises" | "self-tests" | "programmes" | "care";

export interface ContentFile {
  folder: ContentFolder;
  /** File name, e.g. "step-down.md". */
  name: string;
  text: string;
}

class Problems {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

class Reader {
  constructor(
    readonly where: string,
    readonly meta: FrontMatter | FrontFlatObject,
    readonly problems: Problems,
  ) {}

  private value(key: string): FrontValue | undefined {
    return Object.prototype.hasOwnProperty.call(this.meta, key) ? this.meta[key] : undefined;
  }
  str(key: string): string {
    const v = this.value(key);
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    this.problems.add(this.where, `"${key}" must be a non-empty text`);
    return "";
  }
  optStr(key: string): string | undefined {
    return this.value(key) === undefined ? undefined : this.str(key);
  }
  num(key: string): number {
    const v = this.value(key);
    if (typeof v === "number" && Number.isFinite(v)) return v;
    this.problems.add(this.where, `"${key}" must be a number`);
    return 0;
  }
  optNum(key: string): number | undefined {
    return this.value(key) === undefined ? undefined : this.num(key);
  }
  bool(key: string): boolean {
    const v = this.value(key);
    if (v === undefined) return false;
    if (typeof v === "boolean") return v;
    this.problems.add(this.where, `"${key}" must be true or false`);
    return false;
  }
  list(key: string, opts: { optional?: boolean } = {}): string[] {
    const v = this.value(key);
    if (v === undefined && opts.optional) return [];
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string")) return v;
    this.problems.add(this.where, `"${key}" must be a non-empty list of texts`);
    return [];
  }
  object(key: string): Reader {
    const v = this.value(key);
    if (typeof v === "object" && !Array.isArray(v)) return new Reader(`${this.where} ${key}`, v, this.problems);
    this.problems.add(this.where, `"${key}" must be an object`);
    return new Reader(`${this.where} ${key}`, {}, this.problems);
  }
  objects(key: string): Reader[] {
    const v = this.value(key);
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "object")) {
      return v.map((o, n) => new Reader(`${this.where} ${key}[${n}]`, o, this.problems));
    }
    this.problems.add(this.where, `"${key}" must be a non-empty list of objects`);
    return [];
  }
  date(key: string): string {
    const v = this.str(key);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) this.problems.add(this.where, `"${key}" must be a YYYY-MM-DD date`);
    return v;
  }
}

/** Exercise, self-test and programme bodies open with their title as `# …`; the page supplies the h1. */
function withoutLeadingTitle(body: string): string {
  return body.replace(/^\s*# [^\n]*\n/, "");
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Parses and cross-checks every content file; throws one CONTENT_INVALID error listing all problems. */
export function buildCatalogue(files: ContentFile[]): ContentCatalogue {
  const problems = new Problems();
  const docs: { folder: ContentFolder; r: Reader; body: string; slug: string }[] = [];
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const where = `content/${file.folder}/${file.name}`;
    try {
      const { meta, body } = parseFrontMatter(file.text);
      const r = new Reader(where, meta, problems);
      const slug = r.str("slug");
      if (slug !== file.name.replace(/\.md$/, "")) problems.add(where, `slug "${slug}" must equal the file name`);
      if (!SLUG.test(slug)) problems.add(where, `slug "${slug}" must be kebab-case`);
      docs.push({ folder: file.folder, r, body, slug });
    } catch (err) {
      if (err instanceof FrontMatterError) problems.add(where, err.message);
      else throw err;
    }
  }
  const of = (folder: ContentFolder) => docs.filter((d) => d.folder === folder);
  const common = (r: Reader) => ({ title: r.str("title"), summary: r.str("summary"), sources: r.list("sources"), updated: r.date("updated") });

  const articles: Article[] = of("articles").map(({ r, body, slug }) => {
    const topic = r.str("topic");
    if (!(ARTICLE_TOPICS as readonly string[]).includes(topic)) problems.add(r.where, `unknown topic "${topic}"`);
    return {
      slug,
      ...common(r),
      topic: topic as ArticleTopic,
      related: r.list("related"),
      tools: r.list("tools"),
      condition: r.optStr("condition"),
      synonyms: r.list("synonyms", { optional: true }),
      body,
    };
  });

  const exercises: Exercise[] = of("exercises").map(({ r, body, slug }) => {
    const kind = r.str("kind");
    if (kind !== "strength" && kind !== "stretch" && kind !== "mobility") problems.add(r.where, `unknown kind "${kind}"`);
    const dose = r.object("dose");
    return {
      slug,
      ...common(r),
      kind: kind as Exercise["kind"],
      targets: r.list("targets"),
      conditions: r.list("conditions"),
      dose: { sets: dose.num("sets"), reps: dose.optNum("reps"), holdSeconds: dose.optNum("hold_s"), perWeek: dose.num("per_week"), eachSide: dose.bool("each_side") },
      easier: r.str("easier"),
      harder: r.str("harder"),
      body: withoutLeadingTitle(body),
    };
  });

  const selfTests: SelfTest[] = of("self-tests").map(({ r, body, slug }) => ({
    slug,
    ...common(r),
    targets: r.list("targets"),
    conditions: r.list("conditions"),
    linksTo: r.list("links_to"),
    results: r.objects("results").map((o) => ({ code: o.str("code"), reading: o.str("reading"), flag: o.str("flag") })),
    body: withoutLeadingTitle(body),
  }));

  const programmes: Programme[] = of("programmes").map(({ r, body, slug }) => ({
    slug,
    ...common(r),
    condition: r.str("condition"),
    stages: r.objects("stages").map((o) => ({
      name: o.str("name"),
      weeks: o.str("weeks"),
      goal: o.str("goal"),
      exercises: o.list("exercises"),
      progressWhen: o.str("progress_when"),
    })),
    body: withoutLeadingTitle(body),
  }));

  const care: CarePage[] = of("care").map(({ r, body, slug }) => {
    const ice = r.object("ice");
    const support = r.object("support");
    return {
      slug,
      ...common(r),
      condition: r.str("condition"),
      ice: { minutes: ice.num("minutes"), timesPerDay: ice.num("times_per_day"), notes: ice.str("notes") },
      support: { kind: support.str("kind"), notes: support.str("notes") },
      body: withoutLeadingTitle(body),
    };
  });

  // Cross-references: everything a page links to must exist.
  const articleSlugs = new Set(articles.map((a) => a.slug));
  const exerciseSlugs = new Set(exercises.map((e) => e.slug));
  const programmeSlugs = new Set(programmes.map((p) => p.slug));
  for (const a of articles) {
    for (const rel of a.related) if (!articleSlugs.has(rel)) problems.add(`content/articles/${a.slug}.md`, `related article "${rel}" does not exist`);
    for (const tool of a.tools) {
      if (tool.startsWith("exercises/")) {
        if (!programmeSlugs.has(tool.slice("exercises/".length))) problems.add(`content/articles/${a.slug}.md`, `tool "${tool}" names no programme`);
      } else if (TOOL_LINKS[tool] === undefined) problems.add(`content/articles/${a.slug}.md`, `unknown tool "${tool}"`);
    }
  }
  for (const p of programmes)
    for (const stage of p.stages)
      for (const e of stage.exercises) if (!exerciseSlugs.has(e)) problems.add(`content/programmes/${p.slug}.md`, `exercise "${e}" does not exist`);
  for (const t of selfTests)
    for (const e of t.linksTo) if (!exerciseSlugs.has(e)) problems.add(`content/self-tests/${t.slug}.md`, `links to missing exercise "${e}"`);

  // Exercises, self-tests and programmes share the /exercises/<slug> namespace.
  const seen = new Map<string, string>();
  for (const [folder, slugs] of [
    ["exercises", exercises.map((e) => e.slug)],
    ["self-tests", selfTests.map((t) => t.slug)],
    ["programmes", programmes.map((p) => p.slug)],
  ] as const) {
    for (const slug of slugs) {
      const other = seen.get(slug);
      if (other !== undefined) problems.add(`content/${folder}/${slug}.md`, `slug also used in content/${other}`);
      seen.set(slug, folder);
    }
  }

  const conditions: Condition[] = articles.flatMap((a) =>
    a.condition === undefined
      ? []
      : [
          {
            code: a.condition,
            name: a.title,
            articleSlug: a.slug,
            programmeSlug: programmes.find((p) => p.condition === a.condition)?.slug,
            careSlug: care.find((c) => c.condition === a.condition)?.slug,
            synonyms: a.synonyms,
            summary: a.summary,
          },
        ],
  );

  if (problems.list.length > 0) {
    throw new DomainError("CONTENT_INVALID", `The content folder has ${problems.list.length} problem(s):\n${problems.list.join("\n")}`, {
      problems: problems.list,
    });
  }
  return { articles, exercises, selfTests, programmes, care, conditions };
}
