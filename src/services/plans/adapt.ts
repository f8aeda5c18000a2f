/**
 * Adapting a stored plan to the runner's latest runs and pain diary, when they (or the date)
 * changed since the last look; the new plan, the one it replaced and what changed are stored.
 */
import { createHash } from "node:crypto";
import { addDays, daysBetween, weekStartOf } from "../../core/plan/dates.js";
import { adaptPlan, generateReturnToRun, readStoredPlan, readStoredReturnPlan, weekStartIn } from "../../core/plan/index.js";
import type { PlanChange, ReturnPlan } from "../../core/plan/index.js";
import { plans } from "../../store/index.js";
import type { PlanRow } from "../../store/index.js";
import type { App } from "../app.js";
import { redDiaryDays } from "../return-to-run-gate.js";
import { BASELINE_WEEKS } from "./stored.js";
import type { StoredChange, StoredChanges, StoredInput } from "./stored.js";
import { asSessionEntries, asTrendEntries, loadPainDiary, loggedWeeks, todayFor } from "./runner-data.js";

function signature(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** Return-plan sessions that fell in the past move to today, keeping their every-other-day rhythm. */
export function upcomingFrom(plan: ReturnPlan, today: string): ReturnPlan {
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

function buildChanges(items: readonly PlanChange[]): StoredChange[] {
  return items.map((c) => ({ week: c.week, before_m: c.before_m, after_m: c.after_m, why: c.why }));
}

/** What moved in a return plan: the stage, and the diary days that moved it. */
function returnChanges(before: ReturnPlan, after: ReturnPlan): StoredChange[] {
  const seen = new Set(before.days.map((d) => `${d.date}|${d.outcome}|${d.stage_after}`));
  const fresh = after.days.filter((d) => !seen.has(`${d.date}|${d.outcome}|${d.stage_after}`));
  const items: StoredChange[] = fresh
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
export async function refreshRow(
  app: App,
  userId: string,
  row: PlanRow,
  options: { settleOnly?: boolean } = {},
): Promise<PlanRow> {
  const today = await todayFor(app, userId);
  const input = JSON.parse(row.input_json) as StoredInput;
  let sig: string;
  let next: { planJson: string; changes: StoredChange[] } | null = null;
  if (input.kind === "build") {
    const current = readStoredPlan(row.plan_json);
    // The plan's own weeks: those of the runner's week start when it was made.
    const weekStart = weekStartIn(current.settings);
    const firstWeek = current.weeks[0]?.start ?? weekStartOf(input.start, weekStart);
    // Four weeks before the plan as well: adaptPlan weighs last week against the month's mean.
    const fromWeek = addDays(firstWeek, -7 * BASELINE_WEEKS);
    const thisWeek = weekStartOf(today, weekStart);
    const logged =
      daysBetween(fromWeek, thisWeek) >= 0
        ? (await loggedWeeks(app, userId, fromWeek, thisWeek, weekStart)).filter(
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
    const current = readStoredReturnPlan(row.plan_json);
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
                } satisfies StoredChanges),
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
