/**
 * When the diary stops being about training and points to a clinician.
 *
 * The traffic light (pain-status.ts) tunes the load. Some diary patterns are not load problems
 * and need a knee examined: ../shared/evidence.md ("See a clinician within 1-2 weeks") lists
 * night or rest pain and giving way; bone stress injuries progress to pain at rest and at night
 * (Warden 2014, JOSPT 44:749); a knee that keeps swelling, pain that grows while resting and a
 * flare above 5/10 that has not settled overnight are outside what the pain-monitoring model
 * (Silbernagel 2007) was built to steer. The counts and windows below are our own conservative
 * choices, not published cut-offs; each is tested on both sides.
 */
import { dateOfDay, dayOfDate } from "../training/local-day.js";
import { ACCEPTABLE_MAX, SAFE_MAX, dayScore, settlingOf } from "./pain-zone.js";
import { dayList, dayWriter } from "../format/dates.js";
import type { DayWriter } from "../format/dates.js";
import type { EscalationTrigger, PainEntry, PainEscalation } from "./types.js";

/** Night pain, giving way, an unsettled flare and rising pain are looked for in the last 7 days. */
export const ESCALATION_DAYS = 7;
/** Swelling is judged over the runs of the last 14 days. */
export const SWELLING_DAYS = 14;
/** At least this many runs with the swelling question answered before "most runs" means anything. */
export const SWELLING_MIN_RUNS = 3;
/** Rest days with a score needed to call a rise a trend rather than one bad day. */
export const REST_DAYS_FOR_RISE = 3;
/** Points the last rest day must be above the first to count as rising (whole-number scores). */
export const REST_RISE_MIN = 2;

export const ESCALATION_HEADLINE = "See a clinician about this knee";

export const ESCALATION_ADVICE =
  "Book a visit with a GP or a physiotherapist within the next week or two, and show them this diary. " +
  "Until then do not build up: keep to walking and other activity that does not hurt. " +
  "If the knee turns hot and swollen, you cannot put weight on it, or you feel feverish and unwell, do not wait for the appointment: get urgent care today.";

export const DIARY_NOT_A_DIAGNOSIS =
  "The diary spots patterns in what you write down. It cannot examine your knee and it is not a diagnosis: only a clinician can tell what is causing the pain.";

export interface EscalationOptions {
  /**
   * Local dates with a recorded run (from imported or logged activities). A diary day with a
   * score during or after a run is a run day anyway; these add the runs the diary does not score.
   */
  runDates?: readonly string[];
  /** The reader's locale for the days the texts name; YYYY-MM-DD when not given. */
  locale?: string;
}

function isRunDay(e: PainEntry, runDates: ReadonlySet<string>): boolean {
  return e.during !== null || e.after !== null || runDates.has(e.date);
}

/** Pain above 5 during or after a run and the next morning still not back to where it settles. */
function highNotSettled(recent: readonly PainEntry[], byDate: ReadonlyMap<string, PainEntry>, day: DayWriter): EscalationTrigger | null {
  const days = recent.filter((e) => {
    const worst = Math.max(e.during ?? 0, e.after ?? 0);
    if (worst <= ACCEPTABLE_MAX) return false;
    const baseline = byDate.get(dateOfDay(dayOfDate(e.date) - 1))?.nextMorning ?? null;
    return settlingOf(e, baseline) === "not_settled";
  });
  if (days.length === 0) return null;
  const detail = days
    .map((e) => `${Math.max(e.during ?? 0, e.after ?? 0)} on ${day(e.date)} and still ${e.nextMorning ?? 0} the next morning`)
    .join("; ");
  return {
    code: "HIGH_PAIN_NOT_SETTLED",
    text: `Pain went above 5 out of 10 and had not calmed down by the morning: ${detail}. A flare that strong which lasts overnight is more than a training setback.`,
    dates: days.map((e) => e.date),
  };
}

/**
 * Pain going up over the rest days since the last run in the window: at least REST_DAYS_FOR_RISE
 * scored rest days, the latest REST_RISE_MIN points above the first and above the safe band.
 */
