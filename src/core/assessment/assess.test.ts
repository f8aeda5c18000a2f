import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "./assess.js";
import { CONDITION_IDS, RED_FLAG_IDS, TRIAGE_LEVELS } from "./codes.js";
import { CONDITION_LABELS, RED_FLAG_LABELS } from "./labels.js";
import { findRedFlags } from "./red-flags.js";
import { validInputArb } from "./arbitraries.test-helpers.js";
import { loadContractJson, loadPublicVignettes } from "./contract-files.test-helpers.js";
import { checkAgainstSchema } from "./json-schema-subset.test-helpers.js";
import { inputWith } from "./sample-inputs.test-helpers.js";
import {
  conditionFloor,
  NOT_A_DIAGNOSIS,
  TRIAGE_ADVICE,
  WHEN_TO_SEE_A_CLINICIAN,
} from "./triage.js";
import type { AssessmentInput, AssessmentResult } from "./types.js";

const resultSchema = await loadContractJson("assessment-result.schema.json");

/** Every code and field name the input mentions: the only things a reason may point at. */
function inputVocabulary(input: AssessmentInput): Set<string> {
  const words = new Set<string>(Object.keys(input));
  for (const value of Object.values(input)) {
    if (typeof value === "string") words.add(value);
    if (Array.isArray(value)) for (const code of value as string[]) words.add(code);
  }
  words.add("none"); // an omitted morning_stiffness or injury_mechanism means "none"
  return words;
}

function expectWellFormed(input: AssessmentInput, result: AssessmentResult): void {
  expect(checkAgainstSchema(resultSchema, result)).toEqual([]);
  const ids = result.ranked_conditions.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  const scores = result.ranked_conditions.map((c) => c.score ?? 0);
  const rises = scores.filter((score, i) => i > 0 && score > (scores[i - 1] ?? 1));
  expect(rises).toEqual([]);
  const vocabulary = inputVocabulary(input);
  const foreign = result.ranked_conditions.flatMap((c) =>
    (c.reasons ?? []).filter((r) => !vocabulary.has(r)).map((r) => `${c.id}: ${r}`),
  );
  expect(foreign).toEqual([]);
}

describe("assess", () => {
  it("returns results that satisfy the result schema for every public vignette", async () => {
    for (const c of await loadPublicVignettes()) expectWellFormed(c.input, assess(c.input));
  });

  it("returns results that satisfy the result schema for any valid answers", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        expectWellFormed(input, assess(input));
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same result for the same answers", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        expect(assess(structuredClone(input))).toEqual(assess(input));
      }),
      { numRuns: 200 },
    );
  });

  it("without red flags, triages by the floor of the top-ranked condition", () => {
    fc.assert(
      fc.property(
        validInputArb.filter((input) => findRedFlags(input).hits.length === 0),
        (input) => {
          const result = assess(input);
          const top = result.ranked_conditions[0];
          expect(top).toBeDefined();
          if (top !== undefined) expect(result.triage).toBe(conditionFloor(top.id));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("books a clinician when a structural problem ranks first, even with no red flag", () => {
    const twistedKnee = inputWith({
      onset: "sudden_with_injury",
      injury_mechanism: "twist_pivot",
      pain_locations: ["medial_joint_line"],
      aggravating_factors: ["twisting_pivoting", "squatting"],
      swelling: "delayed_within_24h",
      signs: ["clicking"],
      tender_spots: ["medial_joint_line"],
      duration_weeks: 2,
    });
    const result = assess(twistedKnee);
    expect(result.red_flags).toEqual([]);
    expect(result.ranked_conditions[0]?.id).toBe("meniscal_tear");
    expect(result.triage).toBe("see_clinician");
  });

  it("names the answers behind each condition", () => {
    const itbs = assess(
      inputWith({
        pain_locations: ["lateral"],
        aggravating_factors: ["predictable_distance_into_run", "running_downhill"],
        tender_spots: ["lateral_femoral_epicondyle"],
      }),
    );
    const top = itbs.ranked_conditions[0];
    expect(top?.id).toBe("iliotibial_band_syndrome");
    expect(top?.reasons?.slice(0, 3)).toEqual([
      "lateral",
      "predictable_distance_into_run",
      "lateral_femoral_epicondyle",
    ]);
  });

  it("keeps a same-day condition off the top without its cardinal pattern, so triage rests on red flags", () => {
    // Calf pain with no clot risk and no swollen calf: a DVT may be listed, but does not lead.
    const calf = inputWith({
      pain_locations: ["calf"],
      aggravating_factors: [],
      tender_spots: ["calf"],
    });
    expect(assess(calf).ranked_conditions[0]?.id).not.toBe("deep_vein_thrombosis");
    expect(assess(calf).triage).toBe("self_care");
    // 1.1: the same ache with clot risks is the possible_dvt pattern, so the clot leads and the
    // level is urgent whichever condition leads.
    const risky = {
      ...calf,
      medical_history: [
        "hormonal_contraception_or_hrt",
        "recent_long_travel_or_immobilisation",
      ] as const,
    };
    expect(assess(risky).ranked_conditions[0]?.id).toBe("deep_vein_thrombosis");
    expect(assess(risky).triage).toBe("urgent");
    // After an injury the ache has its own explanation: no flag, so the clot may not lead.
    const strained = { ...risky, onset: "sudden_with_injury", injury_mechanism: "unsure" } as const;
    expect(assess(strained).ranked_conditions[0]?.id).not.toBe("deep_vein_thrombosis");
    const swollen = assess({ ...strained, signs: ["calf_pain_swelling"] });
    expect(swollen.ranked_conditions[0]?.id).toBe("deep_vein_thrombosis");
    expect(swollen.triage).toBe("urgent");
  });

  it("says it is unclear when the answers match no condition's defining features", () => {
    const vague = inputWith({ pain_locations: ["diffuse"], aggravating_factors: [] });
    const result = assess(vague);
    expect(result.ranked_conditions[0]?.id).toBe("other_or_unclear");
    expect(result.ranked_conditions.length).toBeGreaterThan(1);
    expect(result.triage).toBe("self_care");
  });

  it("never ranks a growth-plate condition outside childhood", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        const ids = assess(input).ranked_conditions.map((c) => c.id);
        if (input.age < 8 || input.age > 16) {
          expect(ids).not.toContain("osgood_schlatter");
          expect(ids).not.toContain("sinding_larsen_johansson");
          expect(ids).not.toContain("slipped_capital_femoral_epiphysis");
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("advice", () => {
  it("has a plain next step for every triage level and a not-a-diagnosis line", () => {
    for (const level of TRIAGE_LEVELS) {
      expect(TRIAGE_ADVICE[level].next_step.length).toBeGreaterThan(40);
      expect(TRIAGE_ADVICE[level].headline.length).toBeGreaterThan(5);
    }
    expect(TRIAGE_ADVICE.emergency.next_step).toMatch(/emergency/i);
    expect(TRIAGE_ADVICE.urgent.next_step).toMatch(/today/i);
    expect(NOT_A_DIAGNOSIS).toMatch(/not a diagnosis/i);
    expect(WHEN_TO_SEE_A_CLINICIAN).toMatch(/same day/i);
  });

  it("has a plain-words label for every condition and red flag", () => {
    for (const id of CONDITION_IDS) expect(CONDITION_LABELS[id].length).toBeGreaterThan(5);
    for (const id of RED_FLAG_IDS) expect(RED_FLAG_LABELS[id].length).toBeGreaterThan(5);
  });
});
