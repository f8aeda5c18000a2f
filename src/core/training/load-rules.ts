/**
 * The load rules, in one place, for the guard (the training report) and the planner alike: a
 * plan that keeps within these functions is one the guard has nothing to say about.
 *
 * 1. Single-run spike, the lead rule. Frandsen et al. (Br J Sports Med 2025;59(17):1203-1210;
 *    5,205 runners, 588,071 sessions) measured each run against the longest run of the 30 days
 *    before it. Overuse injuries rose for runs more than 10% longer: hazard ratio 1.64 for >10-30%,
 *    1.52 for >30-100% and 2.28 for >100%. Up to 10% is no warning. So the forward limit for a run
 *    is the longest run of the 30 days before it plus 10%.
 * 2. Weekly change against the runner's own baseline: a week is compared with the highest and the
 *    average of the four weeks before it, so coming back to the usual level after a cut-back week
 *    is not a jump. The 10% guide (5% for new and returning runners, profile.ts rampThresholdFor)
 *    is a cautious convention, not a proven threshold: the 10% rule did not prevent injuries in
 *    novices (Buist 2008, AJSM 36:33) and Frandsen 2025 found no relationship between week-to-week
 *    change and injury.
 *
 * Pure and exact: distances are metres (integers in practice), days are day numbers (see
 * local-day.ts), and every "more than x%" is compared by multiplication, so exactly +10% is not
 * more than 10%.
 */

/** The spike study's window: the longest run of the 30 days before. */
export const SPIKE_WINDOW_DAYS = 30;
/** Up to this much longer than the window's longest run is no spike, percent. */
export const SPIKE_GUIDE_PCT = 10;
/** Weeks before a week that form its baseline. */
export const WEEKLY_BASELINE_WEEKS = 4;

export type SpikeBand = "10-30" | "30-100" | "over-100";

export interface SpikeBandInfo {
  band: SpikeBand;
  /** The band holds increases strictly above this, percent. */
  abovePct: number;
  /** ... and up to and including this; null for the open top band. */
  upToPct: number | null;
  /** Frandsen 2025, against runs no longer than the 30-day longest. */
  hazardRatio: number;
}

export const SPIKE_BANDS: readonly SpikeBandInfo[] = Object.freeze([
  { band: "10-30", abovePct: 10, upToPct: 30, hazardRatio: 1.64 },
  { band: "30-100", abovePct: 30, upToPct: 100, hazardRatio: 1.52 },
  { band: "over-100", abovePct: 100, upToPct: null, hazardRatio: 2.28 },
] as const);

/** `after` is more than `pct` percent above `before` (and `before` is a real amount). */
export function moreThanPctAbove(before: number, after: number, pct: number): boolean {
  return before > 0 && after * 100 > before * (100 + pct);
}

/** The most that is not more than `pct` percent above `amount`, rounded down: every rule's limit. */
export function limitAbove(amount: number, pct: number): number {
  return Math.floor((amount * (100 + pct)) / 100);
}

/** The study band a run falls in against the longest run of its window; null when not a spike. */
export function spikeBandOf(distanceM: number, previousLongestM: number): SpikeBandInfo | null {
  let found: SpikeBandInfo | null = null;
  for (const b of SPIKE_BANDS) if (moreThanPctAbove(previousLongestM, distanceM, b.abovePct)) found = b;
  return found;
}

/** A run more than `pct` (10) percent longer than the longest of its window. */
export function isSpike(distanceM: number, previousLongestM: number, pct = SPIKE_GUIDE_PCT): boolean {
  return moreThanPctAbove(previousLongestM, distanceM, pct);
}

/** The longest run that is not a spike: the window's longest plus `pct`, in whole metres, rounded down. */
export function longestRunLimitM(previousLongestM: number, pct = SPIKE_GUIDE_PCT): number {
  return limitAbove(previousLongestM, pct);
}

export interface DayRun {
  /** Day number (local). */
  day: number;
  distanceM: number;
}

/**
 * Longest run on the `windowDays` days before `day` (days day-windowDays .. day-1), 0 when there
 * is none. Days, not hours: the report's own spike check measures the same 30 x 24 h from each
 * run's start, which agrees for runs at the same time of day.
 */
export function longestBefore(runs: readonly DayRun[], day: number, windowDays = SPIKE_WINDOW_DAYS): number {
  let longest = 0;
  for (const r of runs) if (r.day < day && r.day >= day - windowDays && r.distanceM > longest) longest = r.distanceM;
  return longest;
}

/**
 * The most a run on `day` may cover without being a spike, given the runs before it; null when
 * the window holds no run (nothing to measure against: after a break, see RESTART_AFTER_BREAK).
 */
export function runLimitOn(
  runs: readonly DayRun[],
  day: number,
  options: { windowDays?: number; pct?: number } = {},
): number | null {
  const longest = longestBefore(runs, day, options.windowDays ?? SPIKE_WINDOW_DAYS);
  return longest > 0 ? longestRunLimitM(longest, options.pct ?? SPIKE_GUIDE_PCT) : null;
}

export interface WeeklyBaseline {
  /** How many earlier weeks it is made of (0 to `WEEKLY_BASELINE_WEEKS`). */
  weeks: number;
  /** Mean of those weeks, empty ones as 0; 0 when there are none. */
  average: number;
  highest: number;
}

/**
 * The baseline of the week that follows `previous` (oldest first; the last element is the week
 * just before): its last `weeks` entries. Works on any weekly amount (metres, seconds).
 */
export function weeklyBaseline(previous: readonly number[], weeks = WEEKLY_BASELINE_WEEKS): WeeklyBaseline {
  const from = Math.max(0, previous.length - weeks);
  let sum = 0;
  let highest = 0;
  for (let i = from; i < previous.length; i++) {
    const x = previous[i] ?? 0;
    sum += x;
    if (x > highest) highest = x;
  }
  const n = previous.length - from;
  return { weeks: n, average: n > 0 ? sum / n : 0, highest };
}

/**
 * The most the next week may hold within the guide: the highest of the baseline weeks plus
 * `guidePct`, rounded down; null when the baseline is empty (no week to measure against). Measured
 * against the highest rather than the week before, so a cut-back week does not lower the bar, and
 * 40-40-40-40-30-40 km holds nothing to flag.
 */
export function weeklyLimit(previous: readonly number[], guidePct: number, weeks = WEEKLY_BASELINE_WEEKS): number | null {
  const { highest } = weeklyBaseline(previous, weeks);
  return highest > 0 ? limitAbove(highest, guidePct) : null;
}

/** The week `amount` rose more than `guidePct` above the highest of its baseline. */
export function risesAboveBaseline(
  previous: readonly number[],
  amount: number,
  guidePct: number,
  weeks = WEEKLY_BASELINE_WEEKS,
): boolean {
  return moreThanPctAbove(weeklyBaseline(previous, weeks).highest, amount, guidePct);
}

/** Percent change from `before` to `after`; null when there was nothing before. */
export function changePct(before: number, after: number): number | null {
  return before > 0 ? ((after - before) * 100) / before : null;
}
