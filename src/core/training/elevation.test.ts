import { describe, expect, it } from "vitest";
import { activity, steadyStream } from "./factories.test-helpers.js";
import { climbFromStream, climbOf } from "./elevation.js";

describe("climb and descent", () => {
  it("sums real climbs and descents from the stream", () => {
    // Up 50 m over 10 minutes, then down 80 m.
    const stream = steadyStream(
      1200,
      () => 3,
      (t) => (t <= 600 ? 100 + t / 12 : 150 - ((t - 600) * 80) / 600),
    );
    const c = climbFromStream(stream);
    expect(c?.gainM).toBeCloseTo(50, 6);
    expect(c?.lossM).toBeCloseTo(80, 6);
  });

  it("ignores noise smaller than 3 m", () => {
    const noisy = steadyStream(
      1200,
      () => 3,
      (t) => 100 + ((t / 10) % 2) * 2.5,
    );
    expect(climbFromStream(noisy)).toEqual({ gainM: 0, lossM: 0 });
  });

  it("prefers the activity's own totals and fills only what is missing from the stream", () => {
    const stream = steadyStream(
      600,
      () => 3,
      (t) => 200 - t / 10,
    );
    expect(climbOf(activity({ elevationGainM: 12, elevationLossM: null, stream }))).toEqual({
      gainM: 12,
      lossM: 60,
    });
    expect(climbOf(activity({ elevationGainM: null, elevationLossM: null, stream: null }))).toEqual(
      { gainM: null, lossM: null },
    );
  });
});
