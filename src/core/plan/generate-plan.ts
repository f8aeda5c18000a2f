/**
 * Builds a week-by-week plan from the runner's current weekly distance to a goal: a weekly
 * distance, or an event on a date. It continues from the runner's own recent runs under the
 * training guard's rules (src/core/training/load-rules.ts): no week above the highest of the four
 * before it plus the guide, no run more than 10% past the longest of the 30 days before it. A
 * race plan grows the long run towards the race, eases off in a lighter week every third or
 * fourth week, tapers before the race, and, when the date is too close for that, says so first
 * and offers the nearest date that is not, or a shorter race.
 */
import { DomainError } from "../errors.js";
import { DEFAULT_TRAINING_CONFIG } from "../training/config.js";
import { limitAbove, longestBefore, runLimitOn, weeklyBaseline, weeklyLimit } from "../training/load-rules.js";
import type { DayRun } from "../training/load-rules.js";
import { addDays, dayNumber, daysBetween, isIsoDate, isWeekStart, MONDAY, weekdayIndex, weekStartOf } from "./dates.js";
import {
  buildWeeksPerCycleFor,
  eventTargetWeeklyM,
  floorTo,
  LIGHTER_WEEK_PERCENT,
  longRunGoalFor,
  longRunShareFor,
  nextBuildVolume,
  RACE_LONG_RUN_SHARE,
  rampPercentFor,
  reducedVolume,
  taperWeeksFor,
  volumeStep,
} from "./ramp.js";
import type { PlanText } from "./plan-text.js";
import { layoutWeek, MAX_RUN_DAYS, MIN_RUN_DAYS, runShareFrom } from "./week-layout.js";
import type {
  Plan,
  PlanGoal,
  PlanSettings,
  PlanWarning,
  PlanWeek,
  ProgrammeSlug,
  WeekPhase,
} from "./types.js";
import { isRunningKind, PROGRAMME_SLUGS } from "./types.js";

/** A weekly goal is planned up to a year ahead; further than that, the plan says so. */
export const MAX_PLAN_WEEKS = 52;
/** An event more than two years away is too far to plan week by week. */
export const MAX_EVENT_WEEKS = 104;
/** Weeks kept at the goal once a weekly goal is reached, so that the plan ends on steady ground. */
export const HOLD_WEEKS_AFTER_GOAL = 2;
/** Below 1 km a week there is nothing to ramp from; the walk-run progression is the start. */
export const MIN_BASELINE_M = 1000;
/** Standard race distances, for offering a shorter goal when the date is too close. */
export const RACE_DISTANCES_M = [5_000, 10_000, 21_097, 42_195] as const;

/** A run the runner did before the plan starts: its local date and distance. */
export interface RecentRun {
  date: string;
  distanceM: number;
}

export interface PlanHistory {
  /** Completed weeks (their first days) with the running distance done in each. */
  weeks: readonly { start: string; distanceM: number }[];
}

export interface GeneratePlanInput {
  /**
   * YYYY-MM-DD, the first day planned: today or a later day (the caller decides what "today" is).
   * A plan that starts mid-week plans only the days from `start` on.
   */
  start: string;
  /**
   * The runner's first day of the week (0 = Sunday … 6 = Saturday, default Monday): the plan's
   * weeks start on it, as the training report's weeks do, so both judge the same weeks.
   */
  weekStart?: number;
  /** Current weekly running distance; when absent it is read from `history`. */
  currentWeeklyM?: number;
  /**
   * The runner's runs of at least the 30 days before `start` (and any earlier in its week): the
   * plan continues from them under the guard's rules, so it raises nothing the guard would. When
   * absent, one week of `currentWeeklyM` with a long run of `longestRecentM` stands in for them.
   */
  recentRuns?: readonly RecentRun[];
  /** The longest run of the last 30 days, when `recentRuns` are not given. */
  longestRecentM?: number;
  goal: PlanGoal;
  beginner: boolean;
  returning: boolean;
  /** 3-5; defaults to 3 for beginners and returning runners, 4 otherwise. */
  runDaysPerWeek?: number;
  /** Programme for the strength sessions; defaults to general runner strength. */
  strengthProgramme?: ProgrammeSlug;
  history?: PlanHistory;
}

/**
 * The runner's usual week: the mean of the last four completed weeks before `before` (fewer
 * when fewer exist). A mean over a month reflects what the body is used to better than a single
 * week that may have been unusually big or small. Null without any week.
 */
