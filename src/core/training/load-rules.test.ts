import { describe, expect, it } from "vitest";
import {
  isSpike,
  longestBefore,
  longestRunLimitM,
  risesAboveBaseline,
  runLimitOn,
  SPIKE_BANDS,
  spikeBandOf,
  weeklyBaseline,
  weeklyLimit,
} from "./load-rules.js";

const km = (x: number) => Math.round(x * 1000);
const bandOf = (distanceM: number, longestM: number) => spikeBandOf(distanceM, longestM)?.band ?? null;

describe("single-run spike bands (Frandsen 2025)", () => {
  it("puts a 22 km run after a 30-day longest of 18 km in the 10-30% band", () => {
    // 22 / 18 = +22.2%.
    expect(bandOf(km(22), km(18))).toBe("10-30");
    expect(spikeBandOf(km(22), km(18))?.hazardRatio).toBe(1.64);
    expect(isSpike(km(22), km(18))).toBe(true);
  });

  it("gives no warning up to and including +10%, and the 10-30% band just past it", () => {
    // 18 km + 10% = 19.8 km exactly.
    expect(bandOf(19_800, 18_000)).toBeNull();
    expect(isSpike(19_800, 18_000)).toBe(false);
    expect(bandOf(19_801, 18_000)).toBe("10-30");
    expect(bandOf(18_000, 18_000)).toBeNull();
    expect(bandOf(5_000, 18_000)).toBeNull();
  });

  it("keeps +30% in the 10-30% band and moves just past it to 30-100%", () => {
    // 18 km + 30% = 23.4 km.
    expect(bandOf(23_400, 18_000)).toBe("10-30");
    expect(bandOf(23_401, 18_000)).toBe("30-100");
    expect(spikeBandOf(23_401, 18_000)?.hazardRatio).toBe(1.52);
  });

  it("keeps +100% in the 30-100% band and moves just past it to over 100%", () => {
    expect(bandOf(36_000, 18_000)).toBe("30-100");
    expect(bandOf(36_001, 18_000)).toBe("over-100");
    expect(spikeBandOf(36_001, 18_000)?.hazardRatio).toBe(2.28);
  });

  it("has nothing to measure against without an earlier run", () => {
    expect(bandOf(10_000, 0)).toBeNull();
    expect(isSpike(10_000, 0)).toBe(false);
  });

  it("lists the study's three bands in order", () => {
    expect(SPIKE_BANDS.map((b) => [b.band, b.abovePct, b.upToPct, b.hazardRatio])).toEqual([
      ["10-30", 10, 30, 1.64],
      ["30-100", 30, 100, 1.52],
      ["over-100", 100, null, 2.28],
    ]);
  });
});

describe("the forward limit of a run", () => {
  it("is the longest of the 30 days before plus 10%, rounded down to the metre", () => {
    expect(longestRunLimitM(18_000)).toBe(19_800);
    expect(longestRunLimitM(10_001)).toBe(11_001); // 11 001.1 rounded down
    expect(longestRunLimitM(18_000, 5)).toBe(18_900);
    // The limit itself is never a spike, one metre more always is.
    for (const longest of [1, 999, 10_001, 18_000, 21_097, 42_195]) {
      expect(isSpike(longestRunLimitM(longest), longest)).toBe(false);
    }
    expect(isSpike(19_801, 18_000)).toBe(true);
  });

  it("reads the 30 days before the day, not the day itself or the day 31 days before", () => {
    const runs = [
      { day: 100, distanceM: 25_000 },
      { day: 101, distanceM: 18_000 },
      { day: 125, distanceM: 12_000 },
      { day: 131, distanceM: 40_000 },
    ];
    // Day 131: days 101-130 count; day 100 is 31 days before and the run on 131 is the day itself.
    expect(longestBefore(runs, 131)).toBe(18_000);
    expect(runLimitOn(runs, 131)).toBe(19_800);
    // Day 130: day 100 is exactly 30 days before and still counts.
    expect(runLimitOn(runs, 130)).toBe(27_500);
    // Day 132: the 40 km run of day 131 leads.
    expect(runLimitOn(runs, 132)).toBe(44_000);
    // Nothing in the window at all: no limit to give.
    expect(runLimitOn(runs, 200)).toBeNull();
  });
});

describe("weekly change against the runner's baseline", () => {
  const km4 = (xs: number[]) => xs.map(km);

  it("takes the average and the highest of the last four weeks", () => {
    expect(weeklyBaseline(km4([10, 40, 40, 40, 30]))).toEqual({ weeks: 4, average: 37_500, highest: 40_000 });
    expect(weeklyBaseline(km4([20, 30]))).toEqual({ weeks: 2, average: 25_000, highest: 30_000 });
    expect(weeklyBaseline([])).toEqual({ weeks: 0, average: 0, highest: 0 });
    expect(weeklyBaseline(km4([20, 30, 40]), 3)).toEqual({ weeks: 3, average: 30_000, highest: 40_000 });
  });

  it("does not flag a return to the usual level after a cut-back week (40-40-40-40-30-40 km)", () => {
    const weeks = km4([40, 40, 40, 40, 30, 40]);
    for (let i = 1; i < weeks.length; i++)
      expect(risesAboveBaseline(weeks.slice(0, i), weeks[i] ?? 0, 10), `week ${i}`).toBe(false);
    // The week after the cut-back may hold 44 km: 10% above the highest, not above the 30 km week.
    expect(weeklyLimit(km4([40, 40, 40, 30]), 10)).toBe(44_000);
    expect(weeklyLimit(km4([40, 40, 40, 30]), 5)).toBe(42_000);
  });

  it("flags more than the guide above the highest week, and not exactly the guide", () => {
    expect(risesAboveBaseline(km4([30, 30]), km(33), 10)).toBe(false);
    expect(risesAboveBaseline(km4([30, 30]), 33_001, 10)).toBe(true);
    expect(risesAboveBaseline(km4([30, 30]), km(31.5), 5)).toBe(false);
    expect(risesAboveBaseline(km4([30, 30]), 31_501, 5)).toBe(true);
    // A plan's cut-back shape: 53.2 -> 39.9 -> 58.5 km is within 10% of the 53.2 km week.
    expect(risesAboveBaseline(km4([48.4, 53.2, 39.9]), km(58.5), 10)).toBe(false);
  });

  it("forgets weeks older than four, and has no limit without an earlier week of running", () => {
    // 60 km five weeks ago no longer lifts the bar.
    expect(weeklyLimit(km4([60, 20, 20, 20, 20]), 10)).toBe(22_000);
    expect(weeklyLimit(km4([0, 0]), 10)).toBeNull();
    expect(risesAboveBaseline(km4([0, 0]), km(30), 10)).toBe(false);
  });
});
