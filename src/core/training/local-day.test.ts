import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import {
  checkWeekStart,
  dateOfDay,
  dayOfDate,
  localDayOf,
  weekdayOf,
  weekStartOf,
} from "./local-day.js";

describe("local calendar days", () => {
  it("round-trips dates through day numbers", () => {
    for (const d of ["1970-01-01", "2000-02-29", "2024-03-31", "2035-12-31"])
      expect(dateOfDay(dayOfDate(d))).toBe(d);
  });

  it("reads a date in years 0-99 as itself, not as 19xx (a stored 0050-06-01 must not stop reports)", () => {
    expect(dateOfDay(dayOfDate("0050-06-01"))).toBe("0050-06-01");
    expect(dayOfDate("0050-06-01")).toBeLessThan(dayOfDate("1950-06-01"));
    expect(() => dayOfDate("0050-02-30")).toThrow(DomainError);
  });

  it("knows the weekday, 0 being Sunday", () => {
    expect(weekdayOf(dayOfDate("2024-03-04"))).toBe(1);
    expect(weekdayOf(dayOfDate("2024-03-31"))).toBe(0);
    expect(weekdayOf(dayOfDate("1969-12-31"))).toBe(3);
  });

  it("finds the first day of the week for Monday and Sunday starts", () => {
    const sunday = dayOfDate("2024-03-10");
    expect(dateOfDay(weekStartOf(sunday, 1))).toBe("2024-03-04");
    expect(dateOfDay(weekStartOf(sunday, 0))).toBe("2024-03-10");
    expect(dateOfDay(weekStartOf(dayOfDate("2024-03-04"), 1))).toBe("2024-03-04");
    expect(dateOfDay(weekStartOf(dayOfDate("2024-03-04"), 6))).toBe("2024-03-02");
  });

  it("puts an activity on the runner's local day, not the UTC day", () => {
    // 22:30 UTC on Sunday is 00:30 on Monday in Paris in summer (+120).
    expect(dateOfDay(localDayOf(Date.parse("2024-03-31T22:30:00Z"), 120))).toBe("2024-04-01");
    expect(dateOfDay(localDayOf(Date.parse("2024-03-31T22:30:00Z"), 60))).toBe("2024-03-31");
    // Auckland in summer is 13 hours ahead; Honolulu 10 hours behind.
    expect(dateOfDay(localDayOf(Date.parse("2024-01-07T16:00:00Z"), 780))).toBe("2024-01-08");
    expect(dateOfDay(localDayOf(Date.parse("2024-01-08T06:00:00Z"), -600))).toBe("2024-01-07");
    expect(dateOfDay(localDayOf(Date.parse("2024-01-08T06:00:00Z"), null))).toBe("2024-01-08");
  });

  it("rejects dates that are not real YYYY-MM-DD days", () => {
    for (const bad of ["2024-02-30", "2024-3-01", "yesterday", "2024-13-01", ""]) {
      expect(() => dayOfDate(bad)).toThrow(DomainError);
    }
  });

  it("accepts week starts 0-6 only", () => {
    expect(checkWeekStart(0)).toBe(0);
    expect(() => checkWeekStart(7)).toThrow(/0-6/);
    expect(() => checkWeekStart(1.5)).toThrow(DomainError);
  });
});
