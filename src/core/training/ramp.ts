/**
 * Weekly change against the runner's own baseline (load-rules.ts): each week's distance and
 * running time are measured against the highest and the average of the four weeks before it.
 * A week is flagged when it rises more than the guide (10%, or 5% for new and returning runners)
 * above the highest of those weeks, so a week back at the usual level after a cut-back week is not
 * a jump. The guide is a cautious convention, not a proven safe limit: the 10% rule did not prevent
 * injuries in a trial of 532 novices (Buist 2008, AJSM 36:33), a review of 36 studies found no
 * universal safe progression (Fredette 2022), and in 5,205 runners week-to-week change showed no
 * relationship with injury (Frandsen 2025, BJSM 59:1203) while single long runs did (run-spike.ts).
 *
 * The old two-week rule (more than 30% over two weeks, Nielsen 2014) is folded in: a rise that
 * builds over two weeks passes the highest of the baseline too, and a week gets one message.
 */
import type { TrainingConfig } from "./config.js";
import { changePct, moreThanPctAbove, weeklyBaseline, WEEKLY_BASELINE_WEEKS } from "./load-rules.js";
import type { RunnerExperience } from "./types.js";
import type { WeekVolume } from "./weekly-volume.js";

export function rampThresholdPct(experience: RunnerExperience, config: TrainingConfig): number {
  return experience === "regular" ? config.rampPct : config.rampPctCautious;
}

/**
 * Suggested ceiling for the week after a flagged week: no higher than the flagged week itself
 * (do not build on a jump) and no higher than two steps of the guide from the baseline's highest
 * week, so a large jump is brought back towards the runner's usual level. Rounded down.
 */
export function suggestedCap(highest: number, after: number, pct: number): number {
  return Math.floor(Math.min(after, (highest * (100 + pct) * (100 + pct)) / 10_000));
}

export interface WeekBaseline {
  /** Earlier weeks in the baseline, 0-4 (fewer at the start of the history). */
  weeks: number;
  averageDistanceM: number;
  highestDistanceM: number;
  averageTimeS: number;
  highestTimeS: number;
}

/** The baseline of week `i` of the full weekly volume (oldest first). */
export function baselineOf(weeks: readonly WeekVolume[], i: number, baselineWeeks = WEEKLY_BASELINE_WEEKS): WeekBaseline {
  const before = weeks.slice(Math.max(0, i - baselineWeeks), i);
  const d = weeklyBaseline(before.map((w) => w.distanceM), baselineWeeks);
  const t = weeklyBaseline(before.map((w) => w.timeS), baselineWeeks);
  return {
    weeks: d.weeks,
    averageDistanceM: d.average,
    highestDistanceM: d.highest,
    averageTimeS: t.average,
    highestTimeS: t.highest,
  };
}

export interface WeeklyRamp {
  index: number;
  startDay: number;
  distanceM: number;
  timeS: number;
  baseline: WeekBaseline;
  /** Change against the baseline's highest week and against its average, percent. */
  distanceOverHighestPct: number | null;
  distanceOverAveragePct: number | null;
  timeOverHighestPct: number | null;
  distanceFlagged: boolean;
  timeFlagged: boolean;
  thresholdPct: number;
  capDistanceM: number;
  capTimeS: number;
}

/** Weeks whose distance or running time rose more than the guide above their baseline's highest. */
export function weeklyRamps(
  weeks: readonly WeekVolume[],
  thresholdPct: number,
  baselineWeeks = WEEKLY_BASELINE_WEEKS,
): WeeklyRamp[] {
  const out: WeeklyRamp[] = [];
  for (let i = 1; i < weeks.length; i++) {
    const cur = weeks[i];
    if (!cur) continue;
    const b = baselineOf(weeks, i, baselineWeeks);
    const distanceFlagged = moreThanPctAbove(b.highestDistanceM, cur.distanceM, thresholdPct);
    const timeFlagged = moreThanPctAbove(b.highestTimeS, cur.timeS, thresholdPct);
    if (!distanceFlagged && !timeFlagged) continue;
    out.push({
      index: i,
      startDay: cur.startDay,
      distanceM: cur.distanceM,
      timeS: cur.timeS,
      baseline: b,
      distanceOverHighestPct: changePct(b.highestDistanceM, cur.distanceM),
      distanceOverAveragePct: changePct(b.averageDistanceM, cur.distanceM),
      timeOverHighestPct: changePct(b.highestTimeS, cur.timeS),
      distanceFlagged,
      timeFlagged,
      thresholdPct,
      capDistanceM:
        b.highestDistanceM > 0 ? suggestedCap(b.highestDistanceM, cur.distanceM, thresholdPct) : cur.distanceM,
      capTimeS: b.highestTimeS > 0 ? suggestedCap(b.highestTimeS, cur.timeS, thresholdPct) : cur.timeS,
    });
  }
  return out;
}
