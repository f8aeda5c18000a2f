import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "./assess.js";
import { RED_FLAG_IDS } from "./codes.js";
import type { RedFlagId, TriageLevel } from "./codes.js";
import { findRedFlags, RED_FLAG_RULES, redFlagLevel } from "./red-flags.js";
import { additionsArb, validInputArb, withAdditions } from "./arbitraries.test-helpers.js";
import { CALM_INPUT, inputWith } from "./sample-inputs.test-helpers.js";
import { urgencyRank } from "./triage.js";
import type { AssessmentInput } from "./types.js";

const injured = (extra: Partial<AssessmentInput>): AssessmentInput =>
  inputWith({
    onset: "sudden_with_injury",
    injury_mechanism: "twist_pivot",
    duration_weeks: 0.3,
    ...extra,
  });

/** For each flag: inputs that must fire it, and near misses that must not (README table). */
const CASES: Record<
  RedFlagId,
  { level: TriageLevel; fires: AssessmentInput[]; silent: AssessmentInput[] }
> = {
  suspected_joint_infection: {
    level: "emergency",
    fires: [
      inputWith({ signs: ["fever_unwell"], swelling: "mild" }),
      inputWith({ signs: ["fever_unwell", "warmth_redness"] }),
      inputWith({
        signs: ["warmth_redness"],
        swelling: "delayed_within_24h",
        onset: "sudden_no_injury",
      }),
      injured({ signs: ["fever_unwell"], swelling: "mild" }),
    ],
    silent: [
      inputWith({ signs: ["fever_unwell"] }),
      inputWith({ signs: ["warmth_redness"] }),
      injured({ signs: ["warmth_redness"], swelling: "mild" }),
    ],
  },
  possible_pulmonary_embolism: {
    level: "emergency",
    fires: [inputWith({ signs: ["chest_pain_or_breathless"] })],
    silent: [inputWith({ signs: ["calf_pain_swelling"] })],
  },
  unstable_scfe_pattern: {
    level: "emergency",
    fires: [
      inputWith({ age: 8, signs: ["cannot_bear_weight"], pain_locations: ["hip_groin_thigh"] }),
      inputWith({
        age: 16,
        signs: ["cannot_bear_weight"],
        pain_locations: ["diffuse", "hip_groin_thigh"],
      }),
    ],
    silent: [
      inputWith({ age: 17, signs: ["cannot_bear_weight"], pain_locations: ["hip_groin_thigh"] }),
      inputWith({ age: 12, signs: ["cannot_bear_weight"], pain_locations: ["diffuse"] }),
      inputWith({ age: 12, signs: ["limp"], pain_locations: ["hip_groin_thigh"] }),
    ],
  },
  cannot_bear_weight: {
    level: "urgent",
    fires: [inputWith({ signs: ["cannot_bear_weight"] })],
    silent: [inputWith({ signs: ["limp"] })],
  },
  rapid_swelling_after_injury: {
    level: "urgent",
    fires: [injured({ swelling: "rapid_within_2h" })],
    silent: [
      inputWith({ swelling: "rapid_within_2h", onset: "sudden_no_injury" }),
      injured({ swelling: "delayed_within_24h" }),
    ],
  },
  locked_knee: {
    level: "urgent",
    fires: [inputWith({ signs: ["cannot_fully_straighten"] })],
    silent: [inputWith({ signs: ["locking"] })],
  },
  possible_dvt: {
    level: "urgent",
    fires: [inputWith({ signs: ["calf_pain_swelling"] })],
    silent: [inputWith({ pain_locations: ["calf"], tender_spots: ["calf"] })],
  },
  hot_red_swelling: {
    level: "urgent",
    fires: [
      inputWith({ signs: ["warmth_redness", "lump_over_kneecap"] }),
      injured({ signs: ["warmth_redness"], swelling: "mild" }),
    ],
    silent: [inputWith({ signs: ["warmth_redness"], swelling: "mild" })],
  },
  adolescent_hip_pain_with_limp: {
    level: "urgent",
    fires: [inputWith({ age: 8, signs: ["limp"] }), inputWith({ age: 16, signs: ["limp"] })],
    silent: [inputWith({ age: 7, signs: ["limp"] }), inputWith({ age: 17, signs: ["limp"] })],
  },
  possible_femoral_neck_stress_fracture: {
    level: "urgent",
    fires: [
      inputWith({
        pain_locations: ["hip_groin_thigh"],
        aggravating_factors: ["hopping_on_affected_leg"],
      }),
      inputWith({ pain_locations: ["hip_groin_thigh"], aggravating_factors: ["night_or_rest"] }),
      inputWith({ pain_locations: ["hip_groin_thigh"], signs: ["localised_bony_tenderness"] }),
      inputWith({ pain_locations: ["hip_groin_thigh"], tender_spots: ["femur_bone"] }),
    ],
    silent: [
      inputWith({ pain_locations: ["hip_groin_thigh"], tender_spots: ["tibia_bone"] }),
      inputWith({ aggravating_factors: ["hopping_on_affected_leg"] }),
    ],
  },
  acute_injury_xray_criteria: {
    level: "urgent",
    fires: [
      injured({ age: 55 }),
      injured({ signs: ["localised_bony_tenderness"], duration_weeks: 1 }),
      injured({ signs: ["cannot_bear_weight"], duration_weeks: 0 }),
    ],
    silent: [
      injured({ age: 54 }),
      injured({ age: 60, duration_weeks: 1.1 }),
      inputWith({ age: 60, duration_weeks: 0.5 }),
    ],
  },
  suspected_bone_stress_injury: {
    level: "see_clinician",
    fires: [
      inputWith({ signs: ["localised_bony_tenderness"] }),
      inputWith({ tender_spots: ["tibia_bone"] }),
      inputWith({ tender_spots: ["femur_bone"], onset: "sudden_no_injury" }),
      inputWith({ aggravating_factors: ["hopping_on_affected_leg"] }),
    ],
    silent: [
      injured({ signs: ["localised_bony_tenderness"], duration_weeks: 3 }),
      inputWith({ tender_spots: ["tibial_tuberosity"] }),
    ],
  },
  night_or_rest_pain: {
    level: "see_clinician",
    fires: [inputWith({ aggravating_factors: ["night_or_rest"] })],
    silent: [inputWith({ aggravating_factors: ["prolonged_sitting"] })],
  },
  unexplained_weight_loss: {
    level: "see_clinician",
    fires: [inputWith({ signs: ["unexplained_weight_loss"] })],
    silent: [CALM_INPUT],
  },
  knee_instability: {
    level: "see_clinician",
    fires: [inputWith({ signs: ["giving_way"] })],
    silent: [CALM_INPUT],
  },
  mechanical_symptoms: {
    level: "see_clinician",
    fires: [inputWith({ signs: ["locking"] })],
    silent: [
      inputWith({ signs: ["locking", "cannot_fully_straighten"] }),
      inputWith({ signs: ["clicking"] }),
    ],
  },
  neurological_symptoms: {
    level: "see_clinician",
    fires: [inputWith({ signs: ["numbness_tingling"] })],
    silent: [CALM_INPUT],
  },
  persistent_symptoms_12_weeks: {
    level: "see_clinician",
    fires: [inputWith({ duration_weeks: 12 }), inputWith({ duration_weeks: 520 })],
    silent: [inputWith({ duration_weeks: 11.9 })],
  },
};

