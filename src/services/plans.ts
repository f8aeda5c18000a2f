/**
 * Plans from the runner's own data: a build-up plan measured from their imported runs (or a
 * weekly distance they give), a walk-run return steered by the pain diary, and the adaptation
 * that re-plans the weeks ahead when a week fell short or pain rose, remembering what changed
 * and why. Also the secret calendar-subscription URL, kept only as a SHA-256.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { RUNNING_SPORTS } from "../core/activity.js";
import { planToICalendar } from "../core/calendar/ical.js";
import { DomainError, isDomainError } from "../core/errors.js";
import { addDays, daysBetween, nextMonday, weekStartOf } from "../core/plan/dates.js";
import {
  adaptPlan,
  baselineFromHistory,
  forCalendar,
  generatePlan,
  generateReturnToRun,
  judgeDay,
} from "../core/plan/index.js";
import { MAX_PAIN_TO_PROGRESS } from "../core/plan/return-to-run.js";
import type { LoggedWeek, PainEntry, Plan, PlanChange, RecentRun, ReturnPlan } from "../core/plan/index.js";
import type {
  ActivePlanView,
  CreatePlanBody,
  PlanChangesView,
  PlanChangeView,
  ReturnTodayView,
} from "../contracts/plans.js";
import { activities, calendarTokens, plans } from "../store/index.js";
import type { PlanRow } from "../store/index.js";
import type { App } from "./app.js";
import { listPainEntries } from "./pain.js";
import { checkReturnEntry, redDiaryDays } from "./return-to-run-gate.js";
import type { StoredReturnEntry } from "./return-to-run-gate.js";
import { getProfile } from "./profile.js";
import { localDateOf } from "./training-report.js";

/** The baseline is the mean of this many complete weeks (baselineFromHistory uses four). */
const BASELINE_WEEKS = 4;

interface BuildInput {
  kind: "build";
  goal: Plan["goal"];
  start: string;
  /** Rest days as calendar events (absent on plans made before the option: false). */
  restDaysInCalendar?: boolean;
  currentWeeklyM: number | null;
  beginner: boolean;
  returning: boolean;
  runDaysPerWeek: number | null;
  basis: Basis;
}

interface ReturnInput {
  kind: "return";
  start: string;
  baselinePain: number;
  basis: Basis;
  /** What the runner confirmed to start (absent on plans made before the entry criteria). */
  entry?: StoredReturnEntry;
  /** Days the runner resumed after a stop, with a clinician's clearance. */
  resumes?: string[];
}

type StoredInput = BuildInput | ReturnInput;

export interface Basis {
  baseline_from: "given" | "runs" | null;
  baseline_weeks: number | null;
  profile_from: "given" | "profile" | "default" | null;
}

// ---------------------------------------------------------------------------------------------
// The runner's data

