import { CLOT_RISKS } from "../../../src/contracts/assessments.js";
import type { AssessmentInput } from "../../../src/contracts/assessments.js";
import { DURATION_CHOICES, HISTORY_CHOICES, LIFE_STAGE_CHOICES } from "./answer-labels.js";
import type {
  Factor,
  History,
  LifeStage,
  Mechanism,
  Onset,
  PainLocation,
  Sex,
  Side,
  Sign,
  Stiffness,
  Swelling,
  TenderSpot,
  TrainingChange,
} from "./answer-labels.js";

/** The questionnaire as the form holds it: "" is "not answered yet". */
export interface Answers {
  age: string;
  /** The runner ticked "none of these" for the warning signs. */
  noWarningSigns: boolean;
  signs: Sign[];
  swelling: Swelling | "";
  onset: Onset | "";
  mechanism: Mechanism | "";
  painLocations: PainLocation[];
  side: Side | "unsure" | "";
  factors: Factor[];
  stiffness: Stiffness | "";
  tenderChecked: "not_checked" | "none_found" | "some";
  tenderSpots: Exclude<TenderSpot, "none_found">[];
  duration: string;
  /** "" is "not sure", which leaves the field out. */
  severity: string;
  trainingChanges: Exclude<TrainingChange, "none">[];
  volumeChange: string;
  sex: Sex | "";
  lifeStage: LifeStage[];
  history: History[];
}

export const EMPTY_ANSWERS: Answers = {
  age: "",
  noWarningSigns: false,
  signs: [],
  swelling: "",
  onset: "",
  mechanism: "",
  painLocations: [],
  side: "",
  factors: [],
  stiffness: "",
  tenderChecked: "not_checked",
  tenderSpots: [],
  duration: "",
  severity: "",
  trainingChanges: [],
  volumeChange: "",
  sex: "",
  lifeStage: [],
  history: [],
};

export const STEPS = [
  { id: "warning", title: "Warning signs first" },
  { id: "start", title: "Swelling and how it started" },
  { id: "where", title: "Where it hurts" },
  { id: "triggers", title: "What brings it on" },
  { id: "knee", title: "More about the knee" },
  { id: "time", title: "How long and how bad" },
  { id: "background", title: "Training and health" },
] as const;
export type StepId = (typeof STEPS)[number]["id"];

export type FieldErrors = Partial<Record<string, string>>;

const HISTORY_CODES = HISTORY_CHOICES.map((c) => c.code);
const LIFE_STAGE_CODES = LIFE_STAGE_CHOICES.map((c) => c.code);

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,3}$/.test(t) ? Number(t) : null;
}

/** What must be answered before leaving a step; the messages say what to do. */
export function checkStep(step: StepId, a: Answers): FieldErrors {
  const errors: FieldErrors = {};
  switch (step) {
    case "warning": {
      const age = wholeNumber(a.age);
      if (age === null || age < 5 || age > 100) errors.age = "Enter your age in whole years (5 to 100).";
      if (a.signs.length === 0 && !a.noWarningSigns) errors.signs = "Tick any that apply, or \"None of these\".";
      break;
    }
    case "start":
      if (a.swelling === "") errors.swelling = "Choose one answer about swelling.";
      if (a.onset === "") errors.onset = "Choose how it started.";
      if (a.onset === "sudden_with_injury" && a.mechanism === "") errors.mechanism = "Choose what happened, or \"Not sure\".";
      break;
    case "where":
      if (a.painLocations.length === 0) errors.painLocations = "Mark at least one place on the knee, or \"All over\".";
      break;
    case "time":
      if (a.duration === "") errors.duration = "Choose how long it has lasted.";
      break;
    case "background": {
      if (a.sex === "") errors.sex = "Choose an answer (\"I'd rather not say\" is fine).";
      const v = a.volumeChange.trim();
      if (v !== "" && (!/^-?\d{1,4}$/.test(v) || Number(v) < -100 || Number(v) > 1000)) {
        errors.volumeChange = "Enter a whole percentage from -100 to 1000, or leave it empty if not sure.";
      }
      break;
    }
    default:
      break;
  }
  return errors;
}

