import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AFFECTED_SIDES,
  AGE_RELATED_FLAGS,
  AGGRAVATING_FACTORS,
  CONDITION_IDS,
  INJURY_MECHANISMS,
  MEDICAL_HISTORY_ITEMS,
  MORNING_STIFFNESS,
  ONSETS,
  PAIN_LOCATIONS,
  RED_FLAG_IDS,
  SEXES,
  SIGNS,
  SWELLINGS,
  TENDER_SPOTS,
  TRAINING_CHANGES,
  TRIAGE_LEVELS,
} from "./codes.js";
import { checkAgainstSchema } from "./json-schema-subset.test-helpers.js";
import { loadContractJson, loadPublicVignettes } from "./contract-files.test-helpers.js";
import { validInputArb } from "./arbitraries.test-helpers.js";
import { CALM_INPUT } from "./sample-inputs.test-helpers.js";
import { formatValidationError, validateAssessmentInput } from "./validate-input.js";

interface InputSchema {
  required: string[];
  properties: Record<string, { enum?: string[] }>;
  $defs: Record<string, { enum: string[] }>;
}
interface ResultSchema {
  $defs: Record<string, { enum: string[] }>;
}

const inputSchema = (await loadContractJson("assessment-input.schema.json")) as InputSchema;
const resultSchema = (await loadContractJson("assessment-result.schema.json")) as ResultSchema;

function errorsOf(value: unknown): string[] {
  const outcome = validateAssessmentInput(value);
  return outcome.ok ? [] : outcome.errors.map(formatValidationError);
}

describe("code lists", () => {
  it("match every enum of the input schema, in the schema's order", () => {
    expect(PAIN_LOCATIONS).toEqual(inputSchema.$defs.pain_location?.enum);
    expect(AGGRAVATING_FACTORS).toEqual(inputSchema.$defs.aggravating_factor?.enum);
    expect(SIGNS).toEqual(inputSchema.$defs.sign?.enum);
    expect(TENDER_SPOTS).toEqual(inputSchema.$defs.tender_spot?.enum);
    expect(TRAINING_CHANGES).toEqual(inputSchema.$defs.training_change?.enum);
    expect(AGE_RELATED_FLAGS).toEqual(inputSchema.$defs.age_related_flag?.enum);
    expect(MEDICAL_HISTORY_ITEMS).toEqual(inputSchema.$defs.medical_history_item?.enum);
    expect(SEXES).toEqual(inputSchema.properties.sex?.enum);
    expect(AFFECTED_SIDES).toEqual(inputSchema.properties.affected_side?.enum);
    expect(ONSETS).toEqual(inputSchema.properties.onset?.enum);
    expect(INJURY_MECHANISMS).toEqual(inputSchema.properties.injury_mechanism?.enum);
    expect(MORNING_STIFFNESS).toEqual(inputSchema.properties.morning_stiffness?.enum);
    expect(SWELLINGS).toEqual(inputSchema.properties.swelling?.enum);
  });

  it("match the result schema's condition, red-flag and triage ids", () => {
    expect(CONDITION_IDS).toEqual(resultSchema.$defs.condition_id?.enum);
    expect(RED_FLAG_IDS).toEqual(resultSchema.$defs.red_flag?.enum);
    expect(TRIAGE_LEVELS).toEqual(resultSchema.$defs.triage_level?.enum);
  });
});

