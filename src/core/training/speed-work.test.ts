import { describe, expect, it } from "vitest";
import { activity, steadyStream } from "./factories.test-helpers.js";
import {
  isSpeedSession,
  speedWorkFromLaps,
  speedWorkFromStream,
  windowSpeeds,
} from "./speed-work.js";

const lap = (distanceM: number, durationS: number) => ({ startOffsetS: 0, distanceM, durationS });

describe("speed work from laps", () => {
  it("recognises repeats clearly faster than the run's median lap", () => {
    const laps = [
      lap(1000, 330),
      lap(400, 80),
      lap(400, 150),
      lap(400, 80),
      lap(400, 150),
      lap(400, 80),
      lap(1000, 330),
    ];
    expect(speedWorkFromLaps(activity({ laps }))).toBe(true);
  });

  it("does not call even auto-laps or a single fast lap speed work", () => {
    expect(
      speedWorkFromLaps(activity({ laps: [300, 310, 295, 305, 300].map((s) => lap(1000, s)) })),
    ).toBe(false);
    expect(
      speedWorkFromLaps(activity({ laps: [330, 330, 250, 330].map((s) => lap(1000, s)) })),
    ).toBe(false);
  });

  it("needs three usable laps to judge", () => {
    expect(speedWorkFromLaps(activity({ laps: [lap(5000, 1500), lap(5000, 1200)] }))).toBeNull();
    expect(speedWorkFromLaps(activity({ laps: [lap(10, 5), lap(10, 5), lap(10, 5)] }))).toBeNull();
  });
});

describe("speed work from the stream", () => {
  it("cuts the stream into 60 s windows", () => {
    expect(
      windowSpeeds(
        steadyStream(300, () => 3),
        60,
      ),
    ).toEqual([3, 3, 3, 3, 3]);
  });

  it("recognises several separate fast blocks", () => {
    // 2 min fast (5 m/s) every 5 min over a 3 m/s jog.
    const intervals = steadyStream(1800, (t) => (t % 300 < 120 ? 5 : 3));
    expect(speedWorkFromStream(intervals)).toBe(true);
  });

  it("does not call a steady run or one fast finish speed work", () => {
    expect(speedWorkFromStream(steadyStream(1800, () => 3))).toBe(false);
    expect(speedWorkFromStream(steadyStream(1800, (t) => (t > 1500 ? 5 : 3)))).toBe(false);
  });

  it("falls back to the stream when the laps do not decide", () => {
    const a = activity({
      laps: [lap(5000, 1500)],
      stream: steadyStream(1800, (t) => (t % 300 < 120 ? 5 : 3)),
    });
    expect(isSpeedSession(a)).toBe(true);
    expect(isSpeedSession(activity({ stream: null }))).toBe(false);
  });
});
