import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { activity, addDays, runOn } from "./factories.test-helpers.js";
import { dateOfDay, dayOfDate } from "./local-day.js";
import { prepareActivities } from "./prepared-activity.js";
import { runSpikes } from "./run-spike.js";
import type { TrainingActivity } from "./types.js";

function spikes(activities: TrainingActivity[], asOf = "2024-12-31") {
  return runSpikes(prepareActivities(activities, dayOfDate(asOf)), 10, 30).map((s) => ({
    date: dateOfDay(s.run.day),
    km: s.run.distanceM / 1000,
    previousKm: s.previousLongestM / 1000,
    pct: Math.round(s.increasePct * 10) / 10,
  }));
}

describe("single-run spike", () => {
  it("flags a run more than 10% longer than the longest of the previous 30 days", () => {
    const result = spikes([
      runOn("2024-05-01", 10),
      runOn("2024-05-05", 6),
      runOn("2024-05-12", 11.5),
    ]);
    expect(result).toEqual([{ date: "2024-05-12", km: 11.5, previousKm: 10, pct: 15 }]);
  });

  it("grades each spike by the study's band", () => {
    const graded = (km: number) =>
      runSpikes(prepareActivities([runOn("2024-05-01", 18), runOn("2024-05-20", km)], dayOfDate("2024-12-31")), 10, 30).map(
        (s) => s.band?.band,
      );
    expect(graded(19.8)).toEqual([]);
    expect(graded(22)).toEqual(["10-30"]);
    expect(graded(23.4)).toEqual(["10-30"]);
    expect(graded(23.401)).toEqual(["30-100"]);
    expect(graded(36)).toEqual(["30-100"]);
    expect(graded(36.001)).toEqual(["over-100"]);
  });

  it("does not flag exactly 10% longer", () => {
    expect(spikes([runOn("2024-05-01", 10), runOn("2024-05-12", 11)])).toEqual([]);
  });

  it("forgets runs older than 30 days", () => {
    // The 20 km run is 31 days before; only the 8 km run is in the window.
    const result = spikes([
      runOn("2024-04-01", 20),
      runOn("2024-04-20", 8),
      runOn("2024-05-02", 12),
    ]);
    expect(result).toEqual([{ date: "2024-05-02", km: 12, previousKm: 8, pct: 50 }]);
  });

  it("has nothing to compare the first run, or a run after 30 empty days, with", () => {
    expect(spikes([runOn("2024-05-01", 10)])).toEqual([]);
    expect(spikes([runOn("2024-05-01", 5), runOn("2024-06-15", 15)])).toEqual([]);
  });

  it("ignores cross-training distance", () => {
    const ride = activity({
      sport: "ride",
      startUtc: "2024-05-03T07:00:00.000Z",
      distanceM: 60_000,
    });
    expect(spikes([runOn("2024-05-01", 10), ride, runOn("2024-05-05", 12)])).toHaveLength(1);
  });

  it("matches a direct reading of the rule on random histories", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 40 })), {
          maxLength: 40,
        }),
        (runs) => {
          const acts = runs.map(([day, km], i) =>
            runOn(addDays("2024-01-01", day), km, { id: `r${i}` }),
          );
          const got = spikes(acts)
            .map((s) => `${s.date}/${s.km}`)
            .sort();
          const expected: string[] = [];
          for (const a of acts) {
            const t = Date.parse(a.startUtc);
            const window = acts.filter(
              (b) => Date.parse(b.startUtc) < t && Date.parse(b.startUtc) >= t - 30 * 86_400_000,
            );
            const longest = Math.max(0, ...window.map((b) => b.distanceM));
            if (longest > 0 && a.distanceM * 100 > longest * 110)
              expected.push(`${a.startUtc.slice(0, 10)}/${a.distanceM / 1000}`);
          }
          expect(got).toEqual(expected.sort());
        },
      ),
    );
  });
});
