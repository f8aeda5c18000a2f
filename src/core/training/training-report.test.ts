import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DomainError } from "../errors.js";
import { NOT_ENOUGH_HISTORY } from "./acwr.js";
import { activity, addDays, checkin, runOn, shoe } from "./factories.test-helpers.js";
import { buildTrainingReport } from "./training-report.js";
import type { TrainingReportInput } from "./training-report.js";
import { ARTICLE_SLUGS, SURFACES, WARNING_CODES } from "./types.js";
import type { Shoe, TrainingActivity } from "./types.js";

const regular = { experience: "regular" as const };

function report(
  activities: TrainingActivity[],
  asOf: string,
  extra: Partial<TrainingReportInput> = {},
) {
  return buildTrainingReport({
    activities,
    shoes: [],
    checkins: [],
    profile: regular,
    asOf,
    weeks: 12,
    ...extra,
  });
}

/** Four runs a week of `km[i] / 4` km, on Mon/Wed/Fri/Sun of consecutive weeks from `monday`. */
function weeksOfRunning(
  monday: string,
  km: number[],
  overrides: Partial<TrainingActivity> = {},
): TrainingActivity[] {
  return km.flatMap((k, w) =>
    [0, 2, 4, 6].map((d) => runOn(addDays(monday, 7 * w + d), k / 4, overrides)),
  );
}

