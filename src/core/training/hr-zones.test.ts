import { describe, expect, it } from "vitest";
import type { StreamPoint } from "../activity.js";
import { hrZoneAnchor, hrZoneBounds, timeInHrZones } from "./hr-zones.js";

/** Points at the given times and heart rates (null: no reading). */
function stream(samples: [t: number, hr: number | null][]): StreamPoint[] {
  return samples.map(([t, hr]) => ({ t, d: null, alt: null, hr, cad: null }));
}

const secondsByZone = (r: ReturnType<typeof timeInHrZones>) => r.zones.map((z) => z.seconds);

describe("heart-rate zones", () => {
  it("split a maximum heart rate of 200 at 100, 120, 140, 160 and 180 bpm", () => {
    expect(hrZoneBounds("max_hr", 200)).toEqual([
      { zone: 1, fromBpm: 100, toBpm: 119 },
      { zone: 2, fromBpm: 120, toBpm: 139 },
      { zone: 3, fromBpm: 140, toBpm: 159 },
      { zone: 4, fromBpm: 160, toBpm: 179 },
      { zone: 5, fromBpm: 180, toBpm: null },
    ]);
  });

  it("split a threshold heart rate of 170 at Friel's 85, 90, 95 and 100 per cent (145, 153, 162, 170 bpm)", () => {
    // 0.85 × 170 = 144.5 → 145; 0.90 × 170 = 153; 0.95 × 170 = 161.5 → 162.
    expect(hrZoneBounds("threshold_hr", 170)).toEqual([
      { zone: 1, fromBpm: 0, toBpm: 144 },
      { zone: 2, fromBpm: 145, toBpm: 152 },
      { zone: 3, fromBpm: 153, toBpm: 161 },
      { zone: 4, fromBpm: 162, toBpm: 169 },
      { zone: 5, fromBpm: 170, toBpm: null },
    ]);
  });

  it("give each interval to the zone of the heart rate at its start (maximum 200)", () => {
    const r = timeInHrZones(
      stream([
        [0, 95], // 10 s below zone 1
        [10, 119], // 10 s zone 1 (119 is its top)
        [20, 120], // 5 s zone 2
        [25, 165], // 10 s zone 4
        [35, 199], // 15 s zone 5
        [50, 230], // the last point: no interval after it
      ]),
      "max_hr",
      200,
    );
    expect(secondsByZone(r)).toEqual([10, 5, 0, 10, 15]);
    expect(r.belowS).toBe(10);
    expect(r.countedS).toBe(50);
  });

  it("count no time across gaps over 30 s, nor from points without a heart rate (threshold 170)", () => {
    const r = timeInHrZones(
      stream([
        [0, 140], // 10 s zone 1
        [10, 150], // 30 s zone 2: a gap of exactly 30 s still counts
        [40, 160], // 31 s: a pause, not counted
        [71, null], // no reading: its 10 s are not counted
        [81, 175], // 10 s zone 5
        [91, 171],
      ]),
      "threshold_hr",
      170,
    );
    expect(secondsByZone(r)).toEqual([10, 30, 0, 0, 10]);
    expect(r.belowS).toBe(0);
    expect(r.countedS).toBe(50);
  });

  it("give nothing for a stream without heart rates", () => {
    const r = timeInHrZones(stream([[0, null], [10, null]]), "max_hr", 190);
    expect(r.countedS).toBe(0);
  });

  it("take the threshold when the profile has both, the maximum otherwise, and never guess", () => {
    expect(hrZoneAnchor({ maxHr: 190, thresholdHr: 172 })).toEqual({ model: "threshold_hr", anchorBpm: 172 });
    expect(hrZoneAnchor({ maxHr: 190, thresholdHr: null })).toEqual({ model: "max_hr", anchorBpm: 190 });
    expect(hrZoneAnchor({ maxHr: null, thresholdHr: null })).toBeNull();
  });
});
