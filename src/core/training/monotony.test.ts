import { describe, expect, it } from "vitest";
import { runOn } from "./factories.test-helpers.js";
import { dailyTotals } from "./daily-totals.js";
import { dayOfDate } from "./local-day.js";
import { foster, weekMonotony } from "./monotony.js";
import { prepareActivities } from "./prepared-activity.js";
import type { TrainingActivity } from "./types.js";

function week(activities: TrainingActivity[], start: string, asOf: string) {
  const last = dayOfDate(asOf);
  return weekMonotony(dailyTotals(prepareActivities(activities, last), last), dayOfDate(start));
}

describe("Foster monotony and strain", () => {
  it("divides the mean daily load by its standard deviation (hand-computed)", () => {
    // Four 60-min days and three rest days: mean 240/7, population SD = sqrt(4*3)/7*60.
    const f = foster([60, 0, 60, 0, 60, 0, 60]);
    const mean = 240 / 7;
    const sd = (60 * Math.sqrt(12)) / 7;
    expect(f.monotony).toBeCloseTo(mean / sd, 12);
    expect(f.strain).toBeCloseTo(240 * (mean / sd), 9);
  });

  it("reports a week of identical days as uniform rather than dividing by zero", () => {
    expect(foster([30, 30, 30, 30, 30, 30, 30])).toEqual({
      monotony: null,
      strain: null,
      uniform: true,
    });
    expect(foster([0, 0, 0, 0, 0, 0, 0])).toEqual({ monotony: null, strain: null, uniform: false });
  });

  it("uses session-RPE when every session of the week has one, minutes otherwise", () => {
    const withRpe = [
      runOn("2024-03-04", 10, { perceivedExertion: 5 }),
      runOn("2024-03-06", 5, { perceivedExertion: 8 }),
    ];
    const m = week(withRpe, "2024-03-04", "2024-03-10");
    expect(m?.load).toBe("srpe");
    // 5 x 60 min + 8 x 30 min.
    expect(m?.weeklyLoad).toBeCloseTo(540, 9);

    const mixed = [...withRpe, runOn("2024-03-08", 5)];
    const n = week(mixed, "2024-03-04", "2024-03-10");
    expect(n?.load).toBe("minutes");
    expect(n?.weeklyLoad).toBeCloseTo(120, 9);
  });

  it("gives no figure for a week that has not ended or started before the first record", () => {
    const acts = [runOn("2024-03-06", 10), runOn("2024-03-12", 10)];
    expect(week(acts, "2024-03-11", "2024-03-16")).toBeNull();
    expect(week(acts, "2024-03-04", "2024-03-16")).toBeNull();
    expect(week(acts, "2024-03-06", "2024-03-16")).not.toBeNull();
  });
});
