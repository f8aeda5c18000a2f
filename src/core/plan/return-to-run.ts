/**
 * The walk-run way back to running after knee pain, steered by the pain diary.
 *
 * The rule borrows the pain-monitoring model (Silbernagel 2007, AJSM 35:897: running guided by
 * pain did as well as rest in Achilles tendinopathy; as usually described, 0-2/10 is "safe",
 * 3-5 "acceptable", above 5 too much, and pain should settle by the next morning; those
 * thresholds come from secondary sources, and using them for the knee is extrapolation). We are
 * stricter than the model on the way up, as issue 8 asks:
 *  - a session counts towards the next stage only when pain stayed at 3/10 or less during and
 *    after it, and by the next morning was back to the runner's usual resting level or 2/10,
 *    whichever is higher, and never above 3/10;
 *  - two counted sessions in a row at a stage unlock the next stage;
 *  - pain above 3/10 (or not settled by the morning) holds the stage and restarts the count;
 *  - pain above 5/10 at any point steps back one stage.
 *
 * Issue 16 adds the two ends. The way in has entry criteria (returnEntryCriteria): 30 minutes of
 * pain-free walking and pain-free hopping on the sore leg, and a clinician's clearance after a
 * suspected bone stress injury or any red flag, because a positive hop test and night pain point
 * to bone stress and impact must stop until it is ruled out (Warden 2014, JOSPT 44:749; see
 * ../shared/evidence.md). And the plan stops itself: two red diary days while it is under way
 * (a score above 5/10, or pain not settled by the morning) mean the knee is not coping, and the
 * plan waits for a clinician before it goes on.
 */
import { DomainError } from "../errors.js";
import { dayWriter } from "../format/dates.js";
import type { DayWriter } from "../format/dates.js";
import { addDays, daysBetween, isIsoDate, weekStartOf } from "./dates.js";
import type { PlanSession } from "./types.js";

export interface PainEntry {
  /** The day of a walk-run session, YYYY-MM-DD. */
  date: string;
  /** 0-10 during the session. */
  during: number;
  /** 0-10 in the hours after it. */
  after: number;
  /** 0-10 the next morning; null until it has been logged. */
  nextMorning: number | null;
}

export interface WalkRunStage {
  /** 1-based. */
  stage: number;
  runS: number;
  walkS: number;
  repeats: number;
}

/** Every stage is about 30 min of walk-run; the running share grows until it is all running. */
export const WALK_RUN_STAGES: readonly WalkRunStage[] = [
  { stage: 1, runS: 60, walkS: 240, repeats: 6 },
  { stage: 2, runS: 120, walkS: 180, repeats: 6 },
  { stage: 3, runS: 180, walkS: 120, repeats: 6 },
  { stage: 4, runS: 240, walkS: 60, repeats: 6 },
  { stage: 5, runS: 300, walkS: 60, repeats: 5 },
  { stage: 6, runS: 540, walkS: 60, repeats: 3 },
  { stage: 7, runS: 840, walkS: 60, repeats: 2 },
  { stage: 8, runS: 1800, walkS: 0, repeats: 1 },
];

/** Pain during or after a session at or below this lets it count. */
export const MAX_PAIN_TO_PROGRESS = 3;
/** Pain above this steps back a stage. */
export const STEP_BACK_ABOVE = 5;
/** Next-morning pain at or below this counts as settled (or the usual resting level, up to 3). */
export const SETTLED_MORNING = 2;
export const SESSIONS_TO_UNLOCK = 2;
export const WARM_UP_S = 300;
export const COOL_DOWN_S = 300;

export type DayOutcome = "unlocked" | "completed" | "counted" | "held" | "stepped_back" | "waiting";

export interface ReturnDay {
  date: string;
  /** 1-based stage before and after this day. */
  stage_before: number;
  stage_after: number;
  outcome: DayOutcome;
  why: string;
}

