/**
 * Inputs and outputs of the training-load guard. Inputs are camelCase domain types; the report
 * is snake_case because it is the documented JSON of `kneewise report --json` and of the API.
 */
import type { Units } from "../units.js";
import type { Lap, Sport, StreamPoint } from "../activity.js";
import type { SpikeBand } from "./load-rules.js";

export type { SpikeBand };

export const SURFACES = ["road", "track", "trail", "treadmill", "cambered_road"] as const;
export type Surface = (typeof SURFACES)[number];

/** What the analysis reads of a stored activity. */
export interface TrainingActivity {
  id: string;
  sport: Sport;
  /** Start instant, UTC ISO 8601. */
  startUtc: string;
  /** The runner's offset from UTC at the start, in minutes; null is read as UTC. */
  utcOffsetMin: number | null;
  movingS: number;
  elapsedS: number;
  distanceM: number;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgHr: number | null;
  /** Perceived exertion 1-10 when logged (session-RPE = RPE x minutes). */
  perceivedExertion: number | null;
  shoeId: string | null;
  surface: Surface | null;
  laps: Lap[];
  stream: StreamPoint[] | null;
}

/** A pair of shoes. Retired pairs stay in the list so their history is kept. */
export interface Shoe {
  id: string;
  name: string;
  brand: string | null;
  /** First day of use (YYYY-MM-DD), informational. */
  startDate: string | null;
  /** Distance the pair had already done before it was added to kneewise, metres. */
  distanceBeforeM: number;
  /** Retirement limit in metres; null means the default (700 km). */
  limitM: number | null;
  /** Day the pair was retired (YYYY-MM-DD); null while in use. */
  retiredOn: string | null;
  /** Sports this pair is worn for when an activity names no gear. */
  defaultForSports: Sport[];
}

/**
 * The warning signs of overtraining, each answered 0-3 where a higher number is always worse:
 * 0 none, 1 a little, 2 clearly, 3 a lot. So `appetite` is loss of appetite, `enthusiasm` is
 * loss of enthusiasm for training, `sleep` is trouble sleeping.
 */
export const CHECKIN_ITEMS = [
  "fatigue",
  "irritability_low_mood",
  "appetite",
  "enthusiasm",
  "headaches",
  "general_aches",
  "performance_drop",
  "sleep",
] as const;
export type CheckinItem = (typeof CHECKIN_ITEMS)[number];
export type CheckinAnswers = Record<CheckinItem, number>;

export interface Checkin {
  /** Local date of the check-in, YYYY-MM-DD. */
  date: string;
  answers: CheckinAnswers;
}

/** Beginners and runners returning after injury get the stricter weekly ramp threshold. */
export type RunnerExperience = "beginner" | "returning" | "regular";
export type DistanceUnit = Units;

export interface RunnerProfile {
  experience: RunnerExperience;
  /** Units used in warning messages; the numbers in the report are always metres. */
  units?: DistanceUnit;
  /** First day of the week, 0 = Sunday ... 6 = Saturday; Monday (1) when absent. */
  weekStart?: number;
}

// ---------------------------------------------------------------- report (documented JSON)

/**
 * Stable codes. RAMP_TWO_WEEK and ACWR_HIGH are no longer raised (issue 17: a week gets one
 * weekly-change message, and the acute:chronic ratio is a description, not an alarm); they stay
 * in the list so that stored or older reports still parse.
 */
