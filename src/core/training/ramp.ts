/**
 * Ramp rules on weekly volume. The weekly threshold is a gentle guide, not a safe limit: the
 * 10% rule did not prevent injuries in a trial of 532 novices (Buist 2008, AJSM 36:33) and a
 * review of 36 studies found no universal safe progression (Fredette 2022). The two-week rule
 * follows Nielsen 2014 (JOSPT 44:739): more than 30% over two weeks went with more
 * "distance-related" injuries (HR 1.59, 95% CI 0.96-2.66).
 */
import type { TrainingConfig } from "./config.js";
import type { RunnerExperience } from "./types.js";
import type { WeekVolume } from "./weekly-volume.js";

/** Percent change from `before` to `after`; null when there was nothing before. */
export function changePct(before: number, after: number): number | null {
  return before > 0 ? ((after - before) * 100) / before : null;
}

/** Strictly above the threshold, compared without division so that exactly +10% is not flagged. */
export function risesAbove(before: number, after: number, pct: number): boolean {
  return before > 0 && after * 100 > before * (100 + pct);
}

export function rampThresholdPct(experience: RunnerExperience, config: TrainingConfig): number {
  return experience === "regular" ? config.rampPct : config.rampPctCautious;
}

/**
 * Suggested ceiling for the week after a flagged week: no higher than the flagged week itself
 * (do not build on a jump) and no higher than two steps of the guide from the week before it,
 * so a large jump is brought back towards the runner's usual level. Rounded down to whole units.
 */
export function suggestedCap(before: number, after: number, pct: number): number {
  const step = 1 + pct / 100;
  return Math.floor(Math.min(after, before * step * step));
}

export interface WeeklyRamp {
  index: number;
  startDay: number;
  previousDistanceM: number;
  distanceM: number;
  previousTimeS: number;
  timeS: number;
  distancePct: number | null;
  timePct: number | null;
  distanceFlagged: boolean;
  timeFlagged: boolean;
  thresholdPct: number;
  capDistanceM: number;
  capTimeS: number;
}

/** Weeks whose distance or running time rose above the threshold over the week before. */
export function weeklyRamps(weeks: readonly WeekVolume[], thresholdPct: number): WeeklyRamp[] {
  const out: WeeklyRamp[] = [];
  for (let i = 1; i < weeks.length; i++) {
    const prev = weeks[i - 1];
    const cur = weeks[i];
    if (!prev || !cur) continue;
    const distanceFlagged = risesAbove(prev.distanceM, cur.distanceM, thresholdPct);
    const timeFlagged = risesAbove(prev.timeS, cur.timeS, thresholdPct);
    if (!distanceFlagged && !timeFlagged) continue;
    out.push({
      index: i,
      startDay: cur.startDay,
      previousDistanceM: prev.distanceM,
      distanceM: cur.distanceM,
      previousTimeS: prev.timeS,
      timeS: cur.timeS,
      distancePct: changePct(prev.distanceM, cur.distanceM),
      timePct: changePct(prev.timeS, cur.timeS),
      distanceFlagged,
      timeFlagged,
      thresholdPct,
      capDistanceM:
        prev.distanceM > 0
          ? suggestedCap(prev.distanceM, cur.distanceM, thresholdPct)
          : cur.distanceM,
      capTimeS: prev.timeS > 0 ? suggestedCap(prev.timeS, cur.timeS, thresholdPct) : cur.timeS,
    });
  }
  return out;
}

export interface TwoWeekRamp {
  index: number;
  startDay: number;
  /** Distance of the week two weeks earlier (week w-2), metres. */
  baseDistanceM: number;
  distanceM: number;
  changePct: number;
}

/** Week w against week w-2, on distance: above `pct` (30 by default) is high. */
export function twoWeekRamps(weeks: readonly WeekVolume[], pct: number): TwoWeekRamp[] {
  const out: TwoWeekRamp[] = [];
  for (let i = 2; i < weeks.length; i++) {
    const base = weeks[i - 2];
    const cur = weeks[i];
    if (!base || !cur || !risesAbove(base.distanceM, cur.distanceM, pct)) continue;
    out.push({
      index: i,
      startDay: cur.startDay,
      baseDistanceM: base.distanceM,
      distanceM: cur.distanceM,
      changePct: changePct(base.distanceM, cur.distanceM) ?? 0,
    });
  }
  return out;
}