describe("validateAssessmentInput", () => {
  it("accepts every public vignette input and returns it unchanged", async () => {
    for (const c of await loadPublicVignettes()) {
      const outcome = validateAssessmentInput(c.input);
      expect(outcome, c.id).toEqual({ ok: true, value: c.input });
    }
  });

  it("names the list index and lists every allowed code for an unknown code", () => {
    const allowed = inputSchema.$defs.pain_location?.enum.join(", ");
    expect(errorsOf({ ...CALM_INPUT, pain_locations: ["lateral", "kneecap"] })).toEqual([
      `pain_locations[1]: "kneecap" is not one of ${allowed}`,
    ]);
    expect(allowed).toMatch(
      /^anterior_around_behind_kneecap, front_of_kneecap, .*, hip_groin_thigh$/,
    );
  });

  it("reports each missing required field by name", () => {
    for (const field of inputSchema.required) {
      const copy: Record<string, unknown> = { ...CALM_INPUT };
      delete copy[field];
      expect(errorsOf(copy), field).toEqual([`${field}: is required`]);
    }
  });

  it("rejects fields the schema does not define", () => {
    const errors = errorsOf({ ...CALM_INPUT, notes: "sore" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^notes: is not a known field \(expected only schema_version, age, sex, /,
    );
  });

  it("says what range and kind of number was expected", () => {
    expect(errorsOf({ ...CALM_INPUT, age: 4 })).toEqual([
      "age: expected a whole number from 5 to 100, got the number 4",
    ]);
    expect(errorsOf({ ...CALM_INPUT, age: 30.5 })).toEqual([
      "age: expected a whole number from 5 to 100, got the number 30.5",
    ]);
    expect(errorsOf({ ...CALM_INPUT, duration_weeks: "3" })).toEqual([
      'duration_weeks: expected a number from 0 to 1040, got text "3"',
    ]);
    expect(errorsOf({ ...CALM_INPUT, pain_severity: 11 })).toEqual([
      "pain_severity: expected a whole number from 0 to 10, got the number 11",
    ]);
    expect(errorsOf({ ...CALM_INPUT, recent_volume_change_percent: -101 })).toEqual([
      "recent_volume_change_percent: expected a number from -100 to 1000, got the number -101",
    ]);
  });

  it("accepts fractional durations and the range ends", () => {
    expect(errorsOf({ ...CALM_INPUT, duration_weeks: 0.1, age: 5, pain_severity: 0 })).toEqual([]);
    expect(errorsOf({ ...CALM_INPUT, duration_weeks: 1040, age: 100, pain_severity: 10 })).toEqual(
      [],
    );
  });

  it("needs at least one pain location and no repeated codes", () => {
    expect(errorsOf({ ...CALM_INPUT, pain_locations: [] })).toEqual([
      "pain_locations: expected at least 1 item, got an empty list",
    ]);
    expect(errorsOf({ ...CALM_INPUT, signs: ["limp", "clicking", "limp"] })).toEqual([
      'signs[2]: "limp" appears more than once',
    ]);
    expect(errorsOf({ ...CALM_INPUT, signs: "limp" })).toEqual([
      'signs: expected a list of codes, got text "limp"',
    ]);
  });

  it("requires a real injury mechanism when the pain began with an injury", () => {
    const injured = { ...CALM_INPUT, onset: "sudden_with_injury" };
    const { injury_mechanism: _dropped, ...withoutMechanism } = injured;
    expect(errorsOf(withoutMechanism)).toEqual([
      'injury_mechanism: is required when onset is "sudden_with_injury" (one of twist_pivot, direct_blow, landing, hyperextension, unsure)',
    ]);
    expect(errorsOf({ ...injured, injury_mechanism: "none" })).toEqual([
      'injury_mechanism: "none" is not allowed when onset is "sudden_with_injury" (expected one of twist_pivot, direct_blow, landing, hyperextension, unsure)',
    ]);
    expect(errorsOf({ ...injured, injury_mechanism: "landing" })).toEqual([]);
    // Without an injury the schema sets no condition, so a mechanism is merely allowed.
    expect(errorsOf({ ...CALM_INPUT, injury_mechanism: "unsure" })).toEqual([]);
  });

  it("checks the schema version and the shape of the input itself", () => {
    expect(errorsOf({ ...CALM_INPUT, schema_version: "2.0" })).toEqual([
      'schema_version: "2.0" is not one of 1.0, 1.1',
    ]);
    // Every 1.0 answer is a valid 1.1 answer.
    expect(errorsOf({ ...CALM_INPUT, schema_version: "1.0" })).toEqual([]);
    expect(errorsOf({ ...CALM_INPUT, schema_version: "1.1" })).toEqual([]);
    expect(errorsOf([CALM_INPUT])).toEqual(["input: expected an object of answers, got a list"]);
    expect(errorsOf(null)).toEqual(["input: expected an object of answers, got null"]);
  });

  it("reports every problem at once", () => {
    const errors = errorsOf({ age: 200, sex: "f", pain_locations: ["lateral"], extra: 1 });
    expect(errors).toEqual(
      expect.arrayContaining([
        "extra: is not a known field (expected only schema_version, age, sex, affected_side, onset, injury_mechanism, pain_locations, aggravating_factors, morning_stiffness, swelling, signs, tender_spots, duration_weeks, pain_severity, training_changes, recent_volume_change_percent, age_related_flags, medical_history)",
        "age: expected a whole number from 5 to 100, got the number 200",
        'sex: "f" is not one of female, male, other, undisclosed',
        "onset: is required",
        "aggravating_factors: is required",
        "swelling: is required",
        "signs: is required",
        "duration_weeks: is required",
      ]),
    );
    expect(errors).toHaveLength(8);
  });

  it("accepts exactly what the schema file accepts, for valid and damaged inputs", () => {
    const keys = [...Object.keys(inputSchema.properties), "unknown_field"];
    const damaged = fc
      .tuple(
        validInputArb,
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant("delete" as const), key: fc.constantFrom(...keys) }),
            fc.record({
              kind: fc.constant("set" as const),
              key: fc.constantFrom(...keys),
              value: fc.jsonValue({ maxDepth: 1 }),
            }),
            fc.record({
              kind: fc.constant("set" as const),
              key: fc.constantFrom(...keys),
              value: fc.constantFrom<unknown>(
                "none",
                "sudden_with_injury",
                ["lateral", "lateral"],
                [],
                4.5,
                -1,
                1041,
                "1.0",
              ),
            }),
          ),
          { maxLength: 3 },
        ),
      )
      .map(([input, edits]) => {
        const copy: Record<string, unknown> = { ...input };
        for (const edit of edits) {
          if (edit.kind === "delete") delete copy[edit.key];
          else copy[edit.key] = edit.value;
        }
        return copy;
      });
    fc.assert(
      fc.property(damaged, (value) => {
        const schemaOk = checkAgainstSchema(inputSchema, value).length === 0;
        expect(validateAssessmentInput(value).ok).toBe(schemaOk);
      }),
      { numRuns: 1500 },
    );
  });
});
