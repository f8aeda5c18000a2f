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
};

describe("attention score", () => {
  it("is zero with no reasons for a runner with nothing to watch", () => {
    expect(attentionFor(calm)).toEqual({ score: 0, reasons: [] });
  });

  it("ranks a recent red-flag triage above any load or pain signal", () => {
    const redFlag = attentionFor({ ...calm, latestAssessment: { triage: "urgent", date: "2024-03-30" } });
    const loaded = attentionFor({
      ...calm,
      acwr: { ratio: 1.72, zone: "very_high" },
      warnings: [{ code: "RAMP_WEEKLY", data: { distance_change_pct: 35.2 } }],
      latestPain: { score: 5, date: "2024-03-31" },
    });
    expect(redFlag.reasons.map((r) => r.text)).toEqual(["red-flag triage (urgent) yesterday"]);
    expect(loaded.reasons.map((r) => r.text)).toEqual(["ACWR 1.72", "pain 5/10 today", "ramp +35%"]);
    expect(redFlag.score).toBeGreaterThan(loaded.score);
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
