/**
 * The questionnaire answers and the assessment result, shaped exactly as
 * assessment-input.schema.json and assessment-result.schema.json define them (snake_case keys,
 * because these objects travel as JSON between the CLI, the server and the web app unchanged).
 */
import type {
  AffectedSide,
  AgeRelatedFlag,
  AggravatingFactor,
  ConditionId,
  InjuryMechanism,
  MedicalHistoryItem,
  MorningStiffness,
  Onset,
  PainLocation,
  RedFlagId,
  SchemaVersion,
  Sex,
  Sign,
  Swelling,
  TenderSpot,
  TrainingChange,
  TriageLevel,
} from "./codes.js";

export interface AssessmentInput {
  /** "1.0" or "1.1": every 1.0 answer is a valid 1.1 answer. */
  schema_version?: SchemaVersion;
  /** Whole years, 5-100. */
  age: number;
  sex: Sex;
  affected_side?: AffectedSide;
  onset: Onset;
  /** Required, and not "none", when onset is "sudden_with_injury". */
  injury_mechanism?: InjuryMechanism;
  /** At least one, no repeats. */
  pain_locations: readonly PainLocation[];
  aggravating_factors: readonly AggravatingFactor[];
  /** Omitted means "none". */
  morning_stiffness?: MorningStiffness;
  swelling: Swelling;
  signs: readonly Sign[];
  /** Empty or omitted: not checked. "none_found": checked, nothing sore. */
  tender_spots?: readonly TenderSpot[];
  /** 0-1040; 0 is under a week, fractions allowed. */
  duration_weeks: number;
  /** Whole number 0-10. */
  pain_severity?: number;
  training_changes?: readonly TrainingChange[];
  /** -100 to 1000 (35 = 35% more than before). */
  recent_volume_change_percent?: number;
  age_related_flags?: readonly AgeRelatedFlag[];
  medical_history?: readonly MedicalHistoryItem[];
}

export interface RankedCondition {
  id: ConditionId;
  /** Relative likelihood 0..1, never increasing down the list. */
  score?: number;
  /** Input codes that supported this condition. */
  reasons?: string[];
}

export interface AssessmentResult {
  /** New results say "1.1"; results saved before 1.1 say "1.0". */
  schema_version?: SchemaVersion;
  /** Most likely first, each id at most once, 1-23 entries. */
  ranked_conditions: RankedCondition[];
  triage: TriageLevel;
  red_flags: RedFlagId[];
}

export interface ValidationError {
  /** Where in the input, e.g. `pain_locations[1]`; "" is the input itself. */
  path: string;
  message: string;
}

export type ValidationOutcome =
  { ok: true; value: AssessmentInput } | { ok: false; errors: ValidationError[] };
