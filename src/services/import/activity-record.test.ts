import { describe, expect, it } from "vitest";
import type { ImportedActivity } from "../../core/activity.js";
import fc from "fast-check";
import { decodeLaps, decodeStream, encodeStream, streamColumns, toRecord } from "./activity-record.js";

const activity: ImportedActivity = {
  sport: "run",
  startUtc: "2024-03-01T06:30:00.000Z",
  utcOffsetMin: 60,
  movingS: 1799.6,
  elapsedS: 1850.2,
  distanceM: 5012.7,
  elevationGainM: 40.4,
  elevationLossM: null,
  avgHr: 151.5,
  maxHr: 172,
  avgCadence: 171,
  device: "garmin fenix 5",
  gear: null,
  name: "Easy",
  perceivedExertion: null,
  indoor: false,
  laps: [{ startOffsetS: 0, durationS: 1850.2, distanceM: 5012.7 }],
  stream: [
    { t: 0, d: 0, alt: 12.34, hr: null, cad: null },
    { t: 10, d: 28.4, alt: 12.5, hr: 120, cad: null },
  ],
  source: "fit",
};

describe("stored activities", () => {
  it("keep integer units and the start minute as their twin key", () => {
    const r = toRecord(activity);
    expect(r).toMatchObject({ moving_s: 1800, elapsed_s: 1850, distance_m: 5013, elevation_gain_m: 40, avg_hr: 152, indoor: 0, dedupe_key: "2024-03-01T06:30" });
    expect(decodeLaps(r.laps_json)).toEqual([{ startOffsetS: 0, durationS: 1850, distanceM: 5013 }]);
  });

  it("store streams as columns, leaving out a channel no sample has, and read them back", () => {
    const json = encodeStream(activity.stream);
    expect(JSON.parse(json)).toEqual({ t: [0, 10], d: [0, 28], alt: [12.3, 12.5], hr: [null, 120], cad: null });
    expect(decodeStream(json)).toEqual([
      { t: 0, d: 0, alt: 12.3, hr: null, cad: null },
      { t: 10, d: 28, alt: 12.5, hr: 120, cad: null },
    ]);
  });

  it("keep positions to 5 decimals in lat and lon columns, null where a point has no fix", () => {
    const stream = [
      { t: 0, d: 0, alt: null, hr: null, cad: null, lat: 51.5073512, lon: -0.1277583 },
      { t: 10, d: 30, alt: null, hr: null, cad: null },
      { t: 20, d: 60, alt: null, hr: null, cad: null, lat: -33.8, lon: 0.000004 },
    ];
    const json = encodeStream(stream);
    expect(JSON.parse(json)).toMatchObject({ lat: [51.50735, null, -33.8], lon: [-0.12776, null, 0] });
    expect(decodeStream(json).map((p) => [p.lat, p.lon])).toEqual([[51.50735, -0.12776], [null, null], [-33.8, 0]]);
  });

  it("write exactly the JSON that JSON.stringify writes of the columns, for any values", () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.double(),
      fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 10),
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.constantFrom(-0, 0.05, -0.05, 0.15, 2.5, -2.5, 1e15, 1e16 + 3, 2 ** 53, -(2 ** 60), 1e21, 9.95),
    );
    const point = fc.record({
      t: fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: -10, max: 1e7, noNaN: true }), fc.double()),
      d: value,
      alt: value,
      hr: value,
      cad: value,
      lat: fc.option(fc.oneof(value, fc.double({ min: -90, max: 90, noNaN: true })), { nil: undefined }),
      lon: fc.option(fc.oneof(value, fc.double({ min: -180, max: 180, noNaN: true })), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 30 }), (points) => {
        expect(encodeStream(points)).toBe(JSON.stringify(streamColumns(points)));
      }),
      { numRuns: 2000 },
    );
  });
});

