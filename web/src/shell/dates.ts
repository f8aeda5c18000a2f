/**
 * Dates in the one style of src/core/format/dates.ts, in this browser's language. Calendar days
 * (YYYY-MM-DD) stay on their day; moments (ISO times) are shown in this browser's zone.
 */
import * as f from "../../../src/contracts/format.js";
import { browserLocale } from "./locale.js";

/** "7 Dec 2026". */
export function dateText(value: string): string {
  return f.formatDate(value, browserLocale());
}

/** "Mon, 7 Dec 2026": where the day of the week matters. */
export function weekdayDateText(value: string): string {
  return f.formatDateWithWeekday(value, browserLocale());
}

/** "7 Dec": chart axes and lists inside one season. */
export function shortDateText(value: string): string {
  return f.formatShortDate(value, browserLocale());
}

/** "Mon 7 Dec": the days of a week. */
export function weekdayText(value: string): string {
  return f.formatShortDateWithWeekday(value, browserLocale());
}

/** "7 Dec 2026, 07:30": a moment (a sign-in, a comment, an import). */
export function dateTimeText(iso: string): string {
  return f.formatDateTime(iso, browserLocale());
}
