/**
 * Writes plan sessions as an RFC 5545 iCalendar file: one all-day VEVENT per session, so the
 * plan shows up in the calendar the runner already uses. Pure: the DTSTAMP is passed in.
 */
import { DomainError } from "../errors.js";
import type { RenderedSession, SessionKind } from "../plan/types.js";
import { formatDistance } from "../format/distance.js";
import type { Units } from "../units.js";

export interface ICalendarOptions {
  /** Shown as the calendar's name by clients that read X-WR-CALNAME / NAME. */
  calName: string;
  /** Right-hand side of every UID, e.g. a per-user host; keeps UIDs globally unique. */
  uidDomain: string;
  /** ISO 8601 instant the file is produced, e.g. "2025-03-01T08:00:00Z". */
  dtstamp: string;
  /** The runner's units for distances in titles; descriptions come rendered in them (render-plan.ts). */
  units?: Units;
}

/** Anything with weeks of sessions in words: a build-up plan or a return-to-run plan. */
export interface CalendarSource {
  weeks: readonly { sessions: readonly RenderedSession[] }[];
}

export const PRODID = "-//kneewise//training plan//EN";
const CRLF = "\r\n";
/** RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

/** RFC 5545 3.3.11: backslash, semicolon and comma are escaped; line breaks become "\n". */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // Other control characters are not allowed in TEXT values (RFC 5545 3.3.11, 3.1).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
  );
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line at 75 octets of UTF-8 (RFC 5545 3.1), never inside a character:
 * continuation lines start with a single space, which counts towards their 75.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0) ?? 0);
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

function basicDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate))
    throw new DomainError(
      "CALENDAR_BAD_DATE",
      `"${isoDate}" is not a date in the form YYYY-MM-DD.`,
    );
  return isoDate.replace(/-/g, "");
}

function nextDay(isoDate: string): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(t))
    throw new DomainError("CALENDAR_BAD_DATE", `"${isoDate}" is not a real date.`);
  return new Date(t + 86_400_000).toISOString().slice(0, 10);
}

function utcStamp(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t))
    throw new DomainError("CALENDAR_BAD_DTSTAMP", `"${iso}" is not an ISO 8601 date-time.`);
  return new Date(t)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

const TITLES: Record<SessionKind, string> = {
  easy: "Easy run",
  long: "Long run",
  quality: "Faster run",
  rest: "Rest day",
  cross: "Cross-training",
  strength: "Strength",
  walk_run: "Walk-run",
  race: "Race",
};

export function sessionSummary(
  s: Pick<RenderedSession, "kind" | "distance_m" | "duration_s">,
  units: Units = "km",
): string {
  const parts = [TITLES[s.kind]];
  if (s.distance_m !== undefined && s.distance_m > 0) parts.push(formatDistance(s.distance_m, units));
  else if (s.duration_s !== undefined && s.duration_s > 0)
    parts.push(`${Math.round(s.duration_s / 60)} min`);
  return parts.join(" ");
}

/**
 * UIDs depend on the day and the session's place in that day only, so when the plan adapts a
 * calendar that re-imports or subscribes updates the same events instead of adding copies.
 */
function uid(date: string, ordinal: number, domain: string): string {
  return `kneewise-${basicDate(date)}-${ordinal}@${domain}`;
}

export function planToICalendar(plan: CalendarSource, opts: ICalendarOptions): string {
  const stamp = utcStamp(opts.dtstamp);
  const units = opts.units ?? "km";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${escapeText(opts.calName)}`,
    `X-WR-CALNAME:${escapeText(opts.calName)}`,
  ];
  const perDay = new Map<string, number>();
  for (const week of plan.weeks) {
    for (const s of week.sessions) {
      const ordinal = (perDay.get(s.date) ?? 0) + 1;
      perDay.set(s.date, ordinal);
      lines.push(
        "BEGIN:VEVENT",
        `UID:${uid(s.date, ordinal, opts.uidDomain)}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${basicDate(s.date)}`,
        `DTEND;VALUE=DATE:${basicDate(nextDay(s.date))}`,
        `SUMMARY:${escapeText(sessionSummary(s, units))}`,
        `DESCRIPTION:${escapeText(s.description)}`,
        `CATEGORIES:${escapeText(s.kind)}`,
        // All-day training sessions should not block the runner's free/busy time.
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
