/**
 * Plans from the runner's own data: a build-up plan measured from their imported runs (or a
 * weekly distance they give), a walk-run return steered by the pain diary; reading, resuming and
 * deleting the active plan.
 */
import { randomUUID } from "node:crypto";
import { DomainError, isDomainError } from "../../core/errors.js";
import { daysBetween, nextWeekStart } from "../../core/plan/dates.js";
import { generatePlan, generateReturnToRun, readStoredReturnPlan } from "../../core/plan/index.js";
import { dayWriter } from "../../core/format/dates.js";
import type { ActivePlanView, CreatePlanBody, PlanUnitsQuery } from "../../contracts/plans.js";
import { plans } from "../../store/index.js";
import type { App } from "../app.js";
import { checkReturnEntry, redDiaryDays } from "../return-to-run-gate.js";
import { BASELINE_WEEKS } from "./stored.js";
import type { ReturnInput, StoredInput } from "./stored.js";
import { asSessionEntries, loadPainDiary, profileFlags, recentRunsBefore, todayFor, usualWeekFromRuns } from "./runner-data.js";
import { refreshRow, upcomingFrom } from "./adapt.js";
import { present } from "./present.js";

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

export async function createPlan(
  app: App,
  userId: string,
  body: CreatePlanBody,
  style: PlanUnitsQuery = {},
): Promise<ActivePlanView> {
  const today = await todayFor(app, userId);
  let input: StoredInput;
  let planJson: string;
  if (body.kind === "build") {
    const profile = await profileFlags(app, userId);
    // The plan's weeks start on the runner's first day of the week, as their training report's do.
    const start = body.start === "today" ? today : (body.start ?? nextWeekStart(today, profile.weekStart));
    if (daysBetween(today, start) < 0) {
      const day = dayWriter(style.locale);
      const message = `The plan cannot start on ${day(start)}, a day already past: start today (${day(today)}) or later.`;
      throw new DomainError("PLAN_START_PAST", message, { fields: [{ path: "start", message }] });
    }
    const given = body.beginner !== undefined || body.returning !== undefined;
    const beginner = body.beginner ?? profile.beginner;
    const returning = body.returning ?? profile.returning;
    const currentWeeklyM =
      body.currentWeeklyM ?? (await usualWeekFromRuns(app, userId, start, today, profile.weekStart));
    const recentRuns = await recentRunsBefore(app, userId, start, profile.weekStart);
    const plan = withField(() =>
      generatePlan({
        start,
        recentRuns,
        ...(currentWeeklyM !== null ? { currentWeeklyM } : {}),
        goal: body.goal,
        beginner,
        returning,
        weekStart: profile.weekStart,
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
  return present(await refreshRow(app, userId, row, { settleOnly: true }), today, app, userId, style);
}

/**
 * The active plan, adapted to what happened since the last look, in the units asked for (default:
 * the profile's) and the locale asked for (days as YYYY-MM-DD without one); null without one.
 */
export async function refreshPlan(app: App, userId: string, style: PlanUnitsQuery = {}): Promise<ActivePlanView | null> {
  const row = await plans.findActivePlan(app.database.db, userId);
  if (!row) return null;
  const fresh = await refreshRow(app, userId, row);
  return present(fresh, await todayFor(app, userId), app, userId, style);
}


/**
 * Resumes a walk-run return that stopped itself, once the runner confirms a clinician's
 * clearance (the body's schema insists on it): red days are counted afresh from today.
 */
export async function resumeReturnPlan(app: App, userId: string, style: PlanUnitsQuery = {}): Promise<ActivePlanView> {
  const found = await plans.findActivePlan(app.database.db, userId);
  if (!found || found.kind !== "return")
    throw new DomainError("PLAN_NOT_FOUND", "You have no walk-run return to resume.");
  const row = await refreshRow(app, userId, found);
  if (readStoredReturnPlan(row.plan_json).stopped === null)
    throw new DomainError("PLAN_NOT_STOPPED", "The walk-run return is not stopped: there is nothing to resume.");
  const today = await todayFor(app, userId);
  const input = JSON.parse(row.input_json) as ReturnInput;
  const resumed: ReturnInput = { ...input, resumes: [...(input.resumes ?? []), today] };
  await plans.updatePlanInput(app.database.db, userId, row.id, JSON.stringify(resumed), app.now().toISOString());
  const view = await refreshPlan(app, userId, style);
  if (!view) throw new DomainError("PLAN_NOT_FOUND", "You have no walk-run return to resume.");
  return view;
}

export async function deleteActivePlan(app: App, userId: string): Promise<void> {
  const n = await plans.deactivatePlans(app.database.db, userId, app.now().toISOString());
  if (n === 0) throw new DomainError("PLAN_NOT_FOUND", "You have no active plan.");
}
