import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../test/paths.js";
import fc from "fast-check";
import { validInputArb } from "../core/assessment/arbitraries.test-helpers.js";
import { inputWith } from "../core/assessment/sample-inputs.test-helpers.js";
import { assess, CONDITION_IDS, RED_FLAG_LABELS, TRIAGE_ADVICE, urgencyRank } from "../core/assessment/index.js";
import type { AssessmentInput, AssessmentResult } from "../core/assessment/index.js";
import { compareResults, contentFor, linksFor, presentAssessment } from "./assessments.js";

const present = (input: AssessmentInput, result: AssessmentResult = assess(input)) =>
  presentAssessment({ id: null, createdAt: null, input, result });

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

describe("presentAssessment: the flag's own instructions first, self-care only where allowed", () => {
  it("leads a possible clot with its own steps and names a service that can scan, not the generic box", () => {
    const view = present(inputWith({ pain_locations: ["calf"], signs: ["calf_pain_swelling"] }));
    expect(view.result.triage).toBe("urgent");
    expect(view.instructions.map((i) => i.id)).toEqual(["possible_dvt"]);
    expect(view.instructions[0]?.doNow.length).toBeGreaterThan(0);
    expect(view.advice.nextStep).toMatch(/scan the leg for a clot/);
    expect(view.advice.nextStep).not.toBe(TRIAGE_ADVICE.urgent.next_step);
    expect(view.advice.nextStep).toBe(`${view.instructions[0]?.howSoon} ${view.instructions[0]?.whereToGo}`);
    expect(view.selfCareAllowed).toBe(false);
    expect(view.selfCareTip).toBeNull();
  });

  it("gives a self-care result the generic next step and its condition's tip", () => {
    const view = present(inputWith({ aggravating_factors: ["stairs_down", "squatting"], tender_spots: ["kneecap_edges"] }));
    expect(view.result.triage).toBe("self_care");
    expect(view.instructions).toEqual([]);
    expect(view.advice.nextStep).toBe(TRIAGE_ADVICE.self_care.next_step);
    expect(view.selfCareAllowed).toBe(true);
    expect(view.selfCareTip).toMatch(/hip and thigh strengthening/);
  });

  it("shows a rule the result schema cannot list among the red flags and the instructions", () => {
    const input = inputWith({
      onset: "sudden_with_injury",
      injury_mechanism: "twist_pivot",
      signs: ["numbness_tingling", "giving_way"],
      duration_weeks: 0,
    });
    const view = present(input);
    expect(view.result.triage).toBe("emergency");
    expect(view.result.red_flags as string[]).not.toContain("possible_knee_dislocation");
    expect(view.redFlags.map((f) => f.id)).toContain("possible_knee_dislocation");
    expect(view.instructions[0]?.id).toBe("possible_knee_dislocation");
  });

  it("never offers self-care when a flag sets urgent or emergency, for any answers", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        const view = present(input);
        if (urgencyRank(view.result.triage) <= urgencyRank("urgent") && view.instructions.length > 0) {
          expect(view.selfCareAllowed).toBe(false);
          expect(view.selfCareTip).toBeNull();
        }
        if (!view.selfCareAllowed) expect(view.selfCareTip).toBeNull();
        // Each instruction belongs to a flag of the result's own level.
        for (const step of view.instructions) expect(step.level).toBe(view.result.triage);
      }),
      { numRuns: 400 },
    );
  });

  it("presents a result saved under contract 1.0 with the flags it listed", () => {
    const input = inputWith({ signs: ["cannot_bear_weight"] });
    const saved: AssessmentResult = {
      schema_version: "1.0",
      ranked_conditions: [{ id: "ligament_injury" }],
      triage: "urgent",
      red_flags: ["cannot_bear_weight"],
    };
    const view = present(input, saved);
    expect(view.instructions.map((i) => i.id)).toEqual(["cannot_bear_weight"]);
    expect(view.selfCareTip).toBeNull();
    // A flag the saved result lists still counts when today's rules no longer find it in the
    // answers, at the level it can demand: its instructions lead and self-care stays hidden.
    const calm = inputWith({ aggravating_factors: ["stairs_down", "squatting"], tender_spots: ["kneecap_edges"] });
    expect(assess(calm).red_flags).toEqual([]);
    const older = present(calm, { ...saved, ranked_conditions: [{ id: "patellofemoral_pain" }] });
    expect(older.redFlags).toEqual([{ id: "cannot_bear_weight", label: RED_FLAG_LABELS.cannot_bear_weight, level: "urgent" }]);
    expect(older.instructions.map((i) => i.id)).toEqual(["cannot_bear_weight"]);
    expect(older.selfCareAllowed).toBe(false);
    expect(older.selfCareTip).toBeNull();
  });
});
