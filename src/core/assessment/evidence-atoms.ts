/**
 * Turns the answers into evidence atoms: one named fact per answer (`loc:lateral`,
 * `sign:locking`) plus a few derived facts the clinical sources state in terms of age, numbers
 * or combinations (`age_45_plus`, `volume_jump_30`). The condition model weighs atoms, and each
 * atom remembers which input codes it came from, so a result can say why a condition ranked.
 */
import type {
  AffectedSide,
  AgeRelatedFlag,
  AggravatingFactor,
  InjuryMechanism,
  MedicalHistoryItem,
  MorningStiffness,
  Onset,
  PainLocation,
  Sex,
  Sign,
  Swelling,
  TenderSpot,
  TrainingChange,
} from "./codes.js";
import {
  adolescentNormalKnee,
  calfPainWithClotRisk,
  CLOT_RISKS,
  feverWithInfectionRisk,
  suspectedJointInfection,
} from "./red-flags.js";
import type { AssessmentInput } from "./types.js";

/** Spots that belong to the kneecap joint itself (patellofemoral pain is sore here, if anywhere). */
const KNEECAP_SPOTS: readonly TenderSpot[] = ["kneecap_edges", "none_found"];
/** Spots an osteoarthritic knee is typically sore at: the joint lines (NICE NG226). */
const JOINT_LINE_SPOTS: readonly TenderSpot[] = [
  "medial_joint_line",
  "lateral_joint_line",
  "none_found",
];

export type DerivedAtom =
  | "age_8_16"
  | "age_10_14"
  | "age_under_14"
  | "age_15_30"
  | "age_under_34"
  | "age_under_35"
  | "age_35_70"
  | "age_40_plus"
  | "age_45_plus"
  | "age_55_plus"
  | "osgood_typical_age"
  | "joint_swelling"
  | "no_joint_swelling"
  | "volume_jump_30"
  | "duration_12_plus"
  | "young_without_injury"
  | "older_without_injury"
  | "injury_with_side_pain"
  | "calf_swelling_with_lump_behind_knee"
  | "calf_pain_with_clot_risk"
  | "adolescent_normal_knee"
  | "tender_away_from_kneecap"
  | "tender_away_from_joint_line"
  | "child_focal_tenderness"
  | "joint_infection_pattern"
  | "fever_with_infection_risk";

export type Atom =
  | `loc:${PainLocation}`
  | `agg:${AggravatingFactor}`
  | `sign:${Sign}`
  | `tender:${TenderSpot}`
  | `onset:${Onset}`
  | `mech:${InjuryMechanism}`
  | `swell:${Swelling}`
  | `stiff:${MorningStiffness}`
  | `train:${TrainingChange}`
  | `flag:${AgeRelatedFlag}`
  | `hx:${MedicalHistoryItem}`
  | `side:${AffectedSide}`
  | `sex:${Sex}`
  | DerivedAtom;

/** Each atom present, with the input codes (or field names, for numbers) behind it. */
export type AtomSet = ReadonlyMap<Atom, readonly string[]>;

