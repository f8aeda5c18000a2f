/**
 * Foster's weekly monotony and strain (Foster 1998, MSSE 30:1164): monotony = mean daily load of
 * the week / its standard deviation (population SD over the 7 days, rest days as 0); strain =
 * weekly load x monotony. The load is session-RPE (RPE x minutes) when every session of the week
 * has an RPE, otherwise minutes of all sessions, so that runners who never log RPE still get a
 * figure. Only complete weeks (all 7 days on or before asOf and on or after the first recorded
 * day) get one. When all 7 days carry the same non-zero load the SD is 0 and monotony is
 * unbounded: it is reported as null with `uniform` set.
 */
import type { DailyTotals } from "./daily-totals.js";

export interface WeekMonotony {
  startDay: number;
  load: "srpe" | "minutes";
  weeklyLoad: number;
  monotony: number | null;
  strain: number | null;
  /** Every day of the week had the same non-zero load. */
  uniform: boolean;
}

export function foster(daily: readonly number[]): {
  monotony: number | null;
  strain: number | null;
  uniform: boolean;
} {
  const n = daily.length;
  if (n === 0) return { monotony: null, strain: null, uniform: false };
  let sum = 0;
  for (const x of daily) sum += x;
  const mean = sum / n;
  let sq = 0;
  for (const x of daily) sq += (x - mean) * (x - mean);
  const sd = Math.sqrt(sq / n);
  if (sum <= 0) return { monotony: null, strain: null, uniform: false };
  // Relative tolerance: loads built from float minutes can differ in the last bits.
  if (sd <= mean * 1e-9) return { monotony: null, strain: null, uniform: true };
  const monotony = mean / sd;
  return { monotony, strain: sum * monotony, uniform: false };
}

export function weekMonotony(totals: DailyTotals, startDay: number): WeekMonotony | null {
  const i0 = startDay - totals.firstDay;
  if (i0 < 0 || i0 + 7 > totals.length) return null;
  let sessions = 0;
  let withRpe = 0;
  for (let i = i0; i < i0 + 7; i++) {
    sessions += totals.sessions[i] ?? 0;
    withRpe += totals.sessionsWithRpe[i] ?? 0;
  }
  const useSrpe = sessions > 0 && withRpe === sessions;
  const source = useSrpe ? totals.srpe : totals.allMinutes;
  const daily: number[] = [];
  for (let i = i0; i < i0 + 7; i++) daily.push(source[i] ?? 0);
  const f = foster(daily);
  return {
    startDay,
    load: useSrpe ? "srpe" : "minutes",
    weeklyLoad: daily.reduce((a, b) => a + b, 0),
    monotony: f.monotony,
    strain: f.strain,
    uniform: f.uniform,
  };
}
