import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  acwrSeries,
  acwrWithheldReason,
  acwrZone,
  ewmaLambda,
  NO_CHRONIC_LOAD,
  NOT_ENOUGH_HISTORY,
} from "./acwr.js";

const loads = fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 120 });
const last = (a: Float64Array): number => a[a.length - 1] ?? Number.NaN;
const noHigher = (after: number, before: number): boolean =>
  after <= before + 1e-9 * Math.max(1, before);

describe("rolling acute:chronic ratio", () => {
  it("leaves the acute week out of the chronic window (hand-computed)", () => {
    // 21 days at 1 km, then 7 days at 2 km: acute 14 km, chronic = 21 km / 21 days x 7 = 7 km.
    const load = [...Array<number>(21).fill(1000), ...Array<number>(7).fill(2000)];
    const s = acwrSeries(load);
    expect(last(s.rollingAcute)).toBe(14_000);
    expect(last(s.rollingChronic)).toBe(7000);
    expect(last(s.rollingRatio)).toBe(2);
    expect(acwrZone(last(s.rollingRatio))).toBe("very_high");
  });

  it("withholds the ratio until 21 of the last 28 days have data", () => {
    const s = acwrSeries(Array<number>(30).fill(1000));
    expect(Number.isNaN(s.rollingRatio[19] ?? 0)).toBe(true);
    expect(acwrWithheldReason(s, 19, 21)).toBe(NOT_ENOUGH_HISTORY);
    expect(s.covered[20]).toBe(21);
    expect(acwrWithheldReason(s, 20, 21)).toBeNull();
    expect(acwrWithheldReason(s, -1, 21)).toBe(NOT_ENOUGH_HISTORY);
  });

  it("averages the chronic window over covered days only, so a steady runner reads 1.0 from day 21", () => {
    const s = acwrSeries(Array<number>(40).fill(5000));
    for (let i = 20; i < 40; i++) expect(s.rollingRatio[i]).toBeCloseTo(1, 12);
  });

  it("withholds the ratio when nothing happened in days 8-28", () => {
    // Day 0 is 28 days before the last day: just outside the chronic window (days 1-21).
    const load = [3000, ...Array<number>(27).fill(0), 8000];
    const s = acwrSeries(load);
    expect(last(s.rollingChronic)).toBe(0);
    expect(acwrWithheldReason(s, 28, 21)).toBe(NO_CHRONIC_LOAD);
  });
});

describe("EWMA acute:chronic ratio", () => {
  it("uses lambda = 2/(N+1)", () => {
    expect(ewmaLambda(7)).toBe(0.25);
    expect(ewmaLambda(28)).toBeCloseTo(2 / 29, 15);
  });

  it("corrects the start-up so the first days are averages, not fractions (hand-computed)", () => {
    const s = acwrSeries([10, 0]);
    // Day 0: both averages are simply 10 a day, 70 a week.
    expect(s.ewmaAcute[0]).toBeCloseTo(70, 10);
    expect(s.ewmaChronic[0]).toBeCloseTo(70, 10);
    // Day 1, acute: 0.75 x 2.5 / (1 - 0.75^2) = 4.2857 a day.
    expect(s.ewmaAcute[1]).toBeCloseTo((1.875 / 0.4375) * 7, 10);
    // Day 1, chronic: (27/29)(20/29) / (1 - (27/29)^2) = 540/112 a day.
    expect(s.ewmaChronic[1]).toBeCloseTo((540 / 112) * 7, 10);
  });

  it("reads exactly 1 for a perfectly steady load", () => {
    const s = acwrSeries(Array<number>(60).fill(4000));
    for (let i = 20; i < 60; i++) expect(s.ewmaRatio[i]).toBeCloseTo(1, 12);
  });

  it("rises above 1 when the last week is heavier than before", () => {
    const s = acwrSeries([...Array<number>(50).fill(1000), ...Array<number>(7).fill(2500)]);
    expect(last(s.ewmaRatio)).toBeGreaterThan(1.3);
  });
});

describe("zones", () => {
  it("places the boundaries as documented", () => {
    expect([0.79, 0.8, 1.3, 1.31, 1.5, 1.51].map(acwrZone)).toEqual([
      "low",
      "ok",
      "ok",
      "high",
      "high",
      "very_high",
    ]);
  });
});

describe("ACWR properties", () => {
  it("is never negative, even when fed a negative load", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5000, max: 40_000 }), { minLength: 1, maxLength: 120 }),
        (load) => {
          const s = acwrSeries(load);
          for (const arr of [s.rollingAcute, s.rollingChronic, s.ewmaAcute, s.ewmaChronic]) {
            for (const x of arr) expect(x).toBeGreaterThanOrEqual(0);
          }
          for (const arr of [s.rollingRatio, s.ewmaRatio]) {
            for (const x of arr) if (!Number.isNaN(x)) expect(x).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it("never raises the acute load when a rest day is added at the end", () => {
    fc.assert(
      fc.property(loads, (load) => {
        const before = acwrSeries(load);
        const after = acwrSeries([...load, 0]);
        expect(noHigher(last(after.rollingAcute), last(before.rollingAcute))).toBe(true);
        expect(noHigher(last(after.ewmaAcute), last(before.ewmaAcute))).toBe(true);
      }),
    );
  });

  it("never raises the acute load when a rest day is slipped into the history", () => {
    fc.assert(
      fc.property(loads, fc.nat(), (load, at) => {
        const p = 1 + (at % load.length); // after the first recorded day
        const before = acwrSeries(load);
        const after = acwrSeries([...load.slice(0, p), 0, ...load.slice(p)]);
        expect(noHigher(last(after.rollingAcute), last(before.rollingAcute))).toBe(true);
        expect(noHigher(last(after.ewmaAcute), last(before.ewmaAcute))).toBe(true);
      }),
    );
  });
});
