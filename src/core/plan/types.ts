/**
 * The shape of a training plan. A plan keeps numbers, not sentences (issue 17): every text in it
 * is a PlanText (a key and its numbers), written in the runner's units only when it is shown
 * (render-plan.ts gives the RenderedPlan the CLI prints, the calendar exports and the API sends).
 * Field names are snake_case with units in the name because the rendered plan is also the JSON
 * contract of `kneewise plan --json`.
 */
import type { PlanText } from "./plan-text.js";

export const SESSION_KINDS = [
  "easy",
  "long",
  "quality",
  "rest",
  "cross",
  "strength",
  "walk_run",
  "race",
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Sessions that put running load on the knee; the ramp and long-run rules count only these. */
export const RUNNING_KINDS: readonly SessionKind[] = [
  "easy",
  "long",
  "quality",
  "walk_run",
  "race",
];

export function isRunningKind(kind: SessionKind): boolean {
  return RUNNING_KINDS.includes(kind);
}

/**
 * The plan as its calendar shows it: rest days become events only when the runner asks for them
 * (a calendar full of "rest" is noise).
 */
export function forCalendar<S extends { kind: SessionKind }>(
  plan: { weeks: readonly { sessions: readonly S[] }[] },
  withRestDays: boolean,
): { weeks: { sessions: S[] }[] } {
  return { weeks: plan.weeks.map((w) => ({ sessions: w.sessions.filter((x) => withRestDays || x.kind !== "rest") })) };
}

/** Exercise programmes a strength session can point to (slugs of the exercise programmes). */
export const PROGRAMME_SLUGS = [
  "runner-strength",
  "patellofemoral-pain",
  "iliotibial-band-syndrome",
  "patellar-tendinopathy",
  "distal-hamstring-tendinopathy",
  "knee-bursitis",
] as const;
export type ProgrammeSlug = (typeof PROGRAMME_SLUGS)[number];

/** A session's own wording beside its kind: race-week runs and the rest days around a race. */
export type SessionVariant = "race_week" | "pre_race" | "post_race";

/** A session as stored: its description is written from these fields when it is shown. */
export interface PlanSession {
  /** YYYY-MM-DD */
  date: string;
  kind: SessionKind;
  distance_m?: number;
  duration_s?: number;
  /** For strength sessions: which exercise programme to follow. */
  programme?: ProgrammeSlug;
  variant?: SessionVariant;
  /** For walk-run sessions: the stage, 1-based. */
  stage?: number;
  /** The description a plan stored before issue 17 wrote, in km (stored-plan.ts). */
  legacy_text?: string;
}

/** A session as shown: described in the runner's units. */
export interface RenderedSession {
  date: string;
  kind: SessionKind;
  distance_m?: number;
  duration_s?: number;
  description: string;
  programme?: ProgrammeSlug;
}

/**
 * build: volume rises (or stays) within the ramp; hold: at the goal; lighter: a planned easier
 * week; taper: easing off before an event; race: the week of the event.
 */
export type WeekPhase = "build" | "hold" | "lighter" | "taper" | "race";

export interface PlanWeek {
  /** The week's first day (the runner's week start), YYYY-MM-DD. */
  start: string;
  /** All running in the week, the race included. */
  distance_m: number;
  phase: WeekPhase;
  /** True for weeks planned below the previous building level (lighter, taper and race weeks). */
  lighter: boolean;
  /** Why this week looks the way it does: texts written one after another. */
  reason: PlanText[];
  sessions: PlanSession[];
}

export interface RenderedWeek extends Omit<PlanWeek, "reason" | "sessions"> {
  reason: string;
  sessions: RenderedSession[];
}

export type PlanGoal =
  { kind: "weekly"; weeklyM: number } | { kind: "event"; date: string; distanceM: number };

export interface PlanWarning {
  /**
   * Stable code: EVENT_TOO_CLOSE (always first), GOAL_UNREACHABLE, GOAL_BEYOND_HORIZON,
   * ABOVE_GOAL_ALREADY; PAIN_HIGH from adaptation. EVENT_TOO_SOON is no longer raised (plans
   * stored before may hold it): EVENT_TOO_CLOSE says more.
   */
  code: string;
  text: PlanText;
  /** EVENT_TOO_CLOSE: the nearest race date (same weekday) that leaves time, null when none within two years. */
  safe_date?: string | null;
  /** EVENT_TOO_CLOSE: the longest standard race distance the long run can be ready for by the date. */
  shorter_distance_m?: number | null;
}

/** The settings a plan was made with, kept so that it can be recomputed when it adapts. */
export interface PlanSettings {
  beginner: boolean;
  returning: boolean;
  runDaysPerWeek: number;
  strengthProgramme: ProgrammeSlug;
  /** Largest allowed week-on-week rise: 0.10, or 0.05 for beginners and returning runners. */
  rampRate: number;
  /** A lighter week comes after this many building weeks. */
  buildWeeksPerCycle: number;
  /** The runner's first day of the week, 0 = Sunday … 6 = Saturday (absent on older plans: Monday). */
  weekStart?: number;
}

export interface Plan {
  goal: PlanGoal;
  /** The weekly running distance the plan builds towards. */
  target_weekly_m: number;
  /** The weekly distance the plan started from. */
  baseline_weekly_m: number;
  settings: PlanSettings;
  weeks: PlanWeek[];
  warnings: PlanWarning[];
  /** Short general notes that apply to the whole plan. */
  notes: PlanText[];
}

export interface RenderedWarning extends Omit<PlanWarning, "text"> {
  message: string;
}

/** The plan in words, in one set of units: what the API, the CLI and the calendar show. */
export interface RenderedPlan extends Omit<Plan, "weeks" | "warnings" | "notes"> {
  weeks: RenderedWeek[];
  warnings: RenderedWarning[];
  notes: string[];
}
