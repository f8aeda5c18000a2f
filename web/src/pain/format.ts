import * as f from "../../../src/contracts/format.js";
import { browserLocale } from "../shell/locale.js";
import type { Units } from "../shell/session.js";

/** Metres in the runner's units: "12.5 km", "7.8 mi". */
export function distanceText(metres: number, units: Units, digits = 1): string {
  return f.formatDistance(metres, units, digits);
}

export const distanceValue = f.distanceValue;

/**
 * A descent threshold per km, shown per mile (in feet) for runners who think in miles: to the
 * tenth, so a run just above the median is not said to be below it.
 */
export const descentRateText = f.formatClimbRateThreshold;

/** "Mon 10 Mar" for a calendar date, in the browser's locale (no zone moves a calendar day). */
export function dayText(date: string): string {
  return f.formatShortDateWithWeekday(date, browserLocale());
}

/**
 * The pain status as of `today`: its pattern notes in the runner's units and the days its reasons
 * name in this browser's language ("2 Dec 2026"), as the rest of the app writes them.
 */
export function painStatusPath(today: string, units: Units): string {
  const q = new URLSearchParams({ asOf: today, units, locale: browserLocale() });
  return `/api/pain/status?${q.toString()}`;
}

/** The runner's local date today, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
