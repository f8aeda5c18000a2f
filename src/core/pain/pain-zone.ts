/**
 * The pain-monitoring model's thresholds, after Silbernagel 2007 (AJSM 35:897): 0-2 safe, 3-5
 * acceptable if it settles by the next morning, above 5 too much. The thresholds come from
 * secondary descriptions of that Achilles-tendon trial (see ../shared/evidence.md, "Pain-monitoring
 * model"); using them for knee pain is an extrapolation, which the app says where it shows them.
 */
import type { PainEntry, PainZone } from "./types.js";

export const SAFE_MAX = 2;
export const ACCEPTABLE_MAX = 5;
export const PAIN_SCORE_MAX = 10;

export function zoneOf(score: number): PainZone {
  if (score <= SAFE_MAX) return "green";
  if (score <= ACCEPTABLE_MAX) return "amber";
  return "red";
}

/** The scores an entry recorded, in the order during, after, next morning. */
export function scoresOf(entry: PainEntry): number[] {
  return [entry.during, entry.after, entry.nextMorning].filter((s): s is number => s !== null);
}

/** The worst score of the day; null when nothing was recorded. */
export function dayScore(entry: PainEntry): number | null {
  const scores = scoresOf(entry);
  return scores.length === 0 ? null : Math.max(...scores);
}

/**
 * The highest next-morning score that still counts as "settled": back to 2 or less, or back to
 * where the knee was before that day's run (`baseline`, the morning score recorded the day before)
 * when the runner's usual morning level is above 2.
 */
export function settleLimit(baseline: number | null): number {
  return Math.max(SAFE_MAX, baseline ?? 0);
}

export type Settling = "settled" | "not_settled" | "pending" | "no_run";

/** A day without a run (nothing during or after) has no load to settle from. */
export function settlingOf(entry: PainEntry, baseline: number | null): Settling {
  if (entry.during === null && entry.after === null) return "no_run";
  if (entry.nextMorning === null) return "pending";
  return entry.nextMorning <= settleLimit(baseline) ? "settled" : "not_settled";
}
