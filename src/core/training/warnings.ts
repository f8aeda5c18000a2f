/**
 * The warning shape and the article each code links to. Messages are written where each rule
 * lives; this file only keeps codes, slugs and number formatting consistent.
 */
import type { ArticleSlug, ReportWarning, WarningCode } from "./types.js";

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

/** The report writes distances, limits (rounded down) and climbing with the one formatter. */
export { formatDistance, formatDistanceDown, formatClimbRate } from "../format/distance.js";

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