export function baselineFromHistory(history: PlanHistory, before: string, weekStart = MONDAY): number | null {
  const weeks = history.weeks
    .filter((w) => daysBetween(w.start, weekStartOf(before, weekStart)) > 0)
    .sort((a, b) => daysBetween(b.start, a.start))
    .slice(-4);
  if (weeks.length === 0) return null;
  return Math.round(weeks.reduce((sum, w) => sum + w.distanceM, 0) / weeks.length);
}

export function settingsFor(input: {
  beginner: boolean;
  returning: boolean;
  runDaysPerWeek?: number;
  strengthProgramme?: ProgrammeSlug;
  weekStart?: number;
}): PlanSettings {
  const profile = { beginner: input.beginner, returning: input.returning };
  const runDays = input.runDaysPerWeek ?? (input.beginner || input.returning ? 3 : 4);
  if (!Number.isInteger(runDays) || runDays < MIN_RUN_DAYS || runDays > MAX_RUN_DAYS)
    throw new DomainError(
      "PLAN_BAD_RUN_DAYS",
      `Run days per week must be a whole number from ${MIN_RUN_DAYS} to ${MAX_RUN_DAYS}.`,
    );
  const programme = input.strengthProgramme ?? "runner-strength";
  if (!PROGRAMME_SLUGS.includes(programme))
    throw new DomainError(
      "PLAN_BAD_PROGRAMME",
      `"${String(programme)}" is not a known exercise programme.`,
    );
  const weekStart = input.weekStart ?? MONDAY;
  if (!isWeekStart(weekStart))
    throw new DomainError(
      "PLAN_BAD_WEEK_START",
      `The first day of the week must be a whole number from 0 (Sunday) to 6 (Saturday), got ${String(weekStart)}.`,
    );
  return {
    beginner: input.beginner,
    returning: input.returning,
    runDaysPerWeek: runDays,
    strengthProgramme: programme,
    rampRate: rampPercentFor(profile) / 100,
    buildWeeksPerCycle: buildWeeksPerCycleFor(profile),
    weekStart,
  };
}

/** The plan's first day of the week: plans stored before they followed the runner's start on Monday. */
export function weekStartIn(settings: PlanSettings): number {
  return settings.weekStart ?? MONDAY;
}

function checkGoal(goal: PlanGoal, start: string): void {
  if (goal.kind === "weekly") {
    if (!Number.isFinite(goal.weeklyM) || goal.weeklyM <= 0)
      throw new DomainError("PLAN_BAD_GOAL", "The weekly goal must be a positive distance.");
    return;
  }
  if (!isIsoDate(goal.date))
    throw new DomainError("PLAN_BAD_DATE", `"${goal.date}" is not a date in the form YYYY-MM-DD.`);
  if (!Number.isFinite(goal.distanceM) || goal.distanceM <= 0)
    throw new DomainError("PLAN_BAD_GOAL", "The event distance must be a positive distance.");
  if (daysBetween(start, goal.date) < 0)
    throw new DomainError(
      "PLAN_EVENT_BEFORE_START",
      `The event on ${goal.date} is before the plan starts (${start}).`,
    );
}

export function generatePlan(input: GeneratePlanInput): Plan {
  if (!isIsoDate(input.start))
    throw new DomainError(
      "PLAN_BAD_DATE",
      `"${input.start}" is not a date in the form YYYY-MM-DD.`,
    );
  checkGoal(input.goal, input.start);
  const settings = settingsFor(input);
  const given = input.currentWeeklyM;
  const startWeek = weekStartOf(input.start, settings.weekStart);
  const prior = input.recentRuns ? priorFromRuns(input.recentRuns, startWeek, input.start) : undefined;
  const baseline =
    given !== undefined
      ? given
      : input.history
        ? baselineFromHistory(input.history, input.start, settings.weekStart)
        : usualWeekOf(prior?.priorWeeksM);
  if (baseline === null)
    throw new DomainError(
      "PLAN_NO_BASELINE",
      "The plan needs your current weekly distance, given or read from your runs.",
    );
  if (!Number.isFinite(baseline) || baseline < MIN_BASELINE_M)
    throw new DomainError(
      "PLAN_BASELINE_TOO_LOW",
      "Below 1 km a week there is nothing to build on yet: start with the walk-run progression.",
    );
  const baselineM = Math.round(baseline);
  return schedulePlan({
    goal: input.goal,
    settings,
    startWeek,
    from: input.start,
    baselineM,
    levelM: baselineM,
    buildsSinceLighter: 0,
    ...(prior ??
      (input.longestRecentM !== undefined && input.longestRecentM > 0
        ? { priorRuns: [{ date: addDays(startWeek, -1), distanceM: Math.round(input.longestRecentM) }] }
        : {})),
  });
}

