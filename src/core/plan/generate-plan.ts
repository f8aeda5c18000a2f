/**
 * Builds a week-by-week plan from the runner's current weekly distance to a goal: a weekly
 * distance, or an event on a date. The volume never rises faster than the ramp, eases off in a
 * lighter week every third or fourth week, tapers before an event, and warns (rather than
 * cheating the ramp) when the goal cannot be reached in time.
 */
import { DomainError } from "../errors.js";
import { addDays, daysBetween, isIsoDate, weekdayIndex, weekStartOf } from "./dates.js";
import {
  buildWeeksPerCycleFor,
  eventTargetWeeklyM,
  LIGHTER_WEEK_PERCENT,
  nextBuildVolume,
  rampPercentFor,
  reducedVolume,
} from "./ramp.js";
import { formatKm, preRaceRestText } from "./session-text.js";
import { layoutWeek, MAX_RUN_DAYS, MIN_RUN_DAYS } from "./week-layout.js";
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
/** Races from this distance get a two-week taper. */
const LONG_RACE_M = 15_000;

export interface PlanHistory {
  /** Completed weeks (Monday starts) with the running distance done in each. */
  weeks: readonly { start: string; distanceM: number }[];
}

export interface GeneratePlanInput {
  /** YYYY-MM-DD; the plan starts on the Monday of this week. */
  start: string;
  /** Current weekly running distance; when absent it is read from `history`. */
  currentWeeklyM?: number;
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
export function baselineFromHistory(history: PlanHistory, before: string): number | null {
  const weeks = history.weeks
    .filter((w) => daysBetween(w.start, weekStartOf(before)) > 0)
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
  return {
    beginner: input.beginner,
    returning: input.returning,
    runDaysPerWeek: runDays,
    strengthProgramme: programme,
    rampRate: rampPercentFor(profile) / 100,
    buildWeeksPerCycle: buildWeeksPerCycleFor(profile),
  };
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
  const baseline =
    given !== undefined
      ? given
      : input.history
        ? baselineFromHistory(input.history, input.start)
        : null;
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
    startWeek: weekStartOf(input.start),
    baselineM,
    levelM: baselineM,
    buildsSinceLighter: 0,
  });
}

export interface ScheduleInput {
  goal: PlanGoal;
  settings: PlanSettings;
  /** Monday of the first week to plan. */
  startWeek: string;
  /** What the runner has actually been doing per week (shown in the first week's reason). */
  baselineM: number;
  /** The building level the next week is measured against. */
  levelM: number;
  /** Building weeks since the last lighter week, so the rhythm carries on when a plan adapts. */
  buildsSinceLighter: number;
  /** Start with an eased week (used when pain rises). */
  openWith?: { percent: number; reason: string };
}

interface VolumeWeek {
  volumeM: number;
  phase: WeekPhase;
  reason: string;
}

const ORDINAL = ["", "", "second", "third", "fourth", "fifth"];

/**
 * The week volumes of the building part. With `count`, exactly that many weeks (an event);
 * without, until the target is reached and held (a weekly goal) or the horizon runs out.
 */
