import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, SHARED_DIR } from "./paths.js";
import { FrontMatterError, parseFrontMatter } from "../src/core/content/front-matter.js";
import type { FrontFlatObject, FrontMatter } from "../src/core/content/front-matter.js";

/*
 * The exercise library, self-tests, programmes, care pages and foot types are Markdown with a
 * deliberately small front-matter dialect, so that any loader (server, web build, CLI) can read it
 * with a few lines of code and no YAML dependency: `key: value` scalars, `- ` lists of scalars,
 * inline `[a, b]` lists, one level of nested objects, and lists of flat objects (2-space indent).
 * The parser is the app's own (src/core/content/front-matter.ts), so these checks read the
 * content exactly as the server does.
 */

type FlatObject = FrontFlatObject;

interface ContentDoc {
  file: string;
  meta: FrontMatter;
  body: string;
}

// ---- typed accessors: fail with the file and key so a content author sees what to fix ----

function str(doc: { file: string; meta: FrontMatter | FlatObject }, key: string): string {
  const value = doc.meta[key];
  if (typeof value !== "string" || value.trim() === "")
    throw new Error(`${doc.file}: ${key} must be a non-empty string`);
  return value;
}
function num(doc: { file: string; meta: FrontMatter | FlatObject }, key: string): number {
  const value = doc.meta[key];
  if (typeof value !== "number") throw new Error(`${doc.file}: ${key} must be a number`);
  return value;
}
function strList(doc: { file: string; meta: FrontMatter | FlatObject }, key: string): string[] {
  const value = doc.meta[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
    throw new Error(`${doc.file}: ${key} must be a non-empty list of strings`);
  }
  return value;
}
function obj(doc: ContentDoc, key: string): { file: string; meta: FlatObject } {
  const value = doc.meta[key];
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${doc.file}: ${key} must be an object`);
  }
  return { file: `${doc.file} ${key}`, meta: value };
}
function objList(doc: ContentDoc, key: string): { file: string; meta: FlatObject }[] {
  const value = doc.meta[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "object")) {
    throw new Error(`${doc.file}: ${key} must be a non-empty list of objects`);
  }
  return value.map((meta, n) => ({ file: `${doc.file} ${key}[${n}]`, meta }));
}

// ---- the vocabulary the app relies on ----

/** Condition code → programme and care slug. `bursitis` covers the assessment's three bursa codes. */
const CONDITION_SLUGS: Record<string, string> = {
  patellofemoral_pain: "patellofemoral-pain",
  iliotibial_band_syndrome: "iliotibial-band-syndrome",
  patellar_tendinopathy: "patellar-tendinopathy",
  distal_hamstring_tendinopathy: "distal-hamstring-tendinopathy",
  bursitis: "knee-bursitis",
};
const CONDITIONS = Object.keys(CONDITION_SLUGS);
const EXERCISE_TARGETS = [
  "hip_abductors",
  "hip_adductors",
  "glutes",
  "quadriceps",
  "hamstrings",
  "calves",
  "core",
  "hip_flexors",
  "itb_region",
];
const SELF_TEST_TARGETS = [...EXERCISE_TARGETS, "feet"];
const FOOT_TYPES = ["normal", "flat", "high_arched", "over_pronating", "over_supinating"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const CONTENT_DIR = path.join(REPO_ROOT, "content");

function loadDir(folder: string): ContentDoc[] {
  const dir = path.join(CONTENT_DIR, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => {
      const file = `content/${folder}/${f}`;
      try {
        return { file, ...parseFrontMatter(readFileSync(path.join(dir, f), "utf8")) };
      } catch (err) {
        throw new Error(`${file}: ${(err as Error).message}`);
      }
    });
}

const exercises = loadDir("exercises");
const selfTests = loadDir("self-tests");
const allProgrammes = loadDir("programmes");
/** The general strength programme (condition "general") that build-up plans use for healthy runners. */
const generalProgrammes = allProgrammes.filter((d) => d.meta.condition === "general");
const programmes = allProgrammes.filter((d) => d.meta.condition !== "general");
const care = loadDir("care");
const profile = loadDir("profile");
const exerciseSlugs = new Set(exercises.map((d) => str(d, "slug")));
const selfTestSlugs = new Set(selfTests.map((d) => str(d, "slug")));

/** Checks the keys every content page shares; the slug must match the file so links resolve. */
function expectCommonKeys(doc: ContentDoc): void {
  str(doc, "title");
  expect(str(doc, "slug"), doc.file).toBe(path.basename(doc.file, ".md"));
  expect(str(doc, "summary").length, `${doc.file}: summary length`).toBeLessThanOrEqual(160);
  expect(strList(doc, "sources").length).toBeGreaterThan(0);
  expect(str(doc, "updated"), `${doc.file}: updated`).toMatch(ISO_DATE);
}

describe("front-matter parser", () => {
  it("reads scalars, lists, nested objects and lists of flat objects", () => {
    const { meta, body } = parseFrontMatter(
      [
        "---",
        "title: A: b",
        "n: 3",
        "tags:",
        "  - x",
        "  - y",
        "dose:",
        "  sets: 3",
        '  weeks: "1-2"',
        "stages:",
        "  - name: One",
        "    exercises: [a, b]",
        "  - name: Two",
        "---",
        "Body",
      ].join("\n"),
    );
    expect(meta).toEqual({
      title: "A: b",
      n: 3,
      tags: ["x", "y"],
      dose: { sets: 3, weeks: "1-2" },
      stages: [{ name: "One", exercises: ["a", "b"] }, { name: "Two" }],
    });
    expect(body).toBe("Body");
  });

  it("rejects structures deeper than the dialect allows", () => {
    expect(() => parseFrontMatter("---\na:\n  b:\n    c: 1\n---\n")).toThrow(FrontMatterError);
    expect(() => parseFrontMatter("---\na: 1\na: 2\n---\n")).toThrow(/duplicate/);
    expect(() => parseFrontMatter("no front matter")).toThrow(FrontMatterError);
  });
});

describe("exercise library", () => {
  it("has between 20 and 30 exercises", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(20);
    expect(exercises.length).toBeLessThanOrEqual(30);
  });

  it.each(exercises.map((d) => [d.file, d] as const))(
    "%s has the required keys and a usable dose",
    (_f, doc) => {
      expectCommonKeys(doc);
      expect(["strength", "stretch", "mobility"]).toContain(str(doc, "kind"));
      str(doc, "easier");
      str(doc, "harder");
      const dose = obj(doc, "dose");
      expect(num(dose, "sets")).toBeGreaterThan(0);
      const perWeek = num(dose, "per_week");
      expect(perWeek).toBeGreaterThanOrEqual(1);
      expect(perWeek).toBeLessThanOrEqual(7);
      const hasReps = typeof dose.meta.reps === "number" && dose.meta.reps > 0;
      const hasHold = typeof dose.meta.hold_s === "number" && dose.meta.hold_s > 0;
      expect(hasReps || hasHold, `${doc.file}: dose needs reps or hold_s`).toBe(true);
    },
  );

  it.each(exercises.map((d) => [d.file, d] as const))(
    "%s names at least one known target and condition",
    (_f, doc) => {
      for (const t of strList(doc, "targets")) expect(EXERCISE_TARGETS, doc.file).toContain(t);
      for (const c of strList(doc, "conditions")) expect(CONDITIONS, doc.file).toContain(c);
    },
  );

  it.each(exercises.map((d) => [d.file, d] as const))(
    "%s explains steps, feel, mistakes and when to stop",
    (_f, doc) => {
      for (const heading of [
        "## How to do it",
        "## What you should feel",
        "## Common mistakes",
        "## When to stop",
      ]) {
        expect(doc.body, `${doc.file}: ${heading}`).toContain(heading);
      }
      expect(doc.body, `${doc.file}: numbered steps`).toMatch(/^1\. [\s\S]*?^2\. /m);
    },
  );

  it("covers every muscle group the issue asks for", () => {
    const covered = new Set(exercises.flatMap((d) => strList(d, "targets")));
    for (const t of [
      "hip_abductors",
      "glutes",
      "quadriceps",
      "hamstrings",
      "calves",
      "core",
      "hip_flexors",
      "itb_region",
    ]) {
      expect(covered, t).toContain(t);
    }
    const stretched = new Set(
      exercises.filter((d) => str(d, "kind") !== "strength").flatMap((d) => strList(d, "targets")),
    );
    for (const t of ["itb_region", "hip_flexors", "quadriceps", "hamstrings"])
      expect(stretched, `stretch for ${t}`).toContain(t);
  });

  it("gives the pain-monitoring thresholds on every strength exercise", () => {
    for (const doc of exercises.filter((d) => str(d, "kind") === "strength")) {
      expect(doc.body, doc.file).toMatch(/0-2/);
      expect(doc.body, doc.file).toMatch(/3-5/);
      expect(doc.body, doc.file).toMatch(/[Aa]bove 5/);
    }
  });
});

describe("self-tests", () => {
  it("include the Thomas, Ober, 90/90 hamstring and Ely tests and two foot-type checks", () => {
    for (const slug of [
      "thomas-test",
      "ober-test",
      "ninety-ninety-hamstring-test",
      "ely-test",
      "wet-footprint-test",
      "shoe-wear-pattern",
    ]) {
      expect(selfTestSlugs).toContain(slug);
    }
  });

  it.each(selfTests.map((d) => [d.file, d] as const))(
    "%s is complete and links only to existing exercises",
    (_f, doc) => {
      expectCommonKeys(doc);
      expect(str(doc, "kind")).toBe("test");
      for (const t of strList(doc, "targets")) expect(SELF_TEST_TARGETS).toContain(t);
      for (const c of strList(doc, "conditions")) expect(CONDITIONS).toContain(c);
      for (const slug of strList(doc, "links_to"))
        expect(exerciseSlugs, `${doc.file} links to ${slug}`).toContain(slug);
      for (const heading of ["## How to do it", "## How to read it", "## What it links to"])
        expect(doc.body, heading).toContain(heading);
    },
  );

  it.each(selfTests.map((d) => [d.file, d] as const))(
    "%s maps each result to a profile value the app understands",
    (_f, doc) => {
      const field = str(doc, "profile_field");
      expect(["tight_muscles", "foot_type"]).toContain(field);
      const results = objList(doc, "results");
      expect(results.length).toBeGreaterThanOrEqual(2);
      const allowed = field === "foot_type" ? FOOT_TYPES : ["none", ...EXERCISE_TARGETS];
      for (const r of results) {
        str(r, "code");
        str(r, "reading");
        expect(allowed, r.file).toContain(str(r, "flag"));
      }
    },
  );

  it("offers, for every tightness a test can find, a linked exercise that targets it", () => {
    for (const doc of selfTests.filter((d) => str(d, "profile_field") === "tight_muscles")) {
      const linkedTargets = new Set(
        exercises
          .filter((e) => strList(doc, "links_to").includes(str(e, "slug")))
          .flatMap((e) => strList(e, "targets")),
      );
      for (const r of objList(doc, "results")) {
        const flag = str(r, "flag");
        if (flag !== "none") expect(linkedTargets, `${doc.file}: ${flag}`).toContain(flag);
      }
    }
  });
});

describe("programmes", () => {
  it("exist for every condition, one file each", () => {
    const byCondition = new Map(programmes.map((d) => [str(d, "condition"), str(d, "slug")]));
    for (const [code, slug] of Object.entries(CONDITION_SLUGS))
      expect(byCondition.get(code), code).toBe(slug);
    expect(programmes).toHaveLength(CONDITIONS.length);
  });

  it.each(programmes.map((d) => [d.file, d] as const))(
    "%s has well-formed stages of existing exercises",
    (_f, doc) => {
      expectCommonKeys(doc);
      strList(doc, "assessment_codes");
      const stages = objList(doc, "stages");
      expect(stages.length).toBeGreaterThanOrEqual(3);
      for (const stage of stages) {
        str(stage, "name");
        str(stage, "goal");
        str(stage, "progress_when");
        expect(str(stage, "weeks"), stage.file).toMatch(/^\d+-\d+\+?$/);
        for (const slug of strList(stage, "exercises"))
          expect(exerciseSlugs, `${stage.file} uses ${slug}`).toContain(slug);
      }
    },
  );

  it.each(programmes.map((d) => [d.file, d] as const))(
    "%s uses only exercises that list its condition",
    (_f, doc) => {
      const condition = str(doc, "condition");
      for (const stage of objList(doc, "stages")) {
        for (const slug of strList(stage, "exercises")) {
          const exercise = exercises.find((e) => e.meta.slug === slug);
          expect(
            exercise && strList(exercise, "conditions"),
            `${slug} should list ${condition}`,
          ).toContain(condition);
        }
      }
    },
  );

  it("stage weeks start at week 1 and never go backwards", () => {
    for (const doc of programmes) {
      const starts = objList(doc, "stages").map((s) => Number(str(s, "weeks").split("-")[0]));
      expect(starts[0], doc.file).toBe(1);
      for (let n = 1; n < starts.length; n++)
        expect(starts[n], doc.file).toBeGreaterThanOrEqual(starts[n - 1] ?? 0);
    }
  });

  it.each(programmes.map((d) => [d.file, d] as const))(
    "%s states the pain rules and when to see a clinician",
    (_f, doc) => {
      expect(doc.body).toContain("## Load and pain rules");
      expect(doc.body).toContain("## When to see a clinician");
      expect(doc.body).toMatch(/0-2/);
      expect(doc.body).toMatch(/3-5/);
      expect(doc.body).toMatch(/not a diagnosis/);
    },
  );

  it("has one general programme for healthy runners, built from library exercises", () => {
    expect(generalProgrammes.map((d) => d.meta.slug)).toEqual(["runner-strength"]);
    for (const doc of generalProgrammes) {
      expectCommonKeys(doc);
      for (const stage of objList(doc, "stages"))
        for (const slug of strList(stage, "exercises")) expect(exerciseSlugs).toContain(slug);
      expect(doc.body).toContain("## Load and pain rules");
      expect(doc.body).toContain("## When to see a clinician");
    }
  });

  it("puts every exercise in the library into at least one programme", () => {
    const used = new Set(
      programmes.flatMap((d) => objList(d, "stages").flatMap((s) => strList(s, "exercises"))),
    );
    for (const slug of exerciseSlugs) expect(used, slug).toContain(slug);
  });

  it("follows the staged tendon path for patellar tendinopathy (Malliaras 2015)", () => {
    const doc = programmes.find((d) => d.meta.condition === "patellar_tendinopathy");
    expect(doc).toBeDefined();
    const names = doc ? objList(doc, "stages").map((s) => str(s, "name").toLowerCase()) : [];
    expect(names.map((n) => n.split(" ")[0])).toEqual(["isometric", "heavy", "energy", "return"]);
  });
});

describe("ice and support advice", () => {
  it("exists for every condition, one file each", () => {
    const byCondition = new Map(care.map((d) => [str(d, "condition"), str(d, "slug")]));
    for (const [code, slug] of Object.entries(CONDITION_SLUGS))
      expect(byCondition.get(code), code).toBe(slug);
    expect(care).toHaveLength(CONDITIONS.length);
  });

  it.each(care.map((d) => [d.file, d] as const))(
    "%s gives safe ice timing, skin protection and a support choice",
    (_f, doc) => {
      expectCommonKeys(doc);
      const ice = obj(doc, "ice");
      const minutes = num(ice, "minutes");
      expect(minutes).toBeGreaterThanOrEqual(5);
      expect(minutes).toBeLessThanOrEqual(20);
      const perDay = num(ice, "times_per_day");
      expect(perDay).toBeGreaterThanOrEqual(1);
      expect(perDay).toBeLessThanOrEqual(6);
      str(ice, "notes");
      const support = obj(doc, "support");
      str(support, "kind");
      str(support, "notes");
      expect(doc.body).toContain("## Ice");
      expect(doc.body).toContain("## Supports");
      expect(doc.body).toContain("## When a support is not the answer");
      expect(doc.body, "skin protection").toMatch(/cloth/);
      expect(doc.body, "never bare ice").toMatch(/never/i);
      expect(doc.body, "not before running").toMatch(/before running/i);
    },
  );

  it("discusses an open-kneecap sleeve for runner's knee and a patellar strap for jumper's knee", () => {
    const kind = (code: string): string => {
      const doc = care.find((d) => d.meta.condition === code);
      return doc ? str(obj(doc, "support"), "kind") : "";
    };
    expect(kind("patellofemoral_pain")).toBe("open_patella_sleeve");
    expect(kind("patellar_tendinopathy")).toBe("patellar_strap");
  });
});

describe("runner profile: foot types", () => {
  const doc = profile.find((d) => d.meta.slug === "foot-types");

  it("lists the article's five foot types, each with footwear advice", () => {
    expect(doc).toBeDefined();
    if (!doc) return;
    expectCommonKeys(doc);
    const types = objList(doc, "types");
    expect(types.map((t) => str(t, "code")).sort()).toEqual([...FOOT_TYPES].sort());
    for (const t of types) {
      str(t, "name");
      str(t, "advice");
    }
  });

  it("points runners who do not know their type to self-checks that exist", () => {
    expect(doc).toBeDefined();
    if (!doc) return;
    for (const slug of strList(doc, "unknown_self_checks")) expect(selfTestSlugs).toContain(slug);
  });
});

describe("wording", () => {
  it("repeats no run of the source article's words anywhere in the repository", () => {
    // The tool takes the project directory as its first argument and exits 1 on any copied run.
    const tool = path.join(SHARED_DIR, "tools", "check-seed-copy.mjs");
    const run = spawnSync(process.execPath, [tool, REPO_ROOT], { encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
