import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "./assess.js";
import { validInputArb } from "./arbitraries.test-helpers.js";
import { rankConditions, scoreConditions } from "./rank-conditions.js";
import { inputWith } from "./sample-inputs.test-helpers.js";
import { seriousnessRank } from "./triage.js";
import type { AssessmentInput } from "./types.js";

const pointsOf = (input: AssessmentInput, id: string): number => {
  const found = scoreConditions(input).find((s) => s.id === id);
  if (found === undefined) throw new Error(`${id} not scored`);
  return found.points;
};
const topOf = (input: AssessmentInput) => assess(input).ranked_conditions[0]?.id;

describe("ranking fixes of 1.1 (from the evidence)", () => {
  it("counts a sore spot away from the kneecap against patellofemoral pain", () => {
    const kneecap = inputWith({ tender_spots: ["kneecap_edges"] });
    const elsewhere = inputWith({ tender_spots: ["pes_anserine"] });
    const unchecked = inputWith({ tender_spots: [] });
    expect(pointsOf(elsewhere, "patellofemoral_pain")).toBeLessThan(
      pointsOf(unchecked, "patellofemoral_pain"),
    );
    expect(pointsOf(kneecap, "patellofemoral_pain")).toBeGreaterThan(
      pointsOf(unchecked, "patellofemoral_pain"),
    );
  });

  it("counts a sore spot away from the joint lines against osteoarthritis, not one on them", () => {
    const older = inputWith({
      age: 62,
      pain_locations: ["medial_joint_line"],
      morning_stiffness: "under_30_min",
    });
    const onLine = { ...older, tender_spots: ["medial_joint_line"] as const };
    const offLine = { ...older, tender_spots: ["pes_anserine"] as const };
    expect(pointsOf(offLine, "knee_osteoarthritis")).toBeLessThan(
      pointsOf(older, "knee_osteoarthritis"),
    );
    expect(pointsOf(onLine, "knee_osteoarthritis")).toBe(pointsOf(older, "knee_osteoarthritis"));
  });

  it("in a child, lets where it is sore to press beat a vague place around the kneecap", () => {
    const child = inputWith({
      age: 13,
      sex: "male",
      pain_locations: ["anterior_around_behind_kneecap"],
      aggravating_factors: ["stairs_down", "squatting"],
    });
    expect(topOf(child)).toBe("patellofemoral_pain");
    expect(topOf({ ...child, tender_spots: ["tibial_tuberosity"] })).toBe("osgood_schlatter");
    expect(topOf({ ...child, tender_spots: ["patellar_tendon_inferior_pole"] })).not.toBe(
      "patellofemoral_pain",
    );
  });

  it("lets a stress fracture present on the outer knee and on the shin", () => {
    const outer = inputWith({
      pain_locations: ["lateral"],
      aggravating_factors: ["hopping_on_affected_leg", "after_running"],
      tender_spots: ["tibia_bone"],
      training_changes: ["volume_increase"],
    });
    expect(topOf(outer)).toBe("stress_fracture");
    const shin = inputWith({
      pain_locations: ["medial_below_joint"],
      aggravating_factors: ["hopping_on_affected_leg"],
      tender_spots: ["tibia_bone"],
    });
    expect(topOf(shin)).toBe("stress_fracture");
  });

  it("treats a known osteoarthritis as background, not as the cause of every new problem", () => {
    const knownOa = { age: 63, age_related_flags: ["known_knee_osteoarthritis"] as const };
    // A twist with locking and joint-line tenderness is a torn meniscus even in a worn knee.
    const tear = inputWith({
      ...knownOa,
      onset: "sudden_with_injury",
      injury_mechanism: "twist_pivot",
      pain_locations: ["medial_joint_line"],
      aggravating_factors: ["twisting_pivoting"],
      swelling: "delayed_within_24h",
      signs: ["locking"],
      tender_spots: ["medial_joint_line"],
      duration_weeks: 1,
    });
    expect(topOf(tear)).toBe("meniscal_tear");
    // Sore inner upper shin: the tendon attachment, not the joint.
    const pes = inputWith({
      ...knownOa,
      pain_locations: ["medial_below_joint"],
      tender_spots: ["pes_anserine"],
    });
    expect(topOf(pes)).toBe("pes_anserine_bursitis");
    // The known diagnosis still counts: the same knee with nothing else is its OA.
    const flare = inputWith({
      ...knownOa,
      pain_locations: ["medial_joint_line"],
      morning_stiffness: "under_30_min",
    });
    expect(topOf(flare)).toBe("knee_osteoarthritis");
  });

  it("does not list a condition that scored nothing as also possible", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        const scores = new Map(scoreConditions(input).map((s) => [s.id, s]));
        const ranked = rankConditions(input);
        const leader = ranked[0]?.id === "other_or_unclear" ? 1 : 0;
        for (const c of ranked.slice(leader + 1)) {
          const s = scores.get(c.id as never);
          expect(s, c.id).toBeDefined();
          expect(s?.evidence ?? 0, c.id).toBeGreaterThan(0);
          expect(c.reasons?.length ?? 0, c.id).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("breaks ties towards the more serious condition", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        const scores = scoreConditions(input);
        for (let i = 1; i < scores.length; i += 1) {
          const a = scores[i - 1];
          const b = scores[i];
          if (a === undefined || b === undefined || a.points !== b.points) continue;
          expect(seriousnessRank(a.id)).toBeLessThanOrEqual(seriousnessRank(b.id));
        }
      }),
      { numRuns: 500 },
    );
    expect(seriousnessRank("septic_arthritis")).toBeLessThan(
      seriousnessRank("prepatellar_bursitis"),
    );
    expect(seriousnessRank("stress_fracture")).toBeLessThan(seriousnessRank("patellofemoral_pain"));
    expect(seriousnessRank("extensor_mechanism_injury")).toBeLessThan(
      seriousnessRank("ligament_injury"),
    );
  });
});

