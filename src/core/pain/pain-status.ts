import { dateOfDay, dayOfDate } from "../training/local-day.js";
import { dayScore, scoresOf, settleLimit, settlingOf, zoneOf, ACCEPTABLE_MAX, SAFE_MAX } from "./pain-zone.js";
import { dayList, dayWriter } from "../format/dates.js";
import type { DayWriter } from "../format/dates.js";
import { painEscalation } from "./escalation.js";
import type { EscalationOptions } from "./escalation.js";
import type { PainEntry, PainReason, PainStatus, PainWindow } from "./types.js";

/** The light looks at the last 7 days; older entries only feed the week-on-week comparison. */
export const RECENT_DAYS = 7;
/** How many 7-day windows the climb check looks back over. */
export const CLIMB_WINDOWS = 6;
/** Two rises in a row ("not climbing week on week"): one rise alone is within day-to-day noise. */
export const CLIMB_RISES = 2;
/**
 * A flare at least this many days old, followed only by calmer entries, holds rather than backs
 * off: the runner has already eased off and the knee has answered.
 */
export const FLARE_EASED_DAYS = 3;

const round1 = (x: number): number => Math.round(x * 10) / 10;

interface DayView {
  entry: PainEntry;
  day: number;
  /** The morning score recorded the day before, i.e. this day's pre-run level. */
  baseline: number | null;
}

function dayViews(entries: readonly PainEntry[], asOfDay: number): DayView[] {
  const byDay = new Map<number, PainEntry>();
  for (const e of entries) {
    const day = dayOfDate(e.date);
    if (day <= asOfDay) byDay.set(day, e);
  }
  return [...byDay.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, entry]) => ({ entry, day, baseline: byDay.get(day - 1)?.nextMorning ?? null }));
}

function windowOf(views: readonly DayView[], endDay: number): PainWindow {
  const inside = views.filter((v) => v.day > endDay - RECENT_DAYS && v.day <= endDay);
  const scores = inside.map((v) => dayScore(v.entry)).filter((s): s is number => s !== null);
  return {
    start: dateOfDay(endDay - RECENT_DAYS + 1),
    end: dateOfDay(endDay),
    entries: scores.length,
    mean: scores.length === 0 ? null : round1(scores.reduce((a, b) => a + b, 0) / scores.length),
    max: scores.length === 0 ? null : Math.max(...scores),
  };
}

/** Week-on-week rises in a row ending at the latest window; a window without entries ends the run. */
function risingRun(windows: readonly PainWindow[]): number {
  let n = 0;
  for (let i = 0; i + 1 < windows.length; i++) {
    const newer = windows[i]!;
    const older = windows[i + 1]!;
    if (newer.mean === null || older.mean === null || newer.max === null || older.max === null) break;
    if (newer.mean > older.mean || newer.max > older.max) n++;
    else break;
  }
  return n;
}

/**
 * The pain-monitoring model as a traffic light and a decision, as of `asOf` (YYYY-MM-DD, the
 * runner's local today). Red (back off): pain above 5, a next morning that did not settle, or pain
 * climbing two weeks running into the acceptable band. Amber (hold): pain of 3-5, acceptable while
 * it settles. Green (progress): everything 0-2. No entries in the last week: no light, and hold.
 */
export function painStatus(entries: readonly PainEntry[], asOf: string, options: EscalationOptions = {}): PainStatus {
  const light = lightOf(entries, asOf, dayWriter(options.locale));
  const escalation = painEscalation(entries, asOf, options);
  if (escalation === null) return { ...light, escalation };
  const seeClinician: PainReason = {
    code: "SEE_CLINICIAN",
    text: `${escalation.headline}: the diary shows ${escalation.triggers.length === 1 ? "a pattern" : "patterns"} that training changes alone should not answer. Do not build up until a clinician has looked at the knee.`,
    dates: [...new Set(escalation.triggers.flatMap((t) => t.dates))].sort(),
  };
  // "Progress" would contradict the escalation: a green light becomes a hold.
  if (light.light === "green") return { ...light, light: "amber", decision: "hold", reasons: [seeClinician, ...light.reasons], escalation };
  return { ...light, reasons: [seeClinician, ...light.reasons], escalation };
}

/**
 * The diary days that turned the light red by themselves, between two local dates (inclusive):
 * a score above 5, or a next morning that had not settled. The walk-run return counts these.
 */
export function redDays(entries: readonly PainEntry[], from: string, to: string): string[] {
  const fromDay = dayOfDate(from);
  return dayViews(entries, dayOfDate(to))
    .filter((v) => v.day >= fromDay)
    .filter((v) => scoresOf(v.entry).some((s) => zoneOf(s) === "red") || settlingOf(v.entry, v.baseline) === "not_settled")
    .map((v) => v.entry.date);
}

/** The fields every light shares, whatever its colour. */
type LightBase = Pick<PainStatus, "asOf" | "windows" | "risingWeeks">;
type Light = Omit<PainStatus, "escalation">;

