/**
 * The red-flag rules of the contract (../shared/assessment/README.md, "Red-flag ids and triage
 * rules"), one predicate per flag, written to match the table word for word. Every rule is
 * applied; the most urgent level wins. They are checked before any ranking and nothing
 * downstream may lower the level they set. The clinical basis is evidence.md section b)
 * (triage tiers) with the sources listed per condition in section a).
 */
import type { RedFlagId, TriageLevel } from "./codes.js";
import { moreUrgent } from "./triage.js";
import type { AssessmentInput } from "./types.js";

export interface RedFlagRule {
  id: RedFlagId;
  level: TriageLevel;
  fires: (input: AssessmentInput) => boolean;
}

const hasSign = (input: AssessmentInput, sign: AssessmentInput["signs"][number]): boolean =>
  input.signs.includes(sign);
const hasFactor = (
  input: AssessmentInput,
  factor: AssessmentInput["aggravating_factors"][number],
): boolean => input.aggravating_factors.includes(factor);
const isTender = (input: AssessmentInput, spot: "tibia_bone" | "femur_bone"): boolean =>
  (input.tender_spots ?? []).includes(spot);
/** README: "Joint swelling" means `swelling` is not `none`. */
const jointSwelling = (input: AssessmentInput): boolean => input.swelling !== "none";
/** README: "children 8-16". */
const isChild8to16 = (input: AssessmentInput): boolean => input.age >= 8 && input.age <= 16;

function suspectedJointInfection(input: AssessmentInput): boolean {
  const fever = hasSign(input, "fever_unwell");
  const hot = hasSign(input, "warmth_redness");
  // Fever is absent in about half of septic joints (StatPearls NBK557508; Margaretten 2007),
  // so a hot swollen joint without an injury counts even without fever.
  return (
    (fever && (jointSwelling(input) || hot)) ||
    (hot && jointSwelling(input) && input.onset !== "sudden_with_injury")
  );
}

/** In the README's order; the order is also the order flags are reported in. */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  { id: "suspected_joint_infection", level: "emergency", fires: suspectedJointInfection },
  {
    id: "possible_pulmonary_embolism",
    level: "emergency",
    fires: (i) => hasSign(i, "chest_pain_or_breathless"),
  },
  {
    id: "unstable_scfe_pattern",
    level: "emergency",
    fires: (i) =>
      isChild8to16(i) &&
      hasSign(i, "cannot_bear_weight") &&
      i.pain_locations.includes("hip_groin_thigh"),
  },
  { id: "cannot_bear_weight", level: "urgent", fires: (i) => hasSign(i, "cannot_bear_weight") },
  {
    id: "rapid_swelling_after_injury",
    level: "urgent",
    fires: (i) => i.swelling === "rapid_within_2h" && i.onset === "sudden_with_injury",
  },
  { id: "locked_knee", level: "urgent", fires: (i) => hasSign(i, "cannot_fully_straighten") },
  { id: "possible_dvt", level: "urgent", fires: (i) => hasSign(i, "calf_pain_swelling") },
  {
    id: "hot_red_swelling",
    level: "urgent",
    fires: (i) => hasSign(i, "warmth_redness") && !suspectedJointInfection(i),
  },
  {
    id: "adolescent_hip_pain_with_limp",
    level: "urgent",
    fires: (i) => isChild8to16(i) && hasSign(i, "limp"),
  },
  {
    id: "possible_femoral_neck_stress_fracture",
    level: "urgent",
    fires: (i) =>
      i.pain_locations.includes("hip_groin_thigh") &&
      (hasFactor(i, "hopping_on_affected_leg") ||
        hasFactor(i, "night_or_rest") ||
        hasSign(i, "localised_bony_tenderness") ||
        isTender(i, "femur_bone")),
  },
  {
    id: "acute_injury_xray_criteria",
    level: "urgent",
    fires: (i) =>
      i.onset === "sudden_with_injury" &&
      i.duration_weeks <= 1 &&
      (i.age >= 55 || hasSign(i, "localised_bony_tenderness") || hasSign(i, "cannot_bear_weight")),
  },
  {
    id: "suspected_bone_stress_injury",
    level: "see_clinician",
    fires: (i) =>
      i.onset !== "sudden_with_injury" &&
      (hasSign(i, "localised_bony_tenderness") ||
        isTender(i, "tibia_bone") ||
        isTender(i, "femur_bone") ||
        hasFactor(i, "hopping_on_affected_leg")),
  },
  { id: "night_or_rest_pain", level: "see_clinician", fires: (i) => hasFactor(i, "night_or_rest") },
  {
    id: "unexplained_weight_loss",
    level: "see_clinician",
    fires: (i) => hasSign(i, "unexplained_weight_loss"),
  },
  { id: "knee_instability", level: "see_clinician", fires: (i) => hasSign(i, "giving_way") },
  {
    id: "mechanical_symptoms",
    level: "see_clinician",
    fires: (i) => hasSign(i, "locking") && !hasSign(i, "cannot_fully_straighten"),
  },
  {
    id: "neurological_symptoms",
    level: "see_clinician",
    fires: (i) => hasSign(i, "numbness_tingling"),
  },
  {
    id: "persistent_symptoms_12_weeks",
    level: "see_clinician",
    fires: (i) => i.duration_weeks >= 12,
  },
];

export interface RedFlagFinding {
  flags: RedFlagId[];
  /** The most urgent level among the flags; self_care when none fired. */
  level: TriageLevel;
}

export function findRedFlags(input: AssessmentInput): RedFlagFinding {
  const flags: RedFlagId[] = [];
  let level: TriageLevel = "self_care";
  for (const rule of RED_FLAG_RULES) {
    if (!rule.fires(input)) continue;
    flags.push(rule.id);
    level = moreUrgent(level, rule.level);
  }
  return { flags, level };
}

/** The level a single flag demands. */
export function redFlagLevel(id: RedFlagId): TriageLevel {
  const rule = RED_FLAG_RULES.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`unknown red flag ${id}`);
  return rule.level;
}
