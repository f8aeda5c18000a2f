import { describe, it, expect } from "vitest";
import { addDays, dayName, daysBetween, isIsoDate, nextWeekStart, weekdayIndex, weekStartOf } from "./dates.js";

describe("plan dates", () => {
  it("accepts only real calendar dates written YYYY-MM-DD", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("2025-3-1")).toBe(false);
  });

  it("counts weeks from Monday across month, year and leap-day boundaries", () => {
    expect(weekdayIndex("2025-03-03")).toBe(0);
    expect(weekdayIndex("2025-03-09")).toBe(6);
    expect(weekStartOf("2025-01-01")).toBe("2024-12-30");
    expect(weekStartOf("2024-03-03")).toBe("2024-02-26");
    expect(nextWeekStart("2025-03-03")).toBe("2025-03-10");
    expect(nextWeekStart("2025-03-09")).toBe("2025-03-10");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(daysBetween("2024-12-30", "2025-01-06")).toBe(7);
  });

  it("counts weeks from the runner's own first day: Sunday (0) or Saturday (6)", () => {
    // 2025-03-09 is a Sunday.
    expect(dayName("2025-03-09")).toBe("Sunday");
    expect(weekdayIndex("2025-03-09", 0)).toBe(0);
    expect(weekdayIndex("2025-03-15", 0)).toBe(6);
    expect(weekStartOf("2025-03-12", 0)).toBe("2025-03-09");
    expect(weekStartOf("2025-03-12", 6)).toBe("2025-03-08");
    expect(nextWeekStart("2025-03-09", 0)).toBe("2025-03-16");
    expect(nextWeekStart("2025-03-08", 0)).toBe("2025-03-09");
  });
});
