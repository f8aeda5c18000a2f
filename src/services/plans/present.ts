/**
 * A stored plan as the API shows it: in words, in the units asked for or the profile's (a plan
 * keeps numbers, not sentences: core/plan/render-plan.ts), with today's line for a walk-run return.
 */
import { addDays } from "../../core/plan/dates.js";
import { judgeDay, readStoredPlan, readStoredReturnPlan, renderPlan, renderReturnPlan, renderText, storedWhy } from "../../core/plan/index.js";
import { MAX_PAIN_TO_PROGRESS } from "../../core/plan/return-to-run.js";
import type { ReturnPlan } from "../../core/plan/index.js";
import { dayWriter } from "../../core/format/dates.js";
import type { Units } from "../../core/units.js";
import type { ActivePlanView, PlanChangesView, PlanUnitsQuery, ReturnTodayView } from "../../contracts/plans.js";
import type { PlanRow } from "../../store/index.js";
import type { App } from "../app.js";
import { getProfile } from "../profile.js";
import type { ReturnInput, StoredChanges, StoredInput } from "./stored.js";
import { asSessionEntries, loadPainDiary } from "./runner-data.js";

async function todayStatus(
  app: App,
  userId: string,
  plan: ReturnPlan,
  input: ReturnInput,
  today: string,
  locale: string | undefined,
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
          : `Nothing logged today. Your next walk-run is on ${next === undefined ? "a day of your choosing" : dayWriter(locale)(next)}.`,
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

/** What the last adaptation changed, in the runner's units; null while the plan is as first written. */
function presentChanges(json: string, units: Units, locale: string | undefined): PlanChangesView | null {
  const changes = JSON.parse(json) as StoredChanges | null;
  if (!changes || !Array.isArray(changes.items)) return null;
  return {
    at: changes.at,
    as_of: changes.as_of,
    items: changes.items.map((c) => ({ ...c, why: renderText(storedWhy(c.why), units, locale) })),
  };
}

/**
 * The stored plan in words, in the units asked for or else the profile's as they are now (a plan
 * made in km reads in miles after a switch), with its days in the locale asked for (YYYY-MM-DD
 * without one).
 */
export async function present(
  row: PlanRow,
  today: string,
  app: App,
  userId: string,
  asked: PlanUnitsQuery = {},
): Promise<ActivePlanView> {
  const input = JSON.parse(row.input_json) as StoredInput;
  const units = asked.units ?? (await getProfile(app, userId)).units;
  const { locale } = asked;
  const meta = {
    id: row.id,
    created_at: row.created_at,
    updated_at: row.updated_at,
    changes: presentChanges(row.changes_json, units, locale),
    basis: input.basis,
  };
  if (input.kind === "build")
    return { kind: "build", ...meta, plan: renderPlan(readStoredPlan(row.plan_json), units, locale) };
  const plan = readStoredReturnPlan(row.plan_json);
  return {
    kind: "return",
    ...meta,
    plan: renderReturnPlan(plan, units, locale),
    today: await todayStatus(app, userId, plan, input, today, locale),
  };
}