/** The mean of the four weeks before the plan, as baselineFromHistory reads weeks; null without runs. */
function usualWeekOf(weeks: readonly number[] | undefined): number | null {
  return weeks ? Math.round(weeklyBaseline(weeks).average) : null;
}

/**
 * What the guard sees before the plan: the runs before `from`, and the running of each of the
 * four full weeks before the start week. Weeks without runs are 0; with no run at all in them,
 * there is no baseline and the plan falls back to the weekly distance it was given.
 */
function priorFromRuns(
  runs: readonly RecentRun[],
  startWeek: string,
  from: string,
): { priorRuns: RecentRun[]; priorWeeksM?: number[] } {
  const before = runs.filter((r) => isIsoDate(r.date) && daysBetween(r.date, from) > 0 && r.distanceM > 0);
  const weeks = [4, 3, 2, 1].map((k) => {
    const w = addDays(startWeek, -7 * k);
    return before
      .filter((r) => daysBetween(w, r.date) >= 0 && daysBetween(w, r.date) < 7)
      .reduce((sum, r) => sum + Math.round(r.distanceM), 0);
  });
  return { priorRuns: before, ...(weeks.some((m) => m > 0) ? { priorWeeksM: weeks } : {}) };
}

export interface ScheduleInput {
  goal: PlanGoal;
  settings: PlanSettings;
  /** The first day of the first week to plan. */
  startWeek: string;
  /** First day to plan, in the first week; the days before it are past (default: `startWeek`). */
  from?: string;
  /** What the runner has actually been doing per week (shown in the first week's reason). */
  baselineM: number;
  /** The building level the next week is measured against. */
  levelM: number;
  /** Building weeks since the last lighter week, so the rhythm carries on when a plan adapts. */
  buildsSinceLighter: number;
  /** Start with an eased week (used when pain rises). */
  openWith?: { percent: number; reason: PlanText };
  /**
   * The runs before `from`, the spike rule's history (any in the first week count towards that
   * week). Default: one long run of the usual share of `levelM`, the Sunday before.
   */
  priorRuns?: readonly RecentRun[];
  /** Running in each full week before `startWeek`, oldest first, the weekly rule's history. Default: [levelM]. */
  priorWeeksM?: readonly number[];
  /** Leave out the search for a safer race date or distance (the search itself plans without it). */
  withoutSuggestions?: boolean;
}

interface VolumeWeek {
  volumeM: number;
  phase: WeekPhase;
  reason: PlanText[];
}

/** The runs and weeks the guard would judge the next week against: the runner's, then the plan's. */
interface LoadTrack {
  runs: DayRun[];
  /** Running per week, oldest first. */
  weeks: number[];
  /** Running already done in the first week before the plan's first day. */
  doneFirstWeekM: number;
  /** Longest run of the 30 days before the first day. */
  longestPriorM: number;
}

function initialTrack(s: ScheduleInput): LoadTrack {
  const from = s.from ?? s.startWeek;
  const share = longRunShareFor(s.settings.runDaysPerWeek);
  const prior = s.priorRuns ?? [
    { date: addDays(s.startWeek, -1), distanceM: floorTo(share * s.levelM, volumeStep(s.levelM)) },
  ];
  const before = prior.filter((r) => daysBetween(r.date, from) > 0);
  const runs = before.map((r) => ({ day: dayNumber(r.date), distanceM: r.distanceM }));
  const doneFirstWeekM = before
    .filter((r) => daysBetween(s.startWeek, r.date) >= 0)
    .reduce((sum, r) => sum + r.distanceM, 0);
  const longestPriorM = longestBefore(runs, dayNumber(from), SPIKE_WINDOW);
  const weeks = s.priorWeeksM && s.priorWeeksM.some((m) => m > 0) ? [...s.priorWeeksM] : [s.levelM];
  return { runs, weeks, doneFirstWeekM, longestPriorM };
}

