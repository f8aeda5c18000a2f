/**
 * The training-load guard's HTTP API: the report, shoes, check-ins and hand-logged activities.
 * Distances are integer metres and durations integer seconds on the wire, whatever the runner's
 * units; the web converts for display. The report itself is the documented JSON of
 * `kneewise report --json` (docs/report-json.md).
 */
import { z } from "zod";
import { RUNNING_SPORTS, SPORTS } from "../core/activity.js";
import type { Sport } from "../core/activity.js";
import { CHECKIN_ITEMS, SURFACES } from "../core/training/types.js";
import type { TrainingReport } from "../core/training/types.js";
import { ACWR_CANNOT_TELL, ACWR_MEANING } from "../core/training/acwr.js";
import { SPIKE_BANDS } from "../core/training/load-rules.js";
import { formatDistanceDown } from "../core/training/warnings.js";
import { localeParam, unitsParam } from "./reader-style.js";

export { CHECKIN_ITEMS, SURFACES, SPORTS, RUNNING_SPORTS };
/** The acute:chronic ratio's meaning and limits, and the spike study's bands, for the web to show. */
export { ACWR_CANNOT_TELL, ACWR_MEANING, SPIKE_BANDS };
/** A limit rounded down to one decimal, as the report's own messages write it. */
export { formatDistanceDown };
export type { Sport };
export type {
  AcwrDay,
  AcwrZone,
  CheckinItem,
  ReportRunLimit,
  ReportShoe,
  ReportSpike,
  ReportWarning,
  ReportWeek,
  SpikeBand,
  Surface,
  TrainingReport,
  WarningCode,
} from "../core/training/types.js";

export const CROSS_TRAINING_SPORTS = SPORTS.filter((s) => !(RUNNING_SPORTS as readonly string[]).includes(s));