describe("the training report", () => {
  it("lists weekly volume with changes and flags a weekly ramp with a cap (hand-computed)", () => {
    const acts = weeksOfRunning("2024-04-01", [20, 20, 20, 20, 24]);
    const r = report(acts, "2024-05-05");
    expect(r.weeks.map((w) => [w.start, w.distance_m, w.runs, w.change_pct])).toEqual([
      ["2024-04-01", 20_000, 4, null],
      ["2024-04-08", 20_000, 4, 0],
      ["2024-04-15", 20_000, 4, 0],
      ["2024-04-22", 20_000, 4, 0],
      ["2024-04-29", 24_000, 4, 20],
    ]);
    const last = r.weeks[4];
    expect(last?.duration_s).toBe(24 * 360);
    expect(last?.longest_m).toBe(6000);
    // The 6 km runs are also 20% longer than the 5 km longest of the 30 days before.
    expect(last?.warnings.map((w) => w.code)).toEqual(["RUN_SPIKE", "RAMP_WEEKLY"]);
    const ramp = r.warnings.find((w) => w.code === "RAMP_WEEKLY");
    expect(ramp).toMatchObject({ week: "2024-04-29", article: "ten-percent-rule" });
    expect(ramp?.data).toMatchObject({
      distance_m: 24_000,
      baseline_weeks: 4,
      baseline_highest_m: 20_000,
      baseline_average_m: 20_000,
      distance_change_pct: 20,
      cap_distance_m: 24_000,
      threshold_pct: 10,
    });
    expect(ramp?.message).toContain("24.0 km is 20% above the highest of the 4 weeks before (20.0 km)");
    expect(ramp?.message).toMatch(/cautious guide, not a proven safe limit/);
    expect(last).toMatchObject({
      baseline_weeks: 4,
      baseline_average_m: 20_000,
      baseline_highest_m: 20_000,
      change_vs_average_pct: 20,
      change_vs_highest_pct: 20,
      guide_limit_m: 22_000,
    });
    // The spike leads the current picture; the weekly change comes once.
    expect(r.warnings.map((w) => w.code)).toEqual(["RUN_SPIKE", "RAMP_WEEKLY", "NO_VARIETY"]);
  });

  it("gives no weekly warning after a cut-back week: 40-40-40-40-30-40 km", () => {
    const acts = weeksOfRunning("2024-04-01", [40, 40, 40, 40, 30, 40]);
    const r = report(acts, "2024-05-12");
    expect(r.weeks.map((w) => w.change_pct)).toEqual([null, 0, 0, 0, -25, 33.3]);
    expect(r.weeks.flatMap((w) => w.warnings)).toEqual([]);
    expect(r.warnings.map((w) => w.code)).not.toContain("RAMP_WEEKLY");
    expect(r.weeks.at(-1)).toMatchObject({
      baseline_average_m: 37_500,
      baseline_highest_m: 40_000,
      change_vs_highest_pct: 0,
      change_vs_average_pct: 6.7,
      guide_limit_m: 44_000,
    });
  });

  it("raises one weekly message when both of the last two weeks rose", () => {
    // 20 -> 25 (+25%) -> 30 (+20% over 25): each week is flagged on its own row, once.
    const acts = weeksOfRunning("2024-04-01", [20, 25, 30]);
    const r = report(acts, "2024-04-21");
    expect(r.weeks.map((w) => w.warnings.filter((x) => x.code === "RAMP_WEEKLY").length)).toEqual([0, 1, 1]);
    const current = r.warnings.filter((w) => w.code === "RAMP_WEEKLY");
    expect(current).toHaveLength(1);
    expect(current[0]?.week).toBe("2024-04-15");
    expect(r.warnings.map((w) => w.code)).not.toContain("RAMP_TWO_WEEK");
  });

  it("uses the 5% guide for a runner returning after injury", () => {
    const acts = weeksOfRunning("2024-04-01", [20, 21.2]);
    expect(report(acts, "2024-04-14").warnings.map((w) => w.code)).toEqual([]);
    const returning = report(acts, "2024-04-14", { profile: { experience: "returning" } });
    expect(returning.warnings.map((w) => w.code)).toEqual(["RAMP_WEEKLY"]);
  });

  it("counts only activities up to asOf", () => {
    const acts = weeksOfRunning("2024-04-01", [20, 20]);
    const r = report([...acts, runOn("2024-04-15", 30)], "2024-04-14");
    expect(r.weeks).toHaveLength(2);
    expect(r.spikes).toEqual([]);
  });

  it("shows only the requested number of weeks, and rejects a bad count", () => {
    const acts = weeksOfRunning("2024-01-01", Array<number>(20).fill(20));
    expect(report(acts, "2024-05-19", { weeks: 6 }).weeks.map((w) => w.start)).toEqual([
      "2024-04-08",
      "2024-04-15",
      "2024-04-22",
      "2024-04-29",
      "2024-05-06",
      "2024-05-13",
    ]);
    expect(() => report(acts, "2024-05-19", { weeks: 0 })).toThrow(DomainError);
  });

  it("withholds the ratio for a new runner and shows it once three weeks are covered", () => {
    const acts = weeksOfRunning("2024-04-01", [20, 20, 20, 20]);
    const early = report(acts, "2024-04-19");
    expect(early.acwr).toMatchObject({
      rolling: null,
      ewma: null,
      zone: null,
      withheld: NOT_ENOUGH_HISTORY,
      covered_days: 19,
    });
    const later = report(acts, "2024-04-28");
    expect(later.acwr.withheld).toBeNull();
    expect(later.acwr.covered_days).toBe(28);
    expect(later.acwr.rolling).toBe(1);
    expect(later.acwr.zone).toBe("ok");
    expect(later.acwr.series.at(-1)).toMatchObject({ date: "2024-04-28", rolling: 1, zone: "ok" });
    expect(later.acwr.series[0]).toMatchObject({ date: "2024-04-01", rolling: null });
  });

  it("describes a heavy last week by its ratio without an acute:chronic warning of its own", () => {
    const acts = weeksOfRunning("2024-04-01", [20, 20, 20, 36]);
    const r = report(acts, "2024-04-28");
    // Acute 36 km over a 20 km chronic week: 1.8, named by its band but never an alarm.
    expect(r.acwr.rolling).toBe(1.8);
    expect(r.acwr.zone).toBe("very_high");
    expect(r.warnings.map((w) => w.code)).not.toContain("ACWR_HIGH");
    // The jump itself is still said, once, by the weekly rule (36 km over a highest of 20 km).
    expect(r.warnings.filter((w) => w.code === "RAMP_WEEKLY")).toHaveLength(1);
  });

  it("computes session-RPE load only when most sessions carry an RPE", () => {
    const withRpe = weeksOfRunning("2024-04-01", [20, 20, 20, 20], { perceivedExertion: 5 });
    const r = report(withRpe, "2024-04-28");
    // 4 runs of 30 min at RPE 5 a week = 600.
    expect(r.acwr.by_load.srpe?.rolling.acute).toBe(600);
    expect(r.acwr.by_load.srpe?.rolling.ratio).toBe(1);
    expect(
      report(weeksOfRunning("2024-04-01", [20, 20, 20, 20]), "2024-04-28").acwr.by_load.srpe,
    ).toBeNull();
  });

  it("lists single-run spikes with their date and the previous longest", () => {
    const acts = [...weeksOfRunning("2024-04-01", [20, 20]), runOn("2024-04-16", 9)];
    const r = report(acts, "2024-04-21");
    expect(r.spikes).toEqual([
      {
        date: "2024-04-16",
        activity_id: acts[8]?.id,
        distance_m: 9000,
        previous_longest_m: 5000,
        increase_pct: 80,
        band: "30-100",
        hazard_ratio: 1.52,
      },
    ]);
    expect(r.weeks.at(-1)?.warnings.map((w) => w.code)).toContain("RUN_SPIKE");
    expect(r.warnings[0]?.code).toBe("RUN_SPIKE");
  });

  it("grades a 22 km run after a 30-day longest of 18 km in the 10-30% band, with the forward limit", () => {
    // 18 km on 2 May, shorter runs since, 22 km on 20 May: +22.2%.
    const acts = [
      runOn("2024-05-02", 18),
      runOn("2024-05-06", 8),
      runOn("2024-05-09", 10),
      runOn("2024-05-13", 8),
      runOn("2024-05-16", 12),
      runOn("2024-05-20", 22),
    ];
    const r = report(acts, "2024-05-21");
    expect(r.spikes).toEqual([
      expect.objectContaining({
        date: "2024-05-20",
        distance_m: 22_000,
        previous_longest_m: 18_000,
        increase_pct: 22.2,
        band: "10-30",
        hazard_ratio: 1.64,
      }),
    ]);
    const spike = r.warnings[0];
    expect(spike?.code).toBe("RUN_SPIKE");
    expect(spike?.data).toMatchObject({ band: "10-30", hazard_ratio: 1.64, spikes_14d: 1, limit_m: 24_200 });
    expect(spike?.message).toContain("hazard ratio 1.64");
    // After the 22 km run, it is the longest of the last 30 days: 22 km + 10% = 24.2 km.
    expect(r.run_limit).toEqual({
      longest_m: 22_000,
      longest_date: "2024-05-20",
      limit_m: 24_200,
      holds_until: "2024-06-19",
      window_days: 30,
      message: "Your longest run in the last 30 days is 22.0 km; keep any run this week under 24.2 km.",
    });
  });

  it("says the forward limit in the runner's units, and when its longest run leaves the window", () => {
    const acts = [runOn("2024-05-02", 18), runOn("2024-05-20", 12)];
    // As of 27 May the 18 km run of 2 May is 25 days old: 18 km -> under 19.8 km, until 1 June
    // (the last day it is within the 30 days before a run), inside the coming 7 days.
    const km = report(acts, "2024-05-27").run_limit;
    expect(km).toMatchObject({ longest_m: 18_000, limit_m: 19_800, holds_until: "2024-06-01" });
    expect(km?.message).toBe(
      "Your longest run in the last 30 days is 18.0 km; keep any run this week under 19.8 km. " +
        "After 2024-06-01 that run is more than 30 days old, and the limit follows your longest run since.",
    );
    // 18 km = 11.18 mi; 19.8 km = 12.30 mi.
    const mi = report(acts, "2024-05-27", { profile: { experience: "regular", units: "mi" } }).run_limit;
    expect(mi?.message).toMatch(/^Your longest run in the last 30 days is 11\.2 mi; keep any run this week under 12\.3 mi\./);
    // On 26 May it holds through the whole 7 days (26 May - 1 June): no note about it leaving.
    expect(report(acts, "2024-05-26").run_limit?.message).toBe(
      "Your longest run in the last 30 days is 18.0 km; keep any run this week under 19.8 km.",
    );
    // On 2 June the 18 km run is 31 days old: the 12 km run leads.
    expect(report(acts, "2024-06-02").run_limit).toMatchObject({ longest_m: 12_000, limit_m: 13_200 });
    // Nothing in the last 30 days: no limit to give.
    expect(report(acts, "2024-07-01").run_limit).toBeNull();
  });

  it("puts one spike message in the current picture, the latest, counting the others", () => {
    const acts = [runOn("2024-05-01", 10), runOn("2024-05-10", 12), runOn("2024-05-14", 14)];
    const r = report(acts, "2024-05-15");
    expect(r.spikes.map((x) => [x.date, x.band])).toEqual([
      ["2024-05-10", "10-30"],
      ["2024-05-14", "10-30"],
    ]);
    const current = r.warnings.filter((w) => w.code === "RUN_SPIKE");
    expect(current).toHaveLength(1);
    expect(current[0]?.data).toMatchObject({ date: "2024-05-14", spikes_14d: 2, limit_m: 15_400 });
    expect(current[0]?.message).toContain("one of 2 runs in the last 14 days");
  });

  it("splits the runner's weeks correctly in a far time zone and across a clock change", () => {
    const honolulu = report(
      [
        activity({
          id: "sun",
          startUtc: "2024-01-08T06:00:00.000Z",
          utcOffsetMin: -600,
          distanceM: 6000,
        }),
        activity({
          id: "mon",
          startUtc: "2024-01-08T18:00:00.000Z",
          utcOffsetMin: -600,
          distanceM: 8000,
        }),
      ],
      "2024-01-08",
    );
    expect(honolulu.weeks.map((w) => [w.start, w.distance_m])).toEqual([
      ["2024-01-01", 6000],
      ["2024-01-08", 8000],
    ]);
    const paris = report(
      [
        activity({
          id: "a",
          startUtc: "2024-03-30T23:30:00.000Z",
          utcOffsetMin: 60,
          distanceM: 5000,
        }),
        activity({
          id: "c",
          startUtc: "2024-03-31T22:30:00.000Z",
          utcOffsetMin: 120,
          distanceM: 9000,
        }),
      ],
      "2024-04-01",
    );
    expect(paris.weeks.map((w) => [w.start, w.distance_m])).toEqual([
      ["2024-03-25", 5000],
      ["2024-04-01", 9000],
    ]);
  });

  it("reports shoes with their limits, forecast and a replace warning", () => {
    const acts = weeksOfRunning("2024-04-01", [20, 20, 20, 20], { shoeId: "old" });
    const shoes: Shoe[] = [
      shoe({ id: "old", name: "Old Faithful", distanceBeforeM: 600_000, startDate: "2023-01-01" }),
      shoe({
        id: "gone",
        name: "Retired Racer",
        distanceBeforeM: 800_000,
        retiredOn: "2024-01-01",
      }),
    ];
    const r = report(acts, "2024-04-28", { shoes });
    expect(r.shoes[0]).toMatchObject({
      id: "old",
      distance_m: 680_000,
      limit_m: 700_000,
      status: "replace_soon",
      retired: false,
      runs_28d: 16,
      share_28d: 1,
    });
    // 80 km in the last 56 days, 20 km left before 700 km: 14 days at that pace.
    expect(r.shoes[0]?.forecast_date).toBe(
      addDays("2024-04-28", Math.ceil(20_000 / (80_000 / 56))),
    );
    expect(r.shoes[1]).toMatchObject({
      id: "gone",
      status: "replace",
      retired: true,
      forecast_date: null,
    });
    const codes = r.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === "SHOE_REPLACE")).toHaveLength(1);
    expect(codes).toContain("SHOE_ROTATE");
  });

  it("raises the overtraining warning from persistent check-ins", () => {
    const tired = { fatigue: 3, sleep: 3, performance_drop: 2 };
    const r = report(weeksOfRunning("2024-04-01", [20, 20]), "2024-04-14", {
      checkins: [checkin("2024-04-05", tired), checkin("2024-04-12", tired)],
    });
    expect(r.checkins.persistent).toBe(true);
    expect(r.warnings[0]?.code).toBe("OVERTRAINING_SIGNS");
  });

  it("writes distances in miles when the runner prefers them", () => {
    const acts = weeksOfRunning("2024-04-01", [20, 30]);
    const r = report(acts, "2024-04-14", { profile: { experience: "regular", units: "mi" } });
    // 30 km = 18.6 mi, against a highest week of 20 km = 12.4 mi.
    expect(r.warnings.find((w) => w.code === "RAMP_WEEKLY")?.message).toContain(
      "18.6 mi is 50% above the highest of the week before (12.4 mi)",
    );
  });

  it("starts weeks on the day asked for", () => {
    const r = report(weeksOfRunning("2024-04-01", [20]), "2024-04-07", { weekStart: 0 });
    expect(r.week_start).toBe(0);
    expect(r.weeks.map((w) => w.start)).toEqual(["2024-03-31", "2024-04-07"]);
  });

  it("copes with no history at all", () => {
    const r = report([], "2024-04-07");
    expect(r.weeks).toEqual([]);
    expect(r.acwr.withheld).toBe(NOT_ENOUGH_HISTORY);
    expect(r.acwr.series).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
});