export interface ReturnToRunInput {
  /** First day of the return-to-run plan; earlier diary entries are ignored. */
  start: string;
  painLog: readonly PainEntry[];
  /** The runner's usual pain at rest, 0-10 (default 0). */
  baselinePain?: number;
  /** How many upcoming sessions to schedule (default 3). */
  upcomingSessions?: number;
  /** Diary days that were red by themselves (core/pain redDays), any order; the stop counts them. */
  redDays?: readonly string[];
  /** Days the runner resumed after a stop, with a clinician's clearance. */
  resumes?: readonly string[];
}

/** A time the plan stopped itself: the second red diary day, and when the runner resumed. */
export interface ReturnStop {
  /** The second red day: nothing after it counts until the runner resumes. */
  date: string;
  /** The two red days, oldest first. */
  red_days: string[];
  /** The day the runner resumed after clearance; null while the plan is stopped. */
  resumed: string | null;
  reason: string;
}

export interface ReturnPlan {
  stages: readonly WalkRunStage[];
  /** 1-based. */
  current_stage: number;
  /** Counted sessions at the current stage so far. */
  counted_at_stage: number;
  /** True once the last stage (continuous running) has been passed. */
  complete: boolean;
  days: ReturnDay[];
  /** Upcoming walk-run sessions, grouped by week for the calendar. */
  weeks: { start: string; sessions: PlanSession[] }[];
  /** The rule in plain words. */
  rule: string;
  next_step: string;
  /** The stop in force (no sessions are planned while it lasts); null when the plan is running. */
  stopped: ReturnStop | null;
  /** Every stop so far, oldest first, resumed ones included. */
  stops: ReturnStop[];
}

/** Red diary days while the plan is under way that stop it. */
export const RED_DAYS_TO_STOP = 2;

/** Why the plan stopped; the red days in the reader's style (YYYY-MM-DD by default). */
export function stopReason(redDays: readonly string[], day: DayWriter = dayWriter(undefined)): string {
  return (
    `The pain diary turned red twice during the walk-run return (${redDays.map(day).join(" and ")}), so the plan has stopped itself. ` +
    "Two red days mean the knee is not coping with the return: stop the walk-run sessions and see a clinician. " +
    "When they have cleared you to run, resume the plan here."
  );
}

/**
 * The stops, from the red days and the resumes: counting starts at `start`, and again at each
 * resume (red days on or before the stop they ended are not counted twice).
 */
export function returnStops(
  start: string,
  redDays: readonly string[],
  resumes: readonly string[],
): ReturnStop[] {
  const reds = [...new Set(redDays)].filter(isIsoDate).sort();
  const back = [...new Set(resumes)].filter(isIsoDate).sort();
  const stops: ReturnStop[] = [];
  let from = start;
  let after: string | null = null;
  for (;;) {
    const counted = reds.filter((d) => d >= from && (after === null || d > after));
    if (counted.length < RED_DAYS_TO_STOP) return stops;
    const pair = counted.slice(0, RED_DAYS_TO_STOP);
    const date = pair[RED_DAYS_TO_STOP - 1]!;
    const resumed = back.find((r) => r >= date) ?? null;
    stops.push({ date, red_days: pair, resumed, reason: stopReason(pair) });
    if (resumed === null) return stops;
    from = resumed;
    after = date;
  }
}

/** While stopped (after a stop's date, before its resume), diary days are not walk-run sessions. */
function inStop(date: string, stops: readonly ReturnStop[]): boolean {
  return stops.some((s) => date > s.date && (s.resumed === null || date < s.resumed));
}

// ---------------------------------------------------------------------------------------------
// Entry criteria

export type EntryCriterionCode = "walk_30_min" | "hop" | "clinician_clearance";

export interface EntryCriterion {
  code: EntryCriterionCode;
  /** What the runner confirms, in their words. */
  label: string;
  /** Why it matters. */
  why: string;
}

/** What the runner's last knee check said, as far as the way back cares. */
export interface LastAssessmentFacts {
  date: string;
  redFlags: readonly { id: string; label: string }[];
  topCondition: { id: string; label: string } | null;
}

