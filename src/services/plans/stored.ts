/**
 * What a plan row keeps besides the plan itself: the inputs it was made from (input_json) and
 * what its last adaptation changed (changes_json).
 */
import type { Plan, PlanText } from "../../core/plan/index.js";
import type { StoredReturnEntry } from "../return-to-run-gate.js";

/** The baseline is the mean of this many complete weeks (baselineFromHistory uses four). */
export const BASELINE_WEEKS = 4;

export interface BuildInput {
  kind: "build";
  goal: Plan["goal"];
  start: string;
  /** Rest days as calendar events (absent on plans made before the option: false). */
  restDaysInCalendar?: boolean;
  currentWeeklyM: number | null;
  beginner: boolean;
  returning: boolean;
  runDaysPerWeek: number | null;
  basis: Basis;
}

export interface ReturnInput {
  kind: "return";
  start: string;
  baselinePain: number;
  basis: Basis;
  /** What the runner confirmed to start (absent on plans made before the entry criteria). */
  entry?: StoredReturnEntry;
  /** Days the runner resumed after a stop, with a clinician's clearance. */
  resumes?: string[];
}

export type StoredInput = BuildInput | ReturnInput;

/**
 * One change as changes_json keeps it: a build plan's "why" is a text with its numbers; a return
 * plan's (stages and diary days, no distances) and an older row's are sentences (stored-plan.ts).
 */
export interface StoredChange {
  week: string | null;
  before_m: number | null;
  after_m: number | null;
  why: PlanText | string;
}

export interface StoredChanges {
  at: string;
  as_of: string;
  items: StoredChange[];
}

export interface Basis {
  baseline_from: "given" | "runs" | null;
  baseline_weeks: number | null;
  profile_from: "given" | "profile" | "default" | null;
}
