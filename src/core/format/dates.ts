/**
 * Dates in one style everywhere: the day, the short month and the year ("7 Dec 2026"), with the
 * weekday in front where the day of the week matters ("Mon, 7 Dec 2026"), in the order and words
 * of the reader's locale. The locale is a parameter (the web passes the browser's language, the
 * CLI Intl's default from the environment); `undefined` means the environment's default.
 *
 * Calendar days (YYYY-MM-DD) are read as UTC midnights, so no time zone moves them. Moments
 * (ISO instants) are shown in the runner's own offset when the file said it, else in `timeZone`
 * (the viewer's zone when not given).
 */

import { cachedDateFormat } from "./locale-cache.js";

export type Locale = string | undefined;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

type Parts = Pick<Intl.DateTimeFormatOptions, "weekday" | "year" | "hour" | "minute">;

/** Formatters are kept per resolved locale, and only so many (see locale-cache.ts). */
function formatter(locale: Locale, parts: Parts, timeZone: string | undefined): Intl.DateTimeFormat {
  const style = `day|${parts.weekday ?? ""}|${parts.year ?? ""}|${parts.hour ?? ""}|${parts.minute ?? ""}|${timeZone ?? ""}`;
  return cachedDateFormat(locale, style, { day: "numeric", month: "short", ...parts, timeZone });
}

/** A calendar day as the UTC midnight it names; a clear error for anything else. */
export function dayToDate(day: string): Date {
  const m = DAY.exec(day);
  const d = m ? new Date(`${day}T00:00:00Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw new Error(`date: expected a calendar day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  return d;
}

/** Either a calendar day or an ISO instant, as a Date; a clear error for anything else. */
function toDate(value: string, field: string): Date {
  if (DAY.test(value)) return dayToDate(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`${field}: expected a date as YYYY-MM-DD or an ISO time, got ${JSON.stringify(value)}`);
  return d;
}

/** "7 Dec 2026". A calendar day stays that day; an instant is read in `timeZone`. */
export function formatDate(value: string, locale: Locale, timeZone?: string): string {
  const zone = DAY.test(value) ? "UTC" : timeZone;
  return formatter(locale, { year: "numeric" }, zone).format(toDate(value, "date"));
}

/** "Mon, 7 Dec 2026": for days where the day of the week matters (plans, the diary, today). */
export function formatDateWithWeekday(value: string, locale: Locale, timeZone?: string): string {
  const zone = DAY.test(value) ? "UTC" : timeZone;
  return formatter(locale, { weekday: "short", year: "numeric" }, zone).format(toDate(value, "date"));
}

/** "7 Dec": the same style without the year, for chart axes and lists inside one season. */
export function formatShortDate(value: string, locale: Locale, timeZone?: string): string {
  const zone = DAY.test(value) ? "UTC" : timeZone;
  return formatter(locale, {}, zone).format(toDate(value, "date"));
}

/** "Mon 7 Dec": the weekday and the day without the year, for a week's days. */
export function formatShortDateWithWeekday(value: string, locale: Locale, timeZone?: string): string {
  const zone = DAY.test(value) ? "UTC" : timeZone;
  return formatter(locale, { weekday: "short" }, zone).format(toDate(value, "date"));
}

/** "December 2026": the heading of a month (a plan's calendar), for a day in that month. */
export function formatMonth(day: string, locale: Locale): string {
  return cachedDateFormat(locale, "month", { month: "long", year: "numeric", timeZone: "UTC" }).format(dayToDate(day));
}

/**
 * The instant moved into the runner's own offset, to be formatted in UTC; or as it is, to be
 * formatted in `timeZone`, when the offset is not known.
 */
function inOwnOffset(startUtc: string, offsetMin: number | null, timeZone: string | undefined): { date: Date; zone: string | undefined } {
  const d = toDate(startUtc, "start");
  if (offsetMin === null) return { date: d, zone: timeZone };
  if (!Number.isFinite(offsetMin)) throw new Error(`utcOffsetMin: expected minutes or null, got ${String(offsetMin)}`);
  return { date: new Date(d.getTime() + offsetMin * 60_000), zone: "UTC" };
}

/** The day an activity started, in the runner's own offset when known: "7 Dec 2026". */
export function formatStartDate(startUtc: string, offsetMin: number | null, locale: Locale, timeZone?: string): string {
  const { date, zone } = inOwnOffset(startUtc, offsetMin, timeZone);
  return formatter(locale, { year: "numeric" }, zone).format(date);
}

/** When an activity started, in the runner's own offset when known: "Mon, 7 Dec 2026, 07:30". */
export function formatStart(startUtc: string, offsetMin: number | null, locale: Locale, timeZone?: string): string {
  const { date, zone } = inOwnOffset(startUtc, offsetMin, timeZone);
  return formatter(locale, { weekday: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }, zone).format(date);
}

/** A moment (a sign-in, a note, an import), in `timeZone`: "7 Dec 2026, 07:30". */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  return formatter(locale, { year: "numeric", hour: "2-digit", minute: "2-digit" }, timeZone).format(toDate(iso, "time"));
}

/** How a sentence writes a calendar day. */
export type DayWriter = (day: string) => string;

/**
 * Days inside the sentences the server writes (issue 18): in `locale`'s style ("7 Dec 2026") when
 * a reader's locale is given, else kept as YYYY-MM-DD, as API clients that ask for no locale have
 * always had them.
 */
export function dayWriter(locale: Locale): DayWriter {
  return locale === undefined ? (day) => day : (day) => formatDate(day, locale);
}

/** "2 Dec 2026, 4 Dec 2026": several days in a sentence, each written by `day`. */
export function dayList(days: readonly string[], day: DayWriter): string {
  return days.map(day).join(", ");
}
