/**
 * The runner's data as plans read it: their calendar date, runs by local week, the runs before a
 * plan starts, the usual week, profile flags and the pain diary.
 */
import { RUNNING_SPORTS } from "../../core/activity.js";
import { addDays, daysBetween, MONDAY, nextWeekStart, weekStartOf } from "../../core/plan/dates.js";
import { baselineFromHistory } from "../../core/plan/index.js";
import type { LoggedWeek, PainEntry, RecentRun } from "../../core/plan/index.js";
import { activities } from "../../store/index.js";
import type { Units } from "../../core/units.js";
import type { App } from "../app.js";
import { listPainEntries } from "../pain.js";
import { getProfile } from "../profile.js";
import { localDateOf } from "../training-report.js";
import { BASELINE_WEEKS } from "./stored.js";

/** The runner's calendar date: UTC shifted by the offset of their latest run (their time zone). */
export async function todayFor(app: App, userId: string): Promise<string> {
  const latest = await activities.listActivities(
    app.database.db,
    userId,
    {},
    { key: "start_utc", dir: "desc" },
    { limit: 1, offset: 0 },
  );
  const offset = latest.rows[0]?.utc_offset_min ?? 0;
  return new Date(app.now().getTime() + offset * 60_000).toISOString().slice(0, 10);
}

/** Running distance per local week (starting on `weekStart`, default Monday) from `fromWeek` on, weeks without runs as 0. */
export function weeklyRunning(
  runs: readonly { start_utc: string; utc_offset_min: number | null; distance_m: number }[],
  fromWeek: string,
  toWeek: string,
  weekStart = MONDAY,
): LoggedWeek[] {
  const weeks = new Map<string, number>();
  for (let w = fromWeek; daysBetween(w, toWeek) >= 0; w = addDays(w, 7)) weeks.set(w, 0);
  for (const r of runs) {
    if (Number.isNaN(Date.parse(r.start_utc))) continue;
    const week = weekStartOf(localDateOf(r.start_utc, r.utc_offset_min), weekStart);
    const sum = weeks.get(week);
    if (sum !== undefined) weeks.set(week, sum + Math.max(0, r.distance_m));
  }
  return [...weeks].map(([weekStart, distanceM]) => ({ weekStart, distanceM }));
}

/** The runner's runs that may fall on the local dates `firstDay` to `lastDay`, oldest first. */
async function runningRows(app: App, userId: string, firstDay: string, lastDay: string) {
  // A day's margin either side of the window covers any UTC offset.
  const { rows } = await activities.listActivities(
    app.database.db,
    userId,
    {
      sports: RUNNING_SPORTS,
      fromUtc: `${addDays(firstDay, -1)}T00:00:00.000Z`,
      toUtc: `${addDays(lastDay, 2)}T00:00:00.000Z`,
    },
    { key: "start_utc", dir: "asc" },
    // Five months of daily runs, doubled: far more than the window can hold.
    { limit: 10_000, offset: 0 },
  );
  return rows;
}

export async function loggedWeeks(
  app: App,
  userId: string,
  fromWeek: string,
  toWeek: string,
  weekStart = MONDAY,
): Promise<LoggedWeek[]> {
  return weeklyRunning(await runningRows(app, userId, fromWeek, addDays(toWeek, 6)), fromWeek, toWeek, weekStart);
}

async function hasRunsBefore(
  app: App,
  userId: string,
  beforeWeek: string,
  weeks: number,
): Promise<boolean> {
  const { total } = await activities.listActivities(
    app.database.db,
    userId,
    {
      sports: RUNNING_SPORTS,
      fromUtc: `${addDays(beforeWeek, -7 * weeks - 1)}T00:00:00.000Z`,
      toUtc: `${beforeWeek}T23:59:59.999Z`,
    },
    { key: "start_utc", dir: "asc" },
    { limit: 1, offset: 0 },
  );
  return total > 0;
}

/** Pain-diary days as the plan's model reads them: a score not recorded counts as no pain. */
export function asTrendEntries(diary: readonly DiaryDay[]): PainEntry[] {
  return diary
    .filter((d) => d.during !== null || d.after !== null || d.nextMorning !== null)
    .map((d) => ({
      date: d.date,
      during: d.during ?? 0,
      after: d.after ?? 0,
      nextMorning: d.nextMorning,
    }));
}

