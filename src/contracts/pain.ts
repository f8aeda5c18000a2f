/**
 * The pain diary's HTTP API. Scores are whole numbers 0-10 or null (not recorded); dates are the
 * runner's local calendar dates. The status response carries the core model's output as is.
 */
import { z } from "zod";
import { PAIN_LOCATIONS } from "../core/assessment/codes.js";
import type { PainLocation } from "../core/assessment/codes.js";
import type { PainStatus, PatternReport, WeeklyPoint } from "../core/pain/index.js";
import { localeParam, unitsParam } from "./reader-style.js";

export type {
  EscalationCode,
  EscalationTrigger,
  PainEscalation,
  PainDecision,
  PainLight,
  PainReason,
  PainStatus,
  PainWindow,
  ReasonCode as PainReasonCode,
  PainPattern,
  PatternCheck,
  PatternNote,
  PatternNoteKey,
  PatternReport,
  WeeklyPoint,
  DistanceCorrelation,
  GroupStats,
} from "../core/pain/index.js";
export { PAIN_LOCATIONS };
export { renderPatternNote } from "../core/pain/pattern-text.js";
export type { PainLocation };

export const PAIN_NOTES_MAX = 2000;

/** What set the pain off, as the diary offers it. */
export const PAIN_TRIGGERS = ["descents", "long_run", "speed_work", "new_shoes", "stairs", "sitting", "other"] as const;
export type PainTrigger = (typeof PAIN_TRIGGERS)[number];

export const PAIN_TRIGGER_LABELS: Readonly<Record<PainTrigger, string>> = {
  descents: "Downhills",
  long_run: "A long run",
  speed_work: "Fast running",
  new_shoes: "New shoes",
  stairs: "Stairs",
  sitting: "Sitting a long time",
  other: "Something else",
};

export const PAIN_LOCATION_LABELS: Readonly<Record<PainLocation, string>> = {
  anterior_around_behind_kneecap: "Around or behind the kneecap",
  front_of_kneecap: "On the front of the kneecap",
  below_kneecap: "Just below the kneecap",
  lateral: "Outer side of the knee",
  medial_joint_line: "Inner side, along the joint",
  medial_below_joint: "Inner side, a little below the joint",
  posterior: "Back of the knee",
  diffuse: "All over, hard to pin down",
  calf: "Calf",
  hip_groin_thigh: "Hip, groin or thigh",
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function realDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
export const painDate = z.string({ error: "Give a date as YYYY-MM-DD." }).refine(realDate, "Give a real date as YYYY-MM-DD.");

const score = z
  .number({ error: "Give a whole number from 0 to 10, or null." })
  .int("Give a whole number from 0 to 10.")
  .min(0, "Scores go from 0 to 10.")
  .max(10, "Scores go from 0 to 10.")
  .nullable();

const yesNo = (field: string) => z.boolean({ error: `${field} is yes or no (true or false), or null when not asked.` }).nullable();

/** The diary's yes-or-no questions, as the form asks them. */
export const PAIN_FLAG_LABELS = {
  nightPain: "Knee pain woke me or kept me awake at night",
  swelling: "The knee was swollen after the run",
  givingWay: "The knee gave way (buckled)",
} as const;

/** PUT /api/pain/:date: the whole entry for that day (saving again replaces it). */
export const painEntryBody = z
  .object({
    during: score.default(null),
    after: score.default(null),
    nextMorning: score.default(null),
    locations: z
      .array(z.enum(PAIN_LOCATIONS, { error: `Choose places from: ${PAIN_LOCATIONS.join(", ")}.` }))
      .max(PAIN_LOCATIONS.length)
      .refine((xs) => new Set(xs).size === xs.length, "List each place once.")
      .default([]),
    triggers: z
      .array(z.enum(PAIN_TRIGGERS, { error: `Choose from: ${PAIN_TRIGGERS.join(", ")}.` }))
      .max(PAIN_TRIGGERS.length)
      .refine((xs) => new Set(xs).size === xs.length, "List each trigger once.")
      .default([]),
    notes: z.string().max(PAIN_NOTES_MAX, `Keep notes under ${PAIN_NOTES_MAX} characters.`).default(""),
    /** The answers behind the "see a clinician" escalation; null (the default) when not asked. */
    nightPain: yesNo("nightPain").default(null),
    swelling: yesNo("swelling").default(null),
    givingWay: yesNo("givingWay").default(null),
  })
  .strict()
  .refine((b) => b.during !== null || b.after !== null || b.nextMorning !== null, {
    message: "Give at least one score: during, after or the next morning.",
    path: ["during"],
  });
export type PainEntryBody = z.input<typeof painEntryBody>;
export type PainEntryInput = z.output<typeof painEntryBody>;

export const painDateParams = z.object({ date: painDate }).strict();

export const painListQuery = z
  .object({ from: painDate.optional(), to: painDate.optional() })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: "from must not be after to.", path: ["from"] });
export type PainListQuery = z.infer<typeof painListQuery>;

/**
 * GET /api/pain/status?asOf=YYYY-MM-DD: the runner's local today (the server's UTC date when left
 * out). &units=km|mi writes the pattern notes in those units (default: the profile's); &locale=
 * (a language tag such as en-GB) writes the days the reasons name in that locale's style
 * ("2 Dec 2026"); without it they stay YYYY-MM-DD. Every reason also lists its days in `dates`.
 */
export const painStatusQuery = z
  .object({
    asOf: painDate.optional(),
    units: unitsParam.optional(),
    locale: localeParam.optional(),
  })
  .strict();
export type PainStatusQuery = z.infer<typeof painStatusQuery>;

export interface PainEntryView {
  date: string;
  during: number | null;
  after: number | null;
  nextMorning: number | null;
  locations: PainLocation[];
  triggers: PainTrigger[];
  notes: string;
  /** Null when not asked. */
  nightPain: boolean | null;
  swelling: boolean | null;
  givingWay: boolean | null;
  createdAt: string;
  updatedAt: string;
}

export interface PainEntryResponse {
  entry: PainEntryView;
}

export interface PainListResponse {
  entries: PainEntryView[];
}

export interface PainStatusResponse {
  status: PainStatus;
  patterns: PatternReport;
  /** Names of the shoes the patterns mention, by id. */
  shoeNames: Record<string, string>;
}

/**
 * GET /api/athletes/:id/pain/status: what a coach sees of the pain status, by what the runner
 * shares. "pain" alone: the light and what decides it, no patterns. With "diary": the diary's own
 * patterns and checks, each week without its running distance and with no run-based finding.
 * With "training" as well: everything the runner sees.
 */
export interface AthletePainStatusResponse {
  status: PainStatus;
  /** Null without "diary"; the weeks carry distanceM only with "training" too. */
  patterns: (Omit<PatternReport, "weekly"> & { weekly: (Omit<WeeklyPoint, "distanceM"> & { distanceM?: number })[] }) | null;
  /** Empty without "diary" and "training". */
  shoeNames: Record<string, string>;
}
