import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areTwins, TwinIndex } from "./dedupe.js";
import type { TwinKey } from "./dedupe.js";

const run: TwinKey = { startMs: Date.UTC(2024, 2, 1, 6, 30), elapsedS: 3600, movingS: 3500, distanceM: 10_000 };

describe("twins", () => {
  it("match within two minutes and 5% of duration and distance", () => {
    expect(areTwins(run, { ...run, startMs: run.startMs + 119_000, elapsedS: 3700, distanceM: 10_400 })).toBe(true);
    expect(areTwins(run, { ...run, startMs: run.startMs + 121_000 })).toBe(false);
    expect(areTwins(run, { ...run, distanceM: 10_600 })).toBe(false);
    expect(areTwins(run, { ...run, elapsedS: 4000, movingS: 4000 })).toBe(false);
  });

  it("match when either clock agrees: an export that trims pauses still finds its device file", () => {
    expect(areTwins(run, { ...run, elapsedS: 4500, movingS: 3510 })).toBe(true);
  });

  it("treat two sessions without distance (strength, yoga) of the same length as twins", () => {
    expect(areTwins({ ...run, distanceM: 0 }, { ...run, distanceM: 0 })).toBe(true);
  });

  it("is symmetric", () => {
    const key = fc.record({
      startMs: fc.integer({ min: 0, max: 600_000 }),
      elapsedS: fc.integer({ min: 0, max: 20_000 }),
      movingS: fc.integer({ min: 0, max: 20_000 }),
      distanceM: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(fc.property(key, key, (a, b) => areTwins(a, b) === areTwins(b, a)));
  });

  it("the index finds exactly what a scan of every stored activity finds", () => {
    const key = fc.record({
      startMs: fc.integer({ min: 0, max: 3_600_000 }),
      elapsedS: fc.integer({ min: 1000, max: 1100 }),
      movingS: fc.integer({ min: 1000, max: 1100 }),
      distanceM: fc.integer({ min: 5000, max: 5600 }),
    });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), key, (stored, probe) => {
        const index = new TwinIndex<TwinKey>();
        stored.forEach((s) => index.add(s));
        const found = index.findTwin(probe);
        const any = stored.some((s) => areTwins(s, probe));
        return found === undefined ? !any : areTwins(found, probe);
      }),
    );
  });
});
