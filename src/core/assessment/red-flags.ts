/**
 * The red-flag rules of the contract (../shared/assessment/1.1/README.md, "Red-flag ids and
 * triage rules"), one predicate per flag, written to match the table. Every rule is applied; the
 * most urgent level wins. They read the answers alone, never the ranking, and nothing downstream
 * may lower the level they set. The clinical basis is evidence.md section b) (triage tiers) with
 * the sources listed per condition in section a), and the sources the 1.1 table names.
 *
 * A few rules reach a little past the table, where the table is narrower than the guidance it
 * cites ("a case the table does not foresee should still be sent to care when a clinician would
 * send it", README): marked "Beyond the table" below. All only ever raise the level.
 */
import type { MedicalHistoryItem, RedFlagId, RedFlagRuleId, TriageLevel } from "./codes.js";
import { UNLISTED_RULE_IDS } from "./codes.js";
import { moreUrgent } from "./triage.js";
import type { AssessmentInput } from "./types.js";

export interface RedFlagRule {
  id: RedFlagRuleId;
  /** The most urgent level the rule can demand. */
  level: TriageLevel;
  /**
   * The level the rule demands for these answers, or null when it does not fire. Two rules of
   * 1.1 (`locked_knee`, `kneecap_dislocation`) demand less for a long-standing problem.
   */
  check: (input: AssessmentInput) => TriageLevel | null;
}

type SignCode = AssessmentInput["signs"][number];
type FactorCode = AssessmentInput["aggravating_factors"][number];
type SpotCode = NonNullable<AssessmentInput["tender_spots"]>[number];
type HistoryCode = NonNullable<AssessmentInput["medical_history"]>[number];
type AgeFlagCode = NonNullable<AssessmentInput["age_related_flags"]>[number];

const hasSign = (input: AssessmentInput, sign: SignCode): boolean => input.signs.includes(sign);
const hasFactor = (input: AssessmentInput, factor: FactorCode): boolean =>
  input.aggravating_factors.includes(factor);
const isTender = (input: AssessmentInput, spot: SpotCode): boolean =>
  (input.tender_spots ?? []).includes(spot);
const hasHistory = (input: AssessmentInput, item: HistoryCode): boolean =>
  (input.medical_history ?? []).includes(item);
const hasAgeFlag = (input: AssessmentInput, item: AgeFlagCode): boolean =>
  (input.age_related_flags ?? []).includes(item);
const hurtsAt = (input: AssessmentInput, place: AssessmentInput["pain_locations"][number]) =>
  input.pain_locations.includes(place);
/** README: "Joint swelling" means `swelling` is not `none`. */
const jointSwelling = (input: AssessmentInput): boolean => input.swelling !== "none";
const injured = (input: AssessmentInput): boolean => input.onset === "sudden_with_injury";
/** README: "children 8-16". */
const isChild8to16 = (input: AssessmentInput): boolean => input.age >= 8 && input.age <= 16;
/** A bone is sore to press: the sign, or the shin or thigh bone as a tender spot. */
const boneTender = (input: AssessmentInput): boolean =>
  hasSign(input, "localised_bony_tenderness") ||
  isTender(input, "tibia_bone") ||
  isTender(input, "femur_bone");

/**
 * `suspected_joint_infection` (1.1). Fever is absent in about half of septic joints (StatPearls
 * NBK557508; Margaretten 2007), so a hot swollen joint without an injury counts even without
 * fever; and a graze or cut is the way in for bacteria, so with one the injury does not explain
 * the heat away (1.1 change).
 */
export function suspectedJointInfection(input: AssessmentInput): boolean {
  const fever = hasSign(input, "fever_unwell");
  const hot = hasSign(input, "warmth_redness");
  return (
    (fever && (jointSwelling(input) || hot)) ||
    (hot &&
      jointSwelling(input) &&
      (!injured(input) || hasHistory(input, "recent_skin_wound_or_infection")))
  );
}