/*
 * Adaptive follow-ups. Each question below decides a red-flag rule of contract 1.1 and is asked
 * only where that rule can fire, as early as its trigger is known (red flags first). A follow-up
 * either asks codes that no other screen asks (those are left out of the input when the trigger
 * goes: see sentAnswers) or asks earlier what the last step asks everyone anyway (those are taken
 * off that step while the follow-up shows them, so each code is on exactly one screen, and kept
 * when the trigger goes, because the last step then shows them again with their ticks).
 */

/** Signs asked only after an injury. (kneecap_shifted_out is there too, but otherwise asked on the knee step.) */
export const INJURY_ONLY_SIGNS: readonly Sign[] = ["cannot_bend_to_right_angle", "cannot_lift_straight_leg"];
/** Sore spots of the Ottawa knee rule, asked after an injury and also listed on the knee step. */
export const INJURY_TENDER_SPOTS: readonly Exclude<TenderSpot, "none_found">[] = ["fibular_head", "front_of_kneecap_surface", "kneecap_edges"];
/** With a fever, what makes an infected joint likely even without swelling (the fever_high_risk rule). */
export const FEVER_HISTORY: readonly History[] = ["previous_knee_surgery", "recent_skin_wound_or_infection", "immunosuppressed_or_diabetes"];
export const FEVER_LIFE_STAGE: readonly LifeStage[] = ["previous_joint_replacement"];
/** Clot risks: with calf or back-of-knee pain they make a clot possible (possible_dvt reads the same list). */
export const CLOT_HISTORY: readonly History[] = CLOT_RISKS;
/** The clot risks that matter to nothing else, so nobody else is asked them. Cancer also counts with night pain. */
export const CLOT_ONLY_HISTORY: readonly History[] = CLOT_HISTORY.filter((h) => h !== "cancer_history");
/** With hip, groin or thigh pain, what makes a stress fracture of the hip likely. */
export const HIP_HISTORY: readonly History[] = ["low_energy_availability_or_missed_periods", "previous_stress_fracture"];
export const HIP_LIFE_STAGE: readonly LifeStage[] = ["osteoporosis_or_low_bone_density"];

/** Children and teenagers, as the contract's child rules count them (young_child_limp 5-7, adolescent 8-16). */
export function isChild(a: Answers): boolean {
  const age = wholeNumber(a.age);
  return age !== null && age >= 5 && age <= 16;
}

export function showsFeverFollowUp(a: Answers): boolean {
  return a.signs.includes("fever_unwell");
}

/**
 * A child with a limp or a fever needs to be seen today whatever else is true, so the questions
 * end after the warning signs and a few that can still make it an emergency.
 */
export function childFastPath(a: Answers): boolean {
  return isChild(a) && (a.signs.includes("limp") || a.signs.includes("fever_unwell"));
}

export function showsInjuryFollowUp(a: Answers): boolean {
  return a.onset === "sudden_with_injury";
}

/** Clot risks go with the pain map (or the swollen calf ticked first)... */
export function clotTriggerWhere(a: Answers): boolean {
  return a.painLocations.includes("calf") || a.painLocations.includes("posterior") || a.signs.includes("calf_pain_swelling");
}

/** ...or, when only pressing found it, with the sore spots. */
export function showsClotFollowUp(a: Answers): boolean {
  return clotTriggerWhere(a) || (a.tenderChecked === "some" && a.tenderSpots.includes("calf"));
}

export function showsHipFollowUp(a: Answers): boolean {
  return a.painLocations.includes("hip_groin_thigh");
}

/** The history items the last step asks, leaving out those a follow-up on show has already asked. */
export function backgroundHistory(a: Answers): History[] {
  const asked = new Set<History>(CLOT_ONLY_HISTORY);
  if (showsFeverFollowUp(a)) FEVER_HISTORY.forEach((h) => asked.add(h));
  if (showsClotFollowUp(a)) asked.add("cancer_history");
  if (showsHipFollowUp(a)) HIP_HISTORY.forEach((h) => asked.add(h));
  return HISTORY_CODES.filter((h) => !asked.has(h));
}

