/**
 * Calendar dates as "YYYY-MM-DD" strings. Plans live in the runner's local calendar, so these
 * helpers never look at a clock or a time zone: all arithmetic is done on UTC midnights.
 */
import { DomainError } from "../errors.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written as YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The date as a day number (days since 1970-01-01), the unit of the load rules (load-rules.ts). */
export function dayNumber(date: string): number {
  if (!isIsoDate(date))
    throw new DomainError("PLAN_BAD_DATE", `"${date}" is not a date in the form YYYY-MM-DD.`);
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The first day of the runner's week, numbered as the profile numbers it: 0 = Sunday … 6 = Saturday. */
export const MONDAY = 1;

/**
 * The day's place in its week, 0 for the week's first day … 6 for its last, for weeks that start
 * on `weekStart` (0 = Sunday … 6 = Saturday; default Monday).
 */
export function weekdayIndex(date: string, weekStart = MONDAY): number {
  // Day 0 of the Unix epoch (1970-01-01) was a Thursday, weekday 4.
  return (((dayNumber(date) + 4 - weekStart) % 7) + 7) % 7;
}

/** The first day of the week (starting on `weekStart`) on or before `date`. */
export function weekStartOf(date: string, weekStart = MONDAY): string {
  return addDays(date, -weekdayIndex(date, weekStart));
}

/** The first day of the next week strictly after `date`'s week. */
export function nextWeekStart(date: string, weekStart = MONDAY): string {
  return addDays(weekStartOf(date, weekStart), 7);
}

/** True for a first day of the week as the profile numbers it (0-6). */
export function isWeekStart(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 6;
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** "Sunday" … "Saturday". */
export function dayName(date: string): string {
  return DAY_NAMES[weekdayIndex(date, 0)] ?? "";
}

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayIndex(date, MONDAY)] ?? "";
}
