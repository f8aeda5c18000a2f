/** For tests only: small, readable inputs built from a calm baseline with overrides. */
import type { AssessmentInput } from "./types.js";

/** A 30-year-old with a few weeks of front-of-knee ache and nothing worrying. */
export const CALM_INPUT: AssessmentInput = {
  schema_version: "1.0",
  age: 30,
  sex: "female",
  onset: "gradual",
  injury_mechanism: "none",
  pain_locations: ["anterior_around_behind_kneecap"],
  aggravating_factors: ["stairs_down"],
  swelling: "none",
  signs: [],
  duration_weeks: 3,
};

export function inputWith(overrides: Partial<AssessmentInput>): AssessmentInput {
  return { ...CALM_INPUT, ...overrides };
}