/** Top conditions of the bone-stress kind: running on them risks a complete fracture. */
export const BONE_STRESS_CONDITIONS: readonly string[] = ["stress_fracture"];

export const ENTRY_CRITERIA: Readonly<Record<EntryCriterionCode, EntryCriterion>> = {
  walk_30_min: {
    code: "walk_30_min",
    label: "I can walk briskly for 30 minutes without knee pain.",
    why: "Walking loads the knee far less than running; if it hurts, running will hurt more.",
  },
  hop: {
    code: "hop",
    label: "I can hop again and again on the sore leg without pain.",
    why: "Pain on hopping is a simple sign of a bone stress injury, which needs checking before any running.",
  },
  clinician_clearance: {
    code: "clinician_clearance",
    label: "A clinician has examined my knee and cleared me to start running again.",
    why: "After a suspected bone stress injury or a warning sign, running before a clinician has ruled it out risks making it much worse.",
  },
};

export interface ReturnEntry {
  /** The criteria to confirm, in order; clinician_clearance only when it is needed. */
  criteria: EntryCriterion[];
  clearanceNeeded: boolean;
  /** Why clearance is needed, in plain words; empty when it is not. */
  clearanceReasons: string[];
}

/**
 * The entry criteria for this runner: always walking and hopping; clearance by a clinician when
 * the last assessment had any red flag or a bone-stress condition at the top, or the runner says
 * a bone stress injury (or another warning sign) was suspected.
 */
export function returnEntryCriteria(
  last: LastAssessmentFacts | null,
  runnerSaysSuspected: boolean,
  locale?: string,
): ReturnEntry {
  const day = dayWriter(locale);
  const reasons: string[] = [];
  if (last !== null && last.redFlags.length > 0)
    reasons.push(
      `Your last knee check (${day(last.date)}) found a warning sign: ${last.redFlags.map((f) => f.label).join("; ")}.`,
    );
  if (
    last !== null &&
    last.topCondition !== null &&
    BONE_STRESS_CONDITIONS.includes(last.topCondition.id)
  )
    reasons.push(
      `Your last knee check (${day(last.date)}) put ${last.topCondition.label.toLowerCase()} first.`,
    );
  if (runnerSaysSuspected)
    reasons.push("You told us a bone stress injury or another warning sign was suspected.");
  const clearanceNeeded = reasons.length > 0;
  return {
    criteria: [
      ENTRY_CRITERIA.walk_30_min,
      ENTRY_CRITERIA.hop,
      ...(clearanceNeeded ? [ENTRY_CRITERIA.clinician_clearance] : []),
    ],
    clearanceNeeded,
    clearanceReasons: reasons,
  };
}

/** The criteria not yet confirmed; the plan can start only when this is empty. */
export function unmetEntryCriteria(
  entry: ReturnEntry,
  confirmed: Partial<Record<EntryCriterionCode, boolean>>,
): EntryCriterion[] {
  return entry.criteria.filter((c) => confirmed[c.code] !== true);
}

export const RETURN_RULE =
  `A walk-run session counts when knee pain stays at ${MAX_PAIN_TO_PROGRESS}/10 or less during and after it and has settled by the next morning ` +
  `(back to your usual level or ${SETTLED_MORNING}/10). Two counted sessions in a row open the next stage. ` +
  `Pain above ${MAX_PAIN_TO_PROGRESS}/10 keeps you at the same stage; pain above ${STEP_BACK_ABOVE}/10 takes you back one stage. ` +
  `Two red days in the pain diary during the return stop the plan until a clinician has seen the knee.`;

function checkScore(value: number | null, what: string, date: string): void {
  if (value === null) return;
  if (!Number.isFinite(value) || value < 0 || value > 10)
    throw new DomainError(
      "PLAN_BAD_PAIN_SCORE",
      `The ${what} pain score on ${date} must be from 0 to 10.`,
    );
}

