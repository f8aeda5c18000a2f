import { isRunning, SPORTS } from "../activity.js";
import type { Sport } from "../activity.js";
import { dateOfDay, dayOfDate, weekStartOf } from "../training/local-day.js";
import type { Units } from "../units.js";
import { dayScore } from "./pain-zone.js";
import { renderPatternNote } from "./pattern-text.js";
import type { PatternNote } from "./pattern-text.js";
import { mean, median, pearson, round1, round2, variance } from "./stats.js";
import type { ActivitySummary, PainEntry } from "./types.js";

/*
 * The runner's own patterns, found only when the diary holds enough to say something, and shown
 * with the numbers behind them. The bars below are our own conservative choices, not published
 * cut-offs: a handful of diary days can line up by chance, and the finder tries several splits,
 * so each claim needs at least MIN_GROUP days on both sides, a difference a runner would notice
 * (MIN_DIFFERENCE points on the 0-10 scale) and a Welch t of at least MIN_T (with a variance
 * floor, so identical integer scores do not make a tiny sample look certain).
 */
export const MIN_ENTRIES = 10;
export const MIN_WEEKS = 3;
export const MIN_GROUP = 4;
export const MIN_DIFFERENCE = 1;
export const MIN_T = 2.5;
/** Half a point: the resolution of whole-number scores. */
const MIN_SD = 0.5;
/** Weeks with pain entries needed before a correlation is worth a number. */
export const MIN_CORRELATION_WEEKS = 4;
/** Below this many weeks the correlation is called a hint whatever its size. */
export const FIRM_CORRELATION_WEEKS = 8;

export interface GroupStats {
  n: number;
  /** One decimal. */
  mean: number;
}

export interface Separation {
  higher: GroupStats;
  lower: GroupStats;
  /** higher.mean - lower.mean, one decimal. */
  difference: number;
  t: number;
}

export interface WeeklyPoint {
  /** First day of the week (YYYY-MM-DD). */
  weekStart: string;
  /** Running distance that week, metres. */
  distanceM: number;
  entries: number;
  meanPain: number | null;
  maxPain: number | null;
}

export type CorrelationStrength = "none" | "weak" | "moderate" | "strong";

export interface DistanceCorrelation {
  /** Weeks with both diary entries and a distance. */
  weeks: number;
  r: number;
  strength: CorrelationStrength;
  /** Fewer than FIRM_CORRELATION_WEEKS weeks: read as a hint only. */
  tentative: boolean;
}

export type PainPattern =
  | ({ kind: "long_runs"; thresholdM: number } & Separation)
  | ({ kind: "descents"; medianLossPerKm: number } & Separation)
  | ({ kind: "shoe"; shoeId: string; byShoe: { shoeId: string; n: number; mean: number }[] } & Separation)
  | ({ kind: "trigger"; trigger: string } & Separation);

export type PatternKind = PainPattern["kind"] | "weekly_distance";

/** What was looked at and not claimed, and why, so an empty list is explained. */
export interface PatternCheck {
  kind: PatternKind;
  found: boolean;
  /** `text` written in the units asked for (km when none were). */
  note: string;
  /** The note as a key and its numbers, for a client to write in its own units. */
  text: PatternNote;
}

export interface PatternReport {
  asOf: string;
  enough: boolean;
  entries: number;
  weeks: number;
  needed: { entries: number; weeks: number };
  /** False when no activities were available at all: distance, descent and shoe patterns need them. */
  activitiesUsed: boolean;
  /** Run days that have a next-morning score: the sample for the per-run patterns. */
  runDaysWithMorning: number;
  weekly: WeeklyPoint[];
  correlation: DistanceCorrelation | null;
  patterns: PainPattern[];
  checks: PatternCheck[];
}

export interface PatternOptions {
  /** 0 = Sunday ... 6 = Saturday; Monday by default, as in the training report. */
  weekStart?: number;
  /** How many weeks the weekly series shows, ending with the week of asOf. */
  maxWeeks?: number;
  /** The units the checks' notes are written in; km by default. */
  units?: Units;
}