// ---------------------------------------------------------------- properties

const OFFSETS = [-600, 0, 60, 120, 780];
const SPORTS = ["run", "run", "trail_run", "treadmill", "ride", "strength", "walk"] as const;

const arbActivity = fc
  .record({
    day: fc.integer({ min: 0, max: 120 }),
    minute: fc.integer({ min: 0, max: 1439 }),
    offset: fc.constantFrom(...OFFSETS),
    sport: fc.constantFrom(...SPORTS),
    metres: fc.integer({ min: 0, max: 40_000 }),
    seconds: fc.integer({ min: 0, max: 14_400 }),
    rpe: fc.option(fc.integer({ min: 1, max: 10 })),
    shoeId: fc.constantFrom(null, "a", "b"),
    surface: fc.option(fc.constantFrom(...SURFACES)),
    gain: fc.option(fc.integer({ min: 0, max: 1500 })),
  })
  .map((x) =>
    activity({
      startUtc: new Date(
        Date.parse("2024-01-01T00:00:00Z") + (x.day * 1440 + x.minute) * 60_000,
      ).toISOString(),
      utcOffsetMin: x.offset,
      sport: x.sport,
      distanceM: x.metres,
      movingS: x.seconds,
      elapsedS: x.seconds,
      perceivedExertion: x.rpe,
      shoeId: x.shoeId,
      surface: x.surface,
      elevationGainM: x.gain,
      elevationLossM: x.gain,
    }),
  );
