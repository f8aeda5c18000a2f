import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assess } from "./assess.js";
import { RED_FLAG_RULE_IDS, SIGNS } from "./codes.js";
import type { TriageLevel } from "./codes.js";
import {
  FLAG_INSTRUCTIONS,
  hitsFor,
  levelSettingFlags,
  selfCareTipsAllowed,
} from "./flag-instructions.js";
import { validInputArb } from "./arbitraries.test-helpers.js";
import { conditionFloor, moreUrgent, urgencyRank } from "./triage.js";
import { findRedFlags, redFlagLevel } from "./red-flags.js";
import { inputWith } from "./sample-inputs.test-helpers.js";
import { SELF_CARE_TIPS, selfCareTipFor } from "./self-care-tips.js";
import type { AssessmentInput } from "./types.js";

const atLeastAsUrgent = (a: TriageLevel, b: TriageLevel): boolean =>
  urgencyRank(a) <= urgencyRank(b);

/** Answers that fire a red flag on their own, whatever else was answered (1.1 README table). */
const SELF_FIRING = {
  signs: [
    "fever_unwell",
    "chest_pain_or_breathless",
    "cannot_bear_weight",
    "cannot_fully_straighten",
    "calf_pain_swelling",
    "warmth_redness",
    "unexplained_weight_loss",
    "giving_way",
    "numbness_tingling",
    "cannot_lift_straight_leg",
    "kneecap_shifted_out",
    "other_joints_swollen",
    "back_pain_or_leg_nerve_pain",
    "saddle_numbness_or_bladder_bowel_change",
  ] as const,
};