/** Does group `hi` have clearly more pain than `lo`? Null when the numbers do not support it. */
export function separation(hi: readonly number[], lo: readonly number[]): Separation | null {
  if (hi.length < MIN_GROUP || lo.length < MIN_GROUP) return null;
  const diff = mean(hi) - mean(lo);
  const se = Math.sqrt(Math.max(variance(hi), MIN_SD ** 2) / hi.length + Math.max(variance(lo), MIN_SD ** 2) / lo.length);
  const t = diff / se;
  if (diff < MIN_DIFFERENCE || t < MIN_T) return null;
  return {
    higher: { n: hi.length, mean: round1(mean(hi)) },
    lower: { n: lo.length, mean: round1(mean(lo)) },
    difference: round1(diff),
    t: round2(t),
  };
}

function strengthOf(r: number): CorrelationStrength {
  const a = Math.abs(r);
  if (a < 0.3) return "none";
  if (a < 0.5) return "weak";
  if (a < 0.7) return "moderate";
  return "strong";
}

interface RunDay {
  day: number;
  distanceM: number;
  /** Null unless every run that day recorded its descent. */
  lossM: number | null;
  shoes: Set<string>;
  /** The next-morning score of that day's diary entry. */
  morning: number;
}

const isSport = (s: string): s is Sport => (SPORTS as readonly string[]).includes(s);
const isRun = (a: ActivitySummary): boolean => isSport(a.sport) && isRunning(a.sport);

/** Threshold to name: a round number between the longest "short" and the shortest "long" run day. */
function roundThreshold(maxUnder: number, minOver: number): number {
  for (const step of [1000, 100]) {
    const x = Math.ceil(maxUnder / step) * step;
    if (x < minOver) return x;
  }
  return maxUnder;
}

interface Finding {
  pattern: PainPattern | null;
  note: PatternNote;
}

function longRunPattern(days: readonly RunDay[]): Finding {
  const distances = [...new Set(days.map((d) => d.distanceM))].sort((a, b) => a - b);
  let best: { sep: Separation; thresholdM: number } | null = null;
  for (let i = 0; i + 1 < distances.length; i++) {
    const maxUnder = distances[i]!;
    const over = days.filter((d) => d.distanceM > maxUnder).map((d) => d.morning);
    const under = days.filter((d) => d.distanceM <= maxUnder).map((d) => d.morning);
    const sep = separation(over, under);
    if (sep && (best === null || sep.t > best.sep.t)) best = { sep, thresholdM: roundThreshold(maxUnder, distances[i + 1]!) };
  }
  if (best === null) {
    return { pattern: null, note: { key: "no_distance_split", runDays: days.length, minGroup: MIN_GROUP, minDifference: MIN_DIFFERENCE } };
  }
  const pattern = { kind: "long_runs", thresholdM: best.thresholdM, ...best.sep } as const;
  return { pattern, note: { key: "long_runs", thresholdM: best.thresholdM, higher: best.sep.higher, lower: best.sep.lower } };
}

function descentPattern(days: readonly RunDay[]): Finding {
  const rated = days
    .filter((d) => d.lossM !== null && d.distanceM >= 1000)
    .map((d) => ({ rate: (d.lossM ?? 0) / (d.distanceM / 1000), morning: d.morning }));
  if (rated.length < 2 * MIN_GROUP) {
    return { pattern: null, note: { key: "few_descents", runDays: rated.length, needed: 2 * MIN_GROUP } };
  }
  const mid = median(rated.map((r) => r.rate));
  const steeper = rated.filter((r) => r.rate > mid).map((r) => r.morning);
  const flatter = rated.filter((r) => r.rate <= mid).map((r) => r.morning);
  const sep = separation(steeper, flatter);
  const midText = round1(mid);
  if (sep === null) {
    return { pattern: null, note: { key: "no_descent_split", medianLossPerKm: midText } };
  }
  return {
    pattern: { kind: "descents", medianLossPerKm: midText, ...sep },
    note: { key: "descents", medianLossPerKm: midText, higher: sep.higher, lower: sep.lower },
  };
}

