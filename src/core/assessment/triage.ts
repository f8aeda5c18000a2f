/**
 * Triage levels: their order, the condition floors of the contract (README "Condition floors")
 * and the plain-words next step for each level, in our own words.
 */
import { TRIAGE_LEVELS } from "./codes.js";
import type { ConditionId, TriageLevel } from "./codes.js";

/** 0 is the most urgent (emergency), 3 the least (self_care). */
export function urgencyRank(level: TriageLevel): number {
  return TRIAGE_LEVELS.indexOf(level);
}

export function moreUrgent(a: TriageLevel, b: TriageLevel): TriageLevel {
  return urgencyRank(a) <= urgencyRank(b) ? a : b;
}

/** True when `result` is less urgent than `expected` (under-triage). */
export function isLessUrgent(result: TriageLevel, expected: TriageLevel): boolean {
  return urgencyRank(result) > urgencyRank(expected);
}

/**
 * The least urgent level allowed when `top` is ranked first (README, "Condition floors"):
 * problems that need an examination or imaging get a booked visit; infection, a clot and a
 * slipped growth plate need to be seen the same day.
 */
export function conditionFloor(top: ConditionId): TriageLevel {
  switch (top) {
    case "septic_arthritis":
    case "deep_vein_thrombosis":
    case "slipped_capital_femoral_epiphysis":
    case "extensor_mechanism_injury":
      return "urgent";
    case "meniscal_tear":
    case "ligament_injury":
    case "stress_fracture":
    case "referred_hip_pain":
    case "bakers_cyst":
    case "inflammatory_arthritis":
    case "lumbar_referred_pain":
    case "patellar_dislocation":
      return "see_clinician";
    default:
      return "self_care";
  }
}

/**
 * How serious a condition is when it is the cause, for breaking ties in the ranking (0 = most
 * serious): its floor first, then the urgent-care conditions above the booked ones inside each
 * floor by the harm a delay does.
 */
const SERIOUSNESS: readonly ConditionId[] = [
  "septic_arthritis",
  "deep_vein_thrombosis",
  "slipped_capital_femoral_epiphysis",
  "extensor_mechanism_injury",
  "stress_fracture",
  "patellar_dislocation",
  "ligament_injury",
  "meniscal_tear",
  "inflammatory_arthritis",
  "lumbar_referred_pain",
  "referred_hip_pain",
  "bakers_cyst",
];

export function seriousnessRank(id: ConditionId): number {
  const i = SERIOUSNESS.indexOf(id);
  return i < 0 ? SERIOUSNESS.length : i;
}

export interface TriageAdvice {
  /** A short heading for the level. */
  headline: string;
  /** What to do now, in plain words. */
  next_step: string;
}

export const TRIAGE_ADVICE: Readonly<Record<TriageLevel, TriageAdvice>> = {
  emergency: {
    headline: "Emergency: get help now",
    next_step:
      "Call the emergency services or go straight to an emergency department. Do not wait to see whether it settles, and do not run.",
  },
  urgent: {
    headline: "Urgent: be seen today",
    next_step:
      "Arrange to see a clinician today: a same-day GP appointment, an urgent care centre or a minor injuries unit. Stop running until you have been checked.",
  },
  see_clinician: {
    headline: "Book an appointment",
    next_step:
      "Book a GP or physiotherapist within the next one to two weeks. Until then cut back or pause running as the pain allows, and avoid whatever sets it off.",
  },
  self_care: {
    headline: "Self-care is reasonable",
    next_step:
      "Ease the training load, keep moving within comfort and start the exercises for the most likely cause. If it is no better after about six weeks, or gets worse, see a GP or physiotherapist.",
  },
};

/** Shown with every result: the engine supports a decision, it does not make one. */
export const NOT_A_DIAGNOSIS =
  "This is decision support, not a diagnosis. It cannot examine your knee, so if you are worried, or anything changes, see a clinician.";

/** When to seek help whatever the result said; the same triggers the red-flag rules look for. */
export const WHEN_TO_SEE_A_CLINICIAN =
  "Get seen the same day if the knee becomes hot, red or swollen, you feel feverish or unwell, you cannot put weight on the leg or lift it straight, the knee locks and will not straighten, the kneecap slips out, or your calf swells or aches after a long journey; call the emergency services if you become breathless or have chest pain, or notice numbness between your legs or a change in bladder or bowel control.";