/** The runner's calendar date: UTC shifted by the offset of their latest run (their time zone). */
async function todayFor(app: App, userId: string): Promise<string> {
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

/** Running distance per local week (Monday starts) from `fromDate` on, weeks without runs as 0. */
export function weeklyRunning(
  runs: readonly { start_utc: string; utc_offset_min: number | null; distance_m: number }[],
  fromWeek: string,
  toWeek: string,
): LoggedWeek[] {
  const weeks = new Map<string, number>();
  for (let w = fromWeek; daysBetween(w, toWeek) >= 0; w = addDays(w, 7)) weeks.set(w, 0);
  for (const r of runs) {
    if (Number.isNaN(Date.parse(r.start_utc))) continue;
    const week = weekStartOf(localDateOf(r.start_utc, r.utc_offset_min));
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

async function loggedWeeks(
  app: App,
  userId: string,
  fromWeek: string,
  toWeek: string,
): Promise<LoggedWeek[]> {
  return weeklyRunning(await runningRows(app, userId, fromWeek, addDays(toWeek, 6)), fromWeek, toWeek);
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
function asTrendEntries(diary: readonly DiaryDay[]): PainEntry[] {
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
function asSessionEntries(diary: readonly DiaryDay[]): PainEntry[] {
  return diary
    .filter((d) => d.during !== null)
    .map((d) => ({
      date: d.date,
      during: d.during ?? 0,
      after: d.after ?? d.during ?? 0,
      nextMorning: d.nextMorning,
    }));
}

async function profileFlags(
  app: App,
  userId: string,
): Promise<{ beginner: boolean; returning: boolean; from: "profile" | "default" }> {
  const profile = await getProfile(app, userId);
  return {
    beginner: profile.experience === "new",
    returning: profile.experience === "returning",
    from: profile.updatedAt === null ? "default" : "profile",
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
async function loadPainDiary(
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

// ---------------------------------------------------------------------------------------------
// Creating

/** Core errors about a field become field errors the form can show next to that field. */
const FIELD_OF_CODE: Record<string, string> = {
  PLAN_NO_BASELINE: "currentWeeklyM",
  PLAN_BASELINE_TOO_LOW: "currentWeeklyM",
  PLAN_EVENT_BEFORE_START: "goal.date",
  PLAN_EVENT_TOO_FAR: "goal.date",
  PLAN_BAD_GOAL: "goal",
  PLAN_BAD_RUN_DAYS: "runDaysPerWeek",
};

function withField<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isDomainError(err)) {
      const path = FIELD_OF_CODE[err.code];
      if (path !== undefined)
        throw new DomainError(err.code, err.message, { fields: [{ path, message: err.message }] });
    }
    throw err;
  }
}

/**
 * The runner's usual weekly running distance before `start`: the mean of the last complete weeks
 * (weeks without runs count as 0; the week in progress would understate the usual week). Null
 * when there are no runs to go on.
 */
async function usualWeekFromRuns(app: App, userId: string, start: string, today: string): Promise<number | null> {
  const upTo =
    daysBetween(weekStartOf(start), weekStartOf(today)) > 0 ? weekStartOf(start) : weekStartOf(today);
  if (!(await hasRunsBefore(app, userId, upTo, BASELINE_WEEKS))) return null;
  const weeks = await loggedWeeks(app, userId, addDays(upTo, -7 * BASELINE_WEEKS), addDays(upTo, -7));
  return baselineFromHistory({ weeks: weeks.map((w) => ({ start: w.weekStart, distanceM: w.distanceM })) }, upTo);
}

/**
 * The runner's runs of the four weeks before the plan's first week, and of that week up to the
 * day before `before`, as local dates and distances: what the planner continues from under the
 * guard's rules (the spike rule's 30 days, the weekly rule's four weeks).
 */
async function recentRunsBefore(app: App, userId: string, before: string): Promise<RecentRun[]> {
  const fromDate = addDays(weekStartOf(before), -7 * BASELINE_WEEKS);
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
 * distance and the runs before the start, which the plan continues from under the guard's rules.
 */
export async function planHistoryFromRuns(
  app: App,
  userId: string,
  start?: string,
): Promise<{ weeklyM: number | null; runs: RecentRun[] }> {
  const today = await todayFor(app, userId);
  const first = start ?? nextMonday(today);
  const weeklyM = await usualWeekFromRuns(app, userId, first, today);
  return { weeklyM, runs: await recentRunsBefore(app, userId, first) };
}

export async function createPlan(
  app: App,
  userId: string,
  body: CreatePlanBody,
): Promise<ActivePlanView> {
  const today = await todayFor(app, userId);
  let input: StoredInput;
  let planJson: string;
  if (body.kind === "build") {
    const start = body.start === "today" ? today : (body.start ?? nextMonday(today));
    if (daysBetween(today, start) < 0) {
      const message = `The plan cannot start on ${start}, a day already past: start today (${today}) or later.`;
      throw new DomainError("PLAN_START_PAST", message, { fields: [{ path: "start", message }] });
    }
    const profile = await profileFlags(app, userId);
    const given = body.beginner !== undefined || body.returning !== undefined;
    const beginner = body.beginner ?? profile.beginner;
    const returning = body.returning ?? profile.returning;
    const currentWeeklyM = body.currentWeeklyM ?? (await usualWeekFromRuns(app, userId, start, today));
    const recentRuns = await recentRunsBefore(app, userId, start);
    const plan = withField(() =>
      generatePlan({
        start,
        recentRuns,
        ...(currentWeeklyM !== null ? { currentWeeklyM } : {}),
        goal: body.goal,
        beginner,
        returning,
        ...(body.runDaysPerWeek !== undefined ? { runDaysPerWeek: body.runDaysPerWeek } : {}),
      }),
    );
    input = {
      kind: "build",
      goal: body.goal,
      start,
      currentWeeklyM: body.currentWeeklyM ?? null,
      beginner,
      returning,
      runDaysPerWeek: body.runDaysPerWeek ?? null,
      restDaysInCalendar: body.restDaysInCalendar ?? false,
      basis: {
        baseline_from: body.currentWeeklyM !== undefined ? "given" : "runs",
        baseline_weeks: body.currentWeeklyM !== undefined ? null : BASELINE_WEEKS,
        profile_from: given ? "given" : profile.from,
      },
    };
    planJson = JSON.stringify(plan);
  } else {
    const entry = await checkReturnEntry(app, userId, body.entry);
    const start = body.start ?? today;
    const baselinePain = body.baselinePain ?? 0;
    const diary = await loadPainDiary(app, userId, start, today);
    const redDays = await redDiaryDays(app, userId, start, today);
    const plan = upcomingFrom(
      generateReturnToRun({ start, painLog: asSessionEntries(diary), baselinePain, redDays }),
      today,
    );
    input = {
      kind: "return",
      start,
      baselinePain,
      basis: { baseline_from: null, baseline_weeks: null, profile_from: null },
      entry,
      resumes: [],
    };
    planJson = JSON.stringify(plan);
  }

  const now = app.now().toISOString();
  const row = await app.database.db.transaction().execute(async (trx) => {
    // A new plan replaces the active one; the old one is kept, inactive, for the record.
    await plans.deactivatePlans(trx, userId, now);
    return plans.insertPlan(trx, {
      id: randomUUID(),
      user_id: userId,
      kind: input.kind,
      input_json: JSON.stringify(input),
      plan_json: planJson,
      previous_plan_json: null,
      changes_json: "null",
      data_signature: null,
      created_at: now,
      updated_at: now,
      active: 1,
    });
  });
  // A new plan is as first written: record what it was made from, so that the first look does not
  // "adapt" it to the very data it was made from and show a list of changes.
  return present(await refreshRow(app, userId, row, { settleOnly: true }), today, app, userId);
}

// ---------------------------------------------------------------------------------------------
// Adapting

function signature(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** Return-plan sessions that fell in the past move to today, keeping their every-other-day rhythm. */
function upcomingFrom(plan: ReturnPlan, today: string): ReturnPlan {
  const first = plan.weeks[0]?.sessions[0]?.date;
  if (first === undefined || daysBetween(first, today) <= 0) return plan;
  const shift = daysBetween(first, today);
  const sessions = plan.weeks
    .flatMap((w) => w.sessions)
    .map((s) => ({ ...s, date: addDays(s.date, shift) }));
  const weeks: { start: string; sessions: typeof sessions }[] = [];
  for (const s of sessions) {
    const start = weekStartOf(s.date);
    const week = weeks.find((w) => w.start === start);
    if (week) week.sessions.push(s);
    else weeks.push({ start, sessions: [s] });
  }
  return { ...plan, weeks };
}

function buildChanges(items: readonly PlanChange[]): PlanChangeView[] {
  return items.map((c) => ({ week: c.week, before_m: c.before_m, after_m: c.after_m, why: c.why }));
}

/** What moved in a return plan: the stage, and the diary days that moved it. */
function returnChanges(before: ReturnPlan, after: ReturnPlan): PlanChangeView[] {
  const seen = new Set(before.days.map((d) => `${d.date}|${d.outcome}|${d.stage_after}`));
  const fresh = after.days.filter((d) => !seen.has(`${d.date}|${d.outcome}|${d.stage_after}`));
  const items: PlanChangeView[] = fresh
    .filter((d) => d.outcome !== "waiting")
    .map((d) => ({ week: d.date, before_m: null, after_m: null, why: `${d.date}: ${d.why}` }));
  if (before.current_stage !== after.current_stage || before.complete !== after.complete) {
    const what = after.complete
      ? "You have completed the walk-run return."
      : `You are now at stage ${after.current_stage} (was ${before.current_stage}).`;
    items.unshift({ week: null, before_m: null, after_m: null, why: what });
  }
  if (after.stopped && after.stopped.date !== before.stopped?.date)
    items.unshift({ week: after.stopped.date, before_m: null, after_m: null, why: after.stopped.reason });
  return items;
}

/**
 * Adapts the stored plan to the runner's latest runs and pain diary, when they (or the date)
 * changed since the last look. Stores the new plan, the one it replaced and what changed.
 */
async function refreshRow(
  app: App,
  userId: string,
  row: PlanRow,
  options: { settleOnly?: boolean } = {},
): Promise<PlanRow> {
  const today = await todayFor(app, userId);
  const input = JSON.parse(row.input_json) as StoredInput;
  let sig: string;
  let next: { planJson: string; changes: PlanChangeView[] } | null = null;
  if (input.kind === "build") {
    const current = JSON.parse(row.plan_json) as Plan;
    const firstWeek = current.weeks[0]?.start ?? weekStartOf(input.start);
    // Four weeks before the plan as well: adaptPlan weighs last week against the month's mean.
    const fromWeek = addDays(firstWeek, -7 * BASELINE_WEEKS);
    const thisWeek = weekStartOf(today);
    const logged =
      daysBetween(fromWeek, thisWeek) >= 0
        ? (await loggedWeeks(app, userId, fromWeek, thisWeek)).filter(
            (w) => w.weekStart !== thisWeek,
          )
        : [];
    const pain = asTrendEntries(await loadPainDiary(app, userId, addDays(today, -14), today));
    sig = signature({ today, logged, pain });
    if (sig === row.data_signature) return row;
    const adapted = adaptPlan(current, logged, pain, today);
    if (adapted.changes.length > 0)
      next = { planJson: JSON.stringify(adapted.plan), changes: buildChanges(adapted.changes) };
  } else {
    const current = JSON.parse(row.plan_json) as ReturnPlan;
    const diary = asSessionEntries(await loadPainDiary(app, userId, input.start, today));
    const redDays = await redDiaryDays(app, userId, input.start, today);
    const resumes = input.resumes ?? [];
    sig = signature({ today, diary, redDays, resumes });
    if (sig === row.data_signature) return row;
    const fresh = upcomingFrom(
      generateReturnToRun({
        start: input.start,
        painLog: diary,
        baselinePain: input.baselinePain,
        redDays,
        resumes,
      }),
      today,
    );
    const changes = returnChanges(current, fresh);
    const moved = JSON.stringify(fresh) !== row.plan_json;
    if (moved) next = { planJson: JSON.stringify(fresh), changes };
  }
  if (options.settleOnly) next = null;
  const now = app.now().toISOString();
  const patch =
    next === null
      ? { data_signature: sig, updated_at: row.updated_at }
      : {
          data_signature: sig,
          updated_at: now,
          plan_json: next.planJson,
          // Upcoming return sessions moving to today is not news; keep the last real change.
          ...(next.changes.length > 0
            ? {
                previous_plan_json: row.plan_json,
                changes_json: JSON.stringify({
                  at: now,
                  as_of: today,
                  items: next.changes,
                } satisfies PlanChangesView),
              }
            : {}),
        };
  const stored = await plans.updateAdaptation(
    app.database.db,
    userId,
    row.id,
    row.data_signature,
    patch,
  );
  // Another request adapted it first, from the same data: read what it stored.
  if (!stored) return (await plans.findActivePlan(app.database.db, userId)) ?? row;
  return { ...row, ...patch };
}

/** The active plan, adapted to what happened since the last look; null without one. */
export async function refreshPlan(app: App, userId: string): Promise<ActivePlanView | null> {
  const row = await plans.findActivePlan(app.database.db, userId);
  if (!row) return null;
  const fresh = await refreshRow(app, userId, row);
  return present(fresh, await todayFor(app, userId), app, userId);
}

export const getActivePlan = refreshPlan;

/**
 * Resumes a walk-run return that stopped itself, once the runner confirms a clinician's
 * clearance (the body's schema insists on it): red days are counted afresh from today.
 */
export async function resumeReturnPlan(app: App, userId: string): Promise<ActivePlanView> {
  const found = await plans.findActivePlan(app.database.db, userId);
  if (!found || found.kind !== "return")
    throw new DomainError("PLAN_NOT_FOUND", "You have no walk-run return to resume.");
  const row = await refreshRow(app, userId, found);
  if ((JSON.parse(row.plan_json) as ReturnPlan).stopped == null)
    throw new DomainError("PLAN_NOT_STOPPED", "The walk-run return is not stopped: there is nothing to resume.");
  const today = await todayFor(app, userId);
  const input = JSON.parse(row.input_json) as ReturnInput;
  const resumed: ReturnInput = { ...input, resumes: [...(input.resumes ?? []), today] };
  await plans.updatePlanInput(app.database.db, userId, row.id, JSON.stringify(resumed), app.now().toISOString());
  const view = await refreshPlan(app, userId);
  if (!view) throw new DomainError("PLAN_NOT_FOUND", "You have no walk-run return to resume.");
  return view;
}

export async function deleteActivePlan(app: App, userId: string): Promise<void> {
  const n = await plans.deactivatePlans(app.database.db, userId, app.now().toISOString());
  if (n === 0) throw new DomainError("PLAN_NOT_FOUND", "You have no active plan.");
}

// ---------------------------------------------------------------------------------------------
// Presenting

async function todayStatus(
  app: App,
  userId: string,
  plan: ReturnPlan,
  input: ReturnInput,
  today: string,
): Promise<ReturnTodayView> {
  const diary = asSessionEntries(await loadPainDiary(app, userId, addDays(today, -1), today));
  const entry = diary.find((d) => d.date === today);
  const yesterday = diary.find((d) => d.date === addDays(today, -1));
  const next = plan.weeks[0]?.sessions[0]?.date;
  if (plan.stopped)
    return {
      date: today,
      logged: entry !== undefined,
      status: "stopped",
      message:
        "The walk-run return has stopped itself after two red days in the pain diary: no sessions until a clinician has seen your knee.",
    };
  if (!entry) {
    if (yesterday && yesterday.nextMorning === null)
      return {
        date: today,
        logged: false,
        status: "waiting",
        message:
          "Yesterday's walk-run needs this morning's pain score before it can count: add it to the pain diary.",
      };
    return {
      date: today,
      logged: false,
      status: "not_logged",
      message: plan.complete
        ? "The walk-run return is complete."
        : next === today
          ? `A stage ${plan.current_stage} walk-run is due today. Afterwards, log your pain in the diary.`
          : `Nothing logged today. Your next walk-run is on ${next ?? "a day of your choosing"}.`,
    };
  }
  const verdict = judgeDay(entry, input.baselinePain);
  const messages: Record<typeof verdict, string> = {
    good: `Today's session stayed at ${MAX_PAIN_TO_PROGRESS}/10 or less and settled: it counts towards the next stage.`,
    waiting: `Pain stayed at ${MAX_PAIN_TO_PROGRESS}/10 or less so far. Log tomorrow morning's score to count this session.`,
    hold_pain: `Pain went above ${MAX_PAIN_TO_PROGRESS}/10 today: stay at this stage and start the count again.`,
    hold_morning:
      "The pain had not settled by the morning: stay at this stage and start the count again.",
    step_back:
      "Pain went above 5/10 today: go back one stage, and rest for a couple of days if it lingers.",
  };
  return { date: today, logged: true, status: verdict, message: messages[verdict] };
}

async function present(
  row: PlanRow,
  today: string,
  app: App,
  userId: string,
): Promise<ActivePlanView> {
  const input = JSON.parse(row.input_json) as StoredInput;
  const changes = JSON.parse(row.changes_json) as PlanChangesView | null;
  const meta = {
    id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    changes: changes && Array.isArray(changes.items) ? changes : null,
    basis: input.basis,
  };
  if (input.kind === "build")
    return { kind: "build", ...meta, plan: JSON.parse(row.plan_json) as Plan };
  const plan = JSON.parse(row.plan_json) as ReturnPlan;
  return {
    kind: "return",
    ...meta,
    // Plans stored before the stop existed have neither field.
    plan: { ...plan, stages: [...plan.stages], stopped: plan.stopped ?? null, stops: plan.stops ?? [] },
    today: await todayStatus(app, userId, plan, input, today),
  };
}

// ---------------------------------------------------------------------------------------------
// Calendar

async function calendarText(row: PlanRow, app: App, userId: string): Promise<string> {
  const plan = JSON.parse(row.plan_json) as Plan | ReturnPlan;
  const input = JSON.parse(row.input_json) as StoredInput;
  const withRest = input.kind === "build" && input.restDaysInCalendar === true;
  const { units } = await getProfile(app, userId);
  return planToICalendar(forCalendar(plan, withRest), {
    units,
    calName: row.kind === "return" ? "kneewise walk-run return" : "kneewise training plan",
    // Per-user UIDs: two runners subscribing on one device keep separate events.
    uidDomain: `${createHash("sha256").update(userId).digest("hex").slice(0, 16)}.kneewise`,
    dtstamp: app.now().toISOString(),
  });
}

/** The signed-in runner's active plan as an iCalendar file (adapted first). */
export async function activePlanICalendar(app: App, userId: string): Promise<string> {
  const row = await plans.findActivePlan(app.database.db, userId);
  if (!row) throw new DomainError("PLAN_NOT_FOUND", "You have no active plan to export.");
  return calendarText(await refreshRow(app, userId, row), app, userId);
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new secret subscription token; any earlier one stops working. The token is returned once. */
export async function rotateCalendarToken(
  app: App,
  userId: string,
): Promise<{ token: string; created_at: string }> {
  const token = randomBytes(32).toString("base64url");
  const now = app.now().toISOString();
  await app.database.db.transaction().execute(async (trx) => {
    await calendarTokens.revokeCalendarTokens(trx, userId, now);
    await calendarTokens.insertCalendarToken(trx, {
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      revoked_at: null,
    });
  });
  return { token, created_at: now };
}

export async function revokeCalendarToken(app: App, userId: string): Promise<void> {
  const n = await calendarTokens.revokeCalendarTokens(
    app.database.db,
    userId,
    app.now().toISOString(),
  );
  if (n === 0)
    throw new DomainError("CALENDAR_TOKEN_NOT_FOUND", "There is no calendar link to revoke.");
}

export async function calendarTokenState(
  app: App,
  userId: string,
): Promise<{ active: boolean; created_at: string | null }> {
  const row = await calendarTokens.findLiveCalendarTokenOf(app.database.db, userId);
  return { active: row !== undefined, created_at: row?.created_at ?? null };
}

/** Tokens are 32 random bytes in base64url; anything else is not worth a database look-up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The calendar feed behind a subscription token: the owner's active plan, adapted to their
 * latest data, so a subscribed calendar follows the plan. Without an active plan the feed is an
 * empty calendar (the subscription keeps working for the next plan). Unknown or revoked: not found.
 */
export async function calendarFeed(app: App, token: string): Promise<string> {
  const notFound = new DomainError("CALENDAR_NOT_FOUND", "No calendar here.");
  if (!TOKEN_SHAPE.test(token)) throw notFound;
  const live = await calendarTokens.findLiveCalendarToken(app.database.db, hashToken(token));
  if (!live) throw notFound;
  const row = await plans.findActivePlan(app.database.db, live.user_id);
  if (!row)
    return planToICalendar(
      { weeks: [] },
      {
        calName: "kneewise training plan",
        uidDomain: "kneewise",
        dtstamp: app.now().toISOString(),
      },
    );
  return calendarText(await refreshRow(app, live.user_id, row), app, live.user_id);
}
