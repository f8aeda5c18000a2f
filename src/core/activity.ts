/**
 * The activity as every importer produces it and every analysis reads it.
 * Units are exact and integer where sums matter: metres, seconds, beats per minute,
 * steps per minute. Times are UTC ISO strings plus the activity's own offset from UTC
 * in minutes, because "which week" is the runner's local week.
 */

export const SPORTS = [
  "run",
  "trail_run",
  "treadmill",
  "walk",
  "hike",
  "ride",
  "swim",
  "row",
  "strength",
  "other",
] as const;
export type Sport = (typeof SPORTS)[number];

export const RUNNING_SPORTS: readonly Sport[] = ["run", "trail_run", "treadmill"];

export function isRunning(sport: Sport): boolean {
  return RUNNING_SPORTS.includes(sport);
}

/** One downsampled point, about every 10 s. Missing channels are null. */
export interface StreamPoint {
  /** Seconds since the activity start. */
  t: number;
  /** Cumulative distance in metres. */
  d: number | null;
  /** Altitude in metres (one decimal at most). */
  alt: number | null;
  /** Heart rate, beats per minute. */
  hr: number | null;
  /** Cadence, steps per minute (both feet). */
  cad: number | null;
  /**
   * Position in degrees (WGS84), 5 decimals (about a metre), for drawing the route. Absent or
   * null where the point has no fix, in streams without positions, and in rows stored before
   * positions were kept.
   */
  lat?: number | null;
  lon?: number | null;
}

export interface Lap {
  startOffsetS: number;
  durationS: number;
  distanceM: number;
}

export interface ImportedActivity {
  sport: Sport;
  /** Start instant, UTC ISO 8601 with milliseconds, e.g. "2024-03-01T06:30:00.000Z". */
  startUtc: string;
  /** Local offset from UTC in minutes at the start (+60 for CET in winter); null when unknown. */
  utcOffsetMin: number | null;
  movingS: number;
  elapsedS: number;
  distanceM: number;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  /** Steps per minute (FIT records strides per minute for running: doubled). */
  avgCadence: number | null;
  device: string | null;
  /** Shoe or bike name when the source names it (Strava gear, FIT equipment). */
  gear: string | null;
  name: string | null;
  /** Session-RPE source: perceived exertion 1-10 when logged. */
  perceivedExertion: number | null;
  indoor: boolean;
  laps: Lap[];
  stream: StreamPoint[];
  /** Where it came from: "fit" | "gpx" | "tcx" | "kml" | "apple_health" | "strava_csv" | "manual". */
  source: ActivitySource;
}

export type ActivitySource = "fit" | "gpx" | "tcx" | "kml" | "apple_health" | "strava_csv" | "manual";

/** A problem found while reading: a skipped sample, a skipped file, a broken file. */
export interface ImportIssue {
  /** Stable code, e.g. FIT_TRUNCATED, FIT_BAD_CRC, GPX_NO_POINTS, NOT_AN_ACTIVITY. */
  code: string;
  message: string;
  /** Where: a byte offset, record index, line number or XPath-like location. */
  at?: string;
  /** "error" means the file yielded nothing; "warning" means something was skipped. */
  severity: "error" | "warning";
}

export interface ParseResult {
  activities: ImportedActivity[];
  issues: ImportIssue[];
}
