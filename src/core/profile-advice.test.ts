import { describe, expect, it } from "vitest";
import { MAX_STARTERS, profileAdvice } from "./profile-advice.js";

const FEET = [
  { code: "flat", name: "Flat foot", advice: "Try neutral and stability shoes." },
  { code: "high_arched", name: "High arch", advice: "Look for cushioning." },
];
const LIBRARY = [
  { slug: "clamshell", title: "Clamshell", kind: "strength", targets: ["hip_abductors", "glutes"] },
  { slug: "side-plank", title: "Side plank", kind: "strength", targets: ["hip_abductors", "core"] },
  { slug: "monster-walk", title: "Monster walk", kind: "strength", targets: ["hip_abductors"] },
  { slug: "hip-flexor-stretch", title: "Hip flexor stretch", kind: "stretch", targets: ["hip_flexors"] },
  { slug: "step-down", title: "Step-down", kind: "strength", targets: ["quadriceps"] },
];

describe("profileAdvice", () => {
  it("gives the shoe advice of the runner's foot type, and none when they do not know it", () => {
    expect(profileAdvice({ footType: "flat", weakGroups: [], tightGroups: [] }, FEET, LIBRARY).footwear?.advice).toBe(
      "Try neutral and stability shoes.",
    );
    expect(profileAdvice({ footType: "unknown", weakGroups: [], tightGroups: [] }, FEET, LIBRARY).footwear).toBeNull();
  });

  it("starts weak groups with strength work and tight groups with stretches, two each", () => {
    const advice = profileAdvice({ footType: "unknown", weakGroups: ["hip_abductors"], tightGroups: ["hip_flexors"] }, FEET, LIBRARY);
    expect(advice.exercisesFirst.map((e) => e.slug)).toEqual(["clamshell", "side-plank", "hip-flexor-stretch"]);
    expect(advice.exercisesFirst[2]?.because).toEqual({ group: "hip_flexors", finding: "tight" });
  });

  it("never names an exercise twice and keeps the list short", () => {
    const advice = profileAdvice(
      { footType: "flat", weakGroups: ["hip_abductors", "glutes", "core", "quadriceps"], tightGroups: ["hip_flexors"] },
      FEET,
      LIBRARY,
    );
    const slugs = advice.exercisesFirst.map((e) => e.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.length).toBeLessThanOrEqual(MAX_STARTERS);
    expect(slugs).toContain("step-down");
  });

  it("suggests nothing when the self-tests found nothing", () => {
    expect(profileAdvice({ footType: "flat", weakGroups: [], tightGroups: [] }, FEET, LIBRARY).exercisesFirst).toEqual([]);
  });
});
