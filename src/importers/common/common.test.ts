import { describe, expect, it } from "vitest";
import { downsampleStream, elevationGainLoss, haversineM, sportFromName } from "./index.js";

describe("downsampleStream", () => {
  it("keeps about one point per step and always the last point", () => {
    const pts = Array.from({ length: 61 }, (_, t) => ({
      t,
      d: t * 3,
      alt: null,
      hr: null,
      cad: null,
    }));
    const out = downsampleStream(pts, 10);
    expect(out.map((p) => p.t)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    const odd = downsampleStream(pts.slice(0, 55), 10);
    expect(odd[odd.length - 1]?.t).toBe(54);
  });
});

describe("elevationGainLoss", () => {
  it("ignores jitter below the threshold", () => {
    expect(elevationGainLoss([100, 101, 100, 101.5, 100, 101])).toEqual({ gainM: 0, lossM: 0 });
  });
  it("counts a real climb and descent", () => {
    expect(elevationGainLoss([100, 110, 120, null, 105, 100])).toEqual({ gainM: 20, lossM: 20 });
  });
  it("is null without two altitudes", () => {
    expect(elevationGainLoss([null, 5])).toEqual({ gainM: null, lossM: null });
  });
});

describe("haversineM", () => {
  it("measures one degree of latitude as about 111.2 km", () => {
    expect(haversineM(0, 0, 1, 0)).toBeGreaterThan(111_100);
    expect(haversineM(0, 0, 1, 0)).toBeLessThan(111_300);
  });
});

describe("sportFromName", () => {
  it("maps the names files use", () => {
    expect(sportFromName("running")).toBe("run");
    expect(sportFromName("running", "treadmill")).toBe("treadmill");
    expect(sportFromName("Trail Run")).toBe("trail_run");
    expect(sportFromName("Ride")).toBe("ride");
    expect(sportFromName("Weight Training")).toBe("strength");
    expect(sportFromName("Biathlon")).toBe("other");
  });
});