describe("triage from the answers alone (1.1 principles)", () => {
  it("every self-firing answer does fire a flag, in any answers", () => {
    fc.assert(
      fc.property(validInputArb, fc.constantFrom(...SELF_FIRING.signs), (input, sign) => {
        const withSign = { ...input, signs: [...new Set([...input.signs, sign])] };
        expect(findRedFlags(withSign).hits.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("adding a red-flag answer never lowers the triage, and reaches that flag's level", () => {
    fc.assert(
      fc.property(validInputArb, fc.constantFrom(...SELF_FIRING.signs), (input, sign) => {
        const before = assess(input).triage;
        const withSign: AssessmentInput = { ...input, signs: [...new Set([...input.signs, sign])] };
        const after = assess(withSign);
        expect(
          atLeastAsUrgent(after.triage, before),
          `${before} -> ${after.triage} adding ${sign}`,
        ).toBe(true);
        for (const hit of findRedFlags(withSign).hits)
          expect(atLeastAsUrgent(after.triage, hit.level)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("adding any sign at all never lowers the triage of flagged answers", () => {
    const flagged = validInputArb.filter((i) => findRedFlags(i).hits.length > 0);
    fc.assert(
      fc.property(flagged, fc.constantFrom(...SIGNS), (input, sign) => {
        const before = assess(input).triage;
        const after = assess({ ...input, signs: [...new Set([...input.signs, sign])] }).triage;
        expect(atLeastAsUrgent(after, before)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("sets the level from the flags and the top condition's floor only, never from the order below it", () => {
    fc.assert(
      fc.property(validInputArb, (input) => {
        const result = assess(input);
        const top = result.ranked_conditions[0];
        const floor = top === undefined ? "self_care" : conditionFloor(top.id);
        expect(result.triage).toBe(moreUrgent(findRedFlags(input).level, floor));
        // An urgent floor never stands without an urgent flag behind it: the flags alone decide.
        if (urgencyRank(floor) <= urgencyRank("urgent")) {
          expect(atLeastAsUrgent(findRedFlags(input).level, floor)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("instructions that follow the flag", () => {
  it("gives every rule its own instructions: what to do now, where to go and how soon", () => {
    for (const id of RED_FLAG_RULE_IDS) {
      const steps = FLAG_INSTRUCTIONS[id];
      expect(steps.do_now.length, id).toBeGreaterThan(0);
      expect(steps.where_to_go.length, id).toBeGreaterThan(10);
      expect(steps.how_soon.length, id).toBeGreaterThan(2);
    }
  });

  it("never allows self-care tips beside an urgent or emergency flag", () => {
    for (const id of RED_FLAG_RULE_IDS) {
      if (urgencyRank(redFlagLevel(id)) <= urgencyRank("urgent")) {
        expect(FLAG_INSTRUCTIONS[id].self_care_tips, id).toBe(false);
      }
    }
  });

  it("shows no self-care tip on any result whose level a flag sets at urgent or emergency", () => {
    let seen = 0;
    fc.assert(
      fc.property(validInputArb, (input) => {
        const result = assess(input);
        const setting = levelSettingFlags(hitsFor(input, result), result.triage);
        if (urgencyRank(result.triage) <= urgencyRank("urgent") && setting.length > 0) {
          seen += 1;
          expect(selfCareTipFor(input, result)).toBeNull();
          expect(selfCareTipsAllowed(hitsFor(input, result), result.triage)).toBe(false);
        }
      }),
      { numRuns: 800 },
    );
    expect(seen).toBeGreaterThan(0);
  });

  it("puts the flag that sets the level first, with its own instructions", () => {
    const input = inputWith({ signs: ["calf_pain_swelling", "giving_way"] });
    const result = assess(input);
    const steps = levelSettingFlags(hitsFor(input, result), result.triage);
    expect(steps.map((s) => s.id)).toEqual(["possible_dvt"]);
    // A clot needs a scan: a minor injuries unit is named only as the place not to rely on.
    expect(steps[0]?.where_to_go).toMatch(/scan/);
    expect(steps[0]?.where_to_go).toMatch(/minor injuries unit usually cannot/);
  });

  it("orders a clot ahead of an X-ray flag of the same level, so its service is named first", () => {
    const input = inputWith({ signs: ["calf_pain_swelling", "cannot_bear_weight"] });
    const result = assess(input);
    const ids = levelSettingFlags(hitsFor(input, result), result.triage).map((s) => s.id);
    expect(ids[0]).toBe("possible_dvt");
    expect(ids).toContain("cannot_bear_weight");
  });

  it("brings the instructions of a rule the result schema cannot list", () => {
    const input = inputWith({
      onset: "sudden_with_injury",
      injury_mechanism: "hyperextension",
      signs: ["numbness_tingling"],
      duration_weeks: 0,
    });
    const result = assess(input);
    expect(result.triage).toBe("emergency");
    expect(result.red_flags as string[]).not.toContain("possible_knee_dislocation");
    const steps = levelSettingFlags(hitsFor(input, result), result.triage);
    expect(steps.map((s) => s.id)).toEqual(["possible_knee_dislocation"]);
  });

  it("hides a tip that would contradict a suspected bone stress injury", () => {
    // Shin bone sore to press, no injury, the overuse picture of a tendon otherwise.
    const input = inputWith({
      pain_locations: ["below_kneecap"],
      aggravating_factors: ["jumping", "start_of_run_eases_when_warm"],
      tender_spots: ["patellar_tendon_inferior_pole", "tibia_bone"],
      age: 27,
      sex: "male",
    });
    const result = assess(input);
    expect(result.red_flags).toContain("suspected_bone_stress_injury");
    expect(result.triage).toBe("see_clinician");
    expect(selfCareTipFor(input, result)).toBeNull();
    const steps = levelSettingFlags(hitsFor(input, result), result.triage);
    expect(steps[0]?.do_now.join(" ")).toMatch(/Stop running/);
    // Without the sore bone the same answers get the tendon's tip.
    const tendon = { ...input, tender_spots: ["patellar_tendon_inferior_pole"] as const };
    const calm = assess(tendon);
    expect(calm.triage).toBe("self_care");
    expect(selfCareTipFor(tendon, calm)).toBe(SELF_CARE_TIPS.patellar_tendinopathy);
  });
});

/**
 * Presentations written from clinical guidance rather than from the table's wording (issue 16):
 * each must reach at least the level a clinician would choose.
 */
describe("presentations a clinician would send on", () => {
  const cases: { name: string; input: AssessmentInput; atLeast: TriageLevel }[] = [
    {
      name: "knee pain with fever in a young child, no swelling",
      input: inputWith({
        age: 6,
        sex: "male",
        pain_locations: ["diffuse"],
        aggravating_factors: [],
        signs: ["fever_unwell"],
        duration_weeks: 0.3,
      }),
      atLeast: "emergency",
    },
    {
      name: "a vague calf ache on the pill after a long flight",
      input: inputWith({
        age: 29,
        pain_locations: ["calf"],
        aggravating_factors: ["after_running"],
        onset: "gradual",
        duration_weeks: 0.5,
        medical_history: ["hormonal_contraception_or_hrt", "recent_long_travel_or_immobilisation"],
      }),
      atLeast: "urgent",
    },
    {
      name: "a fall onto the kneecap with a knee that will not bend to a right angle",
      input: inputWith({
        age: 34,
        onset: "sudden_with_injury",
        injury_mechanism: "direct_blow",
        pain_locations: ["front_of_kneecap"],
        aggravating_factors: ["kneeling"],
        swelling: "delayed_within_24h",
        signs: ["cannot_bend_to_right_angle"],
        duration_weeks: 0.1,
      }),
      atLeast: "urgent",
    },
    {
      name: "groin pain in an under-fuelled runner",
      input: inputWith({
        age: 22,
        pain_locations: ["hip_groin_thigh"],
        aggravating_factors: ["after_running"],
        duration_weeks: 3,
        medical_history: ["low_energy_availability_or_missed_periods"],
      }),
      atLeast: "urgent",
    },
    {
      name: "an overweight 13-year-old whose knee is not sore to press",
      input: inputWith({
        age: 13,
        sex: "male",
        pain_locations: ["anterior_around_behind_kneecap"],
        aggravating_factors: ["after_running"],
        tender_spots: ["none_found"],
        duration_weeks: 4,
        medical_history: ["overweight"],
      }),
      atLeast: "urgent",
    },
    {
      name: "a graze days before a hot swollen knee",
      input: inputWith({
        age: 40,
        onset: "sudden_with_injury",
        injury_mechanism: "direct_blow",
        pain_locations: ["front_of_kneecap", "diffuse"],
        swelling: "delayed_within_24h",
        signs: ["warmth_redness"],
        duration_weeks: 0.5,
        medical_history: ["recent_skin_wound_or_infection"],
      }),
      atLeast: "emergency",
    },
    {
      name: "a teenager who cannot stand on a painful knee, with no injury",
      input: inputWith({
        age: 12,
        pain_locations: ["anterior_around_behind_kneecap"],
        signs: ["cannot_bear_weight"],
      }),
      atLeast: "emergency",
    },
    {
      name: "thigh and knee pain in a 12-year-old with no limp and no injury",
      input: inputWith({
        age: 12,
        sex: "male",
        pain_locations: ["hip_groin_thigh", "anterior_around_behind_kneecap"],
      }),
      atLeast: "urgent",
    },
    {
      name: "a teenager woken at night by knee pain, no injury",
      input: inputWith({
        age: 15,
        pain_locations: ["diffuse"],
        aggravating_factors: ["night_or_rest"],
        duration_weeks: 5,
      }),
      atLeast: "urgent",
    },
    {
      name: "a knee that ballooned within two hours with no injury",
      input: inputWith({
        age: 58,
        onset: "sudden_no_injury",
        pain_locations: ["diffuse"],
        swelling: "rapid_within_2h",
        duration_weeks: 0.1,
      }),
      atLeast: "urgent",
    },
    {
      name: "a foot that went numb after the knee bent backwards",
      input: inputWith({
        age: 26,
        onset: "sudden_with_injury",
        injury_mechanism: "hyperextension",
        pain_locations: ["posterior", "diffuse"],
        swelling: "rapid_within_2h",
        signs: ["numbness_tingling"],
        duration_weeks: 0,
      }),
      atLeast: "emergency",
    },
    {
      name: "a calf ache behind the knee three weeks after giving birth",
      input: inputWith({
        age: 33,
        pain_locations: ["posterior"],
        medical_history: ["pregnant_or_recently_pregnant"],
      }),
      atLeast: "urgent",
    },
    {
      name: "fever and knee pain in an otherwise well adult",
      input: inputWith({ age: 45, signs: ["fever_unwell"] }),
      atLeast: "urgent",
    },
  ];
  for (const c of cases) {
    it(`${c.name}: at least ${c.atLeast}`, () => {
      const result = assess(c.input);
      expect(
        atLeastAsUrgent(result.triage, c.atLeast),
        `${result.triage} ${result.red_flags.join(",")}`,
      ).toBe(true);
      expect(selfCareTipFor(c.input, result)).toBeNull();
    });
  }
});