/**
 * The guard measures a run against the 30 x 24 h before its start; the planner knows days, not
 * times, so it counts only the 29 whole days before a run: a run on the 30th day back that the
 * guard would leave out (it started later in the day) can never raise the planner's limit above
 * the guard's.
 */
const SPIKE_WINDOW = DEFAULT_TRAINING_CONFIG.spikeWindowDays - 1;
const SPIKE_PCT = DEFAULT_TRAINING_CONFIG.spikePct;
const BASELINE_WEEKS = DEFAULT_TRAINING_CONFIG.rampBaselineWeeks;

/** The guard's weekly limit for the next week (the highest of the last four plus the guide). */
function weekCeiling(track: LoadTrack, levelM: number, pct: number): number {
  return weeklyLimit(track.weeks, pct, BASELINE_WEEKS) ?? limitAbove(levelM, pct);
}

/**
 * Lays out week `i` and records it in `track`. The long run is what the caller wants (a race
 * plan's long-run goal), at most the race share of the week, at least the usual share, and never
 * past the spike rule's limit on the week's last day: runs before the week only leave the window
 * as the week goes on, so that day's limit is the week's lowest, and no other run is longer.
 */
function plannedWeek(
  s: ScheduleInput,
  track: LoadTrack,
  i: number,
  v: VolumeWeek,
  longWantM: number | undefined,
  race?: { date: string; distanceM: number },
): PlanWeek {
  const start = addDays(s.startWeek, 7 * i);
  const from = i === 0 && s.from !== undefined && s.from !== start ? s.from : undefined;
  const done = i === 0 ? track.doneFirstWeekM : 0;
  // Whatever the phase, no week above the guard's weekly limit: a taper after weeks the spike rule
  // held low must not jump above them.
  const limitM = weeklyLimit(track.weeks, Math.round(s.settings.rampRate * 100), BASELINE_WEEKS);
  const volumeM = limitM !== null ? Math.min(v.volumeM, limitM) : v.volumeM;
  // A week that starts mid-week holds what is left of it: the rest of the weekly limit, and no
  // more than its share of the week's runs, as the runs before may simply not have been recorded.
  const share = longRunShareFor(s.settings.runDaysPerWeek);
  const left = from ? floorTo(volumeM * runShareFrom(s.settings.runDaysPerWeek, daysBetween(start, from)), 100) : volumeM;
  const trainingM = Math.max(0, Math.min(volumeM - done, left));
  const lastDay = dayNumber(start) + 6;
  const capM = runLimitOn(track.runs, lastDay, { windowDays: SPIKE_WINDOW, pct: SPIKE_PCT });
  let longM =
    longWantM === undefined
      ? share * volumeM
      : Math.max(share * volumeM, Math.min(longWantM, RACE_LONG_RUN_SHARE * volumeM));
  if (capM !== null) longM = Math.min(longM, capM);
  const week = withSessions(s, start, { ...v, volumeM: trainingM }, race, {
    longM: Math.floor(longM),
    runCapM: capM,
    ...(from ? { from } : {}),
  });
  if (from) week.reason.unshift({ key: "starts_midweek", date: from });
  // The spike rule in its forward form, as the training report gives it.
  const long = week.sessions.find((x) => x.kind === "long")?.distance_m ?? 0;
  const before = longestBefore(track.runs, lastDay, SPIKE_WINDOW);
  if (before > 0 && long > before)
    week.reason.push({ key: "long_run_capped", long_m: long, before_m: before });
  for (const x of week.sessions)
    if (isRunningKind(x.kind) && (x.distance_m ?? 0) > 0)
      track.runs.push({ day: dayNumber(x.date), distanceM: x.distance_m ?? 0 });
  track.weeks.push(done + week.distance_m);
  return week;
}

function longestTraining(weeks: readonly PlanWeek[]): number {
  let longest = 0;
  for (const w of weeks)
    for (const x of w.sessions)
      if (isRunningKind(x.kind) && x.kind !== "race") longest = Math.max(longest, x.distance_m ?? 0);
  return longest;
}

