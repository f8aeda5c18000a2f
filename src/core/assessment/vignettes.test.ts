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
  it("ranks the expected condition first in at least 85% of cases", () => {
    expect(report.cases).toBe(30);
    expect(report.top1Rate, misses).toBeGreaterThanOrEqual(0.85);
  });

  it("has the expected condition in the top three in at least 95% of cases", () => {
    expect(report.top3Rate, misses).toBeGreaterThanOrEqual(0.95);
  });

  it("matches the reference triage exactly in at least 90% of cases", () => {
    expect(report.triageExactRate, misses).toBeGreaterThanOrEqual(0.9);
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
