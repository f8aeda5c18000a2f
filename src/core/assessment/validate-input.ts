/**
 * A hand-written validator faithful to assessment-input.schema.json (draft 2020-12). Written by
 * hand rather than generated so that every message names the path and says what was expected
 * in plain words, e.g. `pain_locations[1]: "kneecap" is not one of anterior_around_behind_kneecap, …`.
 * It reports every problem it finds, not just the first, so a form can show them all at once.
 * validate-input.test.ts checks it against the schema file itself.
 */
import {
  AFFECTED_SIDES,
  AGE_MAX,
  AGE_MIN,
  AGE_RELATED_FLAGS,
  AGGRAVATING_FACTORS,
  DURATION_WEEKS_MAX,
  INJURY_MECHANISMS,
  MEDICAL_HISTORY_ITEMS,
  MORNING_STIFFNESS,
  ONSETS,
  PAIN_LOCATIONS,
  PAIN_SEVERITY_MAX,
  SCHEMA_VERSIONS,
  SEXES,
  SIGNS,
  SWELLINGS,
  TENDER_SPOTS,
  TRAINING_CHANGES,
  VOLUME_CHANGE_MAX,
  VOLUME_CHANGE_MIN,
} from "./codes.js";
import type { AssessmentInput, ValidationError, ValidationOutcome } from "./types.js";

type FieldCheck = (value: unknown, path: string, errors: ValidationError[]) => void;

/** Shows a received value in a message: strings quoted, objects by kind, long values cut. */
function show(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    const quoted = JSON.stringify(value);
    return quoted.length > 60 ? `${quoted.slice(0, 57)}…"` : quoted;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `text ${show(value)}`;
  if (typeof value === "number") return `the number ${show(value)}`;
  if (typeof value === "boolean") return `${show(value)}`;
  return typeof value;
}

function oneOf(allowed: readonly string[]): FieldCheck {
  return (value, path, errors) => {
    if (typeof value === "string" && allowed.includes(value)) return;
    errors.push({ path, message: `${show(value)} is not one of ${allowed.join(", ")}` });
  };
}

/** A finite JSON number within [min, max]; `whole` adds JSON Schema's "integer" type. */
function numberIn(min: number, max: number, whole: boolean): FieldCheck {
  const what = whole ? "a whole number" : "a number";
  return (value, path, errors) => {
    const ok =
      typeof value === "number" &&
      Number.isFinite(value) &&
      (!whole || Number.isInteger(value)) &&
      value >= min &&
      value <= max;
    if (!ok)
      errors.push({
        path,
        message: `expected ${what} from ${min} to ${max}, got ${kindOf(value)}`,
      });
  };
}

/** A list of unique codes from `allowed`, with at least `minItems` entries. */
function listOf(allowed: readonly string[], minItems = 0): FieldCheck {
  const item = oneOf(allowed);
  return (value, path, errors) => {
    if (!Array.isArray(value)) {
      errors.push({ path, message: `expected a list of codes, got ${kindOf(value)}` });
      return;
    }
    if (value.length < minItems) {
      errors.push({
        path,
        message: `expected at least ${minItems} item${minItems === 1 ? "" : "s"}, got an empty list`,
      });
    }
    const seen = new Set<unknown>();
    value.forEach((entry: unknown, i) => {
      const at = `${path}[${i}]`;
      item(entry, at, errors);
      // Only strings can be valid here, so identity comparison is JSON Schema's uniqueItems.
      if (seen.has(entry) && typeof entry === "string") {
        errors.push({ path: at, message: `${show(entry)} appears more than once` });
      }
      seen.add(entry);
    });
  };
}

/** The schema's properties, in the schema's order; `required` mirrors its "required" list. */
const FIELDS: Record<keyof AssessmentInput, { required: boolean; check: FieldCheck }> = {
  schema_version: { required: false, check: oneOf(SCHEMA_VERSIONS) },
  age: { required: true, check: numberIn(AGE_MIN, AGE_MAX, true) },
  sex: { required: true, check: oneOf(SEXES) },
  affected_side: { required: false, check: oneOf(AFFECTED_SIDES) },
  onset: { required: true, check: oneOf(ONSETS) },
  injury_mechanism: { required: false, check: oneOf(INJURY_MECHANISMS) },
  pain_locations: { required: true, check: listOf(PAIN_LOCATIONS, 1) },
  aggravating_factors: { required: true, check: listOf(AGGRAVATING_FACTORS) },
  morning_stiffness: { required: false, check: oneOf(MORNING_STIFFNESS) },
  swelling: { required: true, check: oneOf(SWELLINGS) },
  signs: { required: true, check: listOf(SIGNS) },
  tender_spots: { required: false, check: listOf(TENDER_SPOTS) },
  duration_weeks: { required: true, check: numberIn(0, DURATION_WEEKS_MAX, false) },
  pain_severity: { required: false, check: numberIn(0, PAIN_SEVERITY_MAX, true) },
  training_changes: { required: false, check: listOf(TRAINING_CHANGES) },
  recent_volume_change_percent: {
    required: false,
    check: numberIn(VOLUME_CHANGE_MIN, VOLUME_CHANGE_MAX, false),
  },
  age_related_flags: { required: false, check: listOf(AGE_RELATED_FLAGS) },
  medical_history: { required: false, check: listOf(MEDICAL_HISTORY_ITEMS) },
};

const FIELD_NAMES = Object.keys(FIELDS) as (keyof AssessmentInput)[];
const INJURY_KINDS = INJURY_MECHANISMS.filter((m) => m !== "none");

export function validateAssessmentInput(value: unknown): ValidationOutcome {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      ok: false,
      errors: [{ path: "", message: `expected an object of answers, got ${kindOf(value)}` }],
    };
  }
  const record = value as Record<string, unknown>;
  const errors: ValidationError[] = [];

  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(FIELDS, key)) {
      errors.push({
        path: key,
        message: `is not a known field (expected only ${FIELD_NAMES.join(", ")})`,
      });
    }
  }
  for (const name of FIELD_NAMES) {
    const field = FIELDS[name];
    if (!Object.hasOwn(record, name)) {
      if (field.required) errors.push({ path: name, message: "is required" });
      continue;
    }
    field.check(record[name], name, errors);
  }

  // The schema's allOf/if-then: an injury onset needs a real mechanism. The "if" only needs
  // onset to equal the constant, so it applies whatever else is wrong with the object.
  if (record.onset === "sudden_with_injury") {
    if (!Object.hasOwn(record, "injury_mechanism")) {
      errors.push({
        path: "injury_mechanism",
        message: `is required when onset is "sudden_with_injury" (one of ${INJURY_KINDS.join(", ")})`,
      });
    } else if (record.injury_mechanism === "none") {
      errors.push({
        path: "injury_mechanism",
        message: `"none" is not allowed when onset is "sudden_with_injury" (expected one of ${INJURY_KINDS.join(", ")})`,
      });
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: record as unknown as AssessmentInput };
}

/** One line per error, as the CLI and logs print them: `path: message`. */
export function formatValidationError(error: ValidationError): string {
  return error.path === "" ? `input: ${error.message}` : `${error.path}: ${error.message}`;
}
