export type {
  Plan,
  PlanGoal,
  PlanSession,
  PlanSettings,
  PlanWarning,
  PlanWeek,
  ProgrammeSlug,
  RenderedPlan,
  RenderedSession,
  RenderedWarning,
  RenderedWeek,
  SessionKind,
  SessionVariant,
  WeekPhase,
} from "./types.js";
export type { AdaptWhy, PlanText, PlanTextKey } from "./plan-text.js";
export { PLAN_TEXT_KEYS, renderText, renderTexts } from "./plan-text.js";
export type { RenderedReturnPlan } from "./render-plan.js";
export { renderPlan, renderReturnPlan, renderSession, sessionText } from "./render-plan.js";
export { readStoredPlan, readStoredReturnPlan, storedWhy } from "./stored-plan.js";
export { PROGRAMME_SLUGS, SESSION_KINDS, forCalendar, isRunningKind } from "./types.js";
export type { GeneratePlanInput, PlanHistory, RecentRun } from "./generate-plan.js";
export { baselineFromHistory, generatePlan, RACE_DISTANCES_M, weekStartIn } from "./generate-plan.js";
export type {
  DayOutcome,
  EntryCriterion,
  EntryCriterionCode,
  LastAssessmentFacts,
  PainEntry,
  ReturnDay,
  ReturnEntry,
  ReturnPlan,
  ReturnStop,
  ReturnToRunInput,
  WalkRunStage,
} from "./return-to-run.js";
export {
  ENTRY_CRITERIA,
  generateReturnToRun,
  judgeDay,
  RED_DAYS_TO_STOP,
  RETURN_RULE,
  returnEntryCriteria,
  returnStops,
  unmetEntryCriteria,
  WALK_RUN_STAGES,
} from "./return-to-run.js";
export type { LoggedWeek, PainTrend, PlanChange } from "./adapt-plan.js";
export { adaptPlan, painTrend, SHORTFALL_SHARE } from "./adapt-plan.js";
export { eventTargetWeeklyM, longRunGoalFor, longRunShareFor, taperWeeksFor } from "./ramp.js";
