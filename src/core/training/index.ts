/** The training-load guard's public surface, for services, the CLI and the server. */
export { buildTrainingReport } from "./training-report.js";
export type { TrainingReportInput } from "./training-report.js";
export { DEFAULT_TRAINING_CONFIG, SHOE_LIMIT_RANGE_M, resolveConfig } from "./config.js";
export type { TrainingConfig } from "./config.js";
export {
  ACWR_CANNOT_TELL,
  ACWR_MEANING,
  acwrSeries,
  acwrZone,
  ewmaLambda,
  NOT_ENOUGH_HISTORY,
  NO_CHRONIC_LOAD,
} from "./acwr.js";
export * from "./load-rules.js";
export { assignShoe, normalizeGearName } from "./shoe-assignment.js";
export type { ShoeAssignmentInput } from "./shoe-assignment.js";
export { shoeStatus } from "./shoe-mileage.js";
export { checkinScore, isElevated, CHECKIN_MAX_SCORE } from "./overtraining.js";
export { ARTICLE_FOR } from "./warnings.js";
export * from "./types.js";
