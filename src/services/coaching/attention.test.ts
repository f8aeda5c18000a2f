import { describe, expect, it } from "vitest";
import { attentionFor, whenWords } from "./attention.js";
import type { AttentionInput } from "./attention.js";

const calm: AttentionInput = {
  asOf: "2024-03-31",
  acwr: { ratio: 1.0, zone: "ok" },
  warnings: [],
  shoes: { worn: 0, nearLimit: 0 },
  latestPain: null,
  latestAssessment: null,
  recorded: { runs: true, pain: true, assessments: true },
};

describe("attention score", () => {
  it("is zero with no reasons for a runner with nothing to watch", () => {
    const quiet = { ...calm, latestPain: { score: 1, date: "2024-03-30" } };
    expect(attentionFor(quiet)).toEqual({ score: 0, reasons: [], gaps: [], nothingRecorded: false });
  });

  it("never reads a runner with nothing recorded as calm: it says what is missing", () => {
    const empty = attentionFor({ ...calm, recorded: { runs: false, pain: false, assessments: false } });
    expect(empty.score).toBe(0);
    expect(empty.nothingRecorded).toBe(true);
    expect(empty.gaps).toEqual(["no runs recorded", "no pain recorded in the last 60 days", "no knee check yet"]);
  });

  it("names what is not shared, and a diary gone quiet this week", () => {
    const partly = attentionFor({
      ...calm,
      latestPain: { score: 1, date: "2024-03-20" },
      recorded: { runs: null, pain: true, assessments: null },
    });
    expect(partly.gaps).toEqual(["training not shared", "no diary entry in the last 7 days", "knee checks not shared"]);
    expect(partly.nothingRecorded).toBe(false);
    const nothingShared = attentionFor({ ...calm, recorded: { runs: null, pain: null, assessments: null } });
    expect(nothingShared.nothingRecorded).toBe(true);
  });

  it("ranks a recent red-flag triage above any load or pain signal", () => {
    const redFlag = attentionFor({ ...calm, latestAssessment: { triage: "urgent", date: "2024-03-30" } });
    const loaded = attentionFor({
      ...calm,
      warnings: [
        { code: "RUN_SPIKE", data: { increase_pct: 122.2, band: "over-100" } },
        { code: "RAMP_WEEKLY", data: { distance_change_pct: 35.2 } },
      ],
      latestPain: { score: 5, date: "2024-03-31" },
    });
    expect(redFlag.reasons.map((r) => r.text)).toEqual(["red-flag triage (urgent) yesterday"]);
    expect(loaded.reasons.map((r) => r.text)).toEqual([
      "pain 5/10 today",
      "run spike +122% on the 30-day longest",
      "week +35% on the 4-week highest",
    ]);
    expect(redFlag.score).toBeGreaterThan(loaded.score);
  });

  it("gives no attention point for a high acute:chronic ratio: it describes the load, it does not warn", () => {
    expect(attentionFor({ ...calm, acwr: { ratio: 1.9, zone: "very_high" } })).toEqual(expect.objectContaining({ score: 0, reasons: [] }));
    expect(attentionFor({ ...calm, acwr: { ratio: 1.4, zone: "high" } })).toEqual(expect.objectContaining({ score: 0, reasons: [] }));
  });

  it("looks for the guard's spike and weekly warnings, grading the spike by the study's bands, and not for retired codes", () => {
    const spike = (band: string) => attentionFor({ ...calm, warnings: [{ code: "RUN_SPIKE", data: { increase_pct: 20, band } }] }).score;
    expect(spike("10-30")).toBeGreaterThan(0);
    expect(spike("over-100")).toBeGreaterThan(spike("30-100"));
    expect(spike("30-100")).toBeGreaterThan(spike("10-30"));
    // The points by band, as the coach's roster ranks them: 20, 25 and 30.
    expect([spike("10-30"), spike("30-100"), spike("over-100")]).toEqual([20, 25, 30]);
    expect(attentionFor({ ...calm, warnings: [{ code: "RUN_SPIKE", data: { increase_pct: 20, band: "10-30" } }] }).reasons).toEqual([
      { code: "SPIKE", text: "run spike +20% on the 30-day longest", points: 20 },
    ]);
    const weekly = attentionFor({ ...calm, warnings: [{ code: "RAMP_WEEKLY", data: { distance_change_pct: 12 } }] });
    expect(weekly.reasons.map((r) => r.code)).toEqual(["RAMP"]);
    expect(weekly.score).toBe(15);
    expect(weekly.reasons[0]?.text).toBe("week +12% on the 4-week highest");
    // The spike leads the weekly change, as it leads the guard's warnings.
    expect(spike("10-30")).toBeGreaterThan(weekly.score);
    const retired = attentionFor({
      ...calm,
      warnings: [
        { code: "RAMP_TWO_WEEK", data: { change_pct: 40 } },
        { code: "ACWR_HIGH", data: { ratio: 1.6 } },
      ],
    });
    expect(retired).toEqual(expect.objectContaining({ score: 0, reasons: [] }));
  });

  it("lets old pain and old assessments fade out", () => {
    const old = attentionFor({ ...calm, latestPain: { score: 8, date: "2024-03-20" }, latestAssessment: { triage: "emergency", date: "2024-01-01" } });
    expect(old.score).toBe(0);
  });

  it("scores pain above 5 (the back-off band) well above mild pain, and ignores 0-2", () => {
    const at = (score: number) => attentionFor({ ...calm, latestPain: { score, date: "2024-03-30" } }).score;
    expect(at(2)).toBe(0);
    expect(at(6)).toBeGreaterThan(at(5));
    expect(at(6) - at(5)).toBeGreaterThanOrEqual(20);
  });

  it("says when in plain words", () => {
    expect(whenWords("2024-03-31", "2024-03-31")).toBe("today");
    expect(whenWords("2024-03-30", "2024-03-31")).toBe("yesterday");
    expect(whenWords("2024-03-27", "2024-03-31")).toBe("4 days ago");
  });
});
