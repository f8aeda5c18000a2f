import { METRES_PER_MILE } from "../../../src/contracts/profile.js";
import type { Units } from "../shell/session.js";

/** Metres in the runner's units: "12.5 km", "7.8 mi". */
export function distanceText(metres: number, units: Units, digits = 1): string {
  const value = units === "mi" ? metres / METRES_PER_MILE : metres / 1000;
  return `${value.toFixed(digits)} ${units}`;
}

export function distanceValue(metres: number, units: Units): number {
  return units === "mi" ? metres / METRES_PER_MILE : metres / 1000;
}

/** Descent per km, shown per mile for runners who think in miles. */
export function descentRateText(metresPerKm: number, units: Units): string {
  return units === "mi" ? `${Math.round(metresPerKm * (METRES_PER_MILE / 1000))} m per mile` : `${metresPerKm} m per km`;
}

const SHORT = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** "Mon 10 Mar" for a calendar date (read as a UTC midnight so no zone shifts it). */
export function dayText(date: string): string {
  return SHORT.format(new Date(`${date}T00:00:00Z`));
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
