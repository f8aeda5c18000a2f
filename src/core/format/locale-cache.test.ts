import { describe, expect, it } from "vitest";
import { formatDate, formatMonth } from "./dates.js";
import { LOCALE_CACHE_CAP, localeCacheSize } from "./locale-cache.js";

describe("date formatters kept per locale", () => {
  it("stays within its cap however many tags readers send", () => {
    for (let i = 0; i < 1000; i++) {
      expect(formatDate("2026-12-07", `en-x-r${i.toString(36)}`)).toBe("Dec 7, 2026");
      formatMonth("2026-12-01", `de-x-m${i.toString(36)}`);
    }
    const size = localeCacheSize();
    expect(size.formatters).toBeGreaterThan(0);
    expect(size.formatters).toBeLessThanOrEqual(LOCALE_CACHE_CAP);
    expect(size.resolvedTags).toBeLessThanOrEqual(LOCALE_CACHE_CAP);
    // 2000 tags were resolved and the map is full at its cap; they all resolve to en or de,
    // so one day formatter and one month formatter serve them all.
    expect(size.resolvedTags).toBe(LOCALE_CACHE_CAP);
    expect(size.formatters).toBe(2);
  });

  it("shares one formatter between spellings of the same locale", () => {
    const before = localeCacheSize().formatters;
    expect(formatDate("2026-12-07", "fr-CA")).toBe("7 déc. 2026");
    const once = localeCacheSize().formatters;
    expect(once).toBe(Math.min(before + 1, LOCALE_CACHE_CAP));
    expect(formatDate("2026-12-07", "fr-ca")).toBe("7 déc. 2026");
    expect(formatDate("2026-12-07", "fr-CA-x-anything")).toBe("7 déc. 2026");
    expect(localeCacheSize().formatters).toBe(once);
  });

  it("shares one formatter between en-GB and en-gb", () => {
    formatDate("2026-12-07", "en-GB");
    const once = localeCacheSize().formatters;
    expect(once).toBeGreaterThan(0);
    expect(formatDate("2026-12-07", "en-gb")).toBe("7 Dec 2026");
    expect(localeCacheSize().formatters).toBe(once);
    // A locale not seen before still adds one: the count does move when a formatter is made.
    formatDate("2026-12-07", "it-IT");
    expect(localeCacheSize().formatters).toBe(Math.min(once + 1, LOCALE_CACHE_CAP));
  });
});
