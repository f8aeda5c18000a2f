import { describe, expect, it } from "vitest";
import { DEFAULT_TRAINING_CONFIG } from "./config.js";
import {
  changePct,
  rampThresholdPct,
  risesAbove,
  suggestedCap,
  twoWeekRamps,
  weeklyRamps,
} from "./ramp.js";
import type { WeekVolume } from "./weekly-volume.js";

/** Weeks from distances in km and (optionally) times in minutes. */
function weeksOf(km: number[], minutes?: number[]): WeekVolume[] {
  return km.map((k, i) => ({
    startDay: 19_000 + i * 7,
    distanceM: k * 1000,
    timeS: (minutes?.[i] ?? k * 6) * 60,
    runs: k > 0 ? 3 : 0,
    longestM: 0,
    elevationGainM: 0,
    crossTrainingS: {},
    complete: true,
  }));
}

describe("weekly ramp rule", () => {
  it("flags a 15% rise with the numbers and a cap at the week's own level", () => {
    const [r, ...rest] = weeklyRamps(weeksOf([20, 23]), 10);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      index: 1,
      previousDistanceM: 20_000,
      distanceM: 23_000,
      distanceFlagged: true,
      timeFlagged: true,
    });
    expect(r?.distancePct).toBeCloseTo(15, 10);
    // min(23 km, 20 km x 1.1 x 1.1 = 24.2 km): do not build on the jump.
    expect(r?.capDistanceM).toBe(23_000);
  });

  it("brings a big jump back towards two steps of the guide", () => {
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
    expect(r?.timePct).toBeCloseTo(16.67, 2);
  });

  it("does not compare against an empty week", () => {
    expect(weeklyRamps(weeksOf([0, 30, 31]), 10)).toEqual([]);
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
    expect(risesAbove(1000, 1101, 10)).toBe(true);
    expect(risesAbove(1000, 1100, 10)).toBe(false);
    expect(suggestedCap(10_000, 11_500, 5)).toBe(11_025);
  });
});

describe("two-week rule (Nielsen 2014)", () => {
  it("flags a week more than 30% above the week two weeks earlier", () => {
    // 20 -> 22 -> 27: each weekly step is about 10-23%, but 27 is 35% above 20.
    const flagged = twoWeekRamps(weeksOf([20, 22, 27]), 30);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ index: 2, baseDistanceM: 20_000, distanceM: 27_000 });
    expect(flagged[0]?.changePct).toBeCloseTo(35, 10);
  });

  it("leaves exactly 30% and gentle builds alone", () => {
    expect(twoWeekRamps(weeksOf([20, 23, 26]), 30)).toEqual([]);
    expect(twoWeekRamps(weeksOf([20, 21, 22, 23, 24]), 30)).toEqual([]);
  });
});
