/**
 * The planner and the guard never disagree: plans for random runners and goals, run as if done
 * after the runner's own history, raise no run spike and no weekly-change warning in the training
 * report (issue 17). The race itself is left out: it is the one run meant to go past the long
 * runs (a marathon is more than 10% past any long run a plan builds), and the plan says so.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RunnerExperience } from "../training/index.js";
import { addDays, daysBetween, nextWeekStart } from "./dates.js";
import { generatePlan } from "./generate-plan.js";
import type { GeneratePlanInput } from "./generate-plan.js";
import { guardOnPlan, historyBefore } from "./plan-guard.test-helpers.js";
import type { Runner } from "./plan-guard.test-helpers.js";
import type { Plan, PlanGoal } from "./types.js";

const runnerArb: fc.Arbitrary<Runner> = fc
  .record({
    weeklyM: fc.integer({ min: 3_000, max: 100_000 }),
    longShare: fc.double({ min: 1 / 6, max: 0.6, noNaN: true }),
    experience: fc.constantFrom<RunnerExperience>("beginner", "returning", "regular"),
  })
  .map(({ weeklyM, longShare, experience }) => ({
    weeklyM,
    longestM: Math.min(40_000, Math.max(1_000, Math.ceil(weeklyM * longShare))),
    experience,
  }))
  // Six other runs a week at most, none longer than the long run.
  .filter((r) => r.weeklyM <= 7 * r.longestM);

const caseArb = fc.record({
  runner: runnerArb,
  today: fc.integer({ min: 0, max: 1200 }).map((d) => addDays("2025-01-01", d)),
  startsToday: fc.boolean(),
  weekly: fc.boolean(),
  weeklyGoalM: fc.integer({ min: 3_000, max: 120_000 }),
  raceInDays: fc.integer({ min: 0, max: 300 }),
  distanceM: fc.oneof(fc.constantFrom(5_000, 10_000, 21_097, 42_195), fc.integer({ min: 3_000, max: 60_000 })),
  runDaysPerWeek: fc.option(fc.integer({ min: 3, max: 5 }), { nil: undefined }),
  // The runner's first day of the week (0 = Sunday): the report and the plan both follow it.
  weekStart: fc.integer({ min: 0, max: 6 }),
});

describe("plans against the guard", () => {
  it("raises no run spike and no weekly warning against any of 1,000 plans for random runners and goals", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const start = c.startsToday ? c.today : nextWeekStart(c.today, c.weekStart);
        const history = historyBefore(c.runner, start, c.weekStart);
        const goal: PlanGoal = c.weekly
          ? { kind: "weekly", weeklyM: c.weeklyGoalM }
          : { kind: "event", date: addDays(start, c.raceInDays), distanceM: c.distanceM };
        const input: GeneratePlanInput = {
          start,
          currentWeeklyM: c.runner.weeklyM,
          recentRuns: history,
          goal,
          beginner: c.runner.experience === "beginner",
          returning: c.runner.experience === "returning",
          weekStart: c.weekStart,
          ...(c.runDaysPerWeek === undefined ? {} : { runDaysPerWeek: c.runDaysPerWeek }),
        };
        const plan = generatePlan(input);
        expect(plan.weeks.flatMap((w) => w.sessions).every((x) => daysBetween(start, x.date) >= 0)).toBe(true);
        expect(plan.weeks.every((w) => new Date(`${w.start}T00:00:00Z`).getUTCDay() === c.weekStart)).toBe(true);
        const judged = guardOnPlan(plan, history, start, c.runner.experience, c.weekStart);
        expect(judged.spikes).toEqual([]);
        expect(judged.weekly).toEqual([]);
        // Not quiet because it planned nothing: a weekly plan always has runs for the guard to judge.
        if (c.weekly) expect(judged.sessions).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("would catch a plan that breaks the rules: the bug of issue 17 (53.2 -> 39.9 -> 58.5 km with a long run past the limit)", () => {
    // The guard, not the planner, is under test here: the same check must see a broken plan.
    const runner: Runner = { weeklyM: 53_200, longestM: 15_900, experience: "regular" };
    const start = "2027-01-04";
    const history = historyBefore(runner, start);
    const plan = generatePlan({ start, recentRuns: history, currentWeeklyM: 53_200, goal: { kind: "weekly", weeklyM: 60_000 }, beginner: false, returning: false });
    const broken: Plan = {
      ...plan,
      weeks: plan.weeks.slice(0, 1).map((w) => ({
        ...w,
        sessions: w.sessions.map((x) => (x.kind === "long" ? { ...x, distance_m: 17_500 } : x)),
      })),
    };
    expect(guardOnPlan(broken, history, start, "regular").spikes.map((x) => x.distance_m)).toEqual([17_500]);
  });
});