function shoePattern(days: readonly RunDay[]): Finding {
  const single = days.filter((d) => d.shoes.size === 1).map((d) => ({ shoe: [...d.shoes][0]!, morning: d.morning }));
  const ids = [...new Set(single.map((s) => s.shoe))].sort();
  const byShoe = ids.map((shoeId) => {
    const xs = single.filter((s) => s.shoe === shoeId).map((s) => s.morning);
    return { shoeId, n: xs.length, mean: round1(mean(xs)) };
  });
  if (ids.length < 2) {
    return { pattern: null, note: { key: "one_shoe" } };
  }
  let best: (PainPattern & { kind: "shoe" }) | null = null;
  for (const shoeId of ids) {
    const mine = single.filter((s) => s.shoe === shoeId).map((s) => s.morning);
    const rest = single.filter((s) => s.shoe !== shoeId).map((s) => s.morning);
    const sep = separation(mine, rest);
    if (sep && (best === null || sep.t > best.t)) best = { kind: "shoe", shoeId, byShoe, ...sep };
  }
  if (best === null) {
    return { pattern: null, note: { key: "no_shoe_stands_out", byShoe: byShoe.map(({ n, mean }) => ({ n, mean })) } };
  }
  return { pattern: best, note: { key: "shoe", higher: best.higher, lower: best.lower } };
}

function triggerPatterns(scored: readonly { triggers: readonly string[]; score: number }[]): PainPattern[] {
  const codes = [...new Set(scored.flatMap((s) => s.triggers))].sort();
  const out: PainPattern[] = [];
  for (const trigger of codes) {
    const withIt = scored.filter((s) => s.triggers.includes(trigger)).map((s) => s.score);
    const without = scored.filter((s) => !s.triggers.includes(trigger)).map((s) => s.score);
    const sep = separation(withIt, without);
    if (sep) out.push({ kind: "trigger", trigger, ...sep });
  }
  return out.sort((a, b) => b.difference - a.difference);
}

/**
 * Pain against weekly running distance and the runner's own patterns, as of `asOf`. Pass
 * `activities: null` when no activity data exists at all: the pain-only patterns (triggers) are
 * still looked for, and the report says that the rest needs runs.
 */
