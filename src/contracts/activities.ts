import { z } from "zod";
import { SURFACES } from "../core/training/types.js";

/** The sports an activity can have (mirrors SPORTS in src/core/activity.ts). */
export const sportName = z.enum(["run", "trail_run", "treadmill", "walk", "hike", "ride", "swim", "row", "strength", "other"]);
export type SportName = z.infer<typeof sportName>;

export const activitySummary = z.object({
  id: z.string(),
  sport: sportName,
  /** UTC ISO instant. */
  startUtc: z.string(),
  /** Minutes east of UTC at the start, when the file says. */
  utcOffsetMin: z.number().int().nullable(),
  movingS: z.number().int(),
  elapsedS: z.number().int(),
  distanceM: z.number().int(),
  elevationGainM: z.number().int().nullable(),
  elevationLossM: z.number().int().nullable(),
  avgHr: z.number().int().nullable(),
  maxHr: z.number().int().nullable(),
  /** Steps per minute. */
  avgCadence: z.number().int().nullable(),
  device: z.string().nullable(),
  gear: z.string().nullable(),
  name: z.string().nullable(),
  perceivedExertion: z.number().int().nullable(),
  indoor: z.boolean(),
  source: z.string(),
  /** The pair it was run in (derived from the gear name or the sport's default, or chosen by hand). */
  shoeId: z.string().nullable(),
  /** True when the runner chose the pair (or "no pair") by hand. */
  shoeManual: z.boolean(),
  surface: z.string().nullable(),
  /** The runner left it out of the training load (and of shoe mileage). */
  excludeFromLoad: z.boolean(),
});
export type ActivitySummary = z.infer<typeof activitySummary>;

/** The surfaces a run can be marked with. */
export const surfaceName = z.enum(SURFACES, { error: "Choose a surface from the list." });

/**
 * PATCH /api/activities/:id: what the runner corrects. `shoeId` null means "no pair" (kept by
 * hand); `shoeAuto` hands the pair back to the gear name and the sport's default.
 */
export const activityUpdateBody = z
  .object({
    sport: sportName.optional(),
    name: z.string().trim().max(120, "Keep the title under 120 characters.").nullable().optional(),
    shoeId: z.string().min(1).max(100).nullable().optional(),
    shoeAuto: z.literal(true).optional(),
    surface: surfaceName.nullable().optional(),
    excludeFromLoad: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Say what to change." })
  .refine((b) => !(b.shoeId !== undefined && b.shoeAuto !== undefined), {
    message: "Choose a pair or ask for the automatic one, not both.",
    path: ["shoeAuto"],
  });
export type ActivityUpdateBody = z.infer<typeof activityUpdateBody>;

/** POST /api/activities/:id/merge: `otherId` is the record of the same run to fold into this one. */
export const activityMergeBody = z.object({ otherId: z.string().min(1).max(100) }).strict();
export type ActivityMergeBody = z.infer<typeof activityMergeBody>;

/**
 * How long a deleted activity can be put back (POST /api/activities/:id/restore). The web offers
 * the undo for 30 s; the server keeps the row a little longer for a slow click or a lost answer.
 */
export const ACTIVITY_UNDO_WINDOW_S = 10 * 60;

export const streamPoint = z.object({
  t: z.number(),
  d: z.number().nullable(),
  alt: z.number().nullable(),
  hr: z.number().nullable(),
  cad: z.number().nullable(),
  /** Degrees, 5 decimals, for the route drawing; absent in streams without positions. */
  lat: z.number().nullable().optional(),
  lon: z.number().nullable().optional(),
});

export const activityDetail = activitySummary.extend({
  laps: z.array(z.object({ startOffsetS: z.number(), durationS: z.number(), distanceM: z.number() })),
  stream: z.array(streamPoint),
});
export type ActivityDetail = z.infer<typeof activityDetail>;

const instantOrDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, "Use a date (YYYY-MM-DD) or an ISO instant.")
  .refine((s) => Number.isFinite(Date.parse(s)), "Not a real date.");

/**
 * GET /api/activities query. `sport` is one sport or several separated by commas. `from` and `to`
 * are dates (UTC days, `to` included) or instants (`to` excluded): the web app sends the runner's
 * local midnights as instants.
 */
export const activityListQuery = z
  .object({
    sport: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined || s === "") return undefined;
        const list = s.split(",").map((x) => x.trim());
        const bad = list.filter((x) => !sportName.safeParse(x).success);
        if (bad.length > 0) {
          ctx.addIssue({ code: "custom", message: `Unknown sport: ${bad.join(", ")}.` });
          return z.NEVER;
        }
        return list as SportName[];
      }),
    from: instantOrDate.optional(),
    to: instantOrDate.optional(),
    sort: z.enum(["date", "distance", "duration"]).default("date"),
    dir: z.enum(["asc", "desc"]).default("desc"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ActivityListQueryInput = z.input<typeof activityListQuery>;

export const activityListResponse = z.object({
  activities: z.array(activitySummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ActivityListResponse = z.infer<typeof activityListResponse>;

/**
 * The longest activity title a runner can type (manual entry, POST /api/activities/manual); names
 * read from imported files are cut to it, with a warning.
 */
export const ACTIVITY_NAME_MAX = 120;
/** The longest shoe name a runner can type; gear names read from imported files are cut to it. */
export const GEAR_NAME_MAX = 80;

export const importFailure = z.object({ file: z.string(), code: z.string(), message: z.string() });

export const importSummary = z.object({
  files: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  failed: z.array(importFailure),
  /**
   * What was imported with a caveat, one per file and kind: a FIT file whose CRC is wrong, an
   * activity of a file left out as implausible, a name cut to its limit. The first 200.
   */
  warnings: z.array(importFailure).default([]),
  /** Warnings past the first 200, counted only. */
  moreWarnings: z.number().int().default(0),
  activities: z.number().int(),
  seconds: z.number(),
});
export type ImportSummaryView = z.infer<typeof importSummary>;

/** Counts so far while running (from the last progress report), final once done. */
export const importCounts = z.object({
  imported: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});

export const importJob = z.object({
  id: z.string(),
  /** "interrupted": the server running it stopped and no other instance could take it over. */
  status: z.enum(["queued", "running", "done", "failed", "interrupted"]),
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  counts: importCounts,
  /** Files per second while running. */
  ratePerS: z.number().nullable(),
  /** Seconds left at the current rate. */
  etaS: z.number().nullable(),
  /** Set once done: counts and the per-file failures. */
  summary: importSummary.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportJob = z.infer<typeof importJob>;

/** GET /api/imports: the runner's own imports, newest first. */
export const importJobListQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();
export const importJobList = z.object({ imports: z.array(importJob) });
export type ImportJobList = z.infer<typeof importJobList>;

/** POST /api/imports query: the file name of a raw (non-multipart) upload. */
export const importUploadQuery = z.object({ name: z.string().max(255).optional() }).strict();

export const importOrActivityIdParam = z.object({ id: z.string().min(1).max(100) });
