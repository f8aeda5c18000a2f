/**
 * Calendar arithmetic on "day numbers": whole days since 1970-01-01 of the runner's LOCAL
 * calendar. An activity's local day comes from its own UTC offset, so a run at 00:30 local time
 * on a Monday belongs to Monday's week even if it was still Sunday in UTC, and a change of offset
 * (daylight saving, travel) moves nothing but the runs it really affects.
 */
import { DomainError } from "../errors.js";

export const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local day number of an instant. A null offset is read as UTC. NaN when the instant is invalid. */
export function localDayOf(startMs: number, utcOffsetMin: number | null): number {
  return Math.floor((startMs + (utcOffsetMin ?? 0) * 60_000) / DAY_MS);
}

/** Day number of a YYYY-MM-DD date; throws INVALID_DATE for anything else. */
export function dayOfDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    // setUTCFullYear, not Date.UTC: that reads years 0-99 as 1900-1999, and a stored "0050-06-01"
    // (a device with no clock) must still be a date, not an error that stops every report.
    const back = new Date(0);
    back.setUTCFullYear(y, mo - 1, d);
    const ms = back.getTime();
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / DAY_MS;
    }
  }
  throw new DomainError("INVALID_DATE", `Expected a date as YYYY-MM-DD, got "${date}".`);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday, like Date#getUTCDay. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** First day of the week containing `day`, for weeks starting on `weekStart` (0-6). */
export function weekStartOf(day: number, weekStart: number): number {
  return day - ((weekdayOf(day) - weekStart + 7) % 7);
}

export function checkWeekStart(weekStart: number): number {
  if (!Number.isInteger(weekStart) || weekStart < 0 || weekStart > 6) {
    throw new DomainError(
      "INVALID_WEEK_START",
      `The week must start on a day 0-6 (0 = Sunday), got ${weekStart}.`,
    );
  }
  return weekStart;
}
