import { describe, expect, it } from "vitest";
import { activity, runOn } from "./factories.test-helpers.js";
import { dateOfDay, dayOfDate } from "./local-day.js";
import { prepareActivities } from "./prepared-activity.js";
import type { TrainingActivity } from "./types.js";
import { weeklyVolume } from "./weekly-volume.js";

function weeks(activities: TrainingActivity[], asOf: string, weekStart = 1) {
  const last = dayOfDate(asOf);
  return weeklyVolume(prepareActivities(activities, last), last, weekStart).map((w) => ({
    start: dateOfDay(w.startDay),
    km: w.distanceM / 1000,
    runs: w.runs,
    longestKm: w.longestM / 1000,
    timeS: w.timeS,
    gain: w.elevationGainM,
    cross: w.crossTrainingS,
    complete: w.complete,
  }));
}

describe("weekly volume", () => {
  it("sums distance, time, runs, longest run and climb per Monday week, keeping empty weeks", () => {
    const result = weeks(
      [
        runOn("2024-03-04", 8, { elevationGainM: 40 }),
        runOn("2024-03-06", 12, { elevationGainM: 100 }),
        runOn("2024-03-10", 5),
        runOn("2024-03-25", 10),
      ],
      "2024-03-27",
    );
    expect(result.map((w) => w.start)).toEqual([
      "2024-03-04",
      "2024-03-11",
      "2024-03-18",
      "2024-03-25",
    ]);
    expect(result[0]).toMatchObject({
      km: 25,
      runs: 3,
      longestKm: 12,
      timeS: 25 * 360,
      gain: 140,
      complete: true,
    });
    expect(result[1]).toMatchObject({ km: 0, runs: 0, longestKm: 0, timeS: 0 });
    expect(result[2]?.runs).toBe(0);
    expect(result[3]).toMatchObject({ km: 10, runs: 1, complete: false });
  });

  it("keeps cross-training out of the running totals and counts its minutes by sport", () => {
    const result = weeks(
      [
        runOn("2024-03-04", 10),
        activity({
          sport: "ride",
          startUtc: "2024-03-05T17:00:00.000Z",
          movingS: 5400,
          distanceM: 40_000,
        }),
        activity({
          sport: "strength",
          startUtc: "2024-03-06T17:00:00.000Z",
          movingS: 0,
          elapsedS: 1800,
          distanceM: 0,
        }),
        activity({
          sport: "ride",
          startUtc: "2024-03-07T17:00:00.000Z",
          movingS: 1800,
          distanceM: 12_000,
        }),
      ],
      "2024-03-10",
    );
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ km: 10, runs: 1 });
    expect(result[0]?.cross).toEqual({ ride: 7200, strength: 1800 });
  });

  it("splits weeks on the local Monday across the spring daylight-saving change (+60 to +120)", () => {
    const result = weeks(
      [
        // Sunday 31 March 00:30 CET (+60): 23:30 UTC on Saturday.
        activity({
          id: "a",
          startUtc: "2024-03-30T23:30:00.000Z",
          utcOffsetMin: 60,
          distanceM: 5000,
        }),
        // Sunday 31 March 23:30 CEST (+120): 21:30 UTC, still Sunday.
        activity({
          id: "b",
          startUtc: "2024-03-31T21:30:00.000Z",
          utcOffsetMin: 120,
          distanceM: 7000,
        }),
        // Monday 1 April 00:30 CEST: 22:30 UTC on Sunday, but the runner's new week.
        activity({
          id: "c",
          startUtc: "2024-03-31T22:30:00.000Z",
          utcOffsetMin: 120,
          distanceM: 9000,
        }),
      ],
      "2024-04-02",
    );
    expect(result.map((w) => [w.start, w.km, w.runs])).toEqual([
      ["2024-03-25", 12, 2],
      ["2024-04-01", 9, 1],
    ]);
  });

  it("uses each runner's own far time zone (+780 and -600)", () => {
    const auckland = weeks(
      // Monday 8 January 05:00 in Auckland (+13 h) is Sunday 16:00 UTC.
      [
        activity({ startUtc: "2024-01-07T16:00:00.000Z", utcOffsetMin: 780, distanceM: 6000 }),
        runOn("2024-01-03", 4),
      ],
      "2024-01-10",
    );
    expect(auckland.map((w) => [w.start, w.km])).toEqual([
      ["2024-01-01", 4],
      ["2024-01-08", 6],
    ]);
    const honolulu = weeks(
      // Sunday 7 January 20:00 in Honolulu (-10 h) is Monday 06:00 UTC.
      [
        activity({ startUtc: "2024-01-08T06:00:00.000Z", utcOffsetMin: -600, distanceM: 6000 }),
        runOn("2024-01-09", 4),
      ],
      "2024-01-10",
    );
    expect(honolulu.map((w) => [w.start, w.km])).toEqual([
      ["2024-01-01", 6],
      ["2024-01-08", 4],
    ]);
  });

  it("starts weeks on the configured day", () => {
    const result = weeks([runOn("2024-03-09", 5), runOn("2024-03-10", 6)], "2024-03-12", 0);
    expect(result.map((w) => [w.start, w.km])).toEqual([
      ["2024-03-03", 5],
      ["2024-03-10", 6],
    ]);
  });

  it("ignores activities after asOf and returns nothing without activities", () => {
    expect(weeks([runOn("2024-03-20", 5)], "2024-03-19")).toEqual([]);
    expect(weeks([], "2024-03-19")).toEqual([]);
  });
});