export const WARNING_CODES = [
  "RAMP_WEEKLY",
  "RAMP_TWO_WEEK",
  "RUN_SPIKE",
  "ACWR_HIGH",
  "RESTART_AFTER_BREAK",
  "MONOTONY_HIGH",
  "SHOE_REPLACE",
  "SHOE_ROTATE",
  "HILLS_UP",
  "HILLS_DOWN",
  "SPEED_NEW",
  "SURFACE_CHANGE",
  "NO_VARIETY",
  "OVERTRAINING_SIGNS",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export const ARTICLE_SLUGS = [
  "ten-percent-rule",
  "training-errors",
  "hills-and-downhill",
  "speed-work",
  "surfaces",
  "footwear",
  "overtraining",
  "varied-training",
  "acute-chronic-load",
] as const;
export type ArticleSlug = (typeof ARTICLE_SLUGS)[number];

export interface ReportWarning {
  code: WarningCode;
  /** Plain words: what we saw and what to change. */
  message: string;
  /** Start (YYYY-MM-DD) of the week the warning is about, when it is about one week. */
  week?: string;
  /** Slug of the knowledge-base article that explains it. */
  article: ArticleSlug;
  /** The numbers behind the warning, for charts and for people who want them. */
  data?: Record<string, number | string | null>;
}

export interface ReportWeek {
  /** Local date of the first day of the week. */
  start: string;
  /** Running distance (run, trail_run, treadmill), metres. */
  distance_m: number;
  /** Running time (moving time, elapsed when moving is unknown), seconds. */
  duration_s: number;
  runs: number;
  longest_m: number;
  elevation_gain_m: number;
  /** Minutes of every other sport, by sport. */
  cross_training_min: Partial<Record<Sport, number>>;
  /** Week-over-week change in distance, percent; null when the week before had none. */
  change_pct: number | null;
  /** Week-over-week change in running time, percent. */
  duration_change_pct: number | null;
  /** Change against the week two weeks earlier, percent (distance). */
  two_week_change_pct: number | null;
  /** Earlier weeks this week is measured against (up to 4; fewer at the start of the history). */
  baseline_weeks: number;
  /** Average and highest running distance of those weeks, metres; null when there are none. */
  baseline_average_m: number | null;
  baseline_highest_m: number | null;
  /** Distance change against the baseline's average and its highest week, percent. */
  change_vs_average_pct: number | null;
  change_vs_highest_pct: number | null;
  /** The weekly guide for this week: the baseline's highest plus the runner's guide, metres. */
  guide_limit_m: number | null;
  /** False for the week that contains asOf when it has not ended yet. */
  complete: boolean;
  warnings: ReportWarning[];
}

export type AcwrZone = "low" | "ok" | "high" | "very_high";

export interface AcwrFigures {
  /** Acute: load of the last 7 days. Chronic: weekly average of days 8-28 before. */
  rolling: { acute: number; chronic: number; ratio: number | null };
  /** Bias-corrected EWMA (N = 7 and 28), shown as weekly equivalents. */
  ewma: { acute: number; chronic: number; ratio: number | null };
  zone: AcwrZone | null;
}

export interface AcwrDay {
  date: string;
  rolling: number | null;
  ewma: number | null;
  zone: AcwrZone | null;
}

export interface ReportAcwr {
  /** Headline: rolling ratio on running distance. */
  rolling: number | null;
  /** Headline: EWMA ratio on running distance. */
  ewma: number | null;
  /** Zone of the headline rolling ratio. */
  zone: AcwrZone | null;
  /** Why no ratio is shown, or null when it is. */
  withheld: string | null;
  /** Days with data among the last 28 (days since the first recorded activity). */
  covered_days: number;
  by_load: {
    distance: AcwrFigures;
    duration: AcwrFigures;
    /** Session-RPE (RPE x minutes); null when too few sessions carry an RPE. */
    srpe: AcwrFigures | null;
  };
  /** Daily series on running distance over the report's weeks, for charts. */
  series: AcwrDay[];
}

export interface ReportSpike {
  /** Local date of the run. */
  date: string;
  activity_id: string;
  distance_m: number;
  previous_longest_m: number;
  increase_pct: number;
  /** Frandsen 2025 band: "10-30", "30-100" or "over-100" (percent beyond the previous longest). */
  band: SpikeBand | null;
  /** The band's hazard ratio in that study (1.64, 1.52, 2.28). */
  hazard_ratio: number | null;
}

/**
 * The spike rule said forwards: the longest run of the last 30 days and the run that would be a
 * spike after it. Holds for runs in the days after asOf for as long as that run stays in the window.
 */
export interface ReportRunLimit {
  /** Longest run of the 30 days ending with asOf, metres. */
  longest_m: number;
  /** Local date of that run. */
  longest_date: string;
  /** Runs up to this long are within the rule: the longest plus 10%, rounded down, metres. */
  limit_m: number;
  /** The last date on which that run is still among the 30 days before. */
  holds_until: string;
  window_days: number;
  /** "your longest run in the last 30 days is 18.0 km; keep any run this week under 19.8 km" */
  message: string;
}

export type ShoeStatus = "ok" | "replace_soon" | "replace";

export interface ReportShoe {
  id: string;
  name: string;
  brand: string | null;
  distance_m: number;
  limit_m: number;
  status: ShoeStatus;
  /** When the pair reaches its limit at the pace of the last 8 weeks; null if not moving or past it. */
  forecast_date: string | null;
  retired: boolean;
  /** Runs in this pair over the last 28 days, and their share of all assigned runs. */
  runs_28d: number;
  share_28d: number;
}

export interface ReportMonotonyWeek {
  start: string;
  /** srpe when every session of the week has an RPE, otherwise minutes of all sessions. */
  load: "srpe" | "minutes";
  weekly_load: number;
  monotony: number | null;
  strain: number | null;
}

export interface ReportCheckins {
  /** Check-ins of the last 14 days, oldest first. */
  trend: { date: string; score: number; elevated: boolean }[];
  max_score: number;
  mean_last_7: number | null;
  mean_previous_7: number | null;
  direction: "rising" | "falling" | "steady" | null;
  persistent: boolean;
}

export interface TrainingReport {
  as_of: string;
  week_start: number;
  weeks: ReportWeek[];
  acwr: ReportAcwr;
  monotony: ReportMonotonyWeek[];
  spikes: ReportSpike[];
  /** The spike rule's forward limit; null when no run lies in the last 30 days. */
  run_limit: ReportRunLimit | null;
  shoes: ReportShoe[];
  checkins: ReportCheckins;
  /** The current picture: what needs attention now, most pressing first. */
  warnings: ReportWarning[];
}