const arbHistory = fc.uniqueArray(arbActivity, { maxLength: 60, selector: (a) => a.id });
const arbAsOf = fc.integer({ min: 0, max: 130 }).map((d) => addDays("2024-01-01", d));
const pairs = [shoe({ id: "a", name: "A", distanceBeforeM: 12_345 }), shoe({ id: "b", name: "B" })];

const full = (activities: TrainingActivity[], asOf: string) =>
  buildTrainingReport({
    activities,
    shoes: pairs,
    checkins: [],
    profile: regular,
    asOf,
    weeks: 30,
  });

describe("report properties", () => {
  it("does not depend on the order of the activities", () => {
    fc.assert(
      fc.property(arbHistory, arbAsOf, fc.array(fc.nat()), (acts, asOf, keys) => {
        const shuffled = acts
          .map((a, i) => ({ a, k: keys[i % Math.max(1, keys.length)] ?? 0, i }))
          .sort((x, y) => x.k - y.k || y.i - x.i)
          .map((x) => x.a);
        expect(full(shuffled, asOf)).toEqual(full(acts, asOf));
      }),
      { numRuns: 60 },
    );
  });

  it("gives each shoe its distance before kneewise plus the sum of its activities", () => {
    fc.assert(
      fc.property(arbHistory, (acts) => {
        const r = full(acts, "2024-12-31");
        for (const p of pairs) {
          const sum = acts.filter((a) => a.shoeId === p.id).reduce((s, a) => s + a.distanceM, 0);
          expect(r.shoes.find((s) => s.id === p.id)?.distance_m).toBe(p.distanceBeforeM + sum);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never shows a negative load or ratio", () => {
    fc.assert(
      fc.property(arbHistory, arbAsOf, (acts, asOf) => {
        const r = full(acts, asOf);
        for (const f of [r.acwr.by_load.distance, r.acwr.by_load.duration, r.acwr.by_load.srpe]) {
          if (!f) continue;
          for (const x of [f.rolling.acute, f.rolling.chronic, f.ewma.acute, f.ewma.chronic])
            expect(x).toBeGreaterThanOrEqual(0);
          for (const x of [f.rolling.ratio, f.ewma.ratio])
            if (x !== null) expect(x).toBeGreaterThanOrEqual(0);
        }
        for (const d of r.acwr.series) {
          if (d.rolling !== null) expect(d.rolling).toBeGreaterThanOrEqual(0);
          if (d.ewma !== null) expect(d.ewma).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("never raises the acute load when a rest day passes", () => {
    fc.assert(
      fc.property(arbHistory, arbAsOf, (acts, asOf) => {
        // Nothing may be recorded on the extra day, so leave out whatever would land on it.
        const next = addDays(asOf, 1);
        const localDate = (a: TrainingActivity) =>
          new Date(Date.parse(a.startUtc) + (a.utcOffsetMin ?? 0) * 60_000)
            .toISOString()
            .slice(0, 10);
        const kept = acts.filter((a) => localDate(a) !== next);
        const today = full(kept, asOf).acwr.by_load;
        const tomorrow = full(kept, next).acwr.by_load;
        for (const key of ["distance", "duration"] as const) {
          expect(tomorrow[key].rolling.acute).toBeLessThanOrEqual(today[key].rolling.acute);
          expect(tomorrow[key].ewma.acute).toBeLessThanOrEqual(today[key].ewma.acute);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("keeps the forward limit and the spike rule in agreement: the limit passes, a metre more is a spike", () => {
    const arbRuns = fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 90 }), minute: fc.integer({ min: 0, max: 1439 }), metres: fc.integer({ min: 1, max: 40_000 }) }),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(
      fc.property(arbRuns, fc.integer({ min: 0, max: 100 }), (runs, asOfDay) => {
        const acts = runs.map((x, i) =>
          activity({
            id: `r${i}`,
            startUtc: new Date(Date.parse("2024-01-01T00:00:00Z") + (x.day * 1440 + x.minute) * 60_000).toISOString(),
            utcOffsetMin: 0,
            distanceM: x.metres,
          }),
        );
        const asOf = addDays("2024-01-01", asOfDay);
        const limit = full(acts, asOf).run_limit;
        const next = addDays(asOf, 1);
        // A run at midnight after asOf sees exactly the 30 days ending with asOf.
        const probe = (m: number) =>
          full([...acts, activity({ id: "probe", startUtc: `${next}T00:00:00.000Z`, distanceM: m })], next).spikes.some(
            (x) => x.activity_id === "probe",
          );
        if (limit === null) {
          expect(probe(40_000)).toBe(false);
          return;
        }
        expect(probe(limit.limit_m)).toBe(false);
        expect(probe(limit.limit_m + 1)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it("uses only stable codes and known article slugs", () => {
    fc.assert(
      fc.property(arbHistory, arbAsOf, (acts, asOf) => {
        const r = full(acts, asOf);
        for (const w of [...r.warnings, ...r.weeks.flatMap((x) => x.warnings)]) {
          expect(WARNING_CODES).toContain(w.code);
          expect(ARTICLE_SLUGS).toContain(w.article);
          expect(w.message.length).toBeGreaterThan(20);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("the days the report's sentences name (issue 18)", () => {
  const tired = { fatigue: 3, sleep: 3, performance_drop: 2 };
  const input: Partial<TrainingReportInput> = {
    shoes: [shoe({ id: "old", name: "Old Faithful", distanceBeforeM: 560_000, startDate: "2023-01-01" })],
    checkins: [checkin("2024-04-28", tired), checkin("2024-05-05", tired)],
  };
  const acts = weeksOfRunning("2024-04-01", [20, 20, 20, 20, 24], { shoeId: "old" });
  // As of 27 May the 18 km run of 2 May leaves the 30-day window on 1 June.
  const leaving = [runOn("2024-05-02", 18), runOn("2024-05-20", 12)];
  const sentences = (r: ReturnType<typeof report>): string[] => [
    ...r.warnings.map((w) => w.message),
    ...r.weeks.flatMap((w) => w.warnings.map((x) => x.message)),
    r.run_limit?.message ?? "",
  ];
  const message = (r: ReturnType<typeof report>, code: string): string => r.warnings.find((w) => w.code === code)?.message ?? "";

  it("writes the ramp, the spike, the run limit, the shoe and the check-ins in en-GB style", () => {
    const r = report(acts, "2024-05-05", { ...input, locale: "en-GB" });
    expect(message(r, "RAMP_WEEKLY")).toMatch(/^Week of 29 Apr 2024: /);
    expect(message(r, "OVERTRAINING_SIGNS")).toMatch(/check-ins since 22 Apr 2024 show/);
    expect(message(r, "SHOE_REPLACE")).toMatch(/reaches the limit around \d{1,2} [A-Z][a-z]{2,3} 2024\./);
    for (const text of sentences(r)) expect(text).not.toMatch(/\d{4}-\d\d-\d\d/);
    // The days stay as data beside the words.
    expect(r.warnings.find((w) => w.code === "RAMP_WEEKLY")?.week).toBe("2024-04-29");
    const limit = report(leaving, "2024-05-27", { locale: "en-GB" }).run_limit;
    expect(limit?.message).toContain("After 1 Jun 2024 that run is more than 30 days old");
    expect(limit?.holds_until).toBe("2024-06-01");
  });

  it("writes them in en-US style", () => {
    const r = report(acts, "2024-05-05", { ...input, locale: "en-US" });
    expect(message(r, "RAMP_WEEKLY")).toMatch(/^Week of Apr 29, 2024: /);
    expect(message(r, "OVERTRAINING_SIGNS")).toContain("check-ins since Apr 22, 2024 show");
    expect(report(leaving, "2024-05-27", { locale: "en-US" }).run_limit?.message).toContain("After Jun 1, 2024 that run");
  });

  it("writes a spike's day in the reader's style", () => {
    const spiky = [runOn("2024-05-01", 5), runOn("2024-05-03", 8)];
    expect(message(report(spiky, "2024-05-05", { locale: "en-GB" }), "RUN_SPIKE")).toMatch(/^On 3 May 2024 you ran 8\.0 km/);
    expect(message(report(spiky, "2024-05-05", { locale: "en-US" }), "RUN_SPIKE")).toMatch(/^On May 3, 2024 you ran/);
    expect(message(report(spiky, "2024-05-05"), "RUN_SPIKE")).toMatch(/^On 2024-05-03 you ran/);
  });

  it("keeps YYYY-MM-DD without a locale, as clients from before issue 18 have it", () => {
    const r = report(acts, "2024-05-05", input);
    expect(message(r, "RAMP_WEEKLY")).toMatch(/^Week of 2024-04-29: /);
    expect(message(r, "OVERTRAINING_SIGNS")).toContain("check-ins since 2024-04-22 show");
    expect(message(r, "SHOE_REPLACE")).toMatch(/reaches the limit around 2024-\d\d-\d\d\./);
  });
});
