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

/** 0 = Monday … 6 = Sunday: the runner's week starts on Monday. */
export function weekdayIndex(date: string): number {
  // Day 0 of the Unix epoch (1970-01-01) was a Thursday.
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

/** The Monday on or before `date`. */
export function weekStartOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

/** The first Monday strictly after `date`. */
export function nextMonday(date: string): string {
  return addDays(weekStartOf(date), 7);
}

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekdayIndex(date)] ?? "";
}
