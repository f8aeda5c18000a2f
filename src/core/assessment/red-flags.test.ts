import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "./assess.js";
import { RED_FLAG_IDS, RED_FLAG_RULE_IDS } from "./codes.js";
import type { RedFlagRuleId, TriageLevel } from "./codes.js";
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

/**
 * For each rule: inputs that must fire it at its full level, inputs that fire it at the lower
 * "see a clinician" level (the graded 1.1 rules), and near misses on the other side of each
 * threshold that must not fire it (1.1 README table).
 */
const CASES: Record<
  RedFlagRuleId,
  {
    level: TriageLevel;
    fires: AssessmentInput[];
    lower?: AssessmentInput[];
    silent: AssessmentInput[];
  }
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
      // 1.1: a graze from the fall lets bacteria in, so the injury does not explain the heat.
      injured({
        signs: ["warmth_redness"],
        swelling: "mild",
        medical_history: ["recent_skin_wound_or_infection"],
      }),
    ],
    silent: [
      inputWith({ signs: ["fever_unwell"] }),
      inputWith({ signs: ["warmth_redness"] }),
      injured({ signs: ["warmth_redness"], swelling: "mild" }),
      inputWith({ signs: ["warmth_redness"], medical_history: ["recent_skin_wound_or_infection"] }),
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
      // Beyond the table (evidence.md emergency tier): knee pain alone, with no injury.
      inputWith({ age: 12, signs: ["cannot_bear_weight"], pain_locations: ["diffuse"] }),
      injured({ age: 12, signs: ["cannot_bear_weight"], pain_locations: ["hip_groin_thigh"] }),
    ],
    silent: [
      inputWith({ age: 17, signs: ["cannot_bear_weight"], pain_locations: ["hip_groin_thigh"] }),
      inputWith({ age: 7, signs: ["cannot_bear_weight"], pain_locations: ["hip_groin_thigh"] }),
      injured({ age: 12, signs: ["cannot_bear_weight"], pain_locations: ["diffuse"] }),
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
    fires: [
      inputWith({ signs: ["cannot_fully_straighten"] }),
      inputWith({ signs: ["cannot_fully_straighten"], duration_weeks: 11.9 }),
    ],
    // 1.1: a block of 12 weeks or more is long-standing.
    lower: [
      inputWith({ signs: ["cannot_fully_straighten"], duration_weeks: 12 }),
      inputWith({ signs: ["cannot_fully_straighten"], duration_weeks: 100 }),
    ],
    silent: [inputWith({ signs: ["locking"] })],
  },
  possible_dvt: {
    level: "urgent",
    fires: [
      inputWith({ signs: ["calf_pain_swelling"] }),
      injured({ signs: ["calf_pain_swelling"] }),
      // 1.1: a vague calf ache on the pill after a long flight.
      inputWith({
        pain_locations: ["calf"],
        medical_history: ["hormonal_contraception_or_hrt", "recent_long_travel_or_immobilisation"],
      }),
      inputWith({
        pain_locations: ["posterior"],
        medical_history: ["pregnant_or_recently_pregnant"],
      }),
      inputWith({ tender_spots: ["calf"], medical_history: ["cancer_history"] }),
      inputWith({
        pain_locations: ["calf"],
        onset: "sudden_no_injury",
        medical_history: ["clot_history_or_clotting_disorder"],
      }),
    ],
    silent: [
      inputWith({ pain_locations: ["calf"], tender_spots: ["calf"] }),
      inputWith({ medical_history: ["hormonal_contraception_or_hrt"] }),
      injured({
        pain_locations: ["calf"],
        medical_history: ["recent_long_travel_or_immobilisation"],
      }),
    ],
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
      // 1.1: groin pain with a bone-stress risk, in a runner who cannot press or will not hop.
      inputWith({
        pain_locations: ["hip_groin_thigh"],
        medical_history: ["low_energy_availability_or_missed_periods"],
      }),
      inputWith({
        pain_locations: ["hip_groin_thigh"],
        medical_history: ["previous_stress_fracture"],
      }),
      inputWith({
        pain_locations: ["hip_groin_thigh"],
        age_related_flags: ["osteoporosis_or_low_bone_density"],
      }),
      inputWith({ pain_locations: ["hip_groin_thigh"], recent_volume_change_percent: 30 }),
      inputWith({ pain_locations: ["hip_groin_thigh"], signs: ["limp"], age: 30 }),
    ],
    silent: [
      inputWith({ pain_locations: ["hip_groin_thigh"], tender_spots: ["tibia_bone"] }),
      inputWith({ aggravating_factors: ["hopping_on_affected_leg"] }),
      inputWith({ pain_locations: ["hip_groin_thigh"], recent_volume_change_percent: 29 }),
      inputWith({ medical_history: ["low_energy_availability_or_missed_periods"] }),
      injured({
        pain_locations: ["hip_groin_thigh"],
        medical_history: ["previous_stress_fracture"],
        duration_weeks: 3,
      }),
    ],
  },
  acute_injury_xray_criteria: {
    level: "urgent",
    fires: [
      injured({ age: 55 }),
      injured({ signs: ["localised_bony_tenderness"], duration_weeks: 1 }),
      injured({ signs: ["cannot_bear_weight"], duration_weeks: 0 }),
      // 1.1: the whole Ottawa knee rule.
      injured({ injury_mechanism: "direct_blow", tender_spots: ["front_of_kneecap_surface"] }),
      injured({ tender_spots: ["kneecap_edges"], duration_weeks: 1 }),
      injured({ tender_spots: ["fibular_head"] }),
      injured({ injury_mechanism: "direct_blow", signs: ["cannot_bend_to_right_angle"] }),
    ],
    silent: [
      injured({ age: 54 }),
      injured({ age: 60, duration_weeks: 1.1 }),
      inputWith({ age: 60, duration_weeks: 0.5 }),
      injured({ tender_spots: ["fibular_head"], duration_weeks: 1.1 }),
      injured({ signs: ["cannot_bend_to_right_angle"], duration_weeks: 2 }),
      inputWith({ signs: ["cannot_bend_to_right_angle"] }),
      injured({ tender_spots: ["lateral_joint_line"] }),
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
  fever_high_risk: {
    level: "emergency",
    fires: [
      inputWith({ age: 15, signs: ["fever_unwell"] }),
      inputWith({ age: 5, signs: ["fever_unwell"] }),
      inputWith({ signs: ["fever_unwell"], age_related_flags: ["previous_joint_replacement"] }),
      inputWith({ signs: ["fever_unwell"], medical_history: ["immunosuppressed_or_diabetes"] }),
      inputWith({ signs: ["fever_unwell"], medical_history: ["previous_knee_surgery"] }),
      inputWith({ signs: ["fever_unwell"], medical_history: ["recent_skin_wound_or_infection"] }),
    ],
    silent: [
      inputWith({ age: 16, signs: ["fever_unwell"] }),
      inputWith({ age: 10, medical_history: ["recent_skin_wound_or_infection"] }),
    ],
  },
  fever_with_knee_pain: {
    level: "urgent",
    fires: [
      inputWith({ signs: ["fever_unwell"] }),
      inputWith({ age: 80, signs: ["fever_unwell"] }),
    ],
    silent: [CALM_INPUT, inputWith({ signs: ["warmth_redness"] })],
  },
  young_child_limp: {
    level: "urgent",
    fires: [inputWith({ age: 5, signs: ["limp"] }), inputWith({ age: 7, signs: ["limp"] })],
    silent: [inputWith({ age: 8, signs: ["limp"] }), inputWith({ age: 6 })],
  },
  possible_tumour_pattern: {
    level: "urgent",
    fires: [
      inputWith({ aggravating_factors: ["night_or_rest"], signs: ["unexplained_weight_loss"] }),
      inputWith({ aggravating_factors: ["night_or_rest"], medical_history: ["cancer_history"] }),
      inputWith({ tender_spots: ["tibia_bone"], medical_history: ["cancer_history"] }),
      inputWith({ signs: ["localised_bony_tenderness"], medical_history: ["cancer_history"] }),
      inputWith({ age: 19, aggravating_factors: ["night_or_rest"], swelling: "mild" }),
      // Beyond the table (NICE NG12): unexplained pain at night in a young person, unswollen.
      inputWith({ age: 14, aggravating_factors: ["night_or_rest"], tender_spots: ["femur_bone"] }),
      inputWith({ age: 19, aggravating_factors: ["night_or_rest"] }),
    ],
    silent: [
      inputWith({ aggravating_factors: ["night_or_rest"] }),
      inputWith({ signs: ["unexplained_weight_loss"] }),
      inputWith({ medical_history: ["cancer_history"] }),
      inputWith({ age: 20, aggravating_factors: ["night_or_rest"], swelling: "mild" }),
      injured({ age: 15, aggravating_factors: ["night_or_rest"], swelling: "mild" }),
      inputWith({ age: 20, aggravating_factors: ["night_or_rest"], tender_spots: ["tibia_bone"] }),
      inputWith({ age: 14, swelling: "mild" }),
    ],
  },
  extensor_mechanism_failure: {
    level: "urgent",
    fires: [
      injured({ injury_mechanism: "landing", signs: ["cannot_lift_straight_leg"] }),
      inputWith({ signs: ["cannot_lift_straight_leg"] }),
    ],
    silent: [injured({ injury_mechanism: "landing", signs: ["pop_at_injury", "giving_way"] })],
  },
  kneecap_dislocation: {
    level: "urgent",
    fires: [
      injured({ signs: ["kneecap_shifted_out"], duration_weeks: 0 }),
      injured({ signs: ["kneecap_shifted_out"], duration_weeks: 2 }),
      inputWith({ onset: "sudden_no_injury", signs: ["kneecap_shifted_out"], duration_weeks: 1 }),
    ],
    lower: [
      injured({ signs: ["kneecap_shifted_out"], duration_weeks: 2.1 }),
      inputWith({ signs: ["kneecap_shifted_out"], duration_weeks: 0.5 }),
    ],
    silent: [injured({ signs: ["giving_way"] })],
  },
  cauda_equina_symptoms: {
    level: "emergency",
    fires: [inputWith({ signs: ["saddle_numbness_or_bladder_bowel_change"] })],
    silent: [inputWith({ signs: ["back_pain_or_leg_nerve_pain", "numbness_tingling"] })],
  },
  adolescent_knee_pain_normal_knee: {
    level: "urgent",
    fires: [
      inputWith({ age: 13, tender_spots: ["none_found"], medical_history: ["overweight"] }),
      inputWith({ age: 8, tender_spots: ["none_found"], pain_locations: ["hip_groin_thigh"] }),
      inputWith({ age: 16, tender_spots: ["none_found"], medical_history: ["overweight"] }),
      // Beyond the table: thigh pain without an injury, and no knee spot checked.
      inputWith({ age: 12, pain_locations: ["hip_groin_thigh", "anterior_around_behind_kneecap"] }),
    ],
    silent: [
      inputWith({
        age: 12,
        pain_locations: ["hip_groin_thigh"],
        tender_spots: ["tibial_tuberosity"],
      }),
      injured({ age: 12, pain_locations: ["hip_groin_thigh"] }),
      inputWith({ age: 17, pain_locations: ["hip_groin_thigh"] }),
      inputWith({ age: 17, tender_spots: ["none_found"], medical_history: ["overweight"] }),
      inputWith({ age: 7, tender_spots: ["none_found"], medical_history: ["overweight"] }),
      inputWith({ age: 13, tender_spots: ["kneecap_edges"], medical_history: ["overweight"] }),
      inputWith({ age: 13, medical_history: ["overweight"] }),
      inputWith({ age: 13, tender_spots: ["none_found"] }),
    ],
  },
  hip_source_suspected: {
    level: "see_clinician",
    fires: [
      inputWith({ age: 17, pain_locations: ["hip_groin_thigh"], tender_spots: ["none_found"] }),
      inputWith({
        age: 70,
        pain_locations: ["diffuse", "hip_groin_thigh"],
        tender_spots: ["none_found"],
      }),
    ],
    silent: [
      inputWith({ age: 16, pain_locations: ["hip_groin_thigh"], tender_spots: ["none_found"] }),
      inputWith({ age: 40, pain_locations: ["hip_groin_thigh"] }),
      inputWith({ age: 40, tender_spots: ["none_found"] }),
    ],
  },
  inflammatory_pattern: {
    level: "see_clinician",
    fires: [
      inputWith({ morning_stiffness: "over_30_min", swelling: "mild" }),
      inputWith({ signs: ["other_joints_swollen"] }),
      inputWith({
        medical_history: ["gout_or_inflammatory_arthritis"],
        swelling: "delayed_within_24h",
      }),
    ],
    silent: [
      inputWith({ morning_stiffness: "over_30_min" }),
      inputWith({ morning_stiffness: "under_30_min", swelling: "mild" }),
      inputWith({ medical_history: ["gout_or_inflammatory_arthritis"] }),
      injured({ medical_history: ["gout_or_inflammatory_arthritis"], swelling: "mild" }),
    ],
  },
  back_source_suspected: {
    level: "see_clinician",
    fires: [inputWith({ signs: ["back_pain_or_leg_nerve_pain"] })],
    silent: [inputWith({ signs: ["numbness_tingling"] })],
  },
  acute_swelling_without_injury: {
    level: "urgent",
    fires: [inputWith({ onset: "sudden_no_injury", swelling: "rapid_within_2h" })],
    silent: [
      inputWith({ onset: "sudden_no_injury", swelling: "delayed_within_24h" }),
      inputWith({ onset: "gradual", swelling: "rapid_within_2h" }),
      injured({ swelling: "rapid_within_2h" }),
    ],
  },
  possible_knee_dislocation: {
    level: "emergency",
    fires: [
      injured({ signs: ["numbness_tingling", "cannot_bear_weight"] }),
      injured({ signs: ["numbness_tingling", "giving_way"] }),
      injured({ injury_mechanism: "hyperextension", signs: ["numbness_tingling"] }),
    ],
    silent: [
      injured({ signs: ["numbness_tingling"] }),
      injured({ injury_mechanism: "hyperextension", signs: ["giving_way"] }),
      inputWith({ signs: ["numbness_tingling", "giving_way"] }),
    ],
  },
};

const atLeastAsUrgent = (a: TriageLevel, b: TriageLevel): boolean =>
  urgencyRank(a) <= urgencyRank(b);

describe("red-flag rules", () => {
  it("cover every red-flag rule of the 1.1 table, schema ids first in the schema's order", () => {
    expect(RED_FLAG_RULES.map((r) => r.id)).toEqual([...RED_FLAG_RULE_IDS]);
    expect(RED_FLAG_RULE_IDS.slice(0, RED_FLAG_IDS.length)).toEqual([...RED_FLAG_IDS]);
  });

  it("find nothing in a calm overuse presentation, which is then self-care", () => {
    expect(findRedFlags(CALM_INPUT)).toEqual({ flags: [], hits: [], level: "self_care" });
    expect(assess(CALM_INPUT).triage).toBe("self_care");
  });

  const levelOf = (input: AssessmentInput, id: RedFlagRuleId): TriageLevel | undefined =>
    findRedFlags(input).hits.find((h) => h.id === id)?.level;

  for (const id of RED_FLAG_RULE_IDS) {
    const spec = CASES[id];
    it(`${id}: fires as the README says and sets triage to at least ${spec.level}`, () => {
      expect(redFlagLevel(id)).toBe(spec.level);
      const listed = (RED_FLAG_IDS as readonly string[]).includes(id);
      for (const input of spec.fires) {
        expect(levelOf(input, id), JSON.stringify(input)).toBe(spec.level);
        const result = assess(input);
        // A rule the result schema cannot list still sets the level, but is not listed.
        if (listed) expect(result.red_flags).toContain(id);
        else expect(result.red_flags as string[]).not.toContain(id);
        expect(atLeastAsUrgent(result.triage, spec.level), JSON.stringify(input)).toBe(true);
      }
      for (const input of spec.lower ?? []) {
        expect(levelOf(input, id), JSON.stringify(input)).toBe("see_clinician");
        expect(assess(input).red_flags).toContain(id);
      }
      for (const input of spec.silent) {
        expect(levelOf(input, id), JSON.stringify(input)).toBeUndefined();
      }
    });
  }

  it("take the most urgent level when several fire", () => {
    const input = inputWith({
      signs: ["giving_way", "calf_pain_swelling", "chest_pain_or_breathless"],
    });
    expect(findRedFlags(input)).toEqual({
      flags: ["possible_pulmonary_embolism", "possible_dvt", "knee_instability"],
      hits: [
        { id: "possible_pulmonary_embolism", level: "emergency" },
        { id: "possible_dvt", level: "urgent" },
        { id: "knee_instability", level: "see_clinician" },
      ],
      level: "emergency",
    });
    expect(assess(input).triage).toBe("emergency");
  });

  it("set a triage at least as urgent as every flag listed, for any answers", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        const result = assess(input);
        for (const hit of findRedFlags(input).hits) {
          expect(atLeastAsUrgent(result.triage, hit.level)).toBe(true);
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
