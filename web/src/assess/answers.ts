import type { AssessmentInput } from "../../../src/contracts/assessments.js";
import { DURATION_CHOICES } from "./answer-labels.js";
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

/**
 * The contract's input from the answers so far. Questions not reached yet get the least
 * alarming placeholder: the emergency rules only ever add flags as answers are
 * added, so an emergency found on partial answers is real, and one not yet found can still
 * appear on a later step (which is checked again).
 */
export function buildInput(a: Answers): AssessmentInput {
  const duration = DURATION_CHOICES.find((d) => d.code === a.duration);
  const input: AssessmentInput = {
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
