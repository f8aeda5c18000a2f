import * as f from "../../../src/contracts/format.js";
import { dateText, weekdayText } from "../shell/dates.js";
import { browserLocale } from "../shell/locale.js";
import type { Units } from "../shell/session.js";

/** Metres shown in the runner's units with one decimal: "12.5 km", "7.8 mi". */
export function formatDistance(metres: number, units: Units, digits = 1): string {
  return f.formatDistance(metres, units, digits);
}

/** A number the runner typed in their units, as whole metres; null when it is not a number. */
export function toMetres(text: string, units: Units): number | null {
  const value = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(value)) return null;
  return f.metresFrom(value, units);
}

/** "Mon 10 Mar": a day of a plan's week, in this browser's language. */
export const shortDate = weekdayText;

/** "10 Mar 2026": a date with its year (an event, a change), in the one style. */
export const longDate = dateText;

/**
 * A plan endpoint asked for its texts in `units` and this browser's language: the server writes a
 * plan's sentences when it is read, so the web asks in the units this device shows, with the days
 * in the one date style ("7 Dec 2026", issue 18).
 */
export function inUnits(path: string, units: Units): string {
  return `${path}?${new URLSearchParams({ units, locale: browserLocale() }).toString()}`;
}

/** Day names by the profile's numbering of the first day of the week (0 = Sunday). */
export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export const SESSION_LABELS: Record<string, string> = {
  easy: "Easy run",
  long: "Long run",
  quality: "Faster run",
  rest: "Rest",
  cross: "Cross-training",
  strength: "Strength",
  walk_run: "Walk-run",
  race: "Race",
};

export const PHASE_LABELS: Record<string, string> = {
  build: "Building",
  hold: "Holding",
  lighter: "Lighter week",
  taper: "Taper",
  race: "Race week",
};

export function sessionAmount(
  s: { distance_m?: number | undefined; duration_s?: number | undefined },
  units: Units,
): string {
  if (s.distance_m !== undefined && s.distance_m > 0) return formatDistance(s.distance_m, units);
  if (s.duration_s !== undefined && s.duration_s > 0) return `${Math.round(s.duration_s / 60)} min`;
  return "";
}