export function stageDurationS(stage: WalkRunStage): number {
  return WARM_UP_S + stage.repeats * (stage.runS + stage.walkS) + COOL_DOWN_S;
}

/** Scores a diary day against the rule; exported so the web can explain a single day. */
export function judgeDay(
  entry: PainEntry,
  baselinePain: number,
): "step_back" | "hold_pain" | "hold_morning" | "waiting" | "good" {
  const worst = Math.max(entry.during, entry.after, entry.nextMorning ?? 0);
  if (worst > STEP_BACK_ABOVE) return "step_back";
  if (entry.during > MAX_PAIN_TO_PROGRESS || entry.after > MAX_PAIN_TO_PROGRESS) return "hold_pain";
  if (entry.nextMorning === null) return "waiting";
  const settledAt = Math.max(SETTLED_MORNING, Math.min(baselinePain, MAX_PAIN_TO_PROGRESS));
  if (entry.nextMorning > settledAt) return "hold_morning";
  return "good";
}

/** Where the runner stands: 0-based stage, counted sessions at it, and whether the last is passed. */
interface Progress {
  stage: number;
  counted: number;
  complete: boolean;
}

export function generateReturnToRun(input: ReturnToRunInput): ReturnPlan {
  const baselinePain = checkReturnInput(input);
  const stops = returnStops(input.start, input.redDays ?? [], input.resumes ?? []);
  const stopped = stops.find((x) => x.resumed === null) ?? null;
  const log = sessionLog(input.painLog, input.start, stops);
  const { progress, days } = walkThrough(log, baselinePain);
  const { stage, counted, complete } = progress;
  const sessions =
    complete || stopped !== null
      ? []
      : upcomingSessions(log, input.start, stage, input.upcomingSessions ?? 3);
  return {
    stages: WALK_RUN_STAGES,
    current_stage: stage + 1,
    counted_at_stage: counted,
    complete,
    days,
    weeks: byWeek(sessions),
    rule: RETURN_RULE,
    next_step: nextStep(stopped, complete, stage),
    stopped,
    stops,
  };
}

/** Rejects a start or diary date not in YYYY-MM-DD and any score outside 0-10; returns the resting pain. */
function checkReturnInput(input: ReturnToRunInput): number {
  if (!isIsoDate(input.start))
    throw new DomainError(
      "PLAN_BAD_DATE",
      `"${input.start}" is not a date in the form YYYY-MM-DD.`,
    );
  const baselinePain = input.baselinePain ?? 0;
  checkScore(baselinePain, "usual resting", input.start);
  for (const e of input.painLog) {
    if (!isIsoDate(e.date))
      throw new DomainError("PLAN_BAD_DATE", `"${e.date}" is not a date in the form YYYY-MM-DD.`);
    checkScore(e.during, "during", e.date);
    checkScore(e.after, "after", e.date);
    checkScore(e.nextMorning, "next-morning", e.date);
  }
  return baselinePain;
}

/** The walk-run sessions that count: from the start on, outside any stop, oldest first (ties keep their order). */
function sessionLog(painLog: readonly PainEntry[], start: string, stops: readonly ReturnStop[]): PainEntry[] {
  return painLog
    .filter((e) => daysBetween(start, e.date) >= 0 && !inStop(e.date, stops))
    .map((e, i) => ({ e, i }))
    .sort((a, b) => daysBetween(b.e.date, a.e.date) || a.i - b.i)
    .map(({ e }) => e);
}

/** Judges every session in turn from stage 1: where the runner ends up, and each day's outcome. */
function walkThrough(log: readonly PainEntry[], baselinePain: number): { progress: Progress; days: ReturnDay[] } {
  let progress: Progress = { stage: 0, counted: 0, complete: false };
  const days: ReturnDay[] = [];
  for (const entry of log) {
    const before = progress.stage;
    const step = stepDay(progress, judgeDay(entry, baselinePain));
    progress = step.progress;
    days.push({ date: entry.date, stage_before: before + 1, stage_after: progress.stage + 1, outcome: step.outcome, why: step.why });
  }
  return { progress, days };
}

