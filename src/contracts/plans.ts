import { z } from "zod";
import { localeParam, unitsParam } from "./reader-style.js";

/**
 * The plans API: create a build-up or return-to-run plan, read the active one (adapted to what
 * happened since), export it as iCalendar, and manage the secret calendar-subscription URL.
 * Distances are integer metres: the web converts from the runner's km or miles. A plan keeps
 * numbers, not sentences; its texts (descriptions, reasons, warnings, notes, changes) are written
 * when it is read, in the units asked for (planUnitsQuery) or the profile's.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (what: string) =>
  z
    .string({ error: `Give the ${what} as a date (YYYY-MM-DD).` })
    .regex(ISO_DATE, `Give the ${what} as a date (YYYY-MM-DD).`)
    .refine((d) => {
      const t = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
    }, `The ${what} is not a real calendar date.`);

/** 500 km a week is beyond any plan kneewise writes; a bigger number is a typo. */
export const MAX_WEEKLY_M = 500_000;
/** Longer than a 250 km ultra is not an event this planner can prepare for. */
export const MAX_EVENT_M = 250_000;

const metres = (what: string, max: number) =>
  z
    .number({ error: `Give the ${what} as a number.` })
    .int(`The ${what} must be whole metres.`)
    .positive(`The ${what} must be more than zero.`)
    .max(max, `The ${what} is larger than kneewise plans for.`);

export const planGoalBody = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("weekly"), weeklyM: metres("weekly goal", MAX_WEEKLY_M) }).strict(),
    z
      .object({
        kind: z.literal("event"),
        date: isoDate("event date"),
        distanceM: metres("event distance", MAX_EVENT_M),
      })
      .strict(),
  ],
  { error: 'Choose a goal: a weekly distance ("weekly") or an event ("event").' },
);
export type PlanGoalBody = z.infer<typeof planGoalBody>;

export const buildPlanBody = z
  .object({
    kind: z.literal("build"),
    goal: planGoalBody,
    /** The current weekly distance; when absent it is read from the runner's imported runs. */
    currentWeeklyM: metres("current weekly distance", MAX_WEEKLY_M).optional(),
    /** When absent, read from the runner's profile. */
    beginner: z.boolean({ error: "beginner is yes or no (true or false)." }).optional(),
    returning: z.boolean({ error: "returning is yes or no (true or false)." }).optional(),
    /**
     * YYYY-MM-DD, the first day planned: today or later, never a day already past (the runner's
     * today, PLAN_START_PAST otherwise), or "today" for the runner's today as the server reckons it.
     * A mid-week start plans the rest of that week. Default: the first day of next week (the
     * profile's week start, as the plan's weeks follow it).
     */
    start: z.union([z.literal("today"), isoDate("start date")]).optional(),
    /** Rest days become calendar events only when the runner asks for them. Default: false. */
    restDaysInCalendar: z.boolean({ error: "restDaysInCalendar is yes or no (true or false)." }).optional(),
    runDaysPerWeek: z
      .number({ error: "Give the runs per week as a number." })
      .int("Runs per week is a whole number.")
      .min(3, "Plan at least 3 runs a week.")
      .max(5, "Plan at most 5 runs a week.")
      .optional(),
  })
  .strict();

/** The entry criteria of the walk-run return (src/core/plan/return-to-run.ts). */
export const ENTRY_CRITERION_CODES = ["walk_30_min", "hop", "clinician_clearance"] as const;
export type EntryCriterionCode = (typeof ENTRY_CRITERION_CODES)[number];

/** What the runner ticked before starting: the plan starts only when every criterion shown is. */
export const returnEntryBody = z
  .object({
    confirmed: z
      .array(
        z.enum(ENTRY_CRITERION_CODES, {
          error: `Confirm from: ${ENTRY_CRITERION_CODES.join(", ")}.`,
        }),
      )
      .max(ENTRY_CRITERION_CODES.length)
      .default([]),
    /** The runner says a bone stress injury or another warning sign was suspected: clearance is then needed. */
    suspected: z.boolean({ error: "suspected is yes or no (true or false)." }).default(false),
  })
  .strict();
export type ReturnEntryBody = z.input<typeof returnEntryBody>;

