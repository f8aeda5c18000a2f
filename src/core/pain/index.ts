/** The pain diary's model: the traffic light, the decision and the runner's own patterns. */
export * from "./types.js";
export { ACCEPTABLE_MAX, PAIN_SCORE_MAX, SAFE_MAX, dayScore, settleLimit, settlingOf, zoneOf } from "./pain-zone.js";
export type { Settling } from "./pain-zone.js";
export { painStatus, redDays, CLIMB_RISES, RECENT_DAYS } from "./pain-status.js";
export {
  painEscalation,
  DIARY_NOT_A_DIAGNOSIS,
  ESCALATION_ADVICE,
  ESCALATION_DAYS,
  ESCALATION_HEADLINE,
  REST_DAYS_FOR_RISE,
  REST_RISE_MIN,
  SWELLING_DAYS,
  SWELLING_MIN_RUNS,
} from "./escalation.js";
export type { EscalationOptions } from "./escalation.js";
export { findPainPatterns, separation, MIN_ENTRIES, MIN_WEEKS, MIN_GROUP, MIN_DIFFERENCE, MIN_T } from "./pain-patterns.js";
export type {
  CorrelationStrength,
  DistanceCorrelation,
  GroupStats,
  PainPattern,
  PatternCheck,
  PatternKind,
  PatternOptions,
  PatternReport,
  Separation,
  WeeklyPoint,
} from "./pain-patterns.js";
export { renderPatternNote, PATTERN_NOTE_KEYS } from "./pattern-text.js";
export type { PatternNote, PatternNoteKey } from "./pattern-text.js";
