/**
 * Overtraining check-in: a screen, never a diagnosis. Overtraining syndrome can only be
 * diagnosed by excluding illness, iron deficiency and under-eating, and has no single marker
 * (Meeusen 2013, MSSE 45:186). So the app watches for signs that persist and points to rest and,
 * if they last, to a clinician.
 *
 * Score: the sum of the 8 items, each 0-3 (0-24). A check-in is "elevated" when its score is 8 or
 * more (a third of the maximum) or when two or more items are at 3. Signs "persist" when, over
 * the last 14 days, there are at least 2 check-ins, more than half of them are elevated, and the
 * elevated ones span at least 7 days (so one bad weekend, or a daily streak of a few days, is not
 * enough, while two weekly check-ins in a row are).
 */
import type { TrainingConfig } from "./config.js";
import { dateOfDay, dayOfDate } from "./local-day.js";
import { dayWriter } from "../format/dates.js";
import type { DayWriter } from "../format/dates.js";
import { CHECKIN_ITEMS } from "./types.js";
import type {
  Checkin,
  CheckinAnswers,
  CheckinItem,
  ReportCheckins,
  ReportWarning,
} from "./types.js";
import { makeWarning, round } from "./warnings.js";

export const CHECKIN_MAX_SCORE = CHECKIN_ITEMS.length * 3;
const TREND_DAYS = 14;
const PERSIST_SPAN_DAYS = 7;

const ITEM_WORDS: Readonly<Record<CheckinItem, string>> = {
  fatigue: "tiredness",
  irritability_low_mood: "low mood or irritability",
  appetite: "poor appetite",
  enthusiasm: "little wish to train",
  headaches: "headaches",
  general_aches: "aches",
  performance_drop: "worse performances",
  sleep: "poor sleep",
};

function item(answers: CheckinAnswers, key: CheckinItem): number {
  const v = answers[key];
  return Number.isFinite(v) ? Math.min(3, Math.max(0, Math.round(v))) : 0;
}

export function checkinScore(answers: CheckinAnswers): number {
  let s = 0;
  for (const key of CHECKIN_ITEMS) s += item(answers, key);
  return s;
}

export function isElevated(answers: CheckinAnswers, elevatedScore: number): boolean {
  let threes = 0;
  for (const key of CHECKIN_ITEMS) if (item(answers, key) === 3) threes++;
  return checkinScore(answers) >= elevatedScore || threes >= 2;
}

export function checkinTrend(
  checkins: readonly Checkin[],
  lastDay: number,
  config: TrainingConfig,
  day: DayWriter = dayWriter(undefined),
): { report: ReportCheckins; warning: ReportWarning | null } {
  const start = lastDay - TREND_DAYS + 1;
  const recent = checkins
    .map((c) => ({ c, day: dayOfDate(c.date), score: checkinScore(c.answers) }))
    .filter((x) => x.day >= start && x.day <= lastDay)
    .sort((a, b) => a.day - b.day || a.score - b.score);
  const trend = recent.map((x) => ({
    date: x.c.date,
    score: x.score,
    elevated: isElevated(x.c.answers, config.checkinElevatedScore),
  }));

  const mean = (xs: number[]): number | null =>
    xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  const last7 = mean(recent.filter((x) => x.day > lastDay - 7).map((x) => x.score));
  const prev7 = mean(recent.filter((x) => x.day <= lastDay - 7).map((x) => x.score));
  let direction: ReportCheckins["direction"] = null;
  if (last7 !== null && prev7 !== null)
    direction = last7 - prev7 >= 2 ? "rising" : prev7 - last7 >= 2 ? "falling" : "steady";

  const elevated = recent.filter((_, i) => trend[i]?.elevated === true);
  const firstElevated = elevated[0];
  const lastElevated = elevated[elevated.length - 1];
  const persistent =
    recent.length >= 2 &&
    elevated.length * 2 > recent.length &&
    firstElevated !== undefined &&
    lastElevated !== undefined &&
    lastElevated.day - firstElevated.day >= PERSIST_SPAN_DAYS;

  const report: ReportCheckins = {
    trend,
    max_score: CHECKIN_MAX_SCORE,
    mean_last_7: last7 === null ? null : round(last7, 1),
    mean_previous_7: prev7 === null ? null : round(prev7, 1),
    direction,
    persistent,
  };
  if (!persistent) return { report, warning: null };

  // Name the signs that were strongest on the elevated check-ins.
  const signs = CHECKIN_ITEMS.map((key) => ({
    key,
    avg: elevated.reduce((a, x) => a + item(x.c.answers, key), 0) / elevated.length,
  }))
    .filter((s) => s.avg >= 2)
    .sort((a, b) => b.avg - a.avg)
    .slice(0, 3)
    .map((s) => ITEM_WORDS[s.key]);
  const which = signs.length > 0 ? ` (mostly ${signs.join(", ")})` : "";
  const warning = makeWarning(
    "OVERTRAINING_SIGNS",
    `${elevated.length} of your ${recent.length} check-ins since ${day(dateOfDay(start))} show several warning signs${which}. ` +
      "Your body may not be keeping up with the training. Take two or three rest or very easy days and cut the hard sessions for a while. " +
      "If you still feel this way after a week or two of lighter training, see a doctor: illness, low iron or not eating enough can feel the same. " +
      "This check is a screen, not a diagnosis.",
    { elevated: elevated.length, checkins: recent.length, mean_last_7: report.mean_last_7 },
  );
  return { report, warning };
}