function withSessions(
  s: ScheduleInput,
  start: string,
  v: VolumeWeek,
  race: { date: string; distanceM: number } | undefined,
  extra: { longM?: number; runCapM?: number | null; from?: string },
): PlanWeek {
  const cautious = s.settings.beginner || s.settings.returning;
  const sessions = layoutWeek({
    start,
    trainingM: v.volumeM,
    runDays: s.settings.runDaysPerWeek,
    phase: v.phase,
    withQuality: !cautious && (v.phase === "build" || v.phase === "hold"),
    programme: s.settings.strengthProgramme,
    crossMinutes: cautious ? 30 : 40,
    strengthMinutes: 25,
    ...extra,
    ...(race ? { race } : {}),
  });
  return {
    start,
    distance_m: runningDistance(sessions),
    phase: v.phase,
    lighter: v.phase === "lighter" || v.phase === "taper" || v.phase === "race",
    reason: [...v.reason],
    sessions,
  };
}

export function runningDistance(
  sessions: readonly { kind: PlanWeek["sessions"][number]["kind"]; distance_m?: number }[],
): number {
  return sessions.reduce((sum, x) => sum + (isRunningKind(x.kind) ? (x.distance_m ?? 0) : 0), 0);
}

/** The notes every plan carries (plan-text.ts has their words); a race plan adds note_race. */
const NOTES = (): PlanText[] => [{ key: "note_rules" }, { key: "note_pain" }];

/**
 * The building part: week `i` decided from the cycle and the guard's weekly limit, then laid out.
 * `lastBeforeTaper` holds the level instead of easing off, as the taper that follows eases off.
 */
interface Cursor {
  level: number;
  builds: number;
  afterLighter: boolean;
  /** Long run of the last building week (race plans ease it in lighter weeks). */
  lastLongM: number;
}

function decideBuildWeek(
  s: ScheduleInput,
  track: LoadTrack,
  c: Cursor,
  i: number,
  target: number,
  lastBeforeTaper: boolean,
): VolumeWeek {
  const pct = Math.round(s.settings.rampRate * 100);
  const cycle = s.settings.buildWeeksPerCycle;
  if (i === 0 && s.openWith)
    return { volumeM: reducedVolume(c.level, s.openWith.percent), phase: "lighter", reason: [s.openWith.reason] };
  if (c.builds >= cycle && !lastBeforeTaper)
    return {
      volumeM: reducedVolume(c.level, LIGHTER_WEEK_PERCENT),
      phase: "lighter",
      reason: [{ key: "lighter_week", percent: LIGHTER_WEEK_PERCENT, level_m: c.level, cycle }],
    };
  const ceiling = weekCeiling(track, c.level, pct);
  if (lastBeforeTaper && c.builds >= cycle) {
    const v = Math.min(c.level, target, ceiling);
    return { volumeM: v, phase: "hold", reason: [{ key: "hold_before_taper", volume_m: v }] };
  }
  const v = nextBuildVolume(c.level, ceiling, target);
  if (v < c.level)
    return {
      volumeM: v,
      phase: "hold",
      reason: [
        c.level > target
          ? { key: "above_goal", level_m: c.level, target_m: target }
          : { key: "hold_at_limit", volume_m: v },
      ],
    };
  if (v === c.level)
    return { volumeM: v, phase: "hold", reason: [{ key: "hold_steady", volume_m: v }] };
  const { highest } = weeklyBaseline(track.weeks, BASELINE_WEEKS);
  const rise = highest > 0 ? Math.round(((v - highest) / highest) * 100) : null;
  const from = i === 0 ? "current" : c.afterLighter ? "after_lighter" : "last_build";
  const reason: PlanText[] = [
    { key: "build_up", from, level_m: c.level, rise_pct: rise, highest_m: highest, guide_pct: pct },
  ];
  if (v >= target) reason.push({ key: "reaches_target", target_m: target });
  return { volumeM: v, phase: "build", reason };
}

/** Moves the cursor past a planned week; `amountM` is what the week really holds (a whole week). */
function advance(c: Cursor, week: PlanWeek, v: VolumeWeek, amountM: number | null): void {
  if (v.phase === "lighter") {
    c.builds = 0;
    c.afterLighter = true;
    return;
  }
  c.builds += 1;
  // The level is what the week holds once laid out (the spike rule can hold it below the aim),
  // except in a first week that starts mid-week, which holds only what is left of it.
  c.level = amountM ?? v.volumeM;
  c.afterLighter = false;
  c.lastLongM = Math.max(0, ...week.sessions.filter((x) => x.kind === "long").map((x) => x.distance_m ?? 0));
}