/**
 * The clot risks of the 1.1 `possible_dvt` addition (NICE NG158; RCOG Green-top 37b): the rule,
 * the evidence it gives the clot's ranking, and the web's clot questions all read this one list.
 */
export const CLOT_RISKS: readonly MedicalHistoryItem[] = [
  "recent_long_travel_or_immobilisation",
  "hormonal_contraception_or_hrt",
  "clot_history_or_clotting_disorder",
  "cancer_history",
  "pregnant_or_recently_pregnant",
];

export function hasClotRisk(input: AssessmentInput): boolean {
  return CLOT_RISKS.some((risk) => hasHistory(input, risk));
}

/** 1.1 `fever_high_risk`: fever where a joint or bone infection may show no swelling at first. */
export function feverWithInfectionRisk(input: AssessmentInput): boolean {
  return (
    hasSign(input, "fever_unwell") &&
    (input.age <= 15 ||
      hasAgeFlag(input, "previous_joint_replacement") ||
      hasHistory(input, "immunosuppressed_or_diabetes") ||
      hasHistory(input, "previous_knee_surgery") ||
      hasHistory(input, "recent_skin_wound_or_infection"))
  );
}

/** 1.1: a calf or back-of-knee ache with a clot risk and no injury to explain it. */
export function calfPainWithClotRisk(input: AssessmentInput): boolean {
  return (
    !injured(input) &&
    (hurtsAt(input, "calf") || hurtsAt(input, "posterior") || isTender(input, "calf")) &&
    hasClotRisk(input)
  );
}

/** 1.1: a child's knee that is not sore to press sends the examination to the hip. */
export function adolescentNormalKnee(input: AssessmentInput): boolean {
  if (!isChild8to16(input)) return false;
  const spots = input.tender_spots ?? [];
  const table =
    spots.includes("none_found") &&
    (hasHistory(input, "overweight") || hurtsAt(input, "hip_groin_thigh"));
  // Beyond the table: with thigh or groin pain and no injury, a knee that nobody has pressed is
  // no evidence that the knee is the source either; only a sore spot at the knee explains the
  // pain there (evidence.md: slips are missed when only the knee is examined, Matava 1999).
  const unexplainedThighPain =
    hurtsAt(input, "hip_groin_thigh") && !injured(input) && spots.length === 0;
  return table || unexplainedThighPain;
}

function femoralNeckStressFracture(input: AssessmentInput): boolean {
  if (!hurtsAt(input, "hip_groin_thigh")) return false;
  const signs =
    hasFactor(input, "hopping_on_affected_leg") ||
    hasFactor(input, "night_or_rest") ||
    hasSign(input, "localised_bony_tenderness") ||
    isTender(input, "femur_bone");
  // 1.1: the femoral neck cannot be pressed and runners rarely try hopping, so the risks count.
  const volume = input.recent_volume_change_percent;
  const risks =
    !injured(input) &&
    (hasHistory(input, "low_energy_availability_or_missed_periods") ||
      hasHistory(input, "previous_stress_fracture") ||
      hasAgeFlag(input, "osteoporosis_or_low_bone_density") ||
      (volume !== undefined && volume >= 30) ||
      hasSign(input, "limp"));
  return signs || risks;
}

/** Ottawa knee rule items the questionnaire can capture (Stiell 1995/1996), first week only. */
function ottawaItems(input: AssessmentInput): boolean {
  if (!injured(input) || input.duration_weeks > 1) return false;
  return (
    input.age >= 55 ||
    hasSign(input, "localised_bony_tenderness") ||
    hasSign(input, "cannot_bear_weight") ||
    isTender(input, "front_of_kneecap_surface") ||
    isTender(input, "kneecap_edges") ||
    isTender(input, "fibular_head") ||
    hasSign(input, "cannot_bend_to_right_angle")
  );
}

function tumourPattern(input: AssessmentInput): boolean {
  const night = hasFactor(input, "night_or_rest");
  return (
    (night && hasSign(input, "unexplained_weight_loss")) ||
    (hasHistory(input, "cancer_history") && (night || boneTender(input))) ||
    // The table asks for joint swelling too. Beyond the table: NICE NG12 asks for an X-ray
    // within 48 hours for unexplained bone pain in a child or young person, and pain that wakes
    // a young person at night with no injury to explain it is just that (bone tumours of the
    // young cluster around the knee), swollen or not.
    (input.age <= 19 && night && !injured(input))
  );
}

