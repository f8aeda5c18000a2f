import { describe, it, expect } from "vitest";
import { renderTexts } from "./plan-text.js";
import { renderPlan } from "./render-plan.js";
import fc from "fast-check";
import { isDomainError } from "../errors.js";
import { addDays, daysBetween, weekdayIndex, weekStartOf } from "./dates.js";
import { baselineFromHistory, generatePlan, MAX_PLAN_WEEKS } from "./generate-plan.js";
import type { GeneratePlanInput } from "./generate-plan.js";
import { limitAbove, weeklyLimit } from "../training/load-rules.js";
import { longRunShareFor, RACE_LONG_RUN_SHARE } from "./ramp.js";
import type { Plan, PlanWeek } from "./types.js";
import { isRunningKind } from "./types.js";

const raceMetres = (w: PlanWeek) =>
  w.sessions.filter((s) => s.kind === "race").reduce((a, s) => a + (s.distance_m ?? 0), 0);
/** Running in the week apart from the race itself: the race is the goal, not training load to ramp. */
const training = (w: PlanWeek) => w.distance_m - raceMetres(w);
const percentOf = (p: Plan) => Math.round(p.settings.rampRate * 100);

/**
 * The guard's weekly rule (load-rules.ts): no week above the highest of the four before it plus
 * the guide, the runner's usual week standing for the weeks before the plan.
 */
function rampBreaks(p: Plan): string[] {
  const problems: string[] = [];
  const amounts = [p.baseline_weekly_m];
  for (const w of p.weeks) {
    const m = training(w);
    const limit = weeklyLimit(amounts, percentOf(p)) ?? Infinity;
    if (m > limit) problems.push(`${w.start}: ${m} > ${limit}`);
    amounts.push(m);
  }
  return problems;
}

/** A plan from the Monday of the input's week, so that every week is whole. */
const onMonday = (input: GeneratePlanInput): GeneratePlanInput => ({ ...input, start: weekStartOf(input.start) });

const startArb = fc.integer({ min: 0, max: 3000 }).map((d) => addDays("2019-01-01", d));
const inputArb: fc.Arbitrary<GeneratePlanInput> = fc
  .record({
    start: startArb,
    currentWeeklyM: fc.integer({ min: 1000, max: 120_000 }),
    weekly: fc.boolean(),
    weeklyM: fc.integer({ min: 1000, max: 150_000 }),
    eventInDays: fc.integer({ min: 0, max: 400 }),
    distanceM: fc.oneof(
      fc.constantFrom(5000, 10_000, 21_097, 42_195),
      fc.integer({ min: 1000, max: 100_000 }),
    ),
    beginner: fc.boolean(),
    returning: fc.boolean(),
    runDaysPerWeek: fc.option(fc.integer({ min: 3, max: 5 }), { nil: undefined }),
  })
  .map((r) => ({
    start: r.start,
    currentWeeklyM: r.currentWeeklyM,
    goal: r.weekly
      ? { kind: "weekly" as const, weeklyM: r.weeklyM }
      : { kind: "event" as const, date: addDays(r.start, r.eventInDays), distanceM: r.distanceM },
    beginner: r.beginner,
    returning: r.returning,
    ...(r.runDaysPerWeek === undefined ? {} : { runDaysPerWeek: r.runDaysPerWeek }),
  }));