export function evidenceAtoms(input: AssessmentInput): AtomSet {
  const atoms = new Map<Atom, readonly string[]>();
  const add = (atom: Atom, reasons: readonly string[]): void => {
    atoms.set(atom, reasons);
  };

  for (const code of input.pain_locations) add(`loc:${code}`, [code]);
  for (const code of input.aggravating_factors) add(`agg:${code}`, [code]);
  for (const code of input.signs) add(`sign:${code}`, [code]);
  for (const code of input.tender_spots ?? []) add(`tender:${code}`, [code]);
  for (const code of input.training_changes ?? []) add(`train:${code}`, [code]);
  for (const code of input.age_related_flags ?? []) add(`flag:${code}`, [code]);
  for (const code of input.medical_history ?? []) add(`hx:${code}`, [code]);
  add(`onset:${input.onset}`, [input.onset]);
  add(`mech:${input.injury_mechanism ?? "none"}`, [input.injury_mechanism ?? "none"]);
  add(`swell:${input.swelling}`, [input.swelling]);
  const stiffness = input.morning_stiffness ?? "none";
  add(`stiff:${stiffness}`, [stiffness]);
  if (input.affected_side !== undefined) add(`side:${input.affected_side}`, [input.affected_side]);
  add(`sex:${input.sex}`, [input.sex]);

  const age = input.age;
  const ageBands: [DerivedAtom, boolean][] = [
    ["age_8_16", age >= 8 && age <= 16],
    ["age_10_14", age >= 10 && age <= 14],
    ["age_under_14", age < 14],
    ["age_15_30", age >= 15 && age <= 30],
    ["age_under_34", age < 34],
    ["age_under_35", age < 35],
    ["age_35_70", age >= 35 && age <= 70],
    ["age_40_plus", age >= 40],
    ["age_45_plus", age >= 45],
    ["age_55_plus", age >= 55],
    // Osgood-Schlatter peaks earlier in girls (about 8-12) than boys (about 12-15) (Gholve 2007).
    [
      "osgood_typical_age",
      input.sex === "female"
        ? age >= 8 && age <= 12
        : input.sex === "male"
          ? age >= 12 && age <= 15
          : age >= 8 && age <= 15,
    ],
  ];
  for (const [atom, holds] of ageBands) if (holds) add(atom, ["age"]);

  if (input.swelling !== "none") add("joint_swelling", [input.swelling]);
  else add("no_joint_swelling", ["swelling"]);

  const volume = input.recent_volume_change_percent;
  // Nielsen 2014 (JOSPT 44:739): >30% progression over two weeks raised distance-related injuries.
  if (volume !== undefined && volume >= 30) add("volume_jump_30", ["recent_volume_change_percent"]);
  if (input.duration_weeks >= 12) add("duration_12_plus", ["duration_weeks"]);

  const injured = input.onset === "sudden_with_injury";
  if (!injured && age < 40) add("young_without_injury", ["age", input.onset]);
  if (!injured && age >= 40) add("older_without_injury", ["age", input.onset]);
  const sidePain = input.pain_locations.filter((l) => l === "medial_joint_line" || l === "lateral");
  if (injured && sidePain.length > 0) add("injury_with_side_pain", [input.onset, ...sidePain]);
  if (input.signs.includes("calf_pain_swelling") && input.signs.includes("lump_behind_knee")) {
    add("calf_swelling_with_lump_behind_knee", ["calf_pain_swelling", "lump_behind_knee"]);
  }
  // The 1.1 flag patterns, as evidence for the conditions they point at (the same predicates,
  // so a condition that leads on them always has its flag).
  if (calfPainWithClotRisk(input)) {
    const where = input.pain_locations.filter((l) => l === "calf" || l === "posterior");
    // With no such place reported, the tender calf (spot "calf") fired it.
    add("calf_pain_with_clot_risk", [
      ...(where.length > 0 ? where : ["calf"]),
      ...CLOT_RISKS.filter((risk) => (input.medical_history ?? []).includes(risk)),
    ]);
  }
  if (adolescentNormalKnee(input)) {
    const checked = (input.tender_spots ?? []).includes("none_found");
    add("adolescent_normal_knee", ["age", checked ? "none_found" : "hip_groin_thigh"]);
  }
  if (suspectedJointInfection(input)) {
    const infectionSigns = input.signs.filter(
      (s) => s === "fever_unwell" || s === "warmth_redness",
    );
    add("joint_infection_pattern", infectionSigns);
  }
  if (feverWithInfectionRisk(input)) add("fever_with_infection_risk", ["fever_unwell"]);

  // A spot sore to press elsewhere points away from a diffuse kneecap or wear-related ache: the
  // sore spot names its own structure (Crossley 2016: kneecap-edge tenderness is the PFP sign;
  // NICE NG226: OA is diagnosed when nothing else explains the pain).
  const spots = input.tender_spots ?? [];
  const awayFromKneecap = spots.filter((s) => !KNEECAP_SPOTS.includes(s));
  if (awayFromKneecap.length > 0) add("tender_away_from_kneecap", awayFromKneecap);
  const awayFromJointLine = spots.filter((s) => !JOINT_LINE_SPOTS.includes(s));
  if (awayFromJointLine.length > 0) add("tender_away_from_joint_line", awayFromJointLine);
  // In children a precise sore spot (the shin bump, the kneecap's lower tip) outweighs a vague
  // "around the kneecap": growth-plate problems are found by pressing (Gholve 2007; Draghi 2008).
  if (atoms.has("age_8_16") && awayFromKneecap.length > 0) {
    add("child_focal_tenderness", awayFromKneecap);
  }
  return atoms;
}
