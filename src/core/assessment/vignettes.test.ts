import { describe, expect, it } from "vitest";
import { assess } from "./assess.js";
import { loadPublicVignettes } from "./contract-files.test-helpers.js";
import { scoreVignettes } from "./vignette-scoring.js";

const cases = await loadPublicVignettes();
const report = scoreVignettes(cases, assess);
const misses = report.outcomes
  .filter((o) => !o.top1 || !o.triageExact)
  .map(
    (o) =>
      `${o.id}: expected ${o.expectedCondition}/${o.expectedTriage}, got ${o.got.slice(0, 3).join(",")}/${o.gotTriage}`,
  )
  .join("\n");

describe("public vignettes", () => {
  it("ranks the expected condition first in at least 90% of the 42 cases of contract 1.1", () => {
    expect(report.cases).toBe(42);
    expect(report.top1Rate, misses).toBeGreaterThanOrEqual(0.9);
  });

  it("has the expected condition in the top three in every case", () => {
    expect(report.top3Rate, misses).toBe(1);
  });

  it("matches the reference triage exactly in every case", () => {
    expect(report.triageExactRate, misses).toBe(1);
  });

  it("ranks each of the four 1.1 conditions first in a case that expects it", () => {
    const newConditions = [
      "patellar_dislocation",
      "extensor_mechanism_injury",
      "inflammatory_arthritis",
      "lumbar_referred_pain",
    ];
    for (const id of newConditions) {
      const expecting = report.outcomes.filter((o) => o.expectedCondition === id);
      expect(expecting.length, id).toBeGreaterThan(0);
      expect(
        expecting.some((o) => o.top1),
        id,
      ).toBe(true);
    }
  });

  it("never triages a case as less urgent than the reference", () => {
    expect(report.outcomes.filter((o) => o.underTriage).map((o) => o.id)).toEqual([]);
  });

  it("keeps every red-flag case at its reference level or above", () => {
    const redFlagCases = report.outcomes.filter((o) => o.tags.includes("red_flag"));
    expect(redFlagCases.length).toBeGreaterThan(0);
    for (const o of redFlagCases) expect(o.underTriage, o.id).toBe(false);
  });
});