function buildVolumes(
  s: ScheduleInput,
  target: number,
  count: number | undefined,
): { weeks: VolumeWeek[]; levelM: number; reachedM: number } {
  const pct = Math.round(s.settings.rampRate * 100);
  const cycle = s.settings.buildWeeksPerCycle;
  const weeks: VolumeWeek[] = [];
  let level = s.levelM;
  let builds = s.buildsSinceLighter;
  let reachedAt = -1;
  let reachedM = 0;
  let afterLighter = false;
  const limit = count ?? MAX_PLAN_WEEKS;
  for (let i = 0; i < limit; i++) {
    if (
      count === undefined &&
      reachedAt >= 0 &&
      i > reachedAt + HOLD_WEEKS_AFTER_GOAL &&
      weeks.length >= 4
    )
      break;
    const lastBeforeTaper = count !== undefined && i === count - 1;
    if (i === 0 && s.openWith) {
      weeks.push({
        volumeM: reducedVolume(level, s.openWith.percent),
        phase: "lighter",
        reason: s.openWith.reason,
      });
      builds = 0;
      afterLighter = true;
      continue;
    }
    if (builds >= cycle && !lastBeforeTaper) {
      const v = reducedVolume(level, LIGHTER_WEEK_PERCENT);
      weeks.push({
        volumeM: v,
        phase: "lighter",
        reason:
          `A lighter week at about ${LIGHTER_WEEK_PERCENT}% of the ${formatKm(level)} you reached. ` +
          `Easing off every ${ORDINAL[cycle + 1] ?? `${cycle + 1}th`} week gives the body time to absorb the building.`,
      });
      builds = 0;
      afterLighter = true;
      continue;
    }
    let v: number;
    let phase: WeekPhase;
    let reason: string;
    if (lastBeforeTaper && builds >= cycle) {
      v = Math.min(level, target);
      phase = "hold";
      reason = `Holding at ${formatKm(v)}: the taper that follows gives the rest a lighter week would.`;
    } else {
      v = nextBuildVolume(level, pct, target);
      if (v < level) {
        phase = "hold";
        reason = `Your ${formatKm(level)} a week is already above the ${formatKm(target)} the plan aims for, so it settles there.`;
      } else if (v === level) {
        phase = "hold";
        reason = `Holding at ${formatKm(v)}: a steady spell at this level lets the body catch up before asking for more.`;
      } else {
        phase = "build";
        const rise = Math.round(((v - level) / level) * 100);
        const from =
          i === 0
            ? `your current ${formatKm(level)} a week`
            : afterLighter
              ? `the ${formatKm(level)} you reached before the lighter week`
              : `the ${formatKm(level)} of your last building week`;
        reason = `Up ${rise}% on ${from}, within the ${pct}% weekly limit.`;
        if (v >= target) reason += ` This reaches the ${formatKm(target)} the plan aims for.`;
      }
    }
    weeks.push({ volumeM: v, phase, reason });
    builds += 1;
    level = v;
    afterLighter = false;
    reachedM = Math.max(reachedM, v);
    if (reachedAt < 0 && v >= target) reachedAt = i;
  }
  return { weeks, levelM: level, reachedM: Math.max(reachedM, s.levelM) };
}

function withSessions(
  s: ScheduleInput,
  start: string,
  v: VolumeWeek,
  race?: { date: string; distanceM: number },
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
    ...(race ? { race } : {}),
  });
  return {
    start,
    distance_m: runningDistance(sessions),
    phase: v.phase,
    lighter: v.phase === "lighter" || v.phase === "taper" || v.phase === "race",
    reason: v.reason,
    sessions,
  };
}

export function runningDistance(
  sessions: readonly { kind: PlanWeek["sessions"][number]["kind"]; distance_m?: number }[],
): number {
  return sessions.reduce((sum, x) => sum + (isRunningKind(x.kind) ? (x.distance_m ?? 0) : 0), 0);
}

const NOTES = [
  "The weekly limit on rises is a careful guide, not a proven safe line: trials of the 10% rule did not show fewer injuries (Buist 2008; Fredette 2022), but big jumps went with more knee overuse injuries (Nielsen 2014).",
  "Ease off if knee pain goes above 3 out of 10 during or after a run, or has not settled by the next morning; log it and the plan adapts.",
];

