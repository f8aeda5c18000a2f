import { describe, expect, it } from "vitest";
import { DEFAULT_TRAINING_CONFIG } from "./config.js";
import { changePct } from "./load-rules.js";
import { baselineOf, rampThresholdPct, suggestedCap, weeklyRamps } from "./ramp.js";
import type { WeekVolume } from "./weekly-volume.js";

/** Weeks from distances in km and (optionally) times in minutes. */
function weeksOf(km: number[], minutes?: number[]): WeekVolume[] {
  return km.map((k, i) => ({
    startDay: 19_000 + i * 7,
    distanceM: Math.round(k * 1000),
    timeS: Math.round((minutes?.[i] ?? k * 6) * 60),
    runs: k > 0 ? 3 : 0,
    longestM: 0,
    elevationGainM: 0,
    crossTrainingS: {},
    complete: true,
  }));
}

describe("weekly change against the baseline", () => {
  it("flags a 15% rise with the numbers and a cap at the week's own level", () => {
    const [r, ...rest] = weeklyRamps(weeksOf([20, 23]), 10);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      index: 1,
      distanceM: 23_000,
      distanceFlagged: true,
      timeFlagged: true,
      baseline: { weeks: 1, highestDistanceM: 20_000, averageDistanceM: 20_000 },
    });
    expect(r?.distanceOverHighestPct).toBeCloseTo(15, 10);
    // min(23 km, 20 km x 1.1 x 1.1 = 24.2 km): do not build on the jump.
    expect(r?.capDistanceM).toBe(23_000);
  });

  it("brings a big jump back towards two steps of the guide from the highest week", () => {
    const [r] = weeklyRamps(weeksOf([20, 30]), 10);
    expect(r?.capDistanceM).toBe(24_200);
    expect(r?.capTimeS).toBe(Math.floor(120 * 60 * 1.21));
  });

  it("does not flag exactly +10% for a regular runner, but does for a beginner's 5% guide", () => {
    expect(weeklyRamps(weeksOf([20, 22]), 10)).toEqual([]);
    expect(weeklyRamps(weeksOf([20, 22]), 5).map((r) => r.index)).toEqual([1]);
  });

  it("flags a rise in running time even when distance holds", () => {
    const [r] = weeklyRamps(weeksOf([20, 20], [120, 140]), 10);
    expect(r).toMatchObject({ distanceFlagged: false, timeFlagged: true });
    expect(r?.timeOverHighestPct).toBeCloseTo(16.67, 2);
  });

  it("does not compare against an empty week", () => {
    expect(weeklyRamps(weeksOf([0, 30, 31]), 10)).toEqual([]);
  });

  it("gives no weekly warning for 40-40-40-40-30-40 km: back to normal after a cut-back week", () => {
    expect(weeklyRamps(weeksOf([40, 40, 40, 40, 30, 40]), 10)).toEqual([]);
    expect(weeklyRamps(weeksOf([40, 40, 40, 40, 30, 40]), 5)).toEqual([]);
    // The same last week measured only against the week before would be +33%.
    expect(changePct(30, 40)).toBeCloseTo(33.3, 1);
    const b = baselineOf(weeksOf([40, 40, 40, 40, 30, 40]), 5);
    expect(b).toMatchObject({ weeks: 4, averageDistanceM: 37_500, highestDistanceM: 40_000 });
  });

  it("flags a week that passes the highest of the four before, with its average too", () => {
    // 40, 40, 40, 30 then 46 km: 15% above the highest, 22.7% above the 37.5 km average.
    const [r, ...rest] = weeklyRamps(weeksOf([40, 40, 40, 40, 30, 46]), 10);
    expect(rest).toEqual([]);
    expect(r?.index).toBe(5);
    expect(r?.distanceOverHighestPct).toBeCloseTo(15, 10);
    expect(r?.distanceOverAveragePct).toBeCloseTo(22.67, 2);
  });

  it("catches a rise built over two weeks once, on the week that passes the highest", () => {
    // 20 -> 22 -> 27: 22 is +10% (allowed), 27 is 22.7% above the highest (22), one message.
    const flagged = weeklyRamps(weeksOf([20, 22, 27]), 10);
    expect(flagged.map((r) => r.index)).toEqual([2]);
    // A steady 10% a week is within the guide every week.
    expect(weeklyRamps(weeksOf([20, 22, 24.2, 26.62]), 10)).toEqual([]);
  });

  it("uses the cautious threshold for beginners and returning runners", () => {
    expect(rampThresholdPct("regular", DEFAULT_TRAINING_CONFIG)).toBe(10);
    expect(rampThresholdPct("beginner", DEFAULT_TRAINING_CONFIG)).toBe(5);
    expect(rampThresholdPct("returning", { ...DEFAULT_TRAINING_CONFIG, rampPctCautious: 3 })).toBe(
      3,
    );
  });

  it("computes changes and caps exactly", () => {
    expect(changePct(0, 10)).toBeNull();
    expect(changePct(20, 15)).toBe(-25);
    expect(suggestedCap(10_000, 11_500, 5)).toBe(11_025);
  });
});