export const returnPlanBody = z
  .object({
    kind: z.literal("return"),
    /** The entry criteria the runner confirmed; without them the plan does not start. */
    entry: returnEntryBody.default({ confirmed: [], suspected: false }),
    /** First day of the walk-run return; pain-diary entries before it are not counted. Default: today. */
    start: isoDate("start date").optional(),
    /** The runner's usual knee pain at rest, 0-10. */
    baselinePain: z
      .number({ error: "Give the usual pain at rest as a number from 0 to 10." })
      .int("The usual pain at rest is a whole number from 0 to 10.")
      .min(0, "Pain scores go from 0 to 10.")
      .max(10, "Pain scores go from 0 to 10.")
      .optional(),
  })
  .strict();

export const createPlanBody = z.discriminatedUnion("kind", [buildPlanBody, returnPlanBody], {
  error: 'Choose a kind of plan: "build" (a build-up plan) or "return" (walk-run after pain).',
});
export type CreatePlanBody = z.infer<typeof createPlanBody>;

export const SESSION_KIND_VALUES = [
  "easy",
  "long",
  "quality",
  "rest",
  "cross",
  "strength",
  "walk_run",
  "race",
] as const;

export const planSessionView = z.object({
  date: z.string(),
  kind: z.enum(SESSION_KIND_VALUES),
  distance_m: z.number().optional(),
  duration_s: z.number().optional(),
  description: z.string(),
  programme: z.string().optional(),
});
export type PlanSessionView = z.infer<typeof planSessionView>;

export const planWarningView = z.object({
  code: z.string(),
  message: z.string(),
  /** EVENT_TOO_CLOSE: the nearest race date (same weekday) that leaves time to build; null when none. */
  safe_date: z.string().nullable().optional(),
  /** EVENT_TOO_CLOSE: the longest standard race distance (metres) ready by the date; null when none. */
  shorter_distance_m: z.number().nullable().optional(),
});
export type PlanWarningView = z.infer<typeof planWarningView>;

export const planWeekView = z.object({
  start: z.string(),
  distance_m: z.number(),
  phase: z.enum(["build", "hold", "lighter", "taper", "race"]),
  lighter: z.boolean(),
  reason: z.string(),
  sessions: z.array(planSessionView),
});
export type PlanWeekView = z.infer<typeof planWeekView>;

export const buildPlanView = z.object({
  goal: z.union([
    z.object({ kind: z.literal("weekly"), weeklyM: z.number() }),
    z.object({ kind: z.literal("event"), date: z.string(), distanceM: z.number() }),
  ]),
  target_weekly_m: z.number(),
  baseline_weekly_m: z.number(),
  settings: z.object({
    beginner: z.boolean(),
    returning: z.boolean(),
    runDaysPerWeek: z.number(),
    strengthProgramme: z.string(),
    rampRate: z.number(),
    buildWeeksPerCycle: z.number(),
    /** The first day of the plan's weeks, 0 = Sunday … 6 = Saturday; absent on plans made before (Monday). */
    weekStart: z.number().int().min(0).max(6).optional(),
  }),
  weeks: z.array(planWeekView),
  /** EVENT_TOO_CLOSE comes first, with the nearest safe race date and a shorter race that fits. */
  warnings: z.array(planWarningView),
  notes: z.array(z.string()),
});
export type BuildPlanView = z.infer<typeof buildPlanView>;

export const DAY_OUTCOMES = [
  "unlocked",
  "completed",
  "counted",
  "held",
  "stepped_back",
  "waiting",
] as const;

export const returnStopView = z.object({
  date: z.string(),
  red_days: z.array(z.string()),
  resumed: z.string().nullable(),
  reason: z.string(),
});
export type ReturnStopView = z.infer<typeof returnStopView>;

export const returnPlanView = z.object({
  stages: z.array(
    z.object({ stage: z.number(), runS: z.number(), walkS: z.number(), repeats: z.number() }),
  ),
  current_stage: z.number(),
  counted_at_stage: z.number(),
  complete: z.boolean(),
  days: z.array(
    z.object({
      date: z.string(),
      stage_before: z.number(),
      stage_after: z.number(),
      outcome: z.enum(DAY_OUTCOMES),
      why: z.string(),
    }),
  ),
  weeks: z.array(z.object({ start: z.string(), sessions: z.array(planSessionView) })),
  rule: z.string(),
  next_step: z.string(),
  /** The stop in force (two red diary days during the return); null while the plan runs. */
  stopped: returnStopView.nullable(),
  stops: z.array(returnStopView),
});
export type ReturnPlanView = z.infer<typeof returnPlanView>;