function inflammatoryPattern(input: AssessmentInput): boolean {
  return (
    (input.morning_stiffness === "over_30_min" && jointSwelling(input)) ||
    hasSign(input, "other_joints_swollen") ||
    (hasHistory(input, "gout_or_inflammatory_arthritis") && jointSwelling(input) && !injured(input))
  );
}

/** A rule that demands one level whenever it fires. */
const rule = (
  id: RedFlagRuleId,
  level: TriageLevel,
  fires: (input: AssessmentInput) => boolean,
): RedFlagRule => ({ id, level, check: (input) => (fires(input) ? level : null) });

/** In the README's order (schema ids first); the order is also the order flags are reported in. */
export const RED_FLAG_RULES: readonly RedFlagRule[] = [
  rule("suspected_joint_infection", "emergency", suspectedJointInfection),
  rule("possible_pulmonary_embolism", "emergency", (i) => hasSign(i, "chest_pain_or_breathless")),
  rule(
    "unstable_scfe_pattern",
    "emergency",
    (i) =>
      isChild8to16(i) &&
      hasSign(i, "cannot_bear_weight") &&
      // Beyond the table: evidence.md's emergency tier is a child or teenager unable to bear
      // weight "with hip/thigh/knee pain", and 15% of slips are felt only in the thigh or knee
      // (Matava 1999). Without an injury to explain it, knee pain alone counts too.
      (hurtsAt(i, "hip_groin_thigh") || !injured(i)),
  ),
  rule("cannot_bear_weight", "urgent", (i) => hasSign(i, "cannot_bear_weight")),
  rule(
    "rapid_swelling_after_injury",
    "urgent",
    (i) => i.swelling === "rapid_within_2h" && injured(i),
  ),
  {
    id: "locked_knee",
    level: "urgent",
    // 1.1: a block of 12 weeks or more is long-standing (as in osteoarthritis), not an emergency
    // of a torn fragment, so it is booked rather than seen the same day.
    check: (i) =>
      hasSign(i, "cannot_fully_straighten")
        ? i.duration_weeks < 12
          ? "urgent"
          : "see_clinician"
        : null,
  },
  rule(
    "possible_dvt",
    "urgent",
    (i) => hasSign(i, "calf_pain_swelling") || calfPainWithClotRisk(i),
  ),
  rule(
    "hot_red_swelling",
    "urgent",
    (i) => hasSign(i, "warmth_redness") && !suspectedJointInfection(i),
  ),
  rule("adolescent_hip_pain_with_limp", "urgent", (i) => isChild8to16(i) && hasSign(i, "limp")),
  rule("possible_femoral_neck_stress_fracture", "urgent", femoralNeckStressFracture),
  rule("acute_injury_xray_criteria", "urgent", ottawaItems),
  rule(
    "suspected_bone_stress_injury",
    "see_clinician",
    (i) => !injured(i) && (boneTender(i) || hasFactor(i, "hopping_on_affected_leg")),
  ),
  rule("night_or_rest_pain", "see_clinician", (i) => hasFactor(i, "night_or_rest")),
  rule("unexplained_weight_loss", "see_clinician", (i) => hasSign(i, "unexplained_weight_loss")),
  rule("knee_instability", "see_clinician", (i) => hasSign(i, "giving_way")),
  rule(
    "mechanical_symptoms",
    "see_clinician",
    (i) => hasSign(i, "locking") && !hasSign(i, "cannot_fully_straighten"),
  ),
  rule("neurological_symptoms", "see_clinician", (i) => hasSign(i, "numbness_tingling")),
  rule("persistent_symptoms_12_weeks", "see_clinician", (i) => i.duration_weeks >= 12),
  // 1.1. Septic arthritis in children and in people with a replaced, operated or poorly defended
  // joint may show no swelling at first (Kocher 1999; Margaretten 2007).
  rule("fever_high_risk", "emergency", feverWithInfectionRisk),
  rule("fever_with_knee_pain", "urgent", (i) => hasSign(i, "fever_unwell")),
  rule("young_child_limp", "urgent", (i) => i.age >= 5 && i.age <= 7 && hasSign(i, "limp")),
  rule("possible_tumour_pattern", "urgent", tumourPattern),
  rule("extensor_mechanism_failure", "urgent", (i) => hasSign(i, "cannot_lift_straight_leg")),
  {
    id: "kneecap_dislocation",
    level: "urgent",
    // A first, fresh dislocation needs an X-ray for a bone or cartilage fragment the same day; a
    // kneecap that has slipped before and settled needs rehabilitation and a specialist's view.
    check: (i) =>
      hasSign(i, "kneecap_shifted_out")
        ? i.onset !== "gradual" && i.duration_weeks <= 2
          ? "urgent"
          : "see_clinician"
        : null,
  },
  rule("cauda_equina_symptoms", "emergency", (i) =>
    hasSign(i, "saddle_numbness_or_bladder_bowel_change"),
  ),
  rule("adolescent_knee_pain_normal_knee", "urgent", adolescentNormalKnee),
  rule(
    "hip_source_suspected",
    "see_clinician",
    (i) => i.age >= 17 && hurtsAt(i, "hip_groin_thigh") && isTender(i, "none_found"),
  ),
  rule("inflammatory_pattern", "see_clinician", inflammatoryPattern),
  rule("back_source_suspected", "see_clinician", (i) => hasSign(i, "back_pain_or_leg_nerve_pain")),
  // In the README table but not in the result schema's red_flag enum (codes.ts,
  // UNLISTED_RULE_IDS): it sets the level and its instructions, and is reported beside the result.
  rule(
    "possible_knee_dislocation",
    "emergency",
    (i) =>
      injured(i) &&
      hasSign(i, "numbness_tingling") &&
      (hasSign(i, "cannot_bear_weight") ||
        hasSign(i, "giving_way") ||
        i.injury_mechanism === "hyperextension"),
  ),
  // Beyond the table, and so not a schema id: a knee that balloons within two hours with no
  // injury has bled or filled with crystals or pus until shown otherwise (NICE CKS, knee pain:
  // an acutely swollen joint without trauma is assessed the same day).
  rule(
    "acute_swelling_without_injury",
    "urgent",
    (i) => i.onset === "sudden_no_injury" && i.swelling === "rapid_within_2h",
  ),
];

