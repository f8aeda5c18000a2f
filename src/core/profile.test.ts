import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  applyProfileUpdate,
  heartRateOrderErrors,
  DEFAULT_PROFILE,
  EXPERIENCE_LEVELS,
  PROFILE_SURFACES,
  rampThresholdFor,
  trainingExperienceOf,
  validateProfileUpdate,
} from "./profile.js";

describe("rampThresholdFor", () => {
  it("gives new and returning runners the 5% guide and regular runners 10%", () => {
    expect(rampThresholdFor({ experience: "new" })).toBe(0.05);
    expect(rampThresholdFor({ experience: "returning" })).toBe(0.05);
    expect(rampThresholdFor({ experience: "regular" })).toBe(0.1);
  });

  it("is never looser for a cautious runner than for a regular one", () => {
    for (const experience of EXPERIENCE_LEVELS) {
      expect(rampThresholdFor({ experience })).toBeLessThanOrEqual(rampThresholdFor({ experience: "regular" }));
    }
  });

  it("maps experience onto the training guard's names", () => {
    expect(trainingExperienceOf({ experience: "new" })).toBe("beginner");
    expect(trainingExperienceOf({ experience: "returning" })).toBe("returning");
    expect(trainingExperienceOf({ experience: "regular" })).toBe("regular");
  });
});

describe("validateProfileUpdate", () => {
  it("refuses a threshold heart rate at or above the maximum sent with it, naming thresholdHr", () => {
    for (const thresholdHr of [150, 200]) {
      expect(validateProfileUpdate({ maxHr: 150, thresholdHr })).toEqual({
        ok: false,
        errors: [{ path: "thresholdHr", message: "must be below your maximum heart rate (150)" }],
      });
    }
    expect(validateProfileUpdate({ maxHr: 150, thresholdHr: 149 })).toMatchObject({ ok: true });
  });

  it("checks the order of heart rates against the stored ones when only one is sent", () => {
    const stored = { maxHr: 190, thresholdHr: 170 };
    expect(heartRateOrderErrors(stored, { thresholdHr: 190 })).toEqual([
      { path: "thresholdHr", message: "must be below your maximum heart rate (190)" },
    ]);
    expect(heartRateOrderErrors(stored, { maxHr: 160 })).toEqual([
      { path: "maxHr", message: "must be above your threshold heart rate (170)" },
    ]);
    expect(heartRateOrderErrors(stored, { maxHr: 171 })).toEqual([]);
    expect(heartRateOrderErrors(stored, { units: "mi" })).toEqual([]);
    expect(heartRateOrderErrors({ maxHr: 150, thresholdHr: 160 }, { units: "mi" })).toEqual([]);
    expect(heartRateOrderErrors(stored, { maxHr: null, thresholdHr: 200 })).toEqual([]);
  });

  it("accepts any subset of valid fields", () => {
    expect(validateProfileUpdate({})).toEqual({ ok: true, value: {} });
    expect(validateProfileUpdate({ footType: "over_pronating", weekStart: 6 })).toMatchObject({ ok: true });
  });

  it("takes heart rates in their plausible ranges, or null to clear them, and names the field otherwise", () => {
    expect(validateProfileUpdate({ maxHr: 100, thresholdHr: 80 })).toMatchObject({ ok: true });
    expect(validateProfileUpdate({ maxHr: 230, thresholdHr: 220 })).toMatchObject({ ok: true });
    expect(validateProfileUpdate({ maxHr: null, thresholdHr: null })).toMatchObject({ ok: true });
    const out = validateProfileUpdate({ maxHr: 231, thresholdHr: 79.5 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.map((e) => e.path)).toEqual(["maxHr", "thresholdHr"]);
    expect(out.errors[0]!.message).toContain("maximum heart rate as whole beats per minute from 100 to 230");
    expect(out.errors[1]!.message).toContain("threshold heart rate as whole beats per minute from 80 to 220");
  });

  it("reports every bad field with its path", () => {
    const out = validateProfileUpdate({ experience: "pro", surfaces: ["road", "sand", "road"], weekStart: 1.5, units: "yards", colour: "red" });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.map((e) => e.path).sort()).toEqual(["colour", "experience", "surfaces[1]", "surfaces[2]", "units", "weekStart"]);
  });

  it("refuses something that is not an object", () => {
    expect(validateProfileUpdate(null)).toMatchObject({ ok: false, errors: [{ path: "" }] });
    expect(validateProfileUpdate([])).toMatchObject({ ok: false });
  });
});

describe("applyProfileUpdate", () => {
  it("keeps list choices in the catalogue's order whatever order they were given in", () => {
    fc.assert(
      fc.property(fc.subarray([...PROFILE_SURFACES]), (chosen) => {
        const shuffled = [...chosen].reverse();
        const next = applyProfileUpdate({ ...DEFAULT_PROFILE }, { surfaces: shuffled });
        expect(next.surfaces).toEqual(PROFILE_SURFACES.filter((s) => chosen.includes(s)));
      }),
    );
  });

  it("replaces only the fields given", () => {
    const next = applyProfileUpdate({ ...DEFAULT_PROFILE, units: "mi", experience: "new" }, { experience: "regular" });
    expect(next).toMatchObject({ units: "mi", experience: "regular", footType: "unknown" });
  });
});
