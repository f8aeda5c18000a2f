import { describe, expect, it } from "vitest";
import {
  climbLabel,
  distanceValue,
  formatClimb,
  formatClimbRate,
  formatClimbRateThreshold,
  formatDate,
  formatDateTime,
  formatDateWithWeekday,
  formatDistance,
  formatDistanceDown,
  formatDistanceRange,
  formatPace,
  formatShortDate,
  formatShortDateWithWeekday,
  formatMonth,
  formatSpeed,
  formatStart,
  formatStartDate,
  formatWeeklyVolume,
  metresFrom,
  paceLabel,
  unitWord,
} from "./index.js";

describe("distances in the runner's units", () => {
  it("writes km with one decimal by default, and the digits asked for", () => {
    expect(formatDistance(12_500, "km")).toBe("12.5 km");
    expect(formatDistance(700_000, "km", 0)).toBe("700 km");
    expect(formatWeeklyVolume(32_000, "km")).toBe("32.0 km a week");
  });

  it("writes miles for a runner who counts in miles", () => {
    expect(formatDistance(16_093.44, "mi")).toBe("10.0 mi");
    expect(formatDistance(42_195, "mi")).toBe("26.2 mi");
    expect(formatWeeklyVolume(32_186.88, "mi")).toBe("20.0 mi a week");
    expect(distanceValue(1609.344, "mi")).toBeCloseTo(1, 9);
    expect(metresFrom(5, "mi")).toBe(8047);
    expect(unitWord("mi")).toBe("miles");
    expect(unitWord("km")).toBe("kilometres");
    expect(formatDistanceRange(640_000, 800_000, "km")).toBe("640 to 800 km");
    expect(formatDistanceRange(640_000, 800_000, "mi")).toBe("400 to 500 mi");
  });

  it("rounds a limit down, so a run under the words is under the limit", () => {
    expect(formatDistanceDown(19_860, "km")).toBe("19.8 km");
    expect(formatDistanceDown(19_800, "km")).toBe("19.8 km");
    expect(formatDistanceDown(16_093.44 * 1.099, "mi")).toBe("10.9 mi");
  });

  it("gives paces and speeds per km or per mile", () => {
    expect(formatPace(1800, 6000, "km")).toBe("5:00 /km");
    expect(formatPace(1800, 6000, "mi")).toBe("8:03 /mi");
    expect(formatPace(1800, 10, "km")).toBeNull();
    expect(paceLabel("mi")).toBe("/mi");
    expect(formatSpeed(3600, 24_300, "km")).toBe("24.3 km/h");
    expect(formatSpeed(3600, 24_140.16, "mi")).toBe("15.0 mph");
  });

  it("gives climbing in metres, or in feet with miles", () => {
    expect(formatClimb(42.4, "km")).toBe("42 m");
    expect(formatClimb(42, "mi")).toBe("138 ft");
    expect(climbLabel("mi")).toBe("ft");
    expect(formatClimbRate(12, "km")).toBe("12 m per km");
    expect(formatClimbRate(12, "mi")).toBe("63 ft per mile");
  });

  it("keeps the tenth of a climb rate that is a cut-off, so no run falls on the wrong side of it", () => {
    // Rounded to whole metres, a median of 12.5 read "more than 13", though runs at 12.7 were above it.
    expect(formatClimbRateThreshold(12.5, "km")).toBe("12.5 m per km");
    expect(formatClimbRateThreshold(0.4, "km")).toBe("0.4 m per km");
    expect(formatClimbRateThreshold(12, "km")).toBe("12 m per km");
    expect(formatClimbRateThreshold(5, "km")).toBe("5.0 m per km");
    // 0.4 m per km is 2.1 ft per mile; 12 m per km is 63.4, 12.5 m per km 66.0.
    expect(formatClimbRateThreshold(0.4, "mi")).toBe("2.1 ft per mile");
    expect(formatClimbRateThreshold(12, "mi")).toBe("63.4 ft per mile");
    expect(formatClimbRateThreshold(12.5, "mi")).toBe("66 ft per mile");
    expect(() => formatClimbRateThreshold(1, "yd" as "km")).toThrow(/units: expected "km" or "mi"/);
  });

  it("refuses units it does not know, naming the field", () => {
    expect(() => formatDistance(1000, "yd" as "km")).toThrow(/units: expected "km" or "mi"/);
  });
});

describe("dates in one style, in the locale passed", () => {
  it("writes a calendar day as day, short month and year, weekday where asked", () => {
    expect(formatDate("2026-12-07", "en-GB")).toBe("7 Dec 2026");
    expect(formatDateWithWeekday("2026-12-07", "en-GB")).toBe("Mon, 7 Dec 2026");
    expect(formatShortDate("2026-12-07", "en-GB")).toBe("7 Dec");
    expect(formatShortDateWithWeekday("2026-12-07", "en-GB")).toBe("Mon 7 Dec");
    expect(formatMonth("2026-12-01", "en-GB")).toBe("December 2026");
    expect(formatMonth("2026-12-31", "en-US")).toBe("December 2026");
    expect(formatMonth("2026-12-01", "de-DE")).toBe("Dezember 2026");
    expect(() => formatMonth("2026-12", "en-GB")).toThrow(/date: expected a calendar day as YYYY-MM-DD/);
  });

  it("follows the locale it is given, not the machine's", () => {
    expect(formatDate("2026-12-07", "en-US")).toBe("Dec 7, 2026");
    expect(formatDate("2026-12-07", "de-DE")).toBe("7. Dez. 2026");
    expect(formatDateWithWeekday("2026-12-07", "fr-FR")).toBe("lun. 7 déc. 2026");
  });

  it("keeps a calendar day on its day in any time zone", () => {
    expect(formatDate("2026-12-07", "en-GB", "Pacific/Honolulu")).toBe("7 Dec 2026");
    expect(formatDate("2026-12-07", "en-GB", "Pacific/Kiritimati")).toBe("7 Dec 2026");
  });

  it("dates an activity in the runner's own offset when the file says it", () => {
    // 23:30 UTC on the 6th is already the 7th in Vienna (UTC+1) and still the 6th in New York.
    expect(formatStartDate("2026-12-06T23:30:00Z", 60, "en-GB")).toBe("7 Dec 2026");
    expect(formatStartDate("2026-12-06T23:30:00Z", -300, "en-GB")).toBe("6 Dec 2026");
    expect(formatStart("2026-12-06T23:30:00Z", 60, "en-GB")).toBe("Mon, 7 Dec 2026, 00:30");
    expect(formatStartDate("2026-12-06T23:30:00Z", null, "en-GB", "Asia/Tokyo")).toBe("7 Dec 2026");
  });

  it("writes a moment with its time", () => {
    expect(formatDateTime("2026-12-07T07:05:00Z", "en-GB", "UTC")).toBe("7 Dec 2026, 07:05");
    expect(formatDate("2026-12-07T23:05:00Z", "en-GB", "Europe/Vienna")).toBe("8 Dec 2026");
  });

  it("refuses what is not a date, naming what was expected", () => {
    expect(() => formatDate("2026-02-30", "en-GB")).toThrow(/expected a calendar day as YYYY-MM-DD/);
    expect(() => formatDate("yesterday", "en-GB")).toThrow(/date: expected a date/);
  });
});