function wholeWeek(s: ScheduleInput, i: number): boolean {
  return i > 0 || s.from === undefined || s.from === s.startWeek;
}

/** Plans the weeks from `startWeek` on; generatePlan and adaptPlan both end here. */
export function schedulePlan(s: ScheduleInput): Plan {
  const pct = Math.round(s.settings.rampRate * 100);
  const warnings: PlanWarning[] = [];
  const goal = s.goal;
  const track = initialTrack(s);
  const c: Cursor = { level: s.levelM, builds: s.buildsSinceLighter, afterLighter: false, lastLongM: track.longestPriorM };
  if (goal.kind === "weekly") {
    const target = Math.round(goal.weeklyM);
    const weeks: PlanWeek[] = [];
    let reachedAt = -1;
    let reachedM = s.levelM;
    for (let i = 0; i < MAX_PLAN_WEEKS; i++) {
      if (reachedAt >= 0 && i > reachedAt + HOLD_WEEKS_AFTER_GOAL && weeks.length >= 4) break;
      const v = decideBuildWeek(s, track, c, i, target, false);
      const week = plannedWeek(s, track, i, v, undefined);
      weeks.push(week);
      const amount = track.weeks[track.weeks.length - 1] ?? 0;
      advance(c, week, v, wholeWeek(s, i) ? amount : null);
      reachedM = Math.max(reachedM, amount);
      if (reachedAt < 0 && amount >= target) reachedAt = i;
    }
    if (s.levelM > target)
      warnings.push({
        code: "ABOVE_GOAL_ALREADY",
        text: { key: "above_goal_already", level_m: s.levelM, target_m: target },
      });
    else if (reachedM < target)
      warnings.push({
        code: "GOAL_BEYOND_HORIZON",
        text: { key: "goal_beyond_horizon", guide_pct: pct, reached_m: reachedM, target_m: target },
      });
    return plan(s, target, weeks, warnings, NOTES());
  }

  const eventWeek = weekStartOf(goal.date, weekStartIn(s.settings));
  const n = daysBetween(s.startWeek, eventWeek) / 7 + 1;
  if (n > MAX_EVENT_WEEKS)
    throw new DomainError(
      "PLAN_EVENT_TOO_FAR",
      `The event on ${goal.date} is more than two years away; plan nearer the time.`,
    );
  const taperWeeks = taperWeeksFor(goal.distanceM, n);
  const longGoal = longRunGoalFor(goal.distanceM);
  const target = Math.max(eventTargetWeeklyM(goal.distanceM), s.levelM);
  const weeks: PlanWeek[] = [];
  let peakM = 0;
  let peakLongM = track.longestPriorM;
  for (let i = 0; i < n - taperWeeks; i++) {
    const v = decideBuildWeek(s, track, c, i, target, i === n - taperWeeks - 1);
    const longWant = v.phase === "lighter" ? Math.floor(c.lastLongM * 0.75) : longGoal.targetM;
    const week = plannedWeek(s, track, i, v, longWant);
    weeks.push(week);
    advance(c, week, v, wholeWeek(s, i) ? (track.weeks[track.weeks.length - 1] ?? 0) : null);
    peakM = Math.max(peakM, track.weeks[track.weeks.length - 1] ?? 0);
    peakLongM = Math.max(peakLongM, longestTraining([week]));
  }
  if (peakM === 0) peakM = s.levelM;
  const taperShares = taperWeeks === 3 ? [[80, 0.75], [60, 0.5]] : taperWeeks === 2 ? [[70, 0.6]] : [];
  for (const [volumePct = 70, longShare = 0.6] of taperShares) {
    const v: VolumeWeek = {
      volumeM: reducedVolume(peakM, volumePct),
      phase: "taper",
      reason: [{ key: "taper", percent: volumePct, peak_m: peakM }],
    };
    weeks.push(plannedWeek(s, track, weeks.length, v, Math.floor(peakLongM * longShare)));
  }
  const raceV: VolumeWeek = {
    volumeM: reducedVolume(peakM, goal.distanceM >= 15_000 ? 40 : 50),
    phase: "race",
    reason: [{ key: "race_week", distance_m: goal.distanceM, date: goal.date }],
  };
  weeks.push(plannedWeek(s, track, weeks.length, raceV, undefined, { date: goal.date, distanceM: goal.distanceM }));
  restBeforeFirstDayRace(weeks, goal.date, weekStartIn(s.settings));

  // The long run the plan reaches, or the runner already has: too short, and the date is too close.
  const longestM = Math.max(longestTraining(weeks), track.longestPriorM);
  if (longestM < longGoal.minimumM) warnings.push(tooClose(s, goal, longestM, longGoal.minimumM));
  // What the weeks really hold: when the race is this close, the taper can swallow the only
  // building week, so the ramp's level alone would claim a peak the runner never runs.
  const trainedPeakM = Math.max(
    s.baselineM,
    ...weeks.map((w, i) => w.distance_m - (i === weeks.length - 1 ? goal.distanceM : 0)),
  );
  if (trainedPeakM < target)
    warnings.push({
      code: "GOAL_UNREACHABLE",
      text: {
        key: "goal_unreachable",
        guide_pct: pct,
        peak_m: trainedPeakM,
        date: goal.date,
        target_m: target,
        distance_m: goal.distanceM,
      },
    });
  return plan(s, target, weeks, warnings, [...NOTES(), { key: "note_race" }]);
}

