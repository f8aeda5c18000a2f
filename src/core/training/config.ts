/**
 * Every threshold of the guard in one place, so a clinic can tune them and tests can name them.
 * Where a number comes from a study it says so; the rest are our conventions and say that too.
 */
import { SPIKE_GUIDE_PCT, SPIKE_WINDOW_DAYS, WEEKLY_BASELINE_WEEKS } from "./load-rules.js";

export interface TrainingConfig {
  /** Rise above the highest of the baseline weeks that is flagged, percent. The "10% rule" is a
   *  cautious guide only: in the GRONORUN trial it did not prevent injuries (Buist 2008, AJSM 36:33),
   *  and week-to-week change showed no relationship with injury in Frandsen 2025. */
  rampPct: number;
  /** Stricter guide for beginners and runners returning after injury, percent (our convention). */
  rampPctCautious: number;
  /** Weeks before a week that form its baseline (load-rules.ts). */
  rampBaselineWeeks: number;
  /** A run longer than the longest of the previous `spikeWindowDays` by more than this, percent.
   *  >10-30% carried HR 1.64 in Frandsen 2025 (BJSM 59:1203; 5,205 runners). */
  spikePct: number;
  spikeWindowDays: number;
  /** At least this many of the last 28 days must have data before a ratio is shown. */
  acwrMinCoveredDays: number;
  /** Monotony above this is flagged; a practitioner convention, not a validated cut-off. */
  monotonyHigh: number;
  /** Training-error detectors: recent window against the baseline window before it. */
  recentDays: number;
  baselineDays: number;
  /** Climb or descent per km is flagged when recent >= baseline x ratio and the rise is at least delta. */
  hillRatio: number;
  hillMinDeltaMPerKm: number;
  /** Speed sessions per week are flagged when recent >= factor x baseline and at least `speedMinSessions`. */
  speedRateFactor: number;
  speedMinSessions: number;
  /** A surface's share of distance rising by this much (0-1) is a change. */
  surfaceShareRise: number;
  /** Weeks without any cross-training or strength work before NO_VARIETY. */
  noVarietyWeeks: number;
  /** Default retirement limit of a pair: 700 km, inside the usual 640-800 km (400-500 miles). */
  shoeDefaultLimitM: number;
  /** From this fraction of the limit a pair is "replace soon". */
  shoeReplaceSoonFraction: number;
  /** Forecast pace is taken over this many days. */
  shoeForecastDays: number;
  /** Rotation window and the share of runs in one pair that triggers the nudge (Malisoux 2015). */
  rotationDays: number;
  rotationShare: number;
  rotationMinRuns: number;
  /** A check-in is elevated when its score reaches this (out of 24) or when two items are at 3. */
  checkinElevatedScore: number;
}

export const DEFAULT_TRAINING_CONFIG: Readonly<TrainingConfig> = Object.freeze({
  rampPct: 10,
  rampPctCautious: 5,
  rampBaselineWeeks: WEEKLY_BASELINE_WEEKS,
  spikePct: SPIKE_GUIDE_PCT,
  spikeWindowDays: SPIKE_WINDOW_DAYS,
  acwrMinCoveredDays: 21,
  monotonyHigh: 2,
  recentDays: 21,
  baselineDays: 84,
  hillRatio: 1.5,
  hillMinDeltaMPerKm: 5,
  speedRateFactor: 2,
  speedMinSessions: 2,
  surfaceShareRise: 0.25,
  noVarietyWeeks: 4,
  shoeDefaultLimitM: 700_000,
  shoeReplaceSoonFraction: 0.9,
  shoeForecastDays: 56,
  rotationDays: 28,
  rotationShare: 0.9,
  rotationMinRuns: 4,
  checkinElevatedScore: 8,
});

/** The usual advice band for retiring a pair, 400-500 miles. No trial shows it prevents injury. */
export const SHOE_LIMIT_RANGE_M = Object.freeze({ min: 640_000, max: 800_000 });

export function resolveConfig(overrides?: Partial<TrainingConfig>): TrainingConfig {
  return { ...DEFAULT_TRAINING_CONFIG, ...overrides };
}