export function findPainPatterns(
  entries: readonly PainEntry[],
  activities: readonly ActivitySummary[] | null,
  asOf: string,
  opts: PatternOptions = {},
): PatternReport {
  const weekStart = opts.weekStart ?? 1;
  const units = opts.units ?? "km";
  const check = (kind: PatternKind, found: boolean, text: PatternNote): PatternCheck => ({ kind, found, note: renderPatternNote(text, units), text });
  const maxWeeks = opts.maxWeeks ?? 26;
  const asOfDay = dayOfDate(asOf);
  const byDay = new Map<number, PainEntry>();
  for (const e of entries) {
    const day = dayOfDate(e.date);
    if (day <= asOfDay && dayScore(e) !== null) byDay.set(day, e);
  }
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const weekSet = new Set(days.map((d) => weekStartOf(d, weekStart)));
  const needed = { entries: MIN_ENTRIES, weeks: MIN_WEEKS };
  const enough = days.length >= MIN_ENTRIES && weekSet.size >= MIN_WEEKS;

  const runs = (activities ?? []).filter((a) => isRun(a) && dayOfDate(a.date) <= asOfDay);
  const lastWeek = weekStartOf(asOfDay, weekStart);
  const firstDay = days[0];
  const firstWeek = Math.max(firstDay === undefined ? lastWeek : weekStartOf(firstDay, weekStart), lastWeek - 7 * (maxWeeks - 1));
  const weekly: WeeklyPoint[] = [];
  for (let w = firstWeek; w <= lastWeek; w += 7) {
    const scores = days.filter((d) => d >= w && d < w + 7).map((d) => dayScore(byDay.get(d)!)!);
    const distanceM = runs.filter((a) => {
      const d = dayOfDate(a.date);
      return d >= w && d < w + 7;
    }).reduce((s, a) => s + a.distanceM, 0);
    weekly.push({
      weekStart: dateOfDay(w),
      distanceM,
      entries: scores.length,
      meanPain: scores.length === 0 ? null : round1(mean(scores)),
      maxPain: scores.length === 0 ? null : Math.max(...scores),
    });
  }

  const base = {
    asOf,
    enough,
    entries: days.length,
    weeks: weekSet.size,
    needed,
    activitiesUsed: activities !== null && activities.length > 0,
    weekly,
  };
  if (!enough) {
    return {
      ...base,
      runDaysWithMorning: 0,
      correlation: null,
      patterns: [],
      checks: [check("weekly_distance", false, { key: "too_few_entries", minEntries: MIN_ENTRIES, minWeeks: MIN_WEEKS, entries: days.length, weeks: weekSet.size })],
    };
  }

  const checks: PatternCheck[] = [];
  const patterns: PainPattern[] = [];
  let runDaysWithMorning = 0;

  let correlation: DistanceCorrelation | null = null;
  if (!base.activitiesUsed) {
    checks.push(check("weekly_distance", false, { key: "no_runs" }));
  } else {
    const paired = weekly.filter((w): w is WeeklyPoint & { meanPain: number } => w.meanPain !== null);
    const r = pearson(paired.map((w) => w.distanceM), paired.map((w) => w.meanPain));
    if (paired.length < MIN_CORRELATION_WEEKS || r === null) {
      const flat = r === null && paired.length >= MIN_CORRELATION_WEEKS;
      checks.push(check("weekly_distance", false, flat ? { key: "flat_weeks" } : { key: "few_weeks", minWeeks: MIN_CORRELATION_WEEKS, weeks: paired.length }));
    } else {
      correlation = { weeks: paired.length, r: round2(r), strength: strengthOf(r), tentative: paired.length < FIRM_CORRELATION_WEEKS };
      const { weeks, r: rounded, tentative } = correlation;
      checks.push(check("weekly_distance", correlation.strength !== "none", { key: "weekly_link", weeks, r: rounded, tentative }));
    }

    const runDays = new Map<number, RunDay>();
    for (const a of runs) {
      const day = dayOfDate(a.date);
      const morning = byDay.get(day)?.nextMorning ?? null;
      if (morning === null) continue;
      const rd = runDays.get(day) ?? { day, distanceM: 0, lossM: 0, shoes: new Set<string>(), morning };
      rd.distanceM += a.distanceM;
      rd.lossM = rd.lossM === null || a.elevationLossM === null ? null : rd.lossM + a.elevationLossM;
      if (a.shoeId !== null) rd.shoes.add(a.shoeId);
      runDays.set(day, rd);
    }
    const sample = [...runDays.values()];
    runDaysWithMorning = sample.length;
    for (const [kind, finder] of [["long_runs", longRunPattern], ["descents", descentPattern], ["shoe", shoePattern]] as const) {
      const { pattern, note } = finder(sample);
      if (pattern) patterns.push(pattern);
      checks.push(check(kind, pattern !== null, note));
    }
  }

  const triggers = triggerPatterns(days.map((d) => ({ triggers: byDay.get(d)!.triggers, score: dayScore(byDay.get(d)!)! })));
  patterns.push(...triggers);
  const tagged = triggers.map((p) => (p.kind === "trigger" ? p.trigger : ""));
  checks.push(check("trigger", triggers.length > 0, tagged.length > 0 ? { key: "triggers", triggers: tagged } : { key: "no_trigger" }));

  return { ...base, runDaysWithMorning, correlation, patterns, checks };
}