/** One judged session against the rule: the progress after it, its outcome and why. */
function stepDay(
  p: Progress,
  verdict: ReturnType<typeof judgeDay>,
): { progress: Progress; outcome: DayOutcome; why: string } {
  const restart = { ...p, counted: 0, complete: false };
  switch (verdict) {
    case "step_back":
      if (p.stage > 0)
        return { progress: { ...restart, stage: p.stage - 1 }, outcome: "stepped_back", why: `Pain went above ${STEP_BACK_ABOVE}/10: back one stage.` };
      return {
        progress: restart,
        outcome: "held",
        why: `Pain went above ${STEP_BACK_ABOVE}/10 at the first stage: rest for a few days, and if it keeps happening, have the knee checked.`,
      };
    case "hold_pain":
      return { progress: restart, outcome: "held", why: `Pain went above ${MAX_PAIN_TO_PROGRESS}/10: stay at this stage and start the count again.` };
    case "hold_morning":
      return {
        progress: restart,
        outcome: "held",
        why: "The pain had not settled by the next morning: stay at this stage and start the count again.",
      };
    case "waiting":
      return { progress: p, outcome: "waiting", why: "Waiting for the next-morning score before this session can count." };
    case "good": {
      const counted = p.counted + 1;
      if (counted < SESSIONS_TO_UNLOCK)
        return {
          progress: { ...p, counted },
          outcome: "counted",
          why: `Pain stayed at ${MAX_PAIN_TO_PROGRESS}/10 or less and settled: ${counted} of ${SESSIONS_TO_UNLOCK} sessions done at this stage.`,
        };
      if (p.stage < WALK_RUN_STAGES.length - 1)
        return {
          progress: { ...p, stage: p.stage + 1, counted: 0 },
          outcome: "unlocked",
          why: `${SESSIONS_TO_UNLOCK} sessions in a row without a flare: stage ${p.stage + 2} is open.`,
        };
      return {
        progress: { ...p, counted, complete: true },
        outcome: "completed",
        why: "Running continuously without a flare: you are ready for a gradual build-up plan.",
      };
    }
  }
}

/**
 * The next `count` sessions at the current stage, every other day (the pain diary needs the next
 * morning before the next session): from two days after the last logged one, or from the start.
 */
function upcomingSessions(log: readonly PainEntry[], start: string, stage: number, count: number): PlanSession[] {
  const lastDate = log[log.length - 1]?.date;
  const from =
    lastDate && daysBetween(start, addDays(lastDate, 2)) > 0
      ? addDays(lastDate, 2)
      : start;
  const current = WALK_RUN_STAGES[stage] ?? WALK_RUN_STAGES[0];
  const sessions: PlanSession[] = [];
  if (!current) return sessions;
  for (let i = 0; i < count; i++) {
    sessions.push({
      date: addDays(from, 2 * i),
      kind: "walk_run",
      duration_s: stageDurationS(current),
      stage: current.stage,
    });
  }
  return sessions;
}

/** Sessions grouped by the week they fall in, in order, for the calendar. */
function byWeek(sessions: readonly PlanSession[]): { start: string; sessions: PlanSession[] }[] {
  const weeks: { start: string; sessions: PlanSession[] }[] = [];
  for (const s of sessions) {
    const start = weekStartOf(s.date);
    const week = weeks.find((w) => w.start === start);
    if (week) week.sessions.push(s);
    else weeks.push({ start, sessions: [s] });
  }
  return weeks;
}

/** What to do next, in plain words. */
function nextStep(stopped: ReturnStop | null, complete: boolean, stage: number): string {
  if (stopped) return "Stopped: no walk-run sessions until a clinician has seen the knee and cleared you to run again.";
  if (complete) return "Move on to a build-up plan for returning runners (weekly rises of 5% at most).";
  return `Keep going with stage ${stage + 1} every other day and log your pain each time.`;
}
