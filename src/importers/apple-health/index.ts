export { AppleHealthExportScanner, MAX_WORKOUT_BYTES, SCAN_BYTES } from "./scan-export.js";
export type { AppleHealthScanSummary, DailyWellness, FoundWorkout } from "./scan-export.js";
export { APPLE_WORKOUT_ROOT, appleSport, composeWorkoutDocument, parseAppleWorkout } from "./parse-workout.js";
export type { AppleWorkoutParseOptions, WorkoutRouteInput } from "./parse-workout.js";
export { parseAppleDate } from "./apple-date.js";
export type { AppleDate } from "./apple-date.js";
