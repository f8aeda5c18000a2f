/**
 * The pain diary and the pain-monitoring model's inputs and outputs. Scores are whole numbers
 * 0-10; dates are the runner's local calendar dates (YYYY-MM-DD).
 */

/** One day of the diary. A score is null when it was not recorded (no run, or not yet morning). */
export interface PainEntry {
  date: string;
  /** Worst pain during the run that day. */
  during: number | null;
  /** Worst pain in the hours after it. */
  after: number | null;
  /** Pain or stiffness on waking the morning after `date`. */
  nextMorning: number | null;
  locations: readonly string[];
  triggers: readonly string[];
  notes: string;
  /** Knee pain woke the runner or kept them awake the night after `date`; null or absent: not asked. */
  nightPain?: boolean | null;
  /** The knee was swollen after that day's run; null or absent: not asked. */
  swelling?: boolean | null;
  /** The knee gave way (buckled) that day; null or absent: not asked. */
  givingWay?: boolean | null;
}

/** What the pattern finder needs of a recorded activity. */
export interface ActivitySummary {
  /** Local calendar date of the start. */
  date: string;
  distanceM: number;
  elevationLossM: number | null;
  shoeId: string | null;
  sport: string;
}

export type PainZone = "green" | "amber" | "red";
export type PainLight = PainZone | "none";
export type PainDecision = "progress" | "hold" | "back_off";

export type ReasonCode =
  | "NO_RECENT_ENTRIES"
  | "ALL_SAFE"
  | "MORNING_PENDING"
  | "ACCEPTABLE_PAIN"
  | "TOO_MUCH_PAIN"
  | "EASING_AFTER_FLARE"
  | "DID_NOT_SETTLE"
  | "CLIMBING"
  | "SEE_CLINICIAN";

/** A reason in plain words, with the code a client can rely on and the dates it is about. */
export interface PainReason {
  code: ReasonCode;
  text: string;
  dates: string[];
}

/** One rolling 7-day window ending `end` (inclusive). */
export interface PainWindow {
  start: string;
  end: string;
  entries: number;
  /** Mean of the day scores, one decimal; null without entries. */
  mean: number | null;
  max: number | null;
}

export interface PainStatus {
  asOf: string;
  light: PainLight;
  decision: PainDecision;
  reasons: PainReason[];
  /** Most recent window first: the numbers behind "not climbing week on week". */
  windows: PainWindow[];
  /** How many week-on-week rises in a row end at the latest window. */
  risingWeeks: number;
  /** Patterns a clinician should look at (escalation.ts); null when there are none. */
  escalation: PainEscalation | null;
}

/** The diary patterns that mean "see a clinician" rather than "adjust the training". */
export type EscalationCode =
  | "RISING_DESPITE_REST"
  | "NIGHT_PAIN"
  | "SWELLING_AFTER_RUNS"
  | "HIGH_PAIN_NOT_SETTLED"
  | "GIVING_WAY";

/** One pattern that fired, in plain words, with the diary days behind it. */
export interface EscalationTrigger {
  code: EscalationCode;
  text: string;
  dates: string[];
}

export interface PainEscalation {
  /** Always a visit within days or a couple of weeks; the diary cannot judge an emergency. */
  level: "see_clinician";
  headline: string;
  triggers: EscalationTrigger[];
  /** What to do until then, and that the diary does not diagnose. */
  advice: string;
  notADiagnosis: string;
}
