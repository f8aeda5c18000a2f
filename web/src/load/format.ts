/** Distances and times for people, in the runner's units. The API always speaks metres and seconds. */
import * as f from "../../../src/contracts/format.js";
import { browserLocale } from "../shell/locale.js";
import type { Units } from "../shell/session.js";

export const METRES_PER_MILE = f.METRES_PER_MILE;

export const unitLabel = f.unitLabel;

export const unitWord = f.unitWord;

/** Metres in the runner's unit, as a number (for charts). */
export const inUnits = f.distanceValue;

/** A distance typed in the runner's unit, as whole metres. */
export const toMetres = f.metresFrom;

export const formatDistance = f.formatDistance;

/**
 * A limit rounded DOWN to one decimal, so "under 19.8 km" never lets through a run the spike rule
 * would flag (a limit of 19.86 km reads 19.8, not 19.9): the core's own rounding.
 */
export const formatLimit: (metres: number, units: Units) => string = f.formatDistanceDown;

export function formatDuration(seconds: number): string {
  const total = Math.round(seconds / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
}

/** Today in the browser's own time zone, YYYY-MM-DD: the runner's day, not UTC's. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** "4 Mar" (or "4 Mar 2024" with the year), in the browser's locale: short enough for a chart axis. */
export function shortDate(date: string, withYear = false): string {
  return withYear ? f.formatDate(date, browserLocale()) : f.formatShortDate(date, browserLocale());
}

export function pct(x: number | null): string {
  return x === null ? "–" : `${x > 0 ? "+" : ""}${Math.round(x)}%`;
}

/** Where the acute:chronic ratio lies, as a description: none of these is a warning. */
export const ZONE_WORDS = {
  low: "below your usual",
  ok: "about your usual",
  high: "above your usual",
  very_high: "well above your usual",
} as const;

export const SPORT_WORDS: Record<string, string> = {
  run: "Run",
  trail_run: "Trail run",
  treadmill: "Treadmill run",
  walk: "Walk",
  hike: "Hike",
  ride: "Cycling",
  swim: "Swimming",
  row: "Rowing",
  strength: "Strength training",
  other: "Other",
};

export const SURFACE_WORDS: Record<string, string> = {
  road: "Road",
  track: "Track",
  trail: "Trail",
  treadmill: "Treadmill",
  cambered_road: "Cambered road",
};
