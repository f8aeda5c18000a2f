import { describe, expect, it } from "vitest";
import { PATTERN_NOTE_KEYS, renderPatternNote } from "./pattern-text.js";
import type { PatternNote, PatternNoteKey } from "./pattern-text.js";

const split = { higher: { n: 6, mean: 4.5 }, lower: { n: 1, mean: 1.3 } };

/** One note of every kind; the type makes a new kind add its sample here. */
const SAMPLES: { [K in PatternNoteKey]: Extract<PatternNote, { key: K }> } = {
  too_few_entries: { key: "too_few_entries", minEntries: 10, minWeeks: 3, entries: 9, weeks: 4 },
  no_runs: { key: "no_runs" },
  flat_weeks: { key: "flat_weeks" },
  few_weeks: { key: "few_weeks", minWeeks: 4, weeks: 3 },
  weekly_link: { key: "weekly_link", weeks: 6, r: 0.62, tentative: true },
  no_distance_split: { key: "no_distance_split", runDays: 12, minGroup: 4, minDifference: 1 },
  long_runs: { key: "long_runs", thresholdM: 8000, ...split },
  few_descents: { key: "few_descents", runDays: 5, needed: 8 },
  no_descent_split: { key: "no_descent_split", medianLossPerKm: 12 },
  descents: { key: "descents", medianLossPerKm: 12, ...split },
  one_shoe: { key: "one_shoe" },
  no_shoe_stands_out: { key: "no_shoe_stands_out", byShoe: [{ n: 5, mean: 2.1 }, { n: 1, mean: 3 }] },
  shoe: { key: "shoe", ...split },
  triggers: { key: "triggers", triggers: ["descents", "stairs"] },
  no_trigger: { key: "no_trigger" },
};

/** What each note reads in km and in miles. */
const EXPECTED: Record<PatternNoteKey, { km: string; mi?: string }> = {
  too_few_entries: { km: "Patterns need at least 10 entries spread over 3 different weeks; the diary has 9 over 4." },
  no_runs: { km: "Import or log your runs to compare pain with weekly distance, long runs, descents and shoes." },
  flat_weeks: { km: "Weekly distance or weekly pain did not vary, so there is nothing to compare." },
  few_weeks: { km: "A link with weekly distance needs diary entries in at least 4 weeks; there are 3." },
  weekly_link: { km: "Across 6 weeks, r = 0.62 between weekly distance and average pain (few weeks: a hint, not proof)." },
  no_distance_split: {
    km: "No distance splits your 12 run days into a group with clearly more pain the next morning (at least 4 days on each side and 1 point apart).",
  },
  long_runs: {
    km: "Mornings after runs over 8.0 km averaged 4.5 (6 days) against 1.3 after shorter runs (1 day).",
    mi: "Mornings after runs over 5.0 mi averaged 4.5 (6 days) against 1.3 after shorter runs (1 day).",
  },
  few_descents: { km: "Only 5 run days with a recorded descent and a morning score; 8 are needed." },
  no_descent_split: {
    km: "Mornings after hillier runs (more than 12 m per km of descent, your median) were not clearly worse than after flatter ones.",
    mi: "Mornings after hillier runs (more than 63.4 ft per mile of descent, your median) were not clearly worse than after flatter ones.",
  },
  descents: {
    km: "Mornings after runs with more than 12 m per km of descent averaged 4.5 (6 days) against 1.3 after flatter runs (1 day).",
    mi: "Mornings after runs with more than 63.4 ft per mile of descent averaged 4.5 (6 days) against 1.3 after flatter runs (1 day).",
  },
  one_shoe: { km: "Runs in at least two pairs of shoes (with a morning score) are needed to compare them." },
  no_shoe_stands_out: { km: "No pair of shoes stands out: 2.1 over 5 days, 3 over 1 day." },
  shoe: { km: "Mornings after runs in one pair averaged 4.5 (6 days) against 1.3 in the others (1 day)." },
  triggers: { km: "Days you tagged with descents, stairs scored clearly higher than the rest." },
  no_trigger: { km: "None of the things you tagged goes with clearly more pain yet." },
};

describe("the pattern notes", () => {
  it.each(PATTERN_NOTE_KEYS)("writes %s in km and in miles", (key) => {
    const want = EXPECTED[key];
    expect(renderPatternNote(SAMPLES[key], "km")).toBe(want.km);
    expect(renderPatternNote(SAMPLES[key], "mi")).toBe(want.mi ?? want.km);
  });

  it("leaves no kilometre or metre in a note written for miles", () => {
    for (const key of PATTERN_NOTE_KEYS) expect(renderPatternNote(SAMPLES[key], "mi")).not.toMatch(/\d (km|m)\b/);
  });

  it("writes the descent threshold to the tenth, so runs just above it are not said to be below", () => {
    const at = (medianLossPerKm: number, units: "km" | "mi") =>
      renderPatternNote({ key: "no_descent_split", medianLossPerKm }, units);
    expect(at(12.5, "km")).toContain("more than 12.5 m per km of descent");
    expect(at(0.4, "km")).toContain("more than 0.4 m per km of descent");
    expect(at(0.4, "mi")).toContain("more than 2.1 ft per mile of descent");
    expect(renderPatternNote({ key: "descents", medianLossPerKm: 12.5, ...split }, "km")).toContain("more than 12.5 m per km");
  });

  it("names the key it does not know", () => {
    const unknown = { key: "moon_phase" } as unknown as PatternNote;
    expect(() => renderPatternNote(unknown, "km")).toThrow(/note\.key: expected one of .*got "moon_phase"/);
  });
});