describe("the four 1.1 conditions", () => {
  it("ranks a kneecap that slipped out as a dislocation", () => {
    const input = inputWith({
      age: 17,
      onset: "sudden_with_injury",
      injury_mechanism: "twist_pivot",
      swelling: "rapid_within_2h",
      signs: ["kneecap_shifted_out"],
      duration_weeks: 0,
    });
    expect(topOf(input)).toBe("patellar_dislocation");
    expect(assess(input).triage).toBe("urgent");
  });

  it("ranks a leg that cannot be lifted straight after a fall as an extensor injury, urgent", () => {
    const input = inputWith({
      age: 66,
      onset: "sudden_with_injury",
      injury_mechanism: "direct_blow",
      pain_locations: ["front_of_kneecap"],
      swelling: "delayed_within_24h",
      signs: ["cannot_lift_straight_leg"],
      duration_weeks: 0,
    });
    expect(topOf(input)).toBe("extensor_mechanism_injury");
    expect(assess(input).triage).toBe("urgent");
    // Without the failed lift it may be listed, but it never leads (its floor is urgent).
    const lifts = { ...input, signs: [] };
    expect(topOf(lifts)).not.toBe("extensor_mechanism_injury");
  });

  it("ranks long morning stiffness with other swollen joints as inflammatory arthritis", () => {
    const input = inputWith({
      age: 38,
      pain_locations: ["diffuse"],
      morning_stiffness: "over_30_min",
      swelling: "mild",
      signs: ["other_joints_swollen"],
      duration_weeks: 6,
    });
    expect(topOf(input)).toBe("inflammatory_arthritis");
    expect(assess(input).triage).toBe("see_clinician");
  });

  it("ranks back pain running down the leg as pain from the back", () => {
    const input = inputWith({
      age: 44,
      pain_locations: ["hip_groin_thigh", "lateral"],
      aggravating_factors: ["prolonged_sitting"],
      signs: ["back_pain_or_leg_nerve_pain"],
      tender_spots: ["none_found"],
    });
    expect(topOf(input)).toBe("lumbar_referred_pain");
    expect(assess(input).triage).toBe("see_clinician");
  });
});