function isRunningSport(sport: unknown): boolean {
  return typeof sport === "string" && (RUNNING_SPORTS as readonly string[]).includes(sport);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const isoDate = z
  .string({ error: "Give a date as YYYY-MM-DD." })
  .refine(realDate, "Give a real date as YYYY-MM-DD.");

/**
 * Up to five years of weeks in one report: more is a chart nobody reads, and each extra week is
 * work for the server on every uncached request (issue 19).
 */
export const REPORT_WEEKS_MAX = 260;
export const REPORT_WEEKS_DEFAULT = 12;

export const reportQuery = z
  .object({
    asOf: isoDate.optional(),
    weeks: z.coerce
      .number({ error: "weeks must be a number." })
      .int("weeks must be a whole number.")
      .min(1, "weeks must be at least 1.")
      .max(REPORT_WEEKS_MAX, `weeks must be at most ${REPORT_WEEKS_MAX}.`)
      .optional(),
    /**
     * A language tag such as en-GB: the days the warnings name are written in its style
     * ("7 Dec 2026"); without it they stay YYYY-MM-DD. The days are in the warnings' data too.
     */
    locale: localeParam.optional(),
    /** The units the texts (warnings, the run limit, shoes) are written in; default: the profile's. */
    units: unitsParam.optional(),
  })
  .strict();
export type ReportQuery = z.infer<typeof reportQuery>;

export interface ReportResponse {
  report: TrainingReport;
  /** The runner's weekly ramp guide in percent (10, or 5 for new and returning runners). */
  rampThresholdPct: number;
  /** The units the texts are written in: those asked for (?units=), else the profile's. */
  units: "km" | "mi";
}

// ---------------------------------------------------------------- shoes

/** Limits outside 100-3,000 km are typing mistakes, not shoes. */
export const SHOE_LIMIT_MIN_M = 100_000;
export const SHOE_LIMIT_MAX_M = 3_000_000;
export const SHOE_DISTANCE_BEFORE_MAX_M = 10_000_000;

const shoeFields = {
  name: z.string().trim().min(1, "Give the pair a name.").max(80, "Keep the name under 80 characters."),
  brand: z.string().trim().max(60, "Keep the brand under 60 characters.").nullable(),
  startDate: isoDate.nullable(),
  distanceBeforeM: z
    .number({ error: "Give the distance already run in metres." })
    .int("Give whole metres.")
    .min(0, "The distance already run cannot be negative.")
    .max(SHOE_DISTANCE_BEFORE_MAX_M, "That is more than any pair of shoes has run."),
  limitM: z
    .number({ error: "Give the limit in metres." })
    .int("Give whole metres.")
    .min(SHOE_LIMIT_MIN_M, "Set a limit of at least 100 km (62 miles).")
    .max(SHOE_LIMIT_MAX_M, "Set a limit of at most 3,000 km (1,864 miles)."),
  defaultForSports: z
    .array(z.enum(SPORTS, { error: "Unknown sport." }))
    .max(SPORTS.length)
    .refine((xs) => new Set(xs).size === xs.length, "Name each sport once."),
};

export const shoeCreateBody = z
  .object({
    name: shoeFields.name,
    brand: shoeFields.brand.optional(),
    startDate: shoeFields.startDate.optional(),
    distanceBeforeM: shoeFields.distanceBeforeM.optional(),
    limitM: shoeFields.limitM.optional(),
    defaultForSports: shoeFields.defaultForSports.optional(),
  })
  .strict();
export type ShoeCreateBody = z.infer<typeof shoeCreateBody>;

export const shoeUpdateBody = z
  .object({
    name: shoeFields.name.optional(),
    brand: shoeFields.brand.optional(),
    startDate: shoeFields.startDate.optional(),
    distanceBeforeM: shoeFields.distanceBeforeM.optional(),
    limitM: shoeFields.limitM.optional(),
    defaultForSports: shoeFields.defaultForSports.optional(),
  })
  .strict();
export type ShoeUpdateBody = z.infer<typeof shoeUpdateBody>;

export const shoeRetireBody = z.object({ on: isoDate.optional() }).strict();
export type ShoeRetireBody = z.infer<typeof shoeRetireBody>;

export interface ShoeView {
  id: string;
  name: string;
  brand: string | null;
  startDate: string | null;
  distanceBeforeM: number;
  limitM: number;
  defaultForSports: Sport[];
  /** Local date the pair was retired; null while in use. */
  retiredOn: string | null;
  createdAt: string;
  /** Distance before kneewise plus every activity assigned to the pair, metres. */
  distanceM: number;
  status: "ok" | "replace_soon" | "replace";
  forecastDate: string | null;
  runs28d: number;
  share28d: number;
}

export interface ShoeListResponse {
  shoes: ShoeView[];
  asOf: string;
}

// ---------------------------------------------------------------- activities (manual, gear)

export const MANUAL_MAX_DURATION_S = 24 * 3600;
export const MANUAL_MAX_DISTANCE_M = 500_000;

/**
 * A run, or a cross-training session, logged by hand. `date` and `time` are the runner's local
 * date and clock time; `utcOffsetMin` is their offset from UTC then (the browser knows it).
 * `shoeId` absent: the sport's default pair; null: no pair.
 */
export const manualActivityBody = z
  .object({
    sport: z.enum(SPORTS, { error: "Choose a sport." }),
    date: isoDate,
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give the start time as HH:MM (24-hour clock).")
      .optional(),
    utcOffsetMin: z
      .number()
      .int("The time zone offset must be whole minutes.")
      .min(-14 * 60, "That time zone offset does not exist.")
      .max(14 * 60, "That time zone offset does not exist.")
      .optional(),
    distanceM: z
      .number({ error: "Give the distance in metres." })
      .int("Give whole metres.")
      .min(0, "The distance cannot be negative.")
      .max(MANUAL_MAX_DISTANCE_M, "That is longer than any single session: check the distance.")
      .optional(),
    durationS: z
      .number({ error: "Give the time in seconds." })
      .int("Give whole seconds.")
      .min(60, "Give at least one minute.")
      .max(MANUAL_MAX_DURATION_S, "A session cannot last more than 24 hours."),
    perceivedExertion: z
      .number()
      .int("Rate the effort with a whole number.")
      .min(1, "Rate the effort from 1 (very easy) to 10 (maximal).")
      .max(10, "Rate the effort from 1 (very easy) to 10 (maximal).")
      .nullable()
      .optional(),
    surface: z.enum(SURFACES, { error: "Choose a surface from the list." }).nullable().optional(),
    shoeId: z.string().min(1).max(100).nullable().optional(),
    name: z.string().trim().max(120, "Keep the title under 120 characters.").optional(),
  })
  .strict()
  // `when: always` so these are reported together with the field errors above, not after them.
  .refine(
    (b) => !isRunningSport(b.sport) || (typeof b.distanceM === "number" && b.distanceM > 0),
    { path: ["distanceM"], message: "Give the distance of the run.", when: () => true },
  )
  .refine((b) => isRunningSport(b.sport) || b.surface === undefined || b.surface === null, {
    path: ["surface"],
    message: "A surface is only recorded for runs.",
    when: () => true,
  });
export type ManualActivityBody = z.infer<typeof manualActivityBody>;

export interface ManualActivityView {
  id: string;
  sport: Sport;
  startUtc: string;
  utcOffsetMin: number | null;
  date: string;
  distanceM: number;
  durationS: number;
  perceivedExertion: number | null;
  surface: string | null;
  shoeId: string | null;
  name: string | null;
  source: "manual";
}

/** The runner's own choice of pair and surface for one activity; at least one of the two. */
export const activityGearBody = z
  .object({
    shoeId: z.string().min(1).max(100).nullable().optional(),
    /** Go back to the pair derived from the gear name or the sport's default. */
    shoeAuto: z.literal(true).optional(),
    surface: z.enum(SURFACES, { error: "Choose a surface from the list." }).nullable().optional(),
  })
  .strict()
  .refine((b) => b.shoeId !== undefined || b.shoeAuto !== undefined || b.surface !== undefined, {
    message: "Give shoeId, shoeAuto or surface.",
  })
  .refine((b) => !(b.shoeId !== undefined && b.shoeAuto !== undefined), {
    message: "Choose a pair or ask for the automatic one, not both.",
    path: ["shoeAuto"],
  });
export type ActivityGearBody = z.infer<typeof activityGearBody>;

export interface ActivityGearView {
  id: string;
  shoeId: string | null;
  shoeManual: boolean;
  surface: string | null;
}

// ---------------------------------------------------------------- check-ins

const answer = z
  .number({ error: "Answer from 0 (not at all) to 3 (a lot)." })
  .int("Answer from 0 (not at all) to 3 (a lot).")
  .min(0, "Answer from 0 (not at all) to 3 (a lot).")
  .max(3, "Answer from 0 (not at all) to 3 (a lot).");

export const checkinBody = z
  .object({
    fatigue: answer,
    irritability_low_mood: answer,
    appetite: answer,
    enthusiasm: answer,
    headaches: answer,
    general_aches: answer,
    performance_drop: answer,
    sleep: answer,
  })
  .strict();
export type CheckinBody = z.infer<typeof checkinBody>;

export const checkinDateParams = z.object({ date: isoDate }).strict();

export const checkinListQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .strict();

export interface CheckinView {
  date: string;
  answers: CheckinBody;
  /** Sum of the 8 answers, 0-24; higher is worse. */
  score: number;
  elevated: boolean;
}

/** Where imported daily values came from. */
export const WELLNESS_SOURCES = ["apple_health"] as const;
export type WellnessSource = (typeof WELLNESS_SOURCES)[number];

/**
 * A day's resting heart rate and heart-rate variability as a device recorded them (the day's means),
 * imported, never typed: shown beside the check-ins and labelled as imported.
 */
export interface ImportedWellnessDay {
  date: string;
  source: WellnessSource;
  /** Beats per minute. */
  restingHr: number | null;
  /** SDNN, whole milliseconds. */
  hrvSdnnMs: number | null;
}

export interface CheckinListResponse {
  checkins: CheckinView[];
  /** Imported resting heart rate and HRV over the same days, oldest first (none without an import). */
  imported: ImportedWellnessDay[];
}