function lightOf(entries: readonly PainEntry[], asOf: string, day: DayWriter): Light {
  const asOfDay = dayOfDate(asOf);
  const views = dayViews(entries, asOfDay);
  const windows = Array.from({ length: CLIMB_WINDOWS }, (_, i) => windowOf(views, asOfDay - i * RECENT_DAYS));
  const risingWeeks = risingRun(windows);
  const recent = views.filter((v) => v.day > asOfDay - RECENT_DAYS && dayScore(v.entry) !== null);
  const base: LightBase = { asOf, windows, risingWeeks };

  if (recent.length === 0) {
    return {
      ...base,
      light: "none",
      decision: "hold",
      reasons: [
        {
          code: "NO_RECENT_ENTRIES",
          text: "There is nothing in the diary for the last 7 days. Note how the knee feels during, after and the morning after your next run to get a light; until then, keep your training where it is.",
          dates: [],
        },
      ],
    };
  }

  const tooMuch = recent.filter((v) => scoresOf(v.entry).some((s) => zoneOf(s) === "red"));
  const unsettled = recent.filter((v) => settlingOf(v.entry, v.baseline) === "not_settled");
  const latestWindow = windows[0]!;
  const climbing = risingWeeks >= CLIMB_RISES && (latestWindow.max ?? 0) > SAFE_MAX;
  const reasons = [
    ...tooMuchReasons(tooMuch, day),
    ...unsettledReasons(unsettled, day),
    ...(climbing ? [climbingReason(windows, risingWeeks)] : []),
  ];
  if (reasons.length > 0) {
    const easing = climbing ? null : easingReason(recent, [...tooMuch, ...unsettled], asOfDay, day);
    if (easing !== null) return { ...base, light: "amber", decision: "hold", reasons: [...reasons, easing] };
    return { ...base, light: "red", decision: "back_off", reasons };
  }
  return calmLight(base, recent, asOfDay, day);
}

/** TOO_MUCH_PAIN for the recent days that scored above 5; none when there are none. */
function tooMuchReasons(tooMuch: readonly DayView[], day: DayWriter): PainReason[] {
  if (tooMuch.length === 0) return [];
  const dates = tooMuch.map((v) => v.entry.date);
  return [
    {
      code: "TOO_MUCH_PAIN",
      text: `Pain went above 5 out of 10 on ${dayList(dates, day)}. That is more than the knee is coping with: shorten the runs or drop the speed and hills until it stays at 5 or below.`,
      dates,
    },
  ];
}

/** DID_NOT_SETTLE for the recent days whose next morning was still sore; none when there are none. */
function unsettledReasons(unsettled: readonly DayView[], day: DayWriter): PainReason[] {
  if (unsettled.length === 0) return [];
  const dates = unsettled.map((v) => v.entry.date);
  const detail = unsettled
    .map((v) => `${v.entry.nextMorning ?? 0} the morning after ${day(v.entry.date)} (it should be back to ${settleLimit(v.baseline)} or less)`)
    .join("; ");
  return [
    {
      code: "DID_NOT_SETTLE",
      text: `The knee had not calmed down by the next morning: ${detail}. Pain that lingers overnight means that day's load was too much.`,
      dates,
    },
  ];
}

/** CLIMBING: the windows of the rising run, oldest first. */
function climbingReason(windows: readonly PainWindow[], risingWeeks: number): PainReason {
  const shown = windows.slice(0, risingWeeks + 1).reverse();
  return {
    code: "CLIMBING",
    text: `Pain has gone up ${risingWeeks} weeks in a row: weekly average ${shown.map((w) => w.mean).join(" → ")}, worst day ${shown.map((w) => w.max).join(" → ")}. Ease off before it turns into a flare.`,
    dates: shown.map((w) => w.end),
  };
}

/**
 * EASING_AFTER_FLARE when the last flare day is a few days old and every entry since is calmer
 * (at most 5, settled overnight); null otherwise.
 */
function easingReason(recent: readonly DayView[], flares: readonly DayView[], asOfDay: number, day: DayWriter): PainReason | null {
  const flareDays = [...new Set(flares.map((v) => v.day))].sort((a, b) => a - b);
  const lastFlare = flareDays[flareDays.length - 1];
  if (lastFlare === undefined || lastFlare > asOfDay - FLARE_EASED_DAYS) return null;
  const since = recent.filter((v) => v.day > lastFlare);
  const eased =
    since.length > 0 &&
    since.every((v) => (dayScore(v.entry) ?? 0) <= ACCEPTABLE_MAX && settlingOf(v.entry, v.baseline) !== "not_settled");
  if (!eased) return null;
  return {
    code: "EASING_AFTER_FLARE",
    text: `Since ${day(dateOfDay(lastFlare))} every entry has stayed at 5 or below and settled overnight, so the cut-back is working. Stay at this lighter load until a whole week is calm.`,
    dates: since.map((v) => v.entry.date),
  };
}

/**
 * The light when no recent day flared: amber while any day reached 3-5, green when all stayed at
 * 0-2; either way a reminder for the mornings not yet logged.
 */
function calmLight(base: LightBase, recent: readonly DayView[], asOfDay: number, day: DayWriter): Light {
  const reasons: PainReason[] = [];
  const pending = recent.filter((v) => settlingOf(v.entry, v.baseline) === "pending");
  const latestPending = pending.filter((v) => v.day >= asOfDay - 1).map((v) => v.entry.date);
  const acceptable = recent.filter((v) => (dayScore(v.entry) ?? 0) > SAFE_MAX);
  if (acceptable.length > 0) {
    const dates = acceptable.map((v) => v.entry.date);
    reasons.push({
      code: "ACCEPTABLE_PAIN",
      text: `Pain reached 3 to 5 on ${dayList(dates, day)}. That is acceptable as long as it settles by the next morning, but keep distance, speed and hills where they are until the scores stay at 0 to 2.`,
      dates,
    });
  } else {
    reasons.push({
      code: "ALL_SAFE",
      text: "Every entry in the last 7 days scored 0 to 2. You can add a little: one change at a time, and keep noting how the knee answers.",
      dates: recent.map((v) => v.entry.date),
    });
  }
  if (latestPending.length > 0) {
    reasons.push({
      code: "MORNING_PENDING",
      text: `Add how the knee feels on waking after ${dayList(latestPending, day)}: the morning after tells whether that load was right.`,
      dates: latestPending,
    });
  }
  return acceptable.length > 0
    ? { ...base, light: "amber", decision: "hold", reasons }
    : { ...base, light: "green", decision: "progress", reasons };
}
