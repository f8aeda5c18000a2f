/**
 * For tests only: fast-check generators of questionnaire answers that satisfy the input schema,
 * built from the same code lists as the engine.
 */
import fc from "fast-check";
import {
  AFFECTED_SIDES,
  AGE_RELATED_FLAGS,
  AGGRAVATING_FACTORS,
  INJURY_MECHANISMS,
  MEDICAL_HISTORY_ITEMS,
  MORNING_STIFFNESS,
  ONSETS,
  PAIN_LOCATIONS,
  SEXES,
  SIGNS,
  SWELLINGS,
  TENDER_SPOTS,
  TRAINING_CHANGES,
} from "./codes.js";
import type { AssessmentInput } from "./types.js";

const subset = <T>(codes: readonly T[], minLength = 0): fc.Arbitrary<T[]> =>
  fc.subarray([...codes], { minLength });

export const validInputArb: fc.Arbitrary<AssessmentInput> = fc
  .record(
    {
      age: fc.integer({ min: 5, max: 100 }),
      sex: fc.constantFrom(...SEXES),
      affected_side: fc.constantFrom(...AFFECTED_SIDES),
      onset: fc.constantFrom(...ONSETS),
      injury_mechanism: fc.constantFrom(...INJURY_MECHANISMS),
      pain_locations: subset(PAIN_LOCATIONS, 1),
      aggravating_factors: subset(AGGRAVATING_FACTORS),
      morning_stiffness: fc.constantFrom(...MORNING_STIFFNESS),
      swelling: fc.constantFrom(...SWELLINGS),
      signs: subset(SIGNS),
      tender_spots: subset(TENDER_SPOTS),
      duration_weeks: fc.oneof(
        fc.constantFrom(0, 0.1, 1, 12),
        fc.double({ min: 0, max: 1040, noNaN: true, noDefaultInfinity: true }),
      ),
      pain_severity: fc.integer({ min: 0, max: 10 }),
      training_changes: subset(TRAINING_CHANGES),
      recent_volume_change_percent: fc.integer({ min: -100, max: 1000 }),
      age_related_flags: subset(AGE_RELATED_FLAGS),
      medical_history: subset(MEDICAL_HISTORY_ITEMS),
    },
    {
      requiredKeys: [
        "age",
        "sex",
        "onset",
        "pain_locations",
        "aggravating_factors",
        "swelling",
        "signs",
        "duration_weeks",
      ],
    },
  )
  .map((input) => {
    // The schema's conditional rule: an injury onset needs a real mechanism.
    if (input.onset !== "sudden_with_injury") return input;
    const mechanism = input.injury_mechanism;
    return {
      ...input,
      injury_mechanism: mechanism === undefined || mechanism === "none" ? "twist_pivot" : mechanism,
    };
  });

/** Extra answers that can only add to an input: more list items, and more joint swelling. */
export interface Additions {
  pain_locations: (typeof PAIN_LOCATIONS)[number][];
  aggravating_factors: (typeof AGGRAVATING_FACTORS)[number][];
  signs: (typeof SIGNS)[number][];
  tender_spots: (typeof TENDER_SPOTS)[number][];
  training_changes: (typeof TRAINING_CHANGES)[number][];
  age_related_flags: (typeof AGE_RELATED_FLAGS)[number][];
  medical_history: (typeof MEDICAL_HISTORY_ITEMS)[number][];
  swelling: (typeof SWELLINGS)[number];
}

export const additionsArb: fc.Arbitrary<Additions> = fc.record({
  pain_locations: subset(PAIN_LOCATIONS),
  aggravating_factors: subset(AGGRAVATING_FACTORS),
  signs: subset(SIGNS),
  tender_spots: subset(TENDER_SPOTS),
  training_changes: subset(TRAINING_CHANGES),
  age_related_flags: subset(AGE_RELATED_FLAGS),
  medical_history: subset(MEDICAL_HISTORY_ITEMS),
  swelling: fc.constantFrom(...SWELLINGS),
});

const union = <T>(a: readonly T[] | undefined, b: readonly T[]): T[] => [
  ...new Set([...(a ?? []), ...b]),
];

/** The input with the additions merged in; swelling only ever goes up the scale. */
export function withAdditions(input: AssessmentInput, add: Additions): AssessmentInput {
  const swelling =
    SWELLINGS.indexOf(add.swelling) > SWELLINGS.indexOf(input.swelling)
      ? add.swelling
      : input.swelling;
  return {
    ...input,
    pain_locations: union(input.pain_locations, add.pain_locations),
    aggravating_factors: union(input.aggravating_factors, add.aggravating_factors),
    signs: union(input.signs, add.signs),
    tender_spots: union(input.tender_spots, add.tender_spots),
    training_changes: union(input.training_changes, add.training_changes),
    age_related_flags: union(input.age_related_flags, add.age_related_flags),
    medical_history: union(input.medical_history, add.medical_history),
    swelling,
  };
}
