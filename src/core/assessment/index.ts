/** The knee-pain assessment engine: pure functions over the contract in ../shared/assessment/1.1. */
export * from "./codes.js";
export type * from "./types.js";
export { validateAssessmentInput, formatValidationError } from "./validate-input.js";
export { assess } from "./assess.js";
export { findRedFlags, redFlagLevel, RED_FLAG_RULES } from "./red-flags.js";
export type { RedFlagFinding, RedFlagHit, RedFlagRule } from "./red-flags.js";
export {
  FLAG_INSTRUCTIONS,
  hitsFor,
  levelSettingFlags,
  selfCareTipsAllowed,
} from "./flag-instructions.js";
export type { FlagInstructions, LevelSettingFlag } from "./flag-instructions.js";
export { SELF_CARE_TIPS, selfCareTipFor } from "./self-care-tips.js";
export { rankConditions, scoreConditions } from "./rank-conditions.js";
export type { ConditionScore } from "./rank-conditions.js";
export {
  conditionFloor,
  isLessUrgent,
  moreUrgent,
  urgencyRank,
  NOT_A_DIAGNOSIS,
  TRIAGE_ADVICE,
  WHEN_TO_SEE_A_CLINICIAN,
} from "./triage.js";
export type { TriageAdvice } from "./triage.js";
export { CONDITION_LABELS, RED_FLAG_LABELS } from "./labels.js";
export { scoreVignettes } from "./vignette-scoring.js";
export type { VignetteCase, VignetteOutcome, VignetteReport } from "./vignette-scoring.js";
