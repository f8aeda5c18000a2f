/**
 * Diary days inside the sentences the pain model writes (issue 18: "dates written with the
 * runner's locale in one style"). With a locale, a day reads as the formatting module writes it
 * ("2 Dec 2026"); without one it stays YYYY-MM-DD, as API clients that ask for no locale have
 * always had it. Every reason also carries its days as data (`dates`) for a client to format.
 */
import { formatDate } from "../format/index.js";

export type DayText = (date: string) => string;

export function dayTextFor(locale: string | undefined): DayText {
  return locale === undefined ? (date) => date : (date) => formatDate(date, locale);
}

/** "2 Dec 2026, 4 Dec 2026": several days, each in the one style. */
export function dayList(dates: readonly string[], day: DayText): string {
  return dates.map(day).join(", ");
}
