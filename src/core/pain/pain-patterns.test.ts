import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dateOfDay, dayOfDate } from "../training/local-day.js";
import { findPainPatterns, separation, MIN_DIFFERENCE } from "./pain-patterns.js";
import type { ActivitySummary, PainEntry } from "./types.js";

// A Sunday, so the four weeks before it are whole Monday-to-Sunday weeks.
const AS_OF = "2024-03-31";
const day0 = dayOfDate("2024-03-04");
const on = (n: number): string => dateOfDay(day0 + n);

function entry(date: string, score: number, nextMorning: number | null, triggers: string[] = []): PainEntry {
  return { date, during: score, after: score, nextMorning, locations: [], triggers, notes: "" };
}
function run(date: string, km: number, lossM: number | null = null, shoeId: string | null = "shoe-a", sport = "run"): ActivitySummary {
  return { date, distanceM: km * 1000, elevationLossM: lossM, shoeId, sport };
}

describe("the pattern finder", () => {
  it("says nothing until there are 10 entries over 3 weeks", () => {
    const entries = Array.from({ length: 9 }, (_, i) => entry(on(i * 3), 2, 1));
    const r = findPainPatterns(entries, [run(on(0), 10)], AS_OF);
    expect(r).toMatchObject({ enough: false, entries: 9, weeks: 4, patterns: [], correlation: null });
    expect(r.checks[0]!.note).toContain("9 over 4");
  });

  it("finds the distance above which the next morning hurts more, with the numbers", () => {
    const short = [6, 7, 8, 6.5, 7.5, 8];
    const long = [16, 18, 20, 17, 19, 16.5];
    const entries: PainEntry[] = [];
    const runs: ActivitySummary[] = [];
    short.forEach((km, i) => {
      entries.push(entry(on(i * 4), 1, [1, 1, 2, 1, 2, 1][i]!));
      runs.push(run(on(i * 4), km));
    });
    long.forEach((km, i) => {
      entries.push(entry(on(i * 4 + 2), 2, [4, 5, 4, 5, 4, 5][i]!));
      runs.push(run(on(i * 4 + 2), km));
    });
    const r = findPainPatterns(entries, runs, AS_OF);
    expect(r.enough).toBe(true);
    expect(r.runDaysWithMorning).toBe(12);
    const p = r.patterns.find((x) => x.kind === "long_runs");
    expect(p).toMatchObject({ kind: "long_runs", thresholdM: 8000, higher: { n: 6, mean: 4.5 }, lower: { n: 6, mean: 1.3 }, difference: 3.2 });
    expect(r.checks.find((c) => c.kind === "shoe")?.note).toContain("two pairs");
  });

  it("writes every note in the runner's units, and keeps the numbers beside it", () => {
    const entries: PainEntry[] = [];
    const runs: ActivitySummary[] = [];
    [6, 7, 8, 6.5, 7.5, 8, 16, 18, 20, 17, 19, 16.5].forEach((km, i) => {
      entries.push(entry(on(i * 2), 1, km > 10 ? 4 + (i % 2) : 1 + (i % 2)));
      runs.push(run(on(i * 2), km, km * 15));
    });
    const miles = findPainPatterns(entries, runs, AS_OF, { units: "mi" });
    const km = findPainPatterns(entries, runs, AS_OF);
    const long = (r: typeof km) => r.checks.find((c) => c.kind === "long_runs")!;
    expect(long(km).note).toContain("runs over 8.0 km");
    expect(long(miles).note).toContain("runs over 5.0 mi");
    expect(long(miles).text).toMatchObject({ key: "long_runs", thresholdM: 8000 });
    const descents = miles.checks.find((c) => c.kind === "descents")!;
    expect(descents.note).toContain("ft per mile");
    for (const c of miles.checks) expect(c.note).not.toMatch(/\d (km|m)\b|per km/);
  });

  it("finds more pain after runs with more descent per km than the runner's median", () => {
    const losses = [50, 60, 40, 55, 200, 250, 180, 300];
    const mornings = [1, 1, 1, 2, 3, 4, 4, 5];
    const entries = losses.map((_, i) => entry(on(i * 3), 2, mornings[i]!));
    entries.push(entry(on(25), 0, 0), entry(on(26), 0, 0));
    const runs = losses.map((loss, i) => run(on(i * 3), 10, loss));
    const r = findPainPatterns(entries, runs, AS_OF);
    expect(r.patterns.find((p) => p.kind === "descents")).toMatchObject({
      medianLossPerKm: 12,
      higher: { n: 4, mean: 4 },
      lower: { n: 4, mean: 1.3 },
      difference: 2.8,
    });
    // Every run was 10 km, so distance cannot explain anything.
    expect(r.patterns.some((p) => p.kind === "long_runs")).toBe(false);
  });

  it("picks out the pair of shoes after which mornings are worse", () => {
    const plan: [string, number][] = [
      ["x", 4], ["y", 1], ["z", 1], ["x", 5], ["y", 1], ["z", 2],
      ["x", 4], ["y", 2], ["z", 1], ["x", 4], ["y", 1], ["z", 1],
    ];
    const entries = plan.map(([, m], i) => entry(on(i * 2), 1, m));
    const runs = plan.map(([shoe], i) => run(on(i * 2), 10, null, shoe));
    const r = findPainPatterns(entries, runs, AS_OF);
    const p = r.patterns.find((x) => x.kind === "shoe");
    expect(p).toMatchObject({ shoeId: "x", higher: { n: 4, mean: 4.3 }, lower: { n: 8, mean: 1.3 } });
    expect(p?.kind === "shoe" && p.byShoe).toEqual([
      { shoeId: "x", n: 4, mean: 4.3 },
      { shoeId: "y", n: 4, mean: 1.3 },
      { shoeId: "z", n: 4, mean: 1.3 },
    ]);
  });

  it("correlates weekly pain with weekly distance and calls four weeks a hint", () => {
    const entries: PainEntry[] = [];
    const runs: ActivitySummary[] = [];
    for (let w = 0; w < 4; w++) {
      for (const d of [0, 2, 4]) entries.push(entry(on(w * 7 + d), w + 1, 0));
      runs.push(run(on(w * 7), 10 * (w + 1)));
    }
    const r = findPainPatterns(entries, runs, AS_OF);
    expect(r.weekly.map((w) => [w.weekStart, w.distanceM, w.meanPain])).toEqual([
      ["2024-03-04", 10000, 1],
      ["2024-03-11", 20000, 2],
      ["2024-03-18", 30000, 3],
      ["2024-03-25", 40000, 4],
    ]);
    expect(r.correlation).toEqual({ weeks: 4, r: 1, strength: "strong", tentative: true });
  });

  it("counts only running towards weekly distance", () => {
    const entries = Array.from({ length: 12 }, (_, i) => entry(on(i * 2), 1, 0));
    const r = findPainPatterns(entries, [run(on(0), 10), run(on(1), 40, null, null, "ride")], AS_OF);
    expect(r.weekly[0]!.distanceM).toBe(10000);
  });

  it("still finds pain-only patterns without activities, and says runs are needed for the rest", () => {
    const scores = [5, 1, 5, 1, 4, 2, 5, 1, 1, 1];
    const entries = scores.map((s, i) => entry(on(i * 2), s, 0, s >= 4 ? ["descents"] : []));
    const r = findPainPatterns(entries, null, AS_OF);
    expect(r.activitiesUsed).toBe(false);
    expect(r.checks[0]).toMatchObject({ kind: "weekly_distance", found: false });
    expect(r.checks[0]!.note).toContain("Import or log your runs");
    expect(r.patterns).toEqual([
      { kind: "trigger", trigger: "descents", higher: { n: 4, mean: 4.8 }, lower: { n: 6, mean: 1.2 }, difference: 3.6, t: expect.any(Number) as number },
    ]);
  });
});

