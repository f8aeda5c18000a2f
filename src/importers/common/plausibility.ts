import type { ImportedActivity, ImportIssue, Sport } from "../../core/activity.js";

/**
 * Is this activity something a person did? A file can carry any value: a watch with a dead clock
 * battery dates its runs in 1989 or 2099, a hand-edited GPX file says 0050, a GPS fix in a car
 * makes a 300 km/h "run". Such an activity is not stored: it would distort every weekly total and
 * ramp, and a date in years 0-99 broke the calendar arithmetic of whole accounts (issue 19, item 5).
 *
 * One look at the activity's totals, never at its points: the import stays one pass.
 */

/** No consumer GPS watch or app recorded an activity before 1980. */
export const EARLIEST_START_MS = Date.UTC(1980, 0, 1);

/** The furthest time zone ahead of UTC (Kiribati, UTC+14): "tomorrow" somewhere ends this late. */
const AHEAD_MS = 14 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Bounds per sport, far past any record so that no real activity is refused:
 * - average speed over the elapsed time (not the moving time, which depends on how a reader finds
 *   pauses: a sparse track can make it seconds long): on foot 12 m/s (43 km/h; the 100 m world record averages
 *   10.4 m/s, and no one holds it for a whole activity); by bike 35 m/s (126 km/h, twice a Tour de
 *   France time trial, still above a long downhill); swimming 3 m/s (the 50 m record is 2.4 m/s);
 *   rowing 8 m/s (an eight's 2,000 m record averages 6.3 m/s);
 * - distance of one activity: on foot 500 km (the 48-hour record is under 475 km), by bike 1,500 km
 *   (the 24-hour record is about 1,000 km), swimming 250 km, rowing 500 km.
 * "other" and "strength" (skiing, skating, anything unnamed) get the bike's bounds.
 * The speed is judged only past 200 m and 60 s: a short clip says too little, and a mis-stopped
 * timer makes an honest short activity look fast.
 */
export const PLAUSIBLE_BOUNDS: Record<Sport, { maxSpeedMps: number; maxDistanceM: number }> = {
  run: { maxSpeedMps: 12, maxDistanceM: 500_000 },
  trail_run: { maxSpeedMps: 12, maxDistanceM: 500_000 },
  treadmill: { maxSpeedMps: 12, maxDistanceM: 500_000 },
  walk: { maxSpeedMps: 12, maxDistanceM: 500_000 },
  hike: { maxSpeedMps: 12, maxDistanceM: 500_000 },
  ride: { maxSpeedMps: 35, maxDistanceM: 1_500_000 },
  swim: { maxSpeedMps: 3, maxDistanceM: 250_000 },
  row: { maxSpeedMps: 8, maxDistanceM: 500_000 },
  strength: { maxSpeedMps: 35, maxDistanceM: 1_500_000 },
  other: { maxSpeedMps: 35, maxDistanceM: 1_500_000 },
};

const SPORT_WORDS: Record<Sport, string> = {
  run: "run",
  trail_run: "trail run",
  treadmill: "treadmill run",
  walk: "walk",
  hike: "hike",
  ride: "ride",
  swim: "swim",
  row: "row",
  strength: "workout",
  other: "activity",
};

const MIN_JUDGED_DISTANCE_M = 200;
const MIN_JUDGED_TIME_S = 60;

/** The latest start accepted at `nowMs`: the end of tomorrow in the furthest zone ahead. */
export function latestStartMs(nowMs: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS + 2 * DAY_MS + AHEAD_MS;
}

const km = (m: number): string => `${Math.round(m / 100) / 10} km`;
const kmh = (mps: number): string => `${Math.round(mps * 36) / 10} km/h`;

/**
 * Why this activity cannot be real, as an error issue (IMPLAUSIBLE_DATE, IMPLAUSIBLE_DISTANCE,
 * IMPLAUSIBLE_SPEED, IMPLAUSIBLE_VALUE), or null when it may be. `nowMs` is the import's clock.
 */
export function implausibility(a: ImportedActivity, nowMs: number): ImportIssue | null {
  const startMs = Date.parse(a.startUtc);
  const problem = (code: string, message: string): ImportIssue => ({ code, message, at: a.startUtc, severity: "error" });
  if (!Number.isFinite(startMs)) return problem("IMPLAUSIBLE_DATE", "The activity has no readable start time.");
  const day = new Date(startMs).toISOString().slice(0, 10);
  if (startMs < EARLIEST_START_MS) {
    return problem("IMPLAUSIBLE_DATE", `The activity is dated ${day}, before 1980: the device's clock was probably not set.`);
  }
  if (startMs > latestStartMs(nowMs)) {
    return problem("IMPLAUSIBLE_DATE", `The activity is dated ${day}, in the future: the device's clock was probably wrong.`);
  }
  for (const [what, v] of [["distance", a.distanceM], ["moving time", a.movingS], ["elapsed time", a.elapsedS]] as const) {
    if (!Number.isFinite(v) || v < 0) return problem("IMPLAUSIBLE_VALUE", `The activity's ${what} is not a real value.`);
  }
  const bounds = PLAUSIBLE_BOUNDS[a.sport] ?? PLAUSIBLE_BOUNDS.other;
  if (a.distanceM > bounds.maxDistanceM) {
    return problem("IMPLAUSIBLE_DISTANCE", `The activity covers ${km(a.distanceM)}, more than any single ${SPORT_WORDS[a.sport] ?? "activity"} (at most ${km(bounds.maxDistanceM)}).`);
  }
  const timeS = a.elapsedS > 0 ? a.elapsedS : a.movingS;
  if (a.distanceM >= MIN_JUDGED_DISTANCE_M && timeS >= MIN_JUDGED_TIME_S) {
    const speed = a.distanceM / timeS;
    if (speed > bounds.maxSpeedMps) {
      return problem("IMPLAUSIBLE_SPEED", `The activity averages ${kmh(speed)}, faster than any ${SPORT_WORDS[a.sport] ?? "activity"} (at most ${kmh(bounds.maxSpeedMps)}).`);
    }
  }
  return null;
}
