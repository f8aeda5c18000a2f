export type {
  Plan,
  PlanGoal,
  PlanSession,
  PlanSettings,
  PlanWarning,
  PlanWeek,
  ProgrammeSlug,
  SessionKind,
  WeekPhase,
} from "./types.js";
export { PROGRAMME_SLUGS, SESSION_KINDS, isRunningKind } from "./types.js";
export type { GeneratePlanInput, PlanHistory } from "./generate-plan.js";
export { baselineFromHistory, generatePlan } from "./generate-plan.js";
export type {
  DayOutcome,
  PainEntry,
  ReturnDay,
  ReturnPlan,
  ReturnToRunInput,
  WalkRunStage,
} from "./return-to-run.js";
export { generateReturnToRun, judgeDay, RETURN_RULE, WALK_RUN_STAGES } from "./return-to-run.js";
export type { LoggedWeek, PainTrend, PlanChange } from "./adapt-plan.js";
export { adaptPlan, painTrend, SHORTFALL_SHARE } from "./adapt-plan.js";
export { eventTargetWeeklyM, longRunShareFor } from "./ramp.js";