describe("pattern-finder properties", () => {
  it("never claims a pattern when every day scored the same", () => {
    const runs = fc.array(
      fc.record({
        ago: fc.integer({ min: 0, max: 40 }),
        km: fc.integer({ min: 1, max: 40 }),
        loss: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
        shoe: fc.constantFrom("a", "b", "c", null),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 10, maxLength: 35 }), runs, (score, agos, rs) => {
        const asOfDay = dayOfDate(AS_OF);
        const entries = agos.map((a, i) => entry(dateOfDay(asOfDay - a), score, score, i % 2 === 0 ? ["long_run"] : []));
        const acts = rs.map((x) => run(dateOfDay(asOfDay - x.ago), x.km, x.loss, x.shoe));
        const r = findPainPatterns(entries, acts, AS_OF);
        expect(r.patterns).toEqual([]);
        // Weekly pain without spread has nothing to correlate.
        expect(r.correlation).toBeNull();
      }),
    );
  });

  it("only calls a difference a pattern when it is at least the minimum", () => {
    const group = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(group, group, (hi, lo) => {
        const s = separation(hi, lo);
        if (s !== null) {
          const diff = hi.reduce((a, b) => a + b, 0) / hi.length - lo.reduce((a, b) => a + b, 0) / lo.length;
          expect(diff).toBeGreaterThanOrEqual(MIN_DIFFERENCE);
          expect(s.higher.n).toBe(hi.length);
        }
      }),
    );
  });
});