/** GET /api/plans/return-entry: what the runner must confirm before the walk-run return starts. */
export const returnEntryView = z.object({
  criteria: z.array(
    z.object({ code: z.enum(ENTRY_CRITERION_CODES), label: z.string(), why: z.string() }),
  ),
  /** Clearance by a clinician is needed whatever the runner ticks (last assessment). */
  clearance_needed: z.boolean(),
  clearance_reasons: z.array(z.string()),
  /** The clearance item, for when the runner says a bone stress injury or warning sign was suspected. */
  clearance: z.object({
    code: z.literal("clinician_clearance"),
    label: z.string(),
    why: z.string(),
  }),
  /** The last assessment the criteria were read from, or null. */
  assessment: z.object({ id: z.string(), date: z.string() }).nullable(),
});
export type ReturnEntryView = z.infer<typeof returnEntryView>;

/** POST /api/plans/active/resume: resume a stopped walk-run return after a clinician's clearance. */
export const resumePlanBody = z
  .object({
    clearance: z.literal(true, {
      error: "Confirm that a clinician has seen your knee and cleared you to run again.",
    }),
  })
  .strict();
export type ResumePlanBody = z.infer<typeof resumePlanBody>;

/** Today's line in the pain diary, judged against the return-to-run rule. */
export const returnTodayView = z.object({
  date: z.string(),
  logged: z.boolean(),
  status: z.enum([
    "not_logged",
    "good",
    "waiting",
    "hold_pain",
    "hold_morning",
    "step_back",
    "stopped",
  ]),
  message: z.string(),
});
export type ReturnTodayView = z.infer<typeof returnTodayView>;

/** One change made when the plan adapted. Return plans change stages, not weekly distances. */
export const planChangeView = z.object({
  week: z.string().nullable(),
  before_m: z.number().nullable(),
  after_m: z.number().nullable(),
  why: z.string(),
});
export type PlanChangeView = z.infer<typeof planChangeView>;

export const planChangesView = z.object({
  /** When the plan adapted (UTC ISO). */
  at: z.string(),
  /** The runner's date the adaptation was computed for. */
  as_of: z.string(),
  items: z.array(planChangeView),
});
export type PlanChangesView = z.infer<typeof planChangesView>;

const planMeta = {
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** The last adaptation that changed something, or null while the plan is as first written. */
  changes: planChangesView.nullable(),
  /** Where the plan's inputs came from: given in the form, read from the runs, or the profile. */
  basis: z.object({
    baseline_from: z.enum(["given", "runs"]).nullable(),
    /** How many complete weeks of runs the starting distance averages. */
    baseline_weeks: z.number().nullable(),
    profile_from: z.enum(["given", "profile", "default"]).nullable(),
  }),
};

export const activePlanView = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("build"), ...planMeta, plan: buildPlanView }),
  z.object({
    kind: z.literal("return"),
    ...planMeta,
    plan: returnPlanView,
    today: returnTodayView,
  }),
]);
export type ActivePlanView = z.infer<typeof activePlanView>;

/**
 * ?units=km|mi (the web sends the runner's units on this device) writes the plan's texts in those units (default: the profile's); ?locale= (a language
 * tag such as en-GB) writes the days they name in that locale's style ("7 Dec 2026"); without it
 * they stay YYYY-MM-DD. Sessions, weeks and warnings keep their days as data beside the words.
 */
export const planUnitsQuery = z
  .object({
    units: unitsParam.optional(),
    locale: localeParam.optional(),
  })
  .strict();
export type PlanUnitsQuery = z.infer<typeof planUnitsQuery>;

/** GET /api/plans/return-entry?locale=: the day of the last knee check in that locale's style. */
export const returnEntryQuery = z.object({ locale: localeParam.optional() }).strict();

export const activePlanResponse = z.object({ plan: activePlanView.nullable() });
export type ActivePlanResponse = z.infer<typeof activePlanResponse>;

/** POST /api/calendar/token: the secret URL, shown once (only its hash is kept). */
export const calendarTokenResponse = z.object({
  url: z.string(),
  /** The same feed with the webcal: scheme, which calendar apps open as a subscription. */
  webcal_url: z.string(),
  created_at: z.string(),
});
export type CalendarTokenResponse = z.infer<typeof calendarTokenResponse>;

/** GET /api/calendar/token: whether a subscription URL exists (the URL itself cannot be shown again). */
export const calendarTokenStatus = z.object({
  active: z.boolean(),
  created_at: z.string().nullable(),
});
export type CalendarTokenStatus = z.infer<typeof calendarTokenStatus>;