export interface RedFlagHit {
  id: RedFlagRuleId;
  /** The level this rule demands for these answers. */
  level: TriageLevel;
}

export interface RedFlagFinding {
  /** The flag ids a result may list (the result schema's enum), in the README's order. */
  flags: RedFlagId[];
  /** Every rule that fired, with its level, including rules the schema cannot list. */
  hits: RedFlagHit[];
  /** The most urgent level among the hits; self_care when none fired. */
  level: TriageLevel;
}

const UNLISTED: readonly string[] = UNLISTED_RULE_IDS;
const isListed = (id: RedFlagRuleId): id is RedFlagId => !UNLISTED.includes(id);

export function findRedFlags(input: AssessmentInput): RedFlagFinding {
  const hits: RedFlagHit[] = [];
  let level: TriageLevel = "self_care";
  for (const r of RED_FLAG_RULES) {
    const demanded = r.check(input);
    if (demanded === null) continue;
    hits.push({ id: r.id, level: demanded });
    level = moreUrgent(level, demanded);
  }
  return { flags: hits.map((h) => h.id).filter(isListed), hits, level };
}

/** The most urgent level a single flag can demand. */
export function redFlagLevel(id: RedFlagRuleId): TriageLevel {
  const found = RED_FLAG_RULES.find((r) => r.id === id);
  if (found === undefined) throw new Error(`unknown red flag ${id}`);
  return found.level;
}