/**
 * Walk-run sessions are the diary days with a score during the run. When the "after" score is
 * missing the "during" score stands in for it: the session still has to meet the same 3/10.
 */
export function asSessionEntries(diary: readonly DiaryDay[]): PainEntry[] {
  return diary
    .filter((d) => d.during !== null)
    .map((d) => ({
      date: d.date,
      during: d.during ?? 0,
      after: d.after ?? d.during ?? 0,
      nextMorning: d.nextMorning,
    }));
}

export async function profileFlags(
  app: App,
  userId: string,
): Promise<{ beginner: boolean; returning: boolean; from: "profile" | "default"; weekStart: number }> {
  const profile = await getProfile(app, userId);
  return {
    beginner: profile.experience === "new",
    returning: profile.experience === "returning",
    from: profile.updatedAt === null ? "default" : "profile",
    weekStart: profile.weekStart,
  };
}

/** One pain-diary day as the plans read it; a score is null when it was not recorded. */
export interface DiaryDay {
  date: string;
  during: number | null;
  after: number | null;
  nextMorning: number | null;
}

/** The pain diary from `from` to `to`, both the runner's local dates, inclusive. */
export async function loadPainDiary(
  app: App,
  userId: string,
  from: string,
  to: string,
): Promise<DiaryDay[]> {
  // A plan that starts after today has no diary of its own yet.
  if (from > to) return [];
  const entries = await listPainEntries(app, userId, { from, to });
  return entries.map((e) => ({
    date: e.date,
    during: e.during,
    after: e.after,
    nextMorning: e.nextMorning,
  }));
}


/**
 * The runner's usual weekly running distance before `start`: the mean of the last complete weeks
 * (weeks without runs count as 0; the week in progress would understate the usual week). Null
 * when there are no runs to go on.
 */
export async function usualWeekFromRuns(
  app: App,
  userId: string,
  start: string,
  today: string,
  weekStart = MONDAY,
): Promise<number | null> {
  const [first, current] = [weekStartOf(start, weekStart), weekStartOf(today, weekStart)];
  const upTo = daysBetween(first, current) > 0 ? first : current;
  if (!(await hasRunsBefore(app, userId, upTo, BASELINE_WEEKS))) return null;
  const weeks = await loggedWeeks(app, userId, addDays(upTo, -7 * BASELINE_WEEKS), addDays(upTo, -7), weekStart);
  return baselineFromHistory({ weeks: weeks.map((w) => ({ start: w.weekStart, distanceM: w.distanceM })) }, upTo, weekStart);
}

/**
 * The runner's runs of the four weeks before the plan's first week, and of that week up to the
 * day before `before`, as local dates and distances: what the planner continues from under the
 * guard's rules (the spike rule's 30 days, the weekly rule's four weeks).
 */
export async function recentRunsBefore(app: App, userId: string, before: string, weekStart = MONDAY): Promise<RecentRun[]> {
  const fromDate = addDays(weekStartOf(before, weekStart), -7 * BASELINE_WEEKS);
  const runs: RecentRun[] = [];
  for (const r of await runningRows(app, userId, fromDate, addDays(before, -1))) {
    if (Number.isNaN(Date.parse(r.start_utc)) || r.distance_m <= 0) continue;
    const date = localDateOf(r.start_utc, r.utc_offset_min);
    if (daysBetween(fromDate, date) >= 0 && daysBetween(date, before) > 0) runs.push({ date, distanceM: r.distance_m });
  }
  return runs;
}

/**
 * The CLI's `plan` from stored runs, when no --current-weekly-km is given: the usual weekly
 * distance and the runs before the start, in the weeks and units the runner's profile keeps (as
 * createPlan reads them for the web). `today` is the caller's, which a start not given follows.
 */
export async function planHistoryFromRuns(
  app: App,
  userId: string,
  start: string | undefined,
  today: string,
): Promise<{ weeklyM: number | null; runs: RecentRun[]; units: Units; weekStart: number; start: string }> {
  const { units, weekStart } = await getProfile(app, userId);
  const first = start ?? nextWeekStart(today, weekStart);
  const weeklyM = await usualWeekFromRuns(app, userId, first, await todayFor(app, userId), weekStart);
  const runs = await recentRunsBefore(app, userId, first, weekStart);
  return { weeklyM, runs, units, weekStart, start: first };
}
