import { describe, expect, it } from "vitest";
import type { ImportedActivity } from "../../core/activity.js";
import { implausibility, latestStartMs } from "./plausibility.js";

const NOW = Date.UTC(2026, 11, 6, 20, 0);

function activity(over: Partial<ImportedActivity>): ImportedActivity {
  return {
    sport: "run", startUtc: "2024-05-01T06:30:00.000Z", utcOffsetMin: 0, movingS: 3600, elapsedS: 3600, distanceM: 10_000,
    elevationGainM: null, elevationLossM: null, avgHr: null, maxHr: null, avgCadence: null, device: null, gear: null, name: null,
    perceivedExertion: null, indoor: false, laps: [], stream: [], source: "gpx", ...over,
  };
}

const code = (over: Partial<ImportedActivity>) => implausibility(activity(over), NOW)?.code ?? null;

describe("what no one could have recorded", () => {
  it("takes 1980 onwards up to the end of tomorrow in the furthest zone ahead (UTC+14)", () => {
    expect(code({ startUtc: "1979-12-31T23:59:59.000Z" })).toBe("IMPLAUSIBLE_DATE");
    expect(code({ startUtc: "1980-01-01T00:00:00.000Z" })).toBeNull();
    expect(new Date(latestStartMs(NOW)).toISOString()).toBe("2026-12-08T14:00:00.000Z");
    expect(code({ startUtc: "2026-12-08T13:59:00.000Z" })).toBeNull();
    expect(code({ startUtc: "2026-12-08T14:01:00.000Z" })).toBe("IMPLAUSIBLE_DATE");
    expect(code({ startUtc: "0050-06-01T06:30:00.000Z" })).toBe("IMPLAUSIBLE_DATE");
    expect(code({ startUtc: "not a date" })).toBe("IMPLAUSIBLE_DATE");
  });

  it("bounds speed per sport over the elapsed time, and leaves short clips alone", () => {
    expect(code({ distanceM: 42_195, elapsedS: 7200 })).toBeNull(); // a 2 h marathon
    expect(code({ distanceM: 50_000, elapsedS: 3600 })).toBe("IMPLAUSIBLE_SPEED");
    expect(code({ sport: "ride", distanceM: 50_000, elapsedS: 3600 })).toBeNull();
    expect(code({ sport: "ride", distanceM: 150_000, elapsedS: 3600 })).toBe("IMPLAUSIBLE_SPEED");
    expect(code({ sport: "swim", distanceM: 12_000, elapsedS: 3600 })).toBe("IMPLAUSIBLE_SPEED");
    // Moving time is not judged: a sparse track can make it seconds long.
    expect(code({ distanceM: 7000, movingS: 185, elapsedS: 5300 })).toBeNull();
    expect(code({ distanceM: 150, elapsedS: 5 })).toBeNull();
  });

  it("bounds distance per sport and refuses values that are not numbers", () => {
    expect(code({ distanceM: 600_000, elapsedS: 7 * 86_400 })).toBe("IMPLAUSIBLE_DISTANCE");
    expect(code({ sport: "ride", distanceM: 600_000, elapsedS: 2 * 86_400 })).toBeNull();
    expect(code({ distanceM: -1 })).toBe("IMPLAUSIBLE_VALUE");
    expect(code({ elapsedS: Number.NaN })).toBe("IMPLAUSIBLE_VALUE");
  });
});
