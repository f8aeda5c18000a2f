import { z } from "zod";

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
});
export type ActivitySummary = z.infer<typeof activitySummary>;

export const streamPoint = z.object({
  t: z.number(),
  d: z.number().nullable(),
  alt: z.number().nullable(),
  hr: z.number().nullable(),
  cad: z.number().nullable(),
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

export const importFailure = z.object({ file: z.string(), code: z.string(), message: z.string() });

export const importSummary = z.object({
  files: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  failed: z.array(importFailure),
  activities: z.number().int(),
  seconds: z.number(),
});
export type ImportSummaryView = z.infer<typeof importSummary>;

export const importJob = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
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

/** POST /api/imports query: the file name of a raw (non-multipart) upload. */
export const importUploadQuery = z.object({ name: z.string().max(255).optional() }).strict();

export const importOrActivityIdParam = z.object({ id: z.string().min(1).max(100) });
