/**
 * Race plans build the long run towards the race within the spike rule, ease off every third or
 * fourth week, taper before the race and start on the day asked, never before (issue 17).
 */
import { describe, expect, it } from "vitest";
import { renderText } from "./plan-text.js";
import { longestBefore } from "../training/load-rules.js";
import { addDays, dayNumber, daysBetween, weekdayIndex } from "./dates.js";
import { generatePlan } from "./generate-plan.js";
import { guardOnPlan, historyBefore } from "./plan-guard.test-helpers.js";
import type { Runner } from "./plan-guard.test-helpers.js";
import type { Plan, PlanWeek } from "./types.js";
import { isRunningKind } from "./types.js";

const TODAY = "2027-01-06"; // a Wednesday

function racePlan(runner: Runner, distanceM: number, weeks: number, start = TODAY) {
  const history = historyBefore(runner, start);
  // A Sunday race `weeks` weeks after the start week.
  const date = addDays(start, 7 * weeks + 6 - weekdayIndex(start));
  const plan = generatePlan({
    start,
    recentRuns: history,
    currentWeeklyM: runner.weeklyM,
    goal: { kind: "event", date, distanceM },
    beginner: runner.experience === "beginner",
    returning: runner.experience === "returning",
  });
  return { plan, history, date };
}

const longOf = (w: PlanWeek) => Math.max(0, ...w.sessions.filter((s) => s.kind === "long").map((s) => s.distance_m ?? 0));
const longestTraining = (p: Plan) =>
  Math.max(...p.weeks.flatMap((w) => w.sessions.filter((s) => isRunningKind(s.kind) && s.kind !== "race").map((s) => s.distance_m ?? 0)));

/** Every run of the plan against the longest of the 30 days before it, history included. */
function spikeSteps(plan: Plan, history: readonly { date: string; distanceM: number }[]): string[] {
  const runs = history.map((r) => ({ day: dayNumber(r.date), distanceM: r.distanceM }));
  const problems: string[] = [];
  for (const s of plan.weeks.flatMap((w) => w.sessions)) {
    if (!isRunningKind(s.kind) || s.kind === "race" || !s.distance_m) continue;
    const day = dayNumber(s.date);
    const before = longestBefore(runs, day);
    if (before > 0 && s.distance_m * 100 > before * 110) problems.push(`${s.date}: ${s.distance_m} after ${before}`);
    runs.push({ day, distanceM: s.distance_m });
  }
  return problems;
}

const RACES: { name: string; distanceM: number; runner: Runner; weeks: number; longest: [number, number]; tapers: number }[] = [
  { name: "5 km", distanceM: 5_000, runner: { weeklyM: 15_000, longestM: 4_000, experience: "beginner" }, weeks: 10, longest: [5_000, 8_000], tapers: 0 },
  { name: "10 km", distanceM: 10_000, runner: { weeklyM: 20_000, longestM: 6_000, experience: "regular" }, weeks: 12, longest: [10_000, 13_000], tapers: 0 },
  { name: "half marathon", distanceM: 21_097, runner: { weeklyM: 40_000, longestM: 12_000, experience: "regular" }, weeks: 20, longest: [16_000, 19_000], tapers: 1 },
  { name: "half marathon, returning runner", distanceM: 21_097, runner: { weeklyM: 25_000, longestM: 8_000, experience: "returning" }, weeks: 20, longest: [16_000, 19_000], tapers: 1 },
  { name: "marathon", distanceM: 42_195, runner: { weeklyM: 45_000, longestM: 16_000, experience: "regular" }, weeks: 20, longest: [29_000, 32_000], tapers: 2 },
  { name: "custom 30 km", distanceM: 30_000, runner: { weeklyM: 35_000, longestM: 12_000, experience: "regular" }, weeks: 16, longest: [21_000, 26_000], tapers: 2 },
];