/** Plans the weeks from `startWeek` on; generatePlan and adaptPlan both end here. */
export function schedulePlan(s: ScheduleInput): Plan {
  const pct = Math.round(s.settings.rampRate * 100);
  const warnings: PlanWarning[] = [];
  const goal = s.goal;
  if (goal.kind === "weekly") {
    const target = Math.round(goal.weeklyM);
    const built = buildVolumes(s, target, undefined);
    if (s.levelM > target)
      warnings.push({
        code: "ABOVE_GOAL_ALREADY",
        message: `You already run ${formatKm(s.levelM)} a week, more than the ${formatKm(target)} goal; the plan settles at the goal.`,
      });
    else if (built.reachedM < target)
      warnings.push({
        code: "GOAL_BEYOND_HORIZON",
        message: `Rising at most ${pct}% a week, a year of building gets you to ${formatKm(built.reachedM)} a week, short of the ${formatKm(target)} goal. The plan covers that year; set a nearer goal for the next step.`,
      });
    const weeks = built.weeks.map((v, i) => withSessions(s, addDays(s.startWeek, 7 * i), v));
    return plan(s, target, weeks, warnings);
  }

  const eventWeek = weekStartOf(goal.date);
  const n = daysBetween(s.startWeek, eventWeek) / 7 + 1;
  if (n > MAX_EVENT_WEEKS)
    throw new DomainError(
      "PLAN_EVENT_TOO_FAR",
      `The event on ${goal.date} is more than two years away; plan nearer the time.`,
    );
  const longRace = goal.distanceM >= LONG_RACE_M;
  const taperWeeks = n >= 4 && longRace ? 2 : 1;
  const target = Math.max(eventTargetWeeklyM(goal.distanceM), s.levelM);
  const built = buildVolumes(s, target, n - taperWeeks);
  const peak = built.levelM;
  const volumes = [...built.weeks];
  if (taperWeeks === 2)
    volumes.push({
      volumeM: reducedVolume(peak, 70),
      phase: "taper",
      reason: `Taper: about 70% of your ${formatKm(peak)} peak, so the legs arrive at the race fresh while staying in rhythm.`,
    });
  volumes.push({
    volumeM: reducedVolume(peak, longRace ? 40 : 50),
    phase: "race",
    reason: `Race week: a few short easy runs, rest the day before, then the ${formatKm(goal.distanceM)} race on ${goal.date}.`,
  });
  const weeks = volumes.map((v, i) =>
    withSessions(
      s,
      addDays(s.startWeek, 7 * i),
      v,
      i === volumes.length - 1 ? { date: goal.date, distanceM: goal.distanceM } : undefined,
    ),
  );
  restBeforeMondayRace(weeks, goal.date);

  if (n - taperWeeks <= 0)
    warnings.push({
      code: "EVENT_TOO_SOON",
      message: `The race is in the first week of the plan: there is no time left to build, only to arrive rested.`,
    });
  // What the weeks really hold: when the race is this close, the taper can swallow the only
  // building week, so the ramp's level alone would claim a peak the runner never runs.
  const trainedPeakM = Math.max(
    s.baselineM,
    ...weeks.map((w, i) => w.distance_m - (i === weeks.length - 1 ? goal.distanceM : 0)),
  );
  const reachedM = Math.min(built.reachedM, trainedPeakM);
  if (reachedM < target)
    warnings.push({
      code: "GOAL_UNREACHABLE",
      message:
        `Rising at most ${pct}% a week, you reach about ${formatKm(reachedM)} a week by ${goal.date}, ` +
        `short of the ${formatKm(target)} this plan aims for before a ${formatKm(goal.distanceM)} race. ` +
        "The plan does not speed up to catch up: run the race gently, or choose a later date or a shorter distance.",
    });
  return plan(s, target, weeks, warnings);
}

/** The day before the race is a rest day, even when that day falls in the previous week. */
function restBeforeMondayRace(weeks: PlanWeek[], raceDate: string): void {
  if (weekdayIndex(raceDate) !== 0 || weeks.length < 2) return;
  const week = weeks[weeks.length - 2];
  if (!week) return;
  const eve = addDays(raceDate, -1);
  const sessions = week.sessions.map((x) =>
    x.date === eve && isRunningKind(x.kind)
      ? { date: eve, kind: "rest" as const, description: preRaceRestText() }
      : x,
  );
  week.sessions = sessions;
  week.distance_m = runningDistance(sessions);
  week.reason += " Sunday's run is dropped so that you start Monday's race rested.";
}

function plan(s: ScheduleInput, target: number, weeks: PlanWeek[], warnings: PlanWarning[]): Plan {
  return {
    goal: s.goal,
    target_weekly_m: target,
    baseline_weekly_m: s.baselineM,
    settings: s.settings,
    weeks,
    warnings,
    notes: [...NOTES],
  };
}
