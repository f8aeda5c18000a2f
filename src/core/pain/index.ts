/** The pain diary's model: the traffic light, the decision and the runner's own patterns. */
export * from "./types.js";
export { ACCEPTABLE_MAX, PAIN_SCORE_MAX, SAFE_MAX, dayScore, settleLimit, settlingOf, zoneOf } from "./pain-zone.js";
export type { Settling } from "./pain-zone.js";
export { painStatus, CLIMB_RISES, RECENT_DAYS } from "./pain-status.js";
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
