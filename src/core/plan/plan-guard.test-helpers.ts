/**
 * The guard's view of a plan, for tests: the runner's steady history, the plan's sessions run as
 * if done, and what the training report says about them.
 */
import { activity as runActivity } from "../training/factories.test-helpers.js";
import { buildTrainingReport } from "../training/index.js";
import type { RunnerExperience, TrainingActivity } from "../training/index.js";
import { addDays, daysBetween, MONDAY, weekStartOf } from "./dates.js";
import type { RecentRun } from "./generate-plan.js";
import type { Plan } from "./types.js";
import { isRunningKind } from "./types.js";

const HISTORY_WEEKS = 6;

export interface Runner {
  weeklyM: number;
  longestM: number;
  experience: RunnerExperience;
}

/**
 * A steady runner's week: the long run on its last day, the rest of the week in runs no longer
 * than it from its first day on. The same week repeats, so the history itself raises nothing.
 */
export function usualWeek(r: Runner, first: string): RecentRun[] {
  const runs: RecentRun[] = [{ date: addDays(first, 6), distanceM: r.longestM }];
  const rest = r.weeklyM - r.longestM;
  const k = rest > 0 ? Math.ceil(rest / r.longestM) : 0;
  for (let i = 0; i < k; i++)
    runs.push({ date: addDays(first, i), distanceM: Math.floor(rest / k) + (i < rest % k ? 1 : 0) });
  return runs;
}

/** The runner's runs before `start`: six full weeks, and the days of the start week before it. */
export function historyBefore(r: Runner, start: string, weekStart = MONDAY): RecentRun[] {
  const week = weekStartOf(start, weekStart);
  const runs: RecentRun[] = [];
  for (let k = HISTORY_WEEKS; k >= 0; k--) runs.push(...usualWeek(r, addDays(week, -7 * k)));
  return runs.filter((x) => daysBetween(x.date, start) > 0);
}

function activity(id: string, date: string, distanceM: number): TrainingActivity {
  // Every run at the same time of day: the guard's 30 x 24 h window is then the planner's 30 days.
  // 2 m/s for every run: time rises exactly as distance does (halving is exact in binary).
  return runActivity({ id, startUtc: `${date}T07:00:00.000Z`, movingS: distanceM / 2, elapsedS: distanceM / 2, distanceM });
}

/** What the guard says about the plan's weeks when every training session is run as planned. */
export function guardOnPlan(
  plan: Plan,
  history: readonly RecentRun[],
  start: string,
  experience: RunnerExperience,
  weekStart = MONDAY,
) {
  const sessions = plan.weeks
    .flatMap((w) => w.sessions)
    .filter((x) => isRunningKind(x.kind) && x.kind !== "race" && (x.distance_m ?? 0) > 0);
  const activities = [
    ...history.map((x, i) => activity(`h${i}`, x.date, x.distanceM)),
    ...sessions.map((x, i) => activity(`p${i}`, x.date, x.distance_m ?? 0)),
  ];
  const lastDay = plan.weeks.at(-1)?.sessions.at(-1)?.date ?? start;
  const report = buildTrainingReport({
    activities,
    shoes: [],
    checkins: [],
    profile: { experience, weekStart },
    asOf: lastDay,
    weeks: HISTORY_WEEKS + plan.weeks.length + 2,
  });
  const firstWeek = weekStartOf(start, weekStart);
  const spikes = report.spikes.filter((x) => daysBetween(start, x.date) >= 0);
  const weekly = report.weeks
    .filter((w) => daysBetween(firstWeek, w.start) >= 0)
    .flatMap((w) => w.warnings.filter((x) => x.code === "RAMP_WEEKLY" || x.code === "RUN_SPIKE").map((x) => `${w.start} ${x.code}: ${x.message}`));
  return { spikes, weekly, sessions: sessions.length };
}

