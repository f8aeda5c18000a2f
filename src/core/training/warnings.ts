/**
 * The warning shape and the article each code links to. Messages are written where each rule
 * lives; this file only keeps codes, slugs and number formatting consistent.
 */
import { formatDistanceIn, METRES_PER_MILE } from "../units.js";
import type { ArticleSlug, DistanceUnit, ReportWarning, WarningCode } from "./types.js";

export const ARTICLE_FOR: Readonly<Record<WarningCode, ArticleSlug>> = Object.freeze({
  RAMP_WEEKLY: "ten-percent-rule",
  RAMP_TWO_WEEK: "training-errors",
  RUN_SPIKE: "training-errors",
  ACWR_HIGH: "acute-chronic-load",
  RESTART_AFTER_BREAK: "training-errors",
  MONOTONY_HIGH: "varied-training",
  SHOE_REPLACE: "footwear",
  SHOE_ROTATE: "footwear",
  HILLS_UP: "hills-and-downhill",
  HILLS_DOWN: "hills-and-downhill",
  SPEED_NEW: "speed-work",
  SURFACE_CHANGE: "surfaces",
  NO_VARIETY: "varied-training",
  OVERTRAINING_SIGNS: "overtraining",
});

export function makeWarning(
  code: WarningCode,
  message: string,
  data?: Record<string, number | string | null>,
  week?: string,
): ReportWarning {
  const w: ReportWarning = { code, message, article: ARTICLE_FOR[code] };
  if (week !== undefined) w.week = week;
  if (data !== undefined) w.data = data;
  return w;
}

export const formatDistance = formatDistanceIn;

/**
 * A limit in the runner's units, rounded DOWN to one decimal, so that "under 19.8 km" never lets
 * through a run the rule would flag (a limit of 19.86 km is shown as 19.8, not 19.9).
 */
export function formatDistanceDown(metres: number, units: DistanceUnit): string {
  const tenths = units === "mi" ? (metres * 10) / METRES_PER_MILE : metres / 100;
  return `${(Math.floor(tenths + 1e-9) / 10).toFixed(1)} ${units === "mi" ? "mi" : "km"}`;
}

/** Climb per distance: metres per km, or feet per mile. */
export function formatClimbRate(metresPerKm: number, units: DistanceUnit): string {
  return units === "mi"
    ? `${Math.round((metresPerKm * METRES_PER_MILE) / 1000 / 0.3048)} ft per mile`
    : `${Math.round(metresPerKm)} m per km`;
}

export function formatDuration(seconds: number): string {
  const total = Math.round(seconds / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
}

export function formatPct(pct: number): string {
  return `${Math.round(pct)}%`;
}

/** Rounds for the JSON: ratios to 3 decimals, percentages to 1. */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
