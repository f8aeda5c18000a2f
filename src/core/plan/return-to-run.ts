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
 */
import { DomainError } from "../errors.js";
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
const WARM_UP_S = 300;
const COOL_DOWN_S = 300;

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
}

export const RETURN_RULE =
  `A walk-run session counts when knee pain stays at ${MAX_PAIN_TO_PROGRESS}/10 or less during and after it and has settled by the next morning ` +
  `(back to your usual level or ${SETTLED_MORNING}/10). Two counted sessions in a row open the next stage. ` +
  `Pain above ${MAX_PAIN_TO_PROGRESS}/10 keeps you at the same stage; pain above ${STEP_BACK_ABOVE}/10 takes you back one stage.`;

function checkScore(value: number | null, what: string, date: string): void {
  if (value === null) return;
  if (!Number.isFinite(value) || value < 0 || value > 10)
    throw new DomainError(
      "PLAN_BAD_PAIN_SCORE",
      `The ${what} pain score on ${date} must be from 0 to 10.`,
    );
}

function minutes(seconds: number): string {
  return `${seconds / 60} min`;
}

export function stageText(stage: WalkRunStage): string {
  const main =
    stage.walkS === 0
      ? `run ${minutes(stage.runS)} without stopping, at an easy pace`
      : `${stage.repeats} rounds of run ${minutes(stage.runS)}, walk ${minutes(stage.walkS)}`;
  return (
    `Walk-run stage ${stage.stage} of ${WALK_RUN_STAGES.length}. Warm-up: ${minutes(WARM_UP_S)} of brisk walking. ` +
    `Main: ${main}. Cool-down: ${minutes(COOL_DOWN_S)} of easy walking and light stretches. ` +
    "Then note your knee pain (0-10) during, after, and tomorrow morning."
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

export function generateReturnToRun(input: ReturnToRunInput): ReturnPlan {
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
  const log = input.painLog
    .filter((e) => daysBetween(input.start, e.date) >= 0)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => daysBetween(b.e.date, a.e.date) || a.i - b.i)
    .map(({ e }) => e);

  const last = WALK_RUN_STAGES.length - 1;
  let stage = 0;
  let counted = 0;
  let complete = false;
  const days: ReturnDay[] = [];
  for (const entry of log) {
    const before = stage;
    let outcome: DayOutcome;
    let why: string;
    switch (judgeDay(entry, baselinePain)) {
      case "step_back":
        counted = 0;
        complete = false;
        if (stage > 0) {
          stage -= 1;
          outcome = "stepped_back";
          why = `Pain went above ${STEP_BACK_ABOVE}/10: back one stage.`;
        } else {
          outcome = "held";
          why = `Pain went above ${STEP_BACK_ABOVE}/10 at the first stage: rest for a few days, and if it keeps happening, have the knee checked.`;
        }
        break;
      case "hold_pain":
        counted = 0;
        complete = false;
        outcome = "held";
        why = `Pain went above ${MAX_PAIN_TO_PROGRESS}/10: stay at this stage and start the count again.`;
        break;
      case "hold_morning":
        counted = 0;
        complete = false;
        outcome = "held";
        why =
          "The pain had not settled by the next morning: stay at this stage and start the count again.";
        break;
      case "waiting":
        outcome = "waiting";
        why = "Waiting for the next-morning score before this session can count.";
        break;
      case "good":
        counted += 1;
        if (counted < SESSIONS_TO_UNLOCK) {
          outcome = "counted";
          why = `Pain stayed at ${MAX_PAIN_TO_PROGRESS}/10 or less and settled: ${counted} of ${SESSIONS_TO_UNLOCK} sessions done at this stage.`;
        } else if (stage < last) {
          stage += 1;
          counted = 0;
          outcome = "unlocked";
          why = `${SESSIONS_TO_UNLOCK} sessions in a row without a flare: stage ${stage + 1} is open.`;
        } else {
          complete = true;
          outcome = "completed";
          why = "Running continuously without a flare: you are ready for a gradual build-up plan.";
        }
        break;
    }
    days.push({ date: entry.date, stage_before: before + 1, stage_after: stage + 1, outcome, why });
  }

  const lastDate = log[log.length - 1]?.date;
  const from =
    lastDate && daysBetween(input.start, addDays(lastDate, 2)) > 0
      ? addDays(lastDate, 2)
      : input.start;
  const current = WALK_RUN_STAGES[stage] ?? WALK_RUN_STAGES[0];
  const sessions: PlanSession[] = [];
  if (current && !complete) {
    // Every other day: the pain diary needs the next morning before the next session.
    for (let i = 0; i < (input.upcomingSessions ?? 3); i++) {
      sessions.push({
        date: addDays(from, 2 * i),
        kind: "walk_run",
        duration_s: stageDurationS(current),
        description: stageText(current),
      });
    }
  }
  const weeks: { start: string; sessions: PlanSession[] }[] = [];
  for (const s of sessions) {
    const start = weekStartOf(s.date);
    const week = weeks.find((w) => w.start === start);
    if (week) week.sessions.push(s);
    else weeks.push({ start, sessions: [s] });
  }
  return {
    stages: WALK_RUN_STAGES,
    current_stage: stage + 1,
    counted_at_stage: counted,
    complete,
    days,
    weeks,
    rule: RETURN_RULE,
    next_step: complete
      ? "Move on to a build-up plan for returning runners (weekly rises of 5% at most)."
      : `Keep going with stage ${stage + 1} every other day and log your pain each time.`,
  };
}
