import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { elevationGainLoss, haversineM } from "../common/index.js";
import { addSample, cadenceFactor, emptyTrack, summarizeTrack } from "./track-summary.js";

/** The rule as written: the median of the positive cadences, below the line means strides. */
function bySorting(sport: "run" | "walk", cadences: number[]): number {
  const positive = cadences.filter((c) => Number.isFinite(c) && c > 0).sort((a, b) => a - b);
  if (positive.length === 0) return 1;
  const median = positive[Math.floor(positive.length / 2)]!;
  return median < (sport === "run" ? 120 : 80) ? 2 : 1;
}

describe("cadenceFactor", () => {
  it("doubles stride cadence and keeps step cadence, as the median decides", () => {
    expect(cadenceFactor("run", [85, 86, 87, 88])).toBe(2);
    expect(cadenceFactor("run", [170, 172, 0, NaN])).toBe(1);
    expect(cadenceFactor("walk", [55, 60, 62])).toBe(2);
    expect(cadenceFactor("walk", [110, 115])).toBe(1);
    expect(cadenceFactor("ride", [85, 86])).toBe(1);
    expect(cadenceFactor("run", [NaN, 0, -3])).toBe(1);
  });

  it("agrees with sorting on random mixes, at the line and around the middle value", () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      const sport = k % 2 === 0 ? "run" : "walk";
      const line = sport === "run" ? 120 : 80;
      const values = Array.from({ length: 1 + rnd(9) }, () => {
        const r = rnd(10);
        return r === 0 ? NaN : r === 1 ? 0 : r === 2 ? line : line - 3 + rnd(7);
      });
      expect(cadenceFactor(sport, values)).toBe(bySorting(sport, values));
    }
  });
});

describe("summarizeTrack distances and climbing", () => {
  it("add up haversineM over each pair within segments, to the bit, and climb as elevationGainLoss does", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            lat: fc.oneof(fc.double({ min: -89, max: 89, noNaN: true }), fc.constant(NaN)),
            lon: fc.double({ min: -179, max: 179, noNaN: true }),
            ele: fc.oneof(fc.double({ min: -400, max: 8000, noNaN: true }), fc.constant(NaN)),
            newSegment: fc.boolean(),
          }),
          { maxLength: 60 },
        ),
        (points) => {
          const track = emptyTrack();
          points.forEach((p, i) => addSample(track, p.lat, p.lon, p.ele, 1000 * i, NaN, NaN, NaN, p.newSegment));
          let expected = 0;
          let prev: { lat: number; lon: number } | null = null;
          for (const p of points) {
            if (p.newSegment) prev = null;
            if (!Number.isFinite(p.lat)) continue;
            if (prev !== null) expected += haversineM(prev.lat, prev.lon, p.lat, p.lon);
            prev = p;
          }
          const summary = summarizeTrack(track, "run");
          expect(summary.distanceM).toBe(expected);
          const climb = elevationGainLoss(points.map((p) => p.ele));
          expect([summary.elevationGainM, summary.elevationLossM]).toEqual([climb.gainM, climb.lossM]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