describe("generatePlan properties", () => {
  it("never lets a week rise more than the guide above the highest of the four weeks before it", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(rampBreaks(generatePlan(input))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("puts a lighter week after at most three rises (two for beginners and returning runners)", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = generatePlan(input);
        const maxRises = input.beginner || input.returning ? 2 : 3;
        let rises = 0;
        let run = 0;
        let prev = p.baseline_weekly_m;
        for (const w of p.weeks) {
          if (w.lighter) {
            rises = 0;
            run = 0;
          } else {
            run += 1;
            if (training(w) > prev) rises += 1;
            // A plateau week just before a taper may stretch a block by one week, never more.
            expect(run).toBeLessThanOrEqual(maxRises + 1);
            expect(rises).toBeLessThanOrEqual(maxRises);
          }
          prev = training(w);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("makes each lighter week 70-80% of the building level before it", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = generatePlan(onMonday(input));
        let level = p.baseline_weekly_m;
        for (const w of p.weeks) {
          if (w.phase === "lighter") {
            expect(w.distance_m).toBeGreaterThanOrEqual(0.7 * level);
            expect(w.distance_m).toBeLessThanOrEqual(0.8 * level);
          } else if (!w.lighter) level = training(w);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reaches the goal volume unless it warns that the goal is out of reach, and warns only then", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = generatePlan(input);
        const peak = Math.max(p.baseline_weekly_m, ...p.weeks.map(training));
        const codes = p.warnings.map((w) => w.code);
        const unreachable =
          codes.includes("GOAL_UNREACHABLE") || codes.includes("GOAL_BEYOND_HORIZON");
        expect(unreachable).toBe(peak < p.target_weekly_m);
        if (input.goal.kind === "weekly" && !unreachable)
          expect(
            p.weeks.some(
              (w) =>
                w.distance_m === Math.round(input.goal.kind === "weekly" ? input.goal.weeklyM : 0),
            ),
          ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("reaches a goal that lies within one ramp step in the very first week", () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 100 }), (input, share) => {
        const baseline = input.currentWeeklyM ?? 0;
        const pct = input.beginner || input.returning ? 5 : 10;
        const target =
          baseline + Math.floor(((limitAbove(baseline, pct) - baseline) * share) / 100);
        const goal =
          input.goal.kind === "weekly" ? { kind: "weekly" as const, weeklyM: target } : input.goal;
        const p = generatePlan({ ...onMonday(input), goal });
        if (goal.kind === "weekly") expect(p.weeks[0]?.distance_m).toBe(target);
        else if (
          p.target_weekly_m <= limitAbove(baseline, pct) &&
          p.weeks.length > (goal.distanceM >= 15_000 && p.weeks.length >= 4 ? 2 : 1)
        )
          expect(p.warnings.map((w) => w.code)).not.toContain("GOAL_UNREACHABLE");
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the long run within 30% of the week with four or more runs and 35% with three, half the week in race plans", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = generatePlan(onMonday(input));
        const share = input.goal.kind === "event" ? RACE_LONG_RUN_SHARE : longRunShareFor(p.settings.runDaysPerWeek);
        for (const w of p.weeks) {
          const longs = w.sessions.filter((x) => x.kind === "long");
          for (const s of longs) {
            expect(s.distance_m ?? 0).toBeLessThanOrEqual(share * training(w));
            // ... and no other run of the week is longer than it.
            for (const o of w.sessions.filter((x) => x.kind === "easy" || x.kind === "quality"))
              expect(o.distance_m ?? 0).toBeLessThanOrEqual(s.distance_m ?? 0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("gives every running and training session a warm-up and a cool-down", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const w of renderPlan(generatePlan(input), "km").weeks)
          for (const s of w.sessions.filter((x) => x.kind !== "rest")) {
            expect(s.description).toMatch(/warm-up/i);
            expect(s.description).toMatch(/cool-down/i);
          }
      }),
      { numRuns: 200 },
    );
  });

  it("lays out Monday-to-Sunday weeks from the start day on, with a rest day, whose running adds up to the week total", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const p = generatePlan(input);
        expect(p.weeks[0]?.start).toBe(weekStartOf(input.start));
        const firstDay = weekdayIndex(input.start);
        p.weeks.forEach((w, i) => {
          expect(w.start).toBe(addDays(weekStartOf(input.start), 7 * i));
          const days = new Set(w.sessions.map((s) => daysBetween(w.start, s.date)));
          // Nothing in the days before the start: they are past when the plan is made.
          const from = i === 0 ? firstDay : 0;
          expect([...days].sort()).toEqual([0, 1, 2, 3, 4, 5, 6].filter((d) => d >= from));
          if (from === 0) expect(w.sessions.some((s) => s.kind === "rest")).toBe(true);
          const running = w.sessions.filter((s) => isRunningKind(s.kind));
          expect(running.reduce((a, s) => a + (s.distance_m ?? 0), 0)).toBe(w.distance_m);
          for (const s of running) {
            expect(Number.isInteger(s.distance_m)).toBe(true);
            expect(s.distance_m ?? 0).toBeGreaterThan(0);
          }
          expect(renderTexts(w.reason, "km").length).toBeGreaterThan(20);
        });
        expect(p.weeks.length).toBeLessThanOrEqual(
          input.goal.kind === "weekly" ? MAX_PLAN_WEEKS : 60,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("ends an event plan with the race on its date, after a rest day, and nothing after it but rest", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const goal = input.goal;
        if (goal.kind !== "event") return;
        const p = generatePlan(input);
        const all = p.weeks.flatMap((w) => w.sessions);
        const races = all.filter((s) => s.kind === "race");
        expect(races).toHaveLength(1);
        expect(races[0]?.date).toBe(goal.date);
        expect(races[0]?.distance_m).toBe(goal.distanceM);
        const eve = addDays(goal.date, -1);
        if (daysBetween(input.start, eve) >= 0)
          expect(all.filter((s) => s.date === eve).map((s) => s.kind)).toEqual(["rest"]);
        for (const s of all.filter((x) => x.date > goal.date)) expect(s.kind).toBe("rest");
        expect(p.weeks.at(-1)?.phase).toBe("race");
      }),
      { numRuns: 200 },
    );
  });
});

describe("generatePlan examples", () => {
  it("builds 10% a week from 20 km with a lighter fourth week, then holds at a 30 km goal", () => {
    const p = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 20_000,
      goal: { kind: "weekly", weeklyM: 30_000 },
      beginner: false,
      returning: false,
    });
    expect(p.weeks[0]?.start).toBe("2025-03-03");
    expect(p.weeks.map((w) => w.distance_m)).toEqual([
      22_000, 24_200, 26_600, 19_900, 29_200, 30_000, 30_000, 22_500,
    ]);
    expect(p.weeks.map((w) => w.lighter)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(renderTexts(p.weeks[3]?.reason ?? [], "km")).toMatch(/lighter week/i);
    expect(p.warnings).toEqual([]);
  });

  it("rises by at most 5% a week and eases off every third week for a beginner", () => {
    const p = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 10_000,
      goal: { kind: "weekly", weeklyM: 12_000 },
      beginner: true,
      returning: false,
    });
    expect(p.weeks.slice(0, 4).map((w) => w.distance_m)).toEqual([10_500, 11_000, 8_200, 11_500]);
    expect(p.settings.runDaysPerWeek).toBe(3);
    expect(p.weeks.flatMap((w) => w.sessions).some((s) => s.kind === "quality")).toBe(false);
  });

  it("holds one faster session in building weeks only, for a runner who is neither beginner nor returning", () => {
    const p = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 30_000,
      goal: { kind: "weekly", weeklyM: 45_000 },
      beginner: false,
      returning: false,
    });
    for (const w of p.weeks) {
      const quality = w.sessions.filter((s) => s.kind === "quality");
      expect(quality).toHaveLength(w.lighter ? 0 : 1);
    }
  });

  it("warns, and keeps to the ramp, when a marathon four weeks away is out of reach", () => {
    const p = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 15_000,
      goal: { kind: "event", date: "2025-03-30", distanceM: 42_195 },
      beginner: false,
      returning: false,
    });
    expect(p.warnings.map((w) => w.code)).toContain("GOAL_UNREACHABLE");
    expect(renderPlan(p, "km").warnings[0]?.message).toMatch(/42\.2 km race/);
    expect(rampBreaks(p)).toEqual([]);
    expect(p.weeks.map((w) => w.phase)).toEqual(["build", "build", "taper", "race"]);
  });

  it("tapers over two weeks before a half marathon and over one week before a 10 km race", () => {
    const half = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 30_000,
      goal: { kind: "event", date: "2025-05-18", distanceM: 21_097 },
      beginner: false,
      returning: false,
    });
    expect(half.weeks.slice(-3).map((w) => w.phase)).toEqual(["hold", "taper", "race"]);
    expect(half.warnings).toEqual([]);
    const ten = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 20_000,
      goal: { kind: "event", date: "2025-04-13", distanceM: 10_000 },
      beginner: false,
      returning: false,
    });
    expect(ten.weeks.slice(-2).map((w) => w.phase)).not.toContain("taper");
    expect(ten.weeks.at(-1)?.phase).toBe("race");
    expect(Math.max(...ten.weeks.map((w) => w.distance_m))).toBeGreaterThanOrEqual(
      ten.target_weekly_m,
    );
  });

  it("rests the Sunday before a Monday race", () => {
    const p = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 20_000,
      goal: { kind: "event", date: "2025-04-07", distanceM: 10_000 },
      beginner: false,
      returning: false,
    });
    expect(weekdayIndex("2025-04-07")).toBe(0);
    const sunday = p.weeks.flatMap((w) => w.sessions).filter((s) => s.date === "2025-04-06");
    expect(sunday.map((s) => s.kind)).toEqual(["rest"]);
    expect(rampBreaks(p)).toEqual([]);
  });

  it("names the chosen exercise programme in the strength sessions", () => {
    const p = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 20_000,
      goal: { kind: "weekly", weeklyM: 25_000 },
      beginner: false,
      returning: true,
      strengthProgramme: "patellofemoral-pain",
    });
    const strength = renderPlan(p, "km").weeks.flatMap((w) => w.sessions).filter((s) => s.kind === "strength");
    expect(strength.length).toBe(p.weeks.length);
    for (const s of strength) {
      expect(s.programme).toBe("patellofemoral-pain");
      expect(s.description).toContain("patellofemoral-pain");
    }
    expect(p.weeks.every((w) => w.sessions.some((s) => s.kind === "cross"))).toBe(true);
  });

  it("settles at the goal and says so when the runner already runs more", () => {
    const p = generatePlan({
      start: "2025-03-03",
      currentWeeklyM: 50_000,
      goal: { kind: "weekly", weeklyM: 40_000 },
      beginner: false,
      returning: false,
    });
    expect(p.weeks[0]?.distance_m).toBe(40_000);
    expect(p.warnings.map((w) => w.code)).toEqual(["ABOVE_GOAL_ALREADY"]);
  });

  it("reads the current weekly distance from the last four weeks of history when none is given", () => {
    const history = {
      weeks: [
        { start: "2025-01-27", distanceM: 99_000 },
        { start: "2025-02-03", distanceM: 10_000 },
        { start: "2025-02-10", distanceM: 12_000 },
        { start: "2025-02-17", distanceM: 14_000 },
        { start: "2025-02-24", distanceM: 16_000 },
        { start: "2025-03-03", distanceM: 50_000 },
      ],
    };
    expect(baselineFromHistory(history, "2025-03-03")).toBe(13_000);
    const p = generatePlan({
      start: "2025-03-03",
      goal: { kind: "weekly", weeklyM: 20_000 },
      beginner: false,
      returning: false,
      history,
    });
    expect(p.baseline_weekly_m).toBe(13_000);
    expect(p.weeks[0]?.distance_m).toBe(14_300);
  });

  it("rejects impossible inputs with stable codes", () => {
    const base = { start: "2025-03-03", currentWeeklyM: 20_000, beginner: false, returning: false };
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isDomainError(e) ? e.code : "not a DomainError";
      }
      return "no error";
    };
    expect(
      code(() =>
        generatePlan({ ...base, start: "2025-02-30", goal: { kind: "weekly", weeklyM: 1 } }),
      ),
    ).toBe("PLAN_BAD_DATE");
    expect(code(() => generatePlan({ ...base, goal: { kind: "weekly", weeklyM: -5 } }))).toBe(
      "PLAN_BAD_GOAL",
    );
    expect(
      code(() =>
        generatePlan({ ...base, goal: { kind: "event", date: "2025-03-01", distanceM: 5000 } }),
      ),
    ).toBe("PLAN_EVENT_BEFORE_START");
    expect(
      code(() =>
        generatePlan({ ...base, goal: { kind: "event", date: "2030-03-01", distanceM: 5000 } }),
      ),
    ).toBe("PLAN_EVENT_TOO_FAR");
    expect(
      code(() =>
        generatePlan({ ...base, currentWeeklyM: 300, goal: { kind: "weekly", weeklyM: 5000 } }),
      ),
    ).toBe("PLAN_BASELINE_TOO_LOW");
    expect(
      code(() =>
        generatePlan({ ...base, runDaysPerWeek: 7, goal: { kind: "weekly", weeklyM: 5000 } }),
      ),
    ).toBe("PLAN_BAD_RUN_DAYS");
    const { currentWeeklyM: _omit, ...noBaseline } = base;
    expect(
      code(() => generatePlan({ ...noBaseline, goal: { kind: "weekly", weeklyM: 5000 } })),
    ).toBe("PLAN_NO_BASELINE");
  });
});
