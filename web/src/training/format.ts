import type { SportName } from "../../../src/contracts/activities.js";
import * as f from "../../../src/contracts/format.js";
import { browserLocale } from "../shell/locale.js";
import type { Units } from "../shell/session.js";

/** An activity's own distance, to the hundredth: "10.03 km" (whole past 100). */
export function formatDistance(m: number, units: Units): string {
  return f.formatDistance(m, units, f.distanceValue(m, units) >= 100 ? 0 : 2);
}

export const formatDuration = f.formatClock;

/** Seconds per km or mile; null when there is no distance or time to speak of. */
export const paceS = f.paceSeconds;

/** Minutes per km or mile, e.g. "5:32 /km"; null when there is no distance to speak of. */
export const formatPace = f.formatPace;

export const SPORT_WORDS: Record<SportName, string> = {
  run: "Run",
  trail_run: "Trail run",
  treadmill: "Treadmill",
  walk: "Walk",
  hike: "Hike",
  ride: "Ride",
  swim: "Swim",
  row: "Row",
  strength: "Strength",
  other: "Other",
};

/** The start in the runner's own time when the file says it, else in this browser's zone. */
export function formatStart(startUtc: string, utcOffsetMin: number | null): string {
  return f.formatStart(startUtc, utcOffsetMin, browserLocale());
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} kB`;
}

/** Km/h or mph, e.g. "24.3 km/h"; null when there is no distance or time to speak of. */
export const formatSpeed = f.formatSpeed;

/** Rides are read as a speed, everything on foot as a pace. */
export function paceOrSpeed(sport: SportName, seconds: number, metres: number, units: Units): string | null {
  return sport === "ride" ? formatSpeed(seconds, metres, units) : formatPace(seconds, metres, units);
}

/** A title for an activity without a name: "Run on 3 Mar 2024". */
export function activityTitle(a: { name: string | null; sport: SportName; startUtc: string; utcOffsetMin: number | null }): string {
  return a.name ?? `${SPORT_WORDS[a.sport]} on ${formatStartDate(a.startUtc, a.utcOffsetMin)}`;
}

/** The start date alone, in the runner's own time when the file says it. */
export function formatStartDate(startUtc: string, utcOffsetMin: number | null): string {
  return f.formatStartDate(startUtc, utcOffsetMin, browserLocale());
}

/** Feet per metre: climbing is shown in feet when the runner counts in miles. */
export const FEET_PER_METRE = f.FEET_PER_METRE;

/** Metres climbed in the runner's units: "42 m", or "138 ft" for someone who counts in miles. */
export const formatClimb = f.formatClimb;
