import { describe, expect, it } from "vitest";
import { DEFAULT_TRAINING_CONFIG } from "./config.js";
import { activity, addDays, runOn, steadyStream } from "./factories.test-helpers.js";
import { dayOfDate } from "./local-day.js";
import { prepareActivities } from "./prepared-activity.js";
import { detectNoVariety, detectTrainingErrors } from "./training-errors.js";
import type { TrainingActivity } from "./types.js";

const AS_OF = "2024-06-30";
const RECENT_START = addDays(AS_OF, -20); // 21 days: 10-30 June

/** A run every third day from 1 March to asOf, shaped by whether it is in the recent window. */
function history(make: (date: string, recent: boolean) => TrainingActivity[]): TrainingActivity[] {
  const out: TrainingActivity[] = [];
  for (let date = "2024-03-01"; date <= AS_OF; date = addDays(date, 3))
    out.push(...make(date, date >= RECENT_START));
  return out;
}

function codes(activities: TrainingActivity[]) {
  const last = dayOfDate(AS_OF);
  const prepared = prepareActivities(activities, last);
  const first = Math.min(...prepared.map((p) => p.day));
  return detectTrainingErrors(prepared, first, last, DEFAULT_TRAINING_CONFIG, "km");
}

describe("training-error detectors", () => {
  it("flags more climbing per km than the runner's baseline (HILLS_UP)", () => {
    const r = codes(
      history((d, recent) => [
        runOn(d, 10, { elevationGainM: recent ? 100 : 20, elevationLossM: recent ? 100 : 20 }),
      ]),
    );
    expect(r.compared).toBe(true);
    const w = r.warnings.find((x) => x.code === "HILLS_UP");
    expect(w?.data).toEqual({ recent_m_per_km: 10, baseline_m_per_km: 2 });
    expect(w?.article).toBe("hills-and-downhill");
    expect(w?.message).toContain("10 m per km");
  });

  it("flags more downhill, reading descent from the stream when the total is missing (HILLS_DOWN)", () => {
    const downhill = steadyStream(
      3600,
      () => 2.78,
      (t) => 300 - t / 30,
    ); // 120 m down over 10 km
    const r = codes(
      history((d, recent) => [
        runOn(
          d,
          10,
          recent
            ? { elevationGainM: 10, elevationLossM: null, stream: downhill }
            : { elevationGainM: 10, elevationLossM: 10 },
        ),
      ]),
    );
    expect(r.warnings.map((w) => w.code)).toEqual(["HILLS_DOWN"]);
    expect(r.warnings[0]?.data?.recent_m_per_km).toBeCloseTo(12, 0);
  });

  it("stays quiet when the terrain is the same as usual", () => {
    const r = codes(
      history((d) => [runOn(d, 10, { elevationGainM: 80, elevationLossM: 80, surface: "road" })]),
    );
    expect(r.compared).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it("flags new speed work (SPEED_NEW)", () => {
    const lap = (distanceM: number, durationS: number) => ({
      startOffsetS: 0,
      distanceM,
      durationS,
    });
    const intervals = [
      lap(1000, 330),
      lap(400, 80),
      lap(400, 150),
      lap(400, 80),
      lap(400, 150),
      lap(400, 80),
      lap(1000, 330),
    ];
    let n = 0;
    const r = codes(
      history((d, recent) => [runOn(d, 8, { laps: recent && n++ % 2 === 0 ? intervals : [] })]),
    );
    const w = r.warnings.find((x) => x.code === "SPEED_NEW");
    expect(w?.data?.recent_sessions).toBe(4);
    expect(w?.data?.baseline_per_week).toBe(0);
  });

  it("flags a move to a new surface, using sport when untagged (SURFACE_CHANGE)", () => {
    const r = codes(
      history((d, recent) => [
        recent ? runOn(d, 10, { sport: "trail_run" }) : runOn(d, 10, { surface: "road" }),
      ]),
    );
    const w = r.warnings.find((x) => x.code === "SURFACE_CHANGE");
    expect(w?.data).toEqual({ surface: "trail", recent_share: 1, baseline_share: 0 });
    expect(w?.article).toBe("surfaces");
  });

  it("advises switching sides for cambered roads", () => {
    const r = codes(
      history((d, recent) => [runOn(d, 10, { surface: recent ? "cambered_road" : "road" })]),
    );
    expect(r.warnings.find((x) => x.code === "SURFACE_CHANGE")?.message).toMatch(/switch sides/);
  });

  it("gives no verdict without a baseline to compare with", () => {
    const acts = [0, 3, 6, 9, 12, 15, 18].map((i) =>
      runOn(addDays(RECENT_START, i), 10, { elevationGainM: 200 }),
    );
    const r = codes(acts);
    expect(r.compared).toBe(false);
    expect(r.warnings).toEqual([]);
  });
});

describe("no variety", () => {
  const last = dayOfDate(AS_OF);
  const check = (acts: TrainingActivity[]) => {
    const prepared = prepareActivities(acts, last);
    return detectNoVariety(
      prepared,
      Math.min(...prepared.map((p) => p.day)),
      last,
      DEFAULT_TRAINING_CONFIG,
    );
  };
  const runs = history((d) => [runOn(d, 8)]);

  it("flags four weeks of running with no other training (NO_VARIETY)", () => {
    const w = check(runs);
    expect(w?.code).toBe("NO_VARIETY");
    // Runs on 5, 8, ... 29 June: nine in the 28 days from 3 June.
    expect(w?.data).toEqual({ weeks: 4, runs: 9 });
    expect(w?.article).toBe("varied-training");
  });

  it("is satisfied by a single strength or cycling session, but not by walks", () => {
    expect(
      check([
        ...runs,
        activity({ sport: "strength", startUtc: "2024-06-20T18:00:00.000Z", distanceM: 0 }),
      ]),
    ).toBeNull();
    expect(
      check([...runs, activity({ sport: "ride", startUtc: "2024-06-05T18:00:00.000Z" })]),
    ).toBeNull();
    expect(
      check([...runs, activity({ sport: "walk", startUtc: "2024-06-20T18:00:00.000Z" })])?.code,
    ).toBe("NO_VARIETY");
  });

  it("waits for four weeks of history", () => {
    expect(
      check([
        runOn("2024-06-10", 5),
        runOn("2024-06-15", 5),
        runOn("2024-06-20", 5),
        runOn("2024-06-25", 5),
      ]),
    ).toBeNull();
  });
});
