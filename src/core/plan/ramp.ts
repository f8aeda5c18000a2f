/**
 * The volume rules of a plan: how fast the week may grow, how often it eases off, and how long
 * the long run may be. The limits themselves are the training guard's own (load-rules.ts in
 * src/core/training, thresholds from DEFAULT_TRAINING_CONFIG), so that a plan is judged by the
 * very functions it was built with:
 *
 * - a week may hold at most the highest of the four weeks before it plus the guide (10%, 5% for
 *   new and returning runners). The guide is cautious, not proven: a graded programme built on it
 *   did not reduce injuries in novices (Buist 2008, AJSM 36:33), and Frandsen 2025 found no link
 *   between week-to-week change and injury;
 * - no run may go more than 10% past the longest run of the 30 days before it (Frandsen et al.,
 *   Br J Sports Med 2025;59(17):1203-1210), which is how the long run grows towards a race.
 *
 * The 5% guide for beginners and runners coming back after pain is this project's own, more
 * careful choice (issue 8), not a figure from a trial.
 */
import { DEFAULT_TRAINING_CONFIG } from "../training/config.js";

/** Largest rise over the highest recent week, in whole percent (the guard's guide). */
export const STANDARD_RAMP_PERCENT = DEFAULT_TRAINING_CONFIG.rampPct;
export const CAUTIOUS_RAMP_PERCENT = DEFAULT_TRAINING_CONFIG.rampPctCautious;

/** A lighter week is about 75% of the level reached before it (the plan aims for 70-80%). */
export const LIGHTER_WEEK_PERCENT = 75;

export interface RunnerProfile {
  beginner: boolean;
  returning: boolean;
}

export function rampPercentFor(p: RunnerProfile): number {
  return p.beginner || p.returning ? CAUTIOUS_RAMP_PERCENT : STANDARD_RAMP_PERCENT;
}

/**
 * Building weeks before each lighter week: 3 (a lighter fourth week), or 2 (a lighter third
 * week) for beginners and returning runners, who get more frequent recovery.
 */
export function buildWeeksPerCycleFor(p: RunnerProfile): number {
  return p.beginner || p.returning ? 2 : 3;
}

/**
 * Share of the week's running that the long run may take. With three runs a week an even split
 * is already a third each, so the cap is 35% there and 30% with four or more runs.
 */
export function longRunShareFor(runDays: number): number {
  return runDays >= 4 ? 0.3 : 0.35;
}

/** Rounding step for week totals: 100 m, or 10 m for very small weeks so that they can still grow. */
export function volumeStep(volumeM: number): number {
  return volumeM >= 2000 ? 100 : 10;
}

export function floorTo(valueM: number, step: number): number {
  return Math.floor(valueM / step) * step;
}

/**
 * Next building week: the largest round figure up to `ceilingM` (the guard's weekly limit), never
 * above the cap (the goal). Falls back to finer rounding when a round figure would mean no growth.
 */
export function nextBuildVolume(levelM: number, ceilingM: number, capM: number): number {
  if (capM <= ceilingM) return capM;
  let next = ceilingM;
  for (const step of [100, 10]) {
    const rounded = floorTo(ceilingM, step);
    if (rounded > levelM) {
      next = rounded;
      break;
    }
  }
  return next;
}

/** A reduced week at `percent` of the level, rounded down. */
export function reducedVolume(levelM: number, percent: number): number {
  return floorTo(Math.floor((levelM * percent) / 100), volumeStep(levelM));
}

/**
 * The weekly distance a plan aims for before a race of `distanceM`. This is our own rule of
 * thumb (no trial ties a weekly volume to a race distance): about 18 km for a 5 km race, 25 km
 * for 10 km, 38 km for a half marathon and 60 km for a marathon, in straight lines between,
 * rounded to 500 m.
 */
export function eventTargetWeeklyM(distanceM: number): number {
  const points: readonly (readonly [number, number])[] = [
    [0, 13_000],
    [5_000, 18_000],
    [10_000, 25_000],
    [21_097, 38_000],
    [42_195, 60_000],
  ];
  let target = 60_000 + (distanceM - 42_195);
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i] ?? [0, 0];
    const [x0, y0] = points[i - 1] ?? [0, 0];
    if (distanceM <= x1) {
      target = y0 + ((distanceM - x0) * (y1 - y0)) / (x1 - x0);
      break;
    }
  }
  return Math.round(target / 500) * 500;
}

/** The long run may take up to this share of the week while it builds towards a race. */
export const RACE_LONG_RUN_SHARE = 0.5;

/**
 * The longest training run a race plan builds towards, and the least it should reach before the
 * race: our own rule of thumb from common practice (no trial ties a long run to a race). An
 * overdistance for 5 and 10 km (7 and 12 km), 16-19 km for a half marathon (18 aimed for), 29-32 km
 * for a marathon (32 aimed for, usually capped at 30 by half of a 60 km week); straight lines
 * between, the distance itself below 5 km, and at most 40 km beyond the marathon.
 */
export function longRunGoalFor(distanceM: number): { targetM: number; minimumM: number } {
  const points: readonly (readonly [number, number, number])[] = [
    [0, 0, 0],
    [5_000, 7_000, 5_000],
    [10_000, 12_000, 10_000],
    [21_097, 18_000, 16_000],
    [42_195, 32_000, 29_000],
  ];
  const at = (col: 1 | 2): number => {
    for (let i = 1; i < points.length; i++) {
      const p1 = points[i] ?? [0, 0, 0];
      const p0 = points[i - 1] ?? [0, 0, 0];
      if (distanceM <= p1[0]) return p0[col] + ((distanceM - p0[0]) * (p1[col] - p0[col])) / (p1[0] - p0[0]);
    }
    const last = points[points.length - 1] ?? [0, 0, 0];
    return Math.min(40_000, last[col] + (distanceM - last[0]) * 0.4);
  };
  const round = (m: number) => Math.round(m / 100) * 100;
  return { targetM: round(at(1)), minimumM: round(at(2)) };
}

/**
 * Weeks of taper before a race, the race week included: one for races below 15 km, two up to
 * 30 km (half marathon), three from 30 km (marathon) when the plan is long enough to afford it.
 */
export function taperWeeksFor(distanceM: number, planWeeks: number): number {
  if (distanceM >= 30_000 && planWeeks >= 12) return 3;
  if (distanceM >= 15_000 && planWeeks >= 4) return 2;
  return 1;
}
