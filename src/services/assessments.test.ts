import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../test/paths.js";
import { assess, CONDITION_IDS } from "../core/assessment/index.js";
import type { AssessmentResult } from "../core/assessment/index.js";
import { compareResults, contentFor, linksFor } from "./assessments.js";

function titleOf(folder: string, slug: string): string | undefined {
  const file = path.join(REPO_ROOT, "content", folder, `${slug}.md`);
  if (!fs.existsSync(file)) return undefined;
  return /^title:\s*(.+)$/m.exec(fs.readFileSync(file, "utf8"))?.[1]?.trim();
}

describe("links from an assessment to the content", () => {
  it("points every condition at pages that exist, under their own titles", () => {
    for (const id of CONDITION_IDS) {
      const c = contentFor(id);
      expect(titleOf("articles", c.article.slug), `${id} article`).toBe(c.article.title);
      if (c.programme) expect(titleOf("programmes", c.programme.slug), `${id} programme`).toBe(c.programme.title);
      if (c.care) expect(titleOf("care", c.care.slug), `${id} care`).toBe(c.care.title);
    }
  });

  it("links each overuse condition's article to its own condition front matter", () => {
    for (const id of ["patellofemoral_pain", "iliotibial_band_syndrome", "patellar_tendinopathy", "distal_hamstring_tendinopathy"] as const) {
      const text = fs.readFileSync(path.join(REPO_ROOT, "content", "articles", `${contentFor(id).article.slug}.md`), "utf8");
      expect(text).toMatch(new RegExp(`^condition: ${id}$`, "m"));
    }
  });

  it("lists each URL once even when two ranked conditions share a page", () => {
    const result: AssessmentResult = {
      ranked_conditions: [{ id: "prepatellar_bursitis" }, { id: "infrapatellar_bursitis" }, { id: "pes_anserine_bursitis" }],
      triage: "self_care",
      red_flags: [],
    };
    const urls = linksFor(result).map((l) => l.url);
    expect(urls).toEqual(["/learn/knee-bursitis", "/exercises/knee-bursitis", "/exercises/knee-bursitis#ice-and-supports"]);
  });
});

describe("compareResults", () => {
  const base = {
    age: 30,
    sex: "male",
    onset: "gradual",
    pain_locations: ["lateral"],
    aggravating_factors: ["predictable_distance_into_run", "running_downhill"],
    swelling: "none",
    signs: [],
    duration_weeks: 3,
  } as const;

  it("says the triage became more urgent and which red flags appeared", () => {
    const before = assess(base);
    const after = assess({ ...base, signs: ["giving_way"], duration_weeks: 14 });
    const cmp = compareResults(before, after);
    expect(cmp.triage).toEqual({ from: "self_care", to: "see_clinician", change: "more_urgent" });
    expect(cmp.redFlags.added.map((f) => f.id).sort()).toEqual(["knee_instability", "persistent_symptoms_12_weeks"]);
    expect(compareResults(after, before).triage.change).toBe("less_urgent");
    expect(compareResults(after, before).redFlags.removed.length).toBe(2);
  });

  it("marks conditions that entered, left or moved within the top three", () => {
    const from: AssessmentResult = { ranked_conditions: [{ id: "patellofemoral_pain" }, { id: "iliotibial_band_syndrome" }, { id: "meniscal_tear" }], triage: "self_care", red_flags: [] };
    const to: AssessmentResult = { ranked_conditions: [{ id: "iliotibial_band_syndrome" }, { id: "patellofemoral_pain" }, { id: "bakers_cyst" }], triage: "self_care", red_flags: [] };
    const moves = Object.fromEntries(compareResults(from, to).conditions.map((c) => [c.id, [c.fromRank, c.toRank, c.movement]]));
    expect(moves).toEqual({
      iliotibial_band_syndrome: [2, 1, "up"],
      patellofemoral_pain: [1, 2, "down"],
      bakers_cyst: [null, 3, "new"],
      meniscal_tear: [3, null, "gone"],
    });
  });
});
