/**
 * The volume rules of a plan: how fast the week may grow, how often it eases off, and how big
 * the long run may be.
 *
 * The 10% weekly rise is a cautious guide, not a proven safe limit: a graded programme built on
 * it did not reduce injuries in novices (Buist 2008, AJSM 36:33), a review of 36 prospective
 * studies found no universal safe progression (Fredette 2022), yet rises above 30% over two weeks
 * went with more "distance-related" knee injuries such as patellofemoral pain and ITBS
 * (Nielsen 2014, JOSPT 44:739). The 5% rise for beginners and runners coming back after pain is
 * this project's own, more careful choice (issue 8), not a figure from a trial.
 */

/** Largest week-on-week rise, in whole percent. */
export const STANDARD_RAMP_PERCENT = 10;
export const CAUTIOUS_RAMP_PERCENT = 5;

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

/** The most the week after a building level of `levelM` may hold (exact integer arithmetic). */
export function rampCeiling(levelM: number, rampPercent: number): number {
  return Math.floor((levelM * (100 + rampPercent)) / 100);
}

/**
 * Next building week: the largest round figure within the ramp, never above the cap (the goal).
 * Falls back to finer rounding when a round figure would mean no growth at all.
 */
export function nextBuildVolume(levelM: number, rampPercent: number, capM: number): number {
  const ceiling = rampCeiling(levelM, rampPercent);
  if (capM <= ceiling) return capM;
  let next = ceiling;
  for (const step of [100, 10]) {
    const rounded = floorTo(ceiling, step);
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