describe("race plans", () => {
  for (const r of RACES)
    it(`build the long run for a ${r.name} to ${r.longest[0] / 1000}-${r.longest[1] / 1000} km in steps within the spike rule, then taper`, () => {
      const { plan, history, date } = racePlan(r.runner, r.distanceM, r.weeks);
      const longest = longestTraining(plan);
      expect(longest).toBeGreaterThanOrEqual(r.longest[0]);
      expect(longest).toBeLessThanOrEqual(r.longest[1]);
      expect(spikeSteps(plan, history)).toEqual([]);
      expect(plan.warnings).toEqual([]);
      // Taper: the weeks before the race week, each lighter than the one before, below the peak.
      const phases = plan.weeks.map((w) => w.phase);
      expect(phases.at(-1)).toBe("race");
      expect(phases.filter((p) => p === "taper")).toHaveLength(r.tapers);
      expect(phases.slice(-1 - r.tapers, -1).every((p) => p === "taper")).toBe(true);
      expect(phases.at(-2 - r.tapers)).not.toBe("taper");
      const peak = Math.max(...plan.weeks.map((w) => w.distance_m - (w.phase === "race" ? r.distanceM : 0)));
      const tail = plan.weeks.slice(-1 - r.tapers).map((w) => w.distance_m - (w.phase === "race" ? r.distanceM : 0));
      for (let i = 0; i < tail.length; i++) expect(tail[i]).toBeLessThan(i === 0 ? peak : (tail[i - 1] ?? 0));
      // It starts today, not on the Monday already past, and ends with the race on its date.
      const sessions = plan.weeks.flatMap((w) => w.sessions);
      expect(sessions[0]?.date).toBe(TODAY);
      expect(sessions.some((s) => daysBetween(TODAY, s.date) < 0)).toBe(false);
      expect(sessions.filter((s) => s.kind === "race").map((s) => s.date)).toEqual([date]);
      expect(guardOnPlan(plan, history, TODAY, r.runner.experience)).toMatchObject({ spikes: [], weekly: [] });
    });

  it("eases off every fourth week (every third for beginners and returning runners) while building", () => {
    for (const r of RACES) {
      const { plan } = racePlan(r.runner, r.distanceM, r.weeks);
      const cycle = r.runner.experience === "regular" ? 4 : 3;
      const building = plan.weeks.filter((w) => w.phase !== "taper" && w.phase !== "race");
      let since = 0;
      for (const w of building.slice(0, -1)) {
        since = w.phase === "lighter" ? 0 : since + 1;
        expect(since).toBeLessThan(cycle);
      }
      const lighter = building.filter((w) => w.phase === "lighter");
      expect(lighter.length).toBeGreaterThanOrEqual(Math.floor((building.length - 1) / cycle));
      // A lighter week eases the long run too, and the next one may go 10% past the one before it.
      for (const w of lighter) {
        const i = plan.weeks.indexOf(w);
        const before = plan.weeks[i - 1];
        if (before && before.phase !== "lighter") expect(longOf(w)).toBeLessThan(longOf(before));
      }
    }
  });

  it("moves the half-marathon long run of a 40 km/week runner past 12 km from the first week (it used to stay at 12 km for 21 weeks)", () => {
    const { plan } = racePlan({ weeklyM: 40_000, longestM: 12_000, experience: "regular" }, 21_097, 21);
    const longs = plan.weeks.map(longOf);
    expect(longs[0]).toBeGreaterThan(12_000);
    expect(longs.findIndex((m) => m >= 16_000)).toBeLessThanOrEqual(5);
    expect(longs.filter((m) => m === 12_000)).toHaveLength(0);
  });

  it("starts next Monday when asked, with nothing before it", () => {
    const { plan } = racePlan({ weeklyM: 30_000, longestM: 10_000, experience: "regular" }, 10_000, 8, "2027-01-11");
    expect(plan.weeks[0]?.start).toBe("2027-01-11");
    expect(plan.weeks[0]?.sessions.map((s) => s.date)[0]).toBe("2027-01-11");
    expect(new Set(plan.weeks[0]?.sessions.map((s) => s.date)).size).toBe(7);
  });

  it("says first when the race is too close, and offers the nearest safe date and a shorter race", () => {
    const { plan, date } = racePlan({ weeklyM: 30_000, longestM: 10_000, experience: "regular" }, 42_195, 7);
    const first = plan.warnings[0];
    expect(first?.code).toBe("EVENT_TOO_CLOSE");
    expect(first?.safe_date && daysBetween(date, first.safe_date) % 7).toBe(0);
    expect(first?.shorter_distance_m).toBe(21_097);
    expect(renderText(first!.text, "km")).toContain(`a race on ${first?.safe_date} or later`);
    // The offers hold: the safe date reaches the long run, a week earlier does not.
    const later = (d: string) =>
      generatePlan({ start: TODAY, recentRuns: historyBefore({ weeklyM: 30_000, longestM: 10_000, experience: "regular" }, TODAY), currentWeeklyM: 30_000, goal: { kind: "event", date: d, distanceM: 42_195 }, beginner: false, returning: false });
    const safe = first?.safe_date ?? "";
    expect(later(safe).warnings.map((w) => w.code)).not.toContain("EVENT_TOO_CLOSE");
    expect(later(addDays(safe, -7)).warnings.map((w) => w.code)).toContain("EVENT_TOO_CLOSE");
    const shorter = racePlan({ weeklyM: 30_000, longestM: 10_000, experience: "regular" }, 21_097, 7).plan;
    expect(shorter.warnings.map((w) => w.code)).not.toContain("EVENT_TOO_CLOSE");
  });
});

describe("the reported bug: a plan going 53.2 -> 39.9 -> 58.5 km", () => {
  it("comes back after a cut-back week within the spike rule, and the guard says nothing", () => {
    // Weeks of 53.2 km (long run 15.9 km), then a cut-back week of 39.9 km: the next week may hold
    // 58.5 km (10% over the highest of the four weeks before), but its long run no more than
    // 17.49 km, 10% past the 15.9 km of the last 30 days (17.5 km was the spike).
    const start = "2027-01-04";
    const history = [
      ...[4, 3, 2].flatMap((k) => {
        const monday = addDays(start, -7 * k);
        return [0, 1, 3, 5].map((d) => ({ date: addDays(monday, d), distanceM: 9_325 })).concat([{ date: addDays(monday, 6), distanceM: 15_900 }]);
      }),
      ...[0, 1, 3, 5].map((d) => ({ date: addDays(start, d - 7), distanceM: 7_000 })).concat([{ date: addDays(start, -1), distanceM: 11_900 }]),
    ];
    const plan = generatePlan({ start, recentRuns: history, goal: { kind: "weekly", weeklyM: 60_000 }, beginner: false, returning: false });
    const first = plan.weeks[0];
    expect(first?.distance_m).toBe(58_500);
    expect(longOf(first as PlanWeek)).toBeLessThanOrEqual(17_490);
    expect(guardOnPlan(plan, history, start, "regular")).toMatchObject({ spikes: [], weekly: [] });
  });
});
