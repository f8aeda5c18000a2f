import { formatDistanceIn, METRES_PER_MILE } from "../../../src/contracts/profile.js";
import type { Units } from "../shell/session.js";

export { METRES_PER_MILE };

/** Metres shown in the runner's units with one decimal: "12.5 km", "7.8 mi". */
export const formatDistance = formatDistanceIn;

/** A number the runner typed in their units, as whole metres; null when it is not a number. */
export function toMetres(text: string, units: Units): number | null {
  const value = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(value)) return null;
  return Math.round(value * (units === "mi" ? METRES_PER_MILE : 1000));
}

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const LONG_DATE = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "Mon 10 Mar" for a YYYY-MM-DD date (dates are calendar days, read as UTC midnights). */
export function shortDate(date: string): string {
  return DATE_FORMAT.format(new Date(`${date}T00:00:00Z`));
}

export function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T00:00:00Z`));
}

/**
 * A plan endpoint asked for its texts in `units`: the server writes a plan's sentences when it is
 * read, so the web asks in the units this device shows.
 */
export function inUnits(path: string, units: Units): string {
  return `${path}?units=${units}`;
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