/**
 * The race is too close for the long run to reach what the distance asks: said first, with the
 * nearest race date (same weekday) that leaves time, and the longest standard race that fits.
 */
function tooClose(
  s: ScheduleInput,
  goal: { date: string; distanceM: number },
  longestM: number,
  minimumM: number,
): PlanWarning {
  let safeDate: string | null = null;
  let shorterM: number | null = null;
  if (!s.withoutSuggestions) {
    const reaches = (date: string, distanceM: number): boolean => {
      const p = schedulePlan({ ...s, goal: { kind: "event", date, distanceM }, withoutSuggestions: true });
      return !p.warnings.some((w) => w.code === "EVENT_TOO_CLOSE");
    };
    const weeksLeft = MAX_EVENT_WEEKS - (daysBetween(s.startWeek, weekStartOf(goal.date, weekStartIn(s.settings))) / 7 + 1);
    // More weeks never shorten the long run reached, so the nearest safe week is found by halving.
    let lo = 1;
    let hi = weeksLeft;
    if (hi >= 1 && reaches(addDays(goal.date, 7 * hi), goal.distanceM)) {
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (reaches(addDays(goal.date, 7 * mid), goal.distanceM)) hi = mid;
        else lo = mid + 1;
      }
      safeDate = addDays(goal.date, 7 * lo);
    }
    for (const d of RACE_DISTANCES_M)
      if (d < goal.distanceM && reaches(goal.date, d)) shorterM = d;
  }
  return {
    code: "EVENT_TOO_CLOSE",
    text: {
      key: "event_too_close",
      date: goal.date,
      longest_m: longestM,
      minimum_m: minimumM,
      distance_m: goal.distanceM,
      safe_date: safeDate,
      shorter_m: shorterM,
    },
    safe_date: safeDate,
    shorter_distance_m: shorterM,
  };
}

/** The day before the race is a rest day, even when that day falls in the previous week. */
function restBeforeFirstDayRace(weeks: PlanWeek[], raceDate: string, weekStart: number): void {
  if (weekdayIndex(raceDate, weekStart) !== 0 || weeks.length < 2) return;
  const week = weeks[weeks.length - 2];
  if (!week) return;
  const eve = addDays(raceDate, -1);
  const sessions = week.sessions.map((x) =>
    x.date === eve && isRunningKind(x.kind)
      ? { date: eve, kind: "rest" as const, variant: "pre_race" as const }
      : x,
  );
  week.sessions = sessions;
  week.distance_m = runningDistance(sessions);
  week.reason.push({ key: "race_on_first_day", race_date: raceDate, eve_date: eve });
}

function plan(
  s: ScheduleInput,
  target: number,
  weeks: PlanWeek[],
  warnings: PlanWarning[],
  notes: PlanText[],
): Plan {
  // The date being too close is the first thing to know about the plan.
  warnings.sort((a, b) => Number(b.code === "EVENT_TOO_CLOSE") - Number(a.code === "EVENT_TOO_CLOSE"));
  return {
    goal: s.goal,
    target_weekly_m: target,
    baseline_weekly_m: s.baselineM,
    settings: s.settings,
    weeks,
    warnings,
    notes,
  };
}
