import { describe, expect, it } from "vitest";
import { DEFAULT_TRAINING_CONFIG } from "./config.js";
import { addDays, answers, checkin } from "./factories.test-helpers.js";
import { dayOfDate } from "./local-day.js";
import { CHECKIN_MAX_SCORE, checkinScore, checkinTrend, isElevated } from "./overtraining.js";
import type { Checkin } from "./types.js";

const AS_OF = "2024-06-30";
const trend = (checkins: Checkin[]) =>
  checkinTrend(checkins, dayOfDate(AS_OF), DEFAULT_TRAINING_CONFIG);
const tired = { fatigue: 3, sleep: 2, enthusiasm: 2, performance_drop: 2 }; // score 9
const fine = { fatigue: 1 };

describe("overtraining check-in", () => {
  it("scores 8 items of 0-3 out of 24, clamping bad input", () => {
    expect(CHECKIN_MAX_SCORE).toBe(24);
    expect(checkinScore(answers(tired))).toBe(9);
    expect(checkinScore(answers({ fatigue: 7, sleep: -2, headaches: Number.NaN }))).toBe(3);
  });

  it("calls a check-in elevated from a score of 8 or two items at 3", () => {
    expect(isElevated(answers({ fatigue: 2, sleep: 2, appetite: 2, general_aches: 1 }), 8)).toBe(
      false,
    );
    expect(isElevated(answers({ fatigue: 2, sleep: 2, appetite: 2, general_aches: 2 }), 8)).toBe(
      true,
    );
    expect(isElevated(answers({ fatigue: 3, sleep: 3 }), 8)).toBe(true);
  });

  it("warns when signs persist over two weekly check-ins (OVERTRAINING_SIGNS)", () => {
    const r = trend([checkin(addDays(AS_OF, -7), tired), checkin(AS_OF, tired)]);
    expect(r.report.persistent).toBe(true);
    expect(r.warning?.code).toBe("OVERTRAINING_SIGNS");
    expect(r.warning?.article).toBe("overtraining");
    expect(r.warning?.message).toMatch(/rest/);
    expect(r.warning?.message).toMatch(/doctor/);
    expect(r.warning?.message).toMatch(/not a diagnosis/);
    expect(r.warning?.message).toContain("tiredness");
  });

  it("does not warn on a few bad days or when most check-ins are fine", () => {
    const shortStreak = [0, 1, 2].map((d) => checkin(addDays(AS_OF, -d), tired));
    expect(trend(shortStreak).warning).toBeNull();
    const mostlyFine = [
      checkin(addDays(AS_OF, -12), tired),
      checkin(addDays(AS_OF, -9), fine),
      checkin(addDays(AS_OF, -6), fine),
      checkin(addDays(AS_OF, -3), fine),
      checkin(AS_OF, tired),
    ];
    expect(trend(mostlyFine).warning).toBeNull();
  });

  it("looks only at the last 14 days and reports the trend's direction", () => {
    const r = trend([
      checkin(addDays(AS_OF, -20), tired), // outside the window
      checkin(addDays(AS_OF, -10), fine),
      checkin(addDays(AS_OF, -8), fine),
      checkin(addDays(AS_OF, -2), tired),
      checkin(addDays(AS_OF, 1), tired), // after asOf
    ]);
    expect(r.report.trend.map((t) => t.score)).toEqual([1, 1, 9]);
    expect(r.report.mean_previous_7).toBe(1);
    expect(r.report.mean_last_7).toBe(9);
    expect(r.report.direction).toBe("rising");
    expect(r.report.persistent).toBe(false);
  });

  it("has no direction without check-ins in both weeks", () => {
    expect(trend([checkin(AS_OF, fine)]).report.direction).toBeNull();
    expect(trend([]).report).toMatchObject({ trend: [], mean_last_7: null, persistent: false });
  });
});