function risingDespiteRest(
  window: readonly PainEntry[],
  runDates: ReadonlySet<string>,
  fromDay: number,
  asOfDay: number,
  day: DayWriter,
): EscalationTrigger | null {
  let lastRunDay = fromDay - 1;
  for (let d = fromDay; d <= asOfDay; d++) if (runDates.has(dateOfDay(d))) lastRunDay = d;
  for (const e of window) if (isRunDay(e, runDates)) lastRunDay = Math.max(lastRunDay, dayOfDate(e.date));
  const rest = window
    .filter((e) => dayOfDate(e.date) > lastRunDay && dayScore(e) !== null)
    .map((e) => ({ date: e.date, score: dayScore(e)! }));
  if (rest.length < REST_DAYS_FOR_RISE) return null;
  const first = rest[0]!;
  const last = rest[rest.length - 1]!;
  if (last.score - first.score < REST_RISE_MIN || last.score <= SAFE_MAX) return null;
  return {
    code: "RISING_DESPITE_REST",
    text: `Pain has gone up while you rested from running: from ${first.score} on ${day(first.date)} to ${last.score} on ${day(last.date)}, over ${rest.length} days without a run. Pain that grows without load is not explained by training.`,
    dates: rest.map((r) => r.date),
  };
}

function flagged(window: readonly PainEntry[], pick: (e: PainEntry) => boolean | null | undefined): string[] {
  return window.filter((e) => pick(e) === true).map((e) => e.date);
}

/**
 * The diary patterns that need a clinician, as of `asOf` (the runner's local today); null when
 * none fired. Pure: entries after asOf are ignored, and so is the order of `entries`.
 */
export function painEscalation(entries: readonly PainEntry[], asOf: string, options: EscalationOptions = {}): PainEscalation | null {
  const asOfDay = dayOfDate(asOf);
  const byDate = new Map<string, PainEntry>();
  for (const e of entries) if (dayOfDate(e.date) <= asOfDay) byDate.set(e.date, e);
  const sorted = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const runDates = new Set(options.runDates ?? []);
  const day = dayWriter(options.locale);
  const list = (dates: readonly string[]): string => dayList(dates, day);
  const since = (days: number) => sorted.filter((e) => dayOfDate(e.date) > asOfDay - days);
  const recent = since(ESCALATION_DAYS);

  const triggers: EscalationTrigger[] = [];
  const rising = risingDespiteRest(recent, runDates, asOfDay - ESCALATION_DAYS + 1, asOfDay, day);
  if (rising) triggers.push(rising);

  const nights = flagged(recent, (e) => e.nightPain);
  if (nights.length > 0) {
    triggers.push({
      code: "NIGHT_PAIN",
      text: `The knee hurt at night on ${list(nights)}. Pain that wakes you or comes on at rest is one of the signs a clinician should look into; a bone stress injury, for one, can show itself this way.`,
      dates: nights,
    });
  }

  const runs = since(SWELLING_DAYS).filter((e) => isRunDay(e, runDates) && e.swelling !== null && e.swelling !== undefined);
  const swollen = flagged(runs, (e) => e.swelling);
  if (runs.length >= SWELLING_MIN_RUNS && swollen.length * 2 > runs.length) {
    triggers.push({
      code: "SWELLING_AFTER_RUNS",
      text: `The knee was swollen after ${swollen.length} of your ${runs.length} runs in the last ${SWELLING_DAYS} days. A knee that keeps swelling after running needs to be examined.`,
      dates: swollen,
    });
  }

  const unsettled = highNotSettled(recent, byDate, day);
  if (unsettled) triggers.push(unsettled);

  // "New" giving way: an episode in the last 7 days. Older ones have had their week of showing.
  const gaveWay = flagged(recent, (e) => e.givingWay);
  if (gaveWay.length > 0) {
    triggers.push({
      code: "GIVING_WAY",
      text: `The knee gave way on ${list(gaveWay)}. A knee that buckles can mean a problem inside the joint, such as a ligament or cartilage injury, and needs to be examined.`,
      dates: gaveWay,
    });
  }

  if (triggers.length === 0) return null;
  return { level: "see_clinician", headline: ESCALATION_HEADLINE, triggers, advice: ESCALATION_ADVICE, notADiagnosis: DIARY_NOT_A_DIAGNOSIS };
}