const atLeastAsUrgent = (a: TriageLevel, b: TriageLevel): boolean =>
  urgencyRank(a) <= urgencyRank(b);

describe("red-flag rules", () => {
  it("cover every red-flag id of the contract, in its order", () => {
    expect(RED_FLAG_RULES.map((r) => r.id)).toEqual([...RED_FLAG_IDS]);
  });

  it("find nothing in a calm overuse presentation, which is then self-care", () => {
    expect(findRedFlags(CALM_INPUT)).toEqual({ flags: [], level: "self_care" });
    expect(assess(CALM_INPUT).triage).toBe("self_care");
  });

  for (const id of RED_FLAG_IDS) {
    const spec = CASES[id];
    it(`${id}: fires as the README says and sets triage to at least ${spec.level}`, () => {
      expect(redFlagLevel(id)).toBe(spec.level);
      for (const input of spec.fires) {
        expect(findRedFlags(input).flags, JSON.stringify(input)).toContain(id);
        const result = assess(input);
        expect(result.red_flags).toContain(id);
        expect(atLeastAsUrgent(result.triage, spec.level)).toBe(true);
      }
      for (const input of spec.silent) {
        expect(findRedFlags(input).flags, JSON.stringify(input)).not.toContain(id);
      }
    });
  }

  it("take the most urgent level when several fire", () => {
    const input = inputWith({
      signs: ["giving_way", "calf_pain_swelling", "chest_pain_or_breathless"],
    });
    expect(findRedFlags(input)).toEqual({
      flags: ["possible_pulmonary_embolism", "possible_dvt", "knee_instability"],
      level: "emergency",
    });
    expect(assess(input).triage).toBe("emergency");
  });

  it("set a triage at least as urgent as every flag listed, for any answers", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        const result = assess(input);
        for (const flag of result.red_flags) {
          expect(atLeastAsUrgent(result.triage, redFlagLevel(flag))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("never let extra answers lower the triage of an input that has a red flag", () => {
    const flagged = validInputArb.filter((input) => findRedFlags(input).flags.length > 0);
    fc.assert(
      fc.property(flagged, additionsArb, (input, additions) => {
        const before = assess(input).triage;
        const after = assess(withAdditions(input, additions)).triage;
        expect(atLeastAsUrgent(after, before), `${before} -> ${after}`).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