export function backgroundLifeStage(a: Answers): LifeStage[] {
  const asked = new Set<LifeStage>();
  if (showsFeverFollowUp(a)) FEVER_LIFE_STAGE.forEach((l) => asked.add(l));
  if (showsHipFollowUp(a)) HIP_LIFE_STAGE.forEach((l) => asked.add(l));
  return LIFE_STAGE_CODES.filter((l) => !asked.has(l));
}

/** One group's ticks replaced, the ticks of the other groups sharing the list kept. */
export function replaceWithin<T extends string>(all: readonly T[], group: readonly T[], picked: readonly T[]): T[] {
  return [...all.filter((c) => !group.includes(c)), ...picked.filter((c) => group.includes(c))];
}

/** The answers without those to follow-ups whose trigger has gone (and that no other screen shows). */
export function sentAnswers(a: Answers): Answers {
  return {
    ...a,
    signs: showsInjuryFollowUp(a) ? a.signs : a.signs.filter((s) => !INJURY_ONLY_SIGNS.includes(s)),
    history: showsClotFollowUp(a) ? a.history : a.history.filter((h) => !CLOT_ONLY_HISTORY.includes(h)),
  };
}

/**
 * The contract's input from the answers so far. Questions not reached yet get the least
 * alarming placeholder: the emergency rules only ever add flags as answers are
 * added, so an emergency found on partial answers is real, and one not yet found can still
 * appear on a later step (which is checked again). The one exception errs the safe way: with
 * the start not yet answered (a child's result comes before that step), "gradual" makes a hot,
 * swollen knee a possible joint infection rather than a hot bursa after a knock. Answers to
 * follow-ups that are no longer asked are left out (sentAnswers).
 */
export function buildInput(answers: Answers): AssessmentInput {
  const a = sentAnswers(answers);
  const duration = DURATION_CHOICES.find((d) => d.code === a.duration);
  const input: AssessmentInput = {
    schema_version: "1.1",
    age: wholeNumber(a.age) ?? 30,
    sex: a.sex === "" ? "undisclosed" : a.sex,
    onset: a.onset === "" ? "gradual" : a.onset,
    pain_locations: a.painLocations.length > 0 ? a.painLocations : ["diffuse"],
    aggravating_factors: a.factors,
    swelling: a.swelling === "" ? "none" : a.swelling,
    signs: a.signs,
    duration_weeks: duration?.weeks ?? 0,
  };
  if (a.onset === "sudden_with_injury") input.injury_mechanism = a.mechanism === "" ? "unsure" : a.mechanism;
  if (a.side !== "" && a.side !== "unsure") input.affected_side = a.side;
  if (a.stiffness !== "") input.morning_stiffness = a.stiffness;
  if (a.tenderChecked === "none_found") input.tender_spots = ["none_found"];
  if (a.tenderChecked === "some" && a.tenderSpots.length > 0) input.tender_spots = a.tenderSpots;
  if (a.severity !== "") input.pain_severity = Number(a.severity);
  if (a.trainingChanges.length > 0) input.training_changes = a.trainingChanges;
  if (a.volumeChange.trim() !== "" && /^-?\d{1,4}$/.test(a.volumeChange.trim())) input.recent_volume_change_percent = Number(a.volumeChange.trim());
  if (a.lifeStage.length > 0) input.age_related_flags = a.lifeStage;
  if (a.history.length > 0) input.medical_history = a.history;
  return input;
}

const DRAFT_KEY = "kneewise.assess.draft";

/** Answers survive a reload (and a detour to sign in) for this browser tab only. */
export function loadDraft(): { answers: Answers; step: number } | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as { answers?: Partial<Answers>; step?: number };
    return { answers: { ...EMPTY_ANSWERS, ...parsed.answers }, step: typeof parsed.step === "number" ? parsed.step : 0 };
  } catch {
    // A draft from an older version, or hand-edited: start afresh rather than half-restore it.
    return null;
  }
}

export function saveDraft(answers: Answers, step: number): void {
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ answers, step }));
  } catch {
    // Private browsing may refuse storage; the answers still live in memory.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // As above.
  }
}
