import { describe, expect, it } from "vitest";
import { formatDistance } from "../format/distance.js";
import type { AdaptWhy, PlanText, PlanTextKey } from "./plan-text.js";
import { PLAN_TEXT_KEYS, renderText } from "./plan-text.js";

const WHY: AdaptWhy = { planned_m: 24_200, done_m: 12_000, share_pct: 50, pain: "rising", level_m: 13_200 };

/**
 * One text of every key, with distances that are not round in either unit. The type asks for
 * every key, so a new key fails to compile until it has a sample here.
 */
const SAMPLES: { [K in PlanTextKey]: Extract<PlanText, { key: K }> } = {
  easy_run: { key: "easy_run", distance_m: 8_300 },
  long_run: { key: "long_run", distance_m: 16_100 },
  quality_run: { key: "quality_run", distance_m: 9_700 },
  race_week_run: { key: "race_week_run", distance_m: 5_400 },
  race_day: { key: "race_day", distance_m: 21_097 },
  cross: { key: "cross", minutes: 40 },
  strength: { key: "strength", programme: "patellofemoral-pain", minutes: 25 },
  rest: { key: "rest" },
  post_race_rest: { key: "post_race_rest" },
  pre_race_rest: { key: "pre_race_rest" },
  walk_run: { key: "walk_run", stage: 3 },
  starts_midweek: { key: "starts_midweek", date: "2025-03-05" },
  lighter_week: { key: "lighter_week", percent: 75, level_m: 26_600, cycle: 3 },
  hold_before_taper: { key: "hold_before_taper", volume_m: 41_300 },
  above_goal: { key: "above_goal", level_m: 52_700, target_m: 40_000 },
  hold_at_limit: { key: "hold_at_limit", volume_m: 33_300 },
  hold_steady: { key: "hold_steady", volume_m: 28_900 },
  build_up: { key: "build_up", from: "after_lighter", level_m: 24_200, rise_pct: 9, highest_m: 24_800, guide_pct: 10 },
  reaches_target: { key: "reaches_target", target_m: 40_000 },
  long_run_capped: { key: "long_run_capped", long_m: 13_200, before_m: 12_000 },
  taper: { key: "taper", percent: 70, peak_m: 48_300 },
  race_week: { key: "race_week", distance_m: 42_195, date: "2025-05-18" },
  race_on_first_day: { key: "race_on_first_day", race_date: "2025-05-18", eve_date: "2025-05-17" },
  replanned: { key: "replanned", why: WHY },
  cut_to_half: { key: "cut_to_half", why: { ...WHY, pain: "high" } },
  eased_week: { key: "eased_week", why: WHY },
  above_goal_already: { key: "above_goal_already", level_m: 52_700, target_m: 40_000 },
  goal_beyond_horizon: { key: "goal_beyond_horizon", guide_pct: 5, reached_m: 61_800, target_m: 120_000 },
  goal_unreachable: {
    key: "goal_unreachable",
    guide_pct: 10,
    peak_m: 27_700,
    date: "2025-03-30",
    target_m: 55_000,
    distance_m: 42_195,
  },
  event_too_close: {
    key: "event_too_close",
    date: "2025-03-30",
    longest_m: 14_600,
    minimum_m: 28_000,
    distance_m: 42_195,
    safe_date: "2025-06-22",
    shorter_m: 21_097,
  },
  pain_high: { key: "pain_high" },
  note_rules: { key: "note_rules" },
  note_pain: { key: "note_pain" },
  note_race: { key: "note_race" },
  change: { key: "change", why: { ...WHY, done_m: null }, note: "added" },
  legacy: { key: "legacy", text: "Main: 8.0 km at a relaxed, chatty pace; a 42.2 km race; 3 kmh and 5km stay." },
};

/** Every distance a text holds: its fields ending "_m", nested ones included. */
function distancesIn(value: unknown): number[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k.endsWith("_m") && typeof v === "number" ? [v] : distancesIn(v),
  );
}

