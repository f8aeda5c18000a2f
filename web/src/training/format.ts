import type { SportName } from "../../../src/contracts/activities.js";
import { METRES_PER_MILE } from "../../../src/contracts/profile.js";
import type { Units } from "../shell/session.js";

export function formatDistance(m: number, units: Units): string {
  const v = units === "mi" ? m / METRES_PER_MILE : m / 1000;
  return `${v.toFixed(v >= 100 ? 0 : 2)} ${units}`;
}

export function formatDuration(s: number): string {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

/** Seconds per km or mile; null when there is no distance or time to speak of. */
export function paceS(seconds: number, metres: number, units: Units): number | null {
  if (metres < 50 || seconds <= 0) return null;
  return (seconds / metres) * (units === "mi" ? METRES_PER_MILE : 1000);
}

/** Minutes per km or mile, e.g. "5:32 /km"; null when there is no distance to speak of. */
export function formatPace(seconds: number, metres: number, units: Units): string | null {
  const s = paceS(seconds, metres, units);
  if (s === null || !Number.isFinite(s) || s > 3600) return null;
  return `${formatDuration(s)} /${units}`;
}

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
  const d = new Date(startUtc);
  if (utcOffsetMin === null) return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  const local = new Date(d.getTime() + utcOffsetMin * 60_000);
  return local.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} kB`;
}

/** Km/h or mph, e.g. "24.3 km/h"; null when there is no distance or time to speak of. */
export function formatSpeed(seconds: number, metres: number, units: Units): string | null {
  if (metres < 50 || seconds <= 0) return null;
  const per = units === "mi" ? METRES_PER_MILE : 1000;
  return `${((metres / per) / (seconds / 3600)).toFixed(1)} ${units === "mi" ? "mph" : "km/h"}`;
}

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
  const d = new Date(startUtc);
  if (utcOffsetMin === null) return d.toLocaleDateString(undefined, { dateStyle: "medium" });
  return new Date(d.getTime() + utcOffsetMin * 60_000).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });
}

/** Feet per metre: climbing is shown in feet when the runner counts in miles. */
export const FEET_PER_METRE = 3.28084;

/** Metres climbed in the runner's units: "42 m", or "138 ft" for someone who counts in miles. */
export function formatClimb(m: number, units: Units): string {
  return units === "mi" ? `${Math.round(m * FEET_PER_METRE)} ft` : `${Math.round(m)} m`;
}