describe("plan texts", () => {
  it("has a sample of every key", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...PLAN_TEXT_KEYS].sort());
  });

  for (const key of PLAN_TEXT_KEYS) {
    it(`writes "${key}" in km and in miles, each distance converted`, () => {
      const text = SAMPLES[key];
      const km = renderText(text, "km");
      const mi = renderText(text, "mi");
      expect(km.length).toBeGreaterThan(10);
      expect(mi).not.toMatch(/\d km\b/);
      expect(mi).not.toMatch(/\bkm\b(?!h)/);
      for (const m of distancesIn(text)) {
        expect(km).toContain(formatDistance(m, "km"));
        expect(mi).toContain(formatDistance(m, "mi"));
      }
      // A text with distances reads differently in miles; one without reads the same.
      if (distancesIn(text).length > 0) expect(mi).not.toBe(km);
    });
  }

  it("rewrites an old plan's km sentences for miles, and only numbers followed by km as a word", () => {
    expect(renderText(SAMPLES.legacy, "mi")).toBe(
      "Main: 5.0 mi at a relaxed, chatty pace; a 26.2 mi race; 3 kmh and 5km stay.",
    );
    expect(renderText(SAMPLES.legacy, "km")).toBe(SAMPLES.legacy.text);
  });

  it("keeps the sentences kneewise wrote before issue 17 word for word in km", () => {
    expect(renderText(SAMPLES.easy_run, "km")).toBe(
      "Warm-up: 5-10 min of brisk walking or very gentle jogging, then a few leg swings. Main: 8.3 km at a relaxed, chatty pace. Cool-down: walk for 5 min, then ease out calves, thighs and hips with light stretches.",
    );
    expect(renderText(SAMPLES.replanned, "mi")).toBe(
      "Re-planned: Last week you ran 7.5 mi of the 15.0 mi planned (50%), and knee pain has been rising or slow to settle in the last seven days, so the weeks ahead start again from 8.2 mi a week.",
    );
  });

  it.each(PLAN_TEXT_KEYS)('writes no day of "%s" as YYYY-MM-DD when a locale is given', (key) => {
    expect(renderText(SAMPLES[key], "km", "en-GB")).not.toMatch(/\d{4}-\d\d-\d\d/);
  });

  it.each([
    ["starts_midweek", ["This week starts on 5 Mar 2025;"], ["This week starts on Mar 5, 2025;"], ["This week starts on 2025-03-05;"]],
    ["race_week", ["race on 18 May 2025."], ["race on May 18, 2025."], ["race on 2025-05-18."]],
    ["goal_unreachable", ["a week by 30 Mar 2025,"], ["a week by Mar 30, 2025,"], ["a week by 2025-03-30,"]],
    [
      "event_too_close",
      ["The race on 30 Mar 2025 is too close", "a race on 22 Jun 2025 or later"],
      ["The race on Mar 30, 2025 is too close", "a race on Jun 22, 2025 or later"],
      ["The race on 2025-03-30 is too close", "a race on 2025-06-22 or later"],
    ],
  ] as const)('writes the days of "%s" in en-GB and en-US styles, and as YYYY-MM-DD without a locale', (key, gb, us, iso) => {
    const text = SAMPLES[key];
    for (const part of gb) expect(renderText(text, "km", "en-GB")).toContain(part);
    for (const part of us) expect(renderText(text, "km", "en-US")).toContain(part);
    for (const part of iso) expect(renderText(text, "km")).toContain(part);
  });

  it("writes the days an old plan's sentence names in the reader's style too", () => {
    const old: PlanText = { key: "legacy", text: "This week starts on 2025-03-05; the days before it are past." };
    expect(renderText(old, "km", "en-GB")).toBe("This week starts on 5 Mar 2025; the days before it are past.");
    expect(renderText(old, "km", "en-US")).toBe("This week starts on Mar 5, 2025; the days before it are past.");
    expect(renderText(old, "km")).toBe(old.text);
  });

  it("refuses a stored text whose key it does not know, naming the key", () => {
    expect(() => renderText({ key: "nonsense" } as unknown as PlanText, "km")).toThrow(/"nonsense"/);
  });
});
