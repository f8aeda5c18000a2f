/**
 * Every sentence a plan says, written at show time in the runner's units (issue 17). A plan
 * keeps numbers, not sentences: each text is stored as a key and the numbers it speaks of
 * (distances in metres, in fields ending "_m"), so a runner who switches between km and miles
 * sees every session, reason, warning, note and change in the new units, old plans included.
 * Every session that loads the legs starts with a warm-up and ends with a cool-down, as issue 8
 * asks; the wording is ours.
 */
import { DomainError } from "../errors.js";
import { dayWriter } from "../format/dates.js";
import type { DayWriter } from "../format/dates.js";
import { formatDistance } from "../format/distance.js";
import { dayName } from "./dates.js";
import type { Units } from "../units.js";
import { COOL_DOWN_S, STEP_BACK_ABOVE, WALK_RUN_STAGES, WARM_UP_S } from "./return-to-run.js";
import type { WalkRunStage } from "./return-to-run.js";

/** Why a plan adapted: last week's shortfall (if any), the pain trend, and the level it starts again from. */
export interface AdaptWhy {
  /** Planned distance of last week when it fell short; null when it did not. */
  planned_m: number | null;
  /** What was run last week; null when nothing was logged. */
  done_m: number | null;
  /** done_m as a whole percent of planned_m. */
  share_pct: number;
  pain: "settled" | "rising" | "high";
  level_m: number;
}

/** A distance in the runner's units: "12.5 km", "7.8 mi". */
type Distance = (metres: number) => string;

/** A calendar day in the reader's style: "7 Dec 2026" with a locale, YYYY-MM-DD without one. */
type Day = DayWriter;

const RUN_WARM_UP =
  "Warm-up: 5-10 min of brisk walking or very gentle jogging, then a few leg swings.";
const RUN_COOL_DOWN =
  "Cool-down: walk for 5 min, then ease out calves, thighs and hips with light stretches.";
const ORDINAL = ["", "", "second", "third", "fourth", "fifth"];

function minutes(seconds: number): string {
  return `${seconds / 60} min`;
}

function stageWords(stage: WalkRunStage): string {
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

function whyWords(w: AdaptWhy, d: Distance): string {
  const causes: string[] = [];
  if (w.planned_m !== null)
    causes.push(
      w.done_m !== null
        ? `last week you ran ${d(w.done_m)} of the ${d(w.planned_m)} planned (${w.share_pct}%)`
        : `no running was logged last week against ${d(w.planned_m)} planned`,
    );
  if (w.pain === "high") causes.push(`knee pain went above ${STEP_BACK_ABOVE}/10 in the last seven days`);
  else if (w.pain === "rising") causes.push("knee pain has been rising or slow to settle in the last seven days");
  const text = causes.join(", and ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}, so the weeks ahead start again from ${d(w.level_m)} a week.`;
}

function buildFrom(a: { from: "current" | "after_lighter" | "last_build"; level_m: number }, d: Distance): string {
  if (a.from === "current") return `your current ${d(a.level_m)} a week`;
  if (a.from === "after_lighter") return `the ${d(a.level_m)} you reached before the lighter week`;
  return `the ${d(a.level_m)} of your last building week`;
}

/** A text written by kneewise before issue 17, in km; shown in miles by rewriting its distances. */
const KM_IN_TEXT = /(?<![\d.])(\d+(?:\.\d+)?) km\b/g;
const DAY_IN_TEXT = /\b\d{4}-\d{2}-\d{2}\b/g;

function legacyWords(text: string, d: Distance, day: Day): string {
  return text.replace(KM_IN_TEXT, (_, km: string) => d(Number(km) * 1000)).replace(DAY_IN_TEXT, (date) => day(date));
}

const TEXTS = {
  // Sessions
  easy_run: (a: { distance_m: number }, d: Distance) =>
    `${RUN_WARM_UP} Main: ${d(a.distance_m)} at a relaxed, chatty pace. ${RUN_COOL_DOWN}`,
  long_run: (a: { distance_m: number }, d: Distance) =>
    `${RUN_WARM_UP} Main: ${d(a.distance_m)}, the longest run of the week, slower than your easy pace; walk breaks are fine. ${RUN_COOL_DOWN}`,
  quality_run: (a: { distance_m: number }, d: Distance) =>
    "Warm-up: 10-15 min of easy jogging and a few drills. " +
    `Main: ${d(a.distance_m)} in all, including 6 x 2 min at a strong but controlled effort with 2 min of easy jogging after each. ` +
    "Cool-down: 10 min of easy jogging or walking. Skip the fast part if your knee aches.",
  race_week_run: (a: { distance_m: number }, d: Distance) =>
    `${RUN_WARM_UP} Main: ${d(a.distance_m)} easy with 4 short, relaxed pick-ups of about 20 s to stay sharp. ${RUN_COOL_DOWN}`,
  race_day: (a: { distance_m: number }, d: Distance) =>
    `Race day: ${d(a.distance_m)}. ` +
    "Warm-up: 10 min of easy jogging and a few relaxed strides before the start. " +
    "Start steadier than you feel like and settle in. " +
    "Cool-down: walk and jog gently for 10 min afterwards, then eat and drink.",
  cross: (a: { minutes: number }) =>
    `Cross-training, ${a.minutes} min: cycling, swimming, rowing or a cross-trainer at an easy effort. ` +
    "Warm-up: the first 5 min very gently. Cool-down: the last 5 min easy. It trains the heart and lungs with less pounding on the knee.",
  strength: (a: { programme: string; minutes: number }) =>
    `Strength, about ${a.minutes} min: the "${a.programme}" exercise programme. ` +
    "Warm-up: 5 min of marching, squats to a chair and leg swings. " +
    "Cool-down: gentle stretches. Stronger hips and thighs help the knee cope with running.",
  rest: (_: object) => "Rest day: no training. A walk is fine; recovery is when the body adapts.",
  post_race_rest: (_: object) => "Rest after the race: an easy walk at most.",
  pre_race_rest: (_: object) => "Rest before the race: put your feet up and get your kit ready.",
  walk_run: (a: { stage: number }) => {
    const stage = WALK_RUN_STAGES[a.stage - 1];
    if (!stage) throw new DomainError("PLAN_BAD_TEXT", `Walk-run stage must be 1 to ${WALK_RUN_STAGES.length}, got ${a.stage}.`);
    return stageWords(stage);
  },

  // Week reasons (a week's reason is one or more of these, in order)
  starts_midweek: (a: { date: string }, _d: Distance, day: Day) =>
    `This week starts on ${day(a.date)}; the days before it are past.`,
  lighter_week: (a: { percent: number; level_m: number; cycle: number }, d: Distance) =>
    `A lighter week at about ${a.percent}% of the ${d(a.level_m)} you reached. ` +
    `Easing off every ${ORDINAL[a.cycle + 1] ?? `${a.cycle + 1}th`} week gives the body time to absorb the building.`,
  hold_before_taper: (a: { volume_m: number }, d: Distance) =>
    `Holding at ${d(a.volume_m)}: the taper that follows gives the rest a lighter week would.`,
  above_goal: (a: { level_m: number; target_m: number }, d: Distance) =>
    `Your ${d(a.level_m)} a week is already above the ${d(a.target_m)} the plan aims for, so it settles there.`,
  hold_at_limit: (a: { volume_m: number }, d: Distance) =>
    `Holding at ${d(a.volume_m)}, the most the last four weeks allow.`,
  hold_steady: (a: { volume_m: number }, d: Distance) =>
    `Holding at ${d(a.volume_m)}: a steady spell at this level lets the body catch up before asking for more.`,
  build_up: (
    a: { from: "current" | "after_lighter" | "last_build"; level_m: number; rise_pct: number | null; highest_m: number; guide_pct: number },
    d: Distance,
  ) =>
    a.rise_pct !== null && a.rise_pct > 0
      ? `Up from ${buildFrom(a, d)}: ${a.rise_pct}% above the highest of the last four weeks (${d(a.highest_m)}), within the ${a.guide_pct}% guide.`
      : `Up from ${buildFrom(a, d)}, no higher than the highest of the last four weeks.`,
  reaches_target: (a: { target_m: number }, d: Distance) => `This reaches the ${d(a.target_m)} the plan aims for.`,
  long_run_capped: (a: { long_m: number; before_m: number }, d: Distance) =>
    `Long run up to ${d(a.long_m)}, no more than 10% past your longest of the last 30 days (${d(a.before_m)}).`,
  taper: (a: { percent: number; peak_m: number }, d: Distance) =>
    `Taper: about ${a.percent}% of your ${d(a.peak_m)} peak, so the legs arrive at the race fresh while staying in rhythm.`,
  race_week: (a: { distance_m: number; date: string }, d: Distance, day: Day) =>
    `Race week: a few short easy runs, rest the day before, then the ${d(a.distance_m)} race on ${day(a.date)}.`,
  race_on_first_day: (a: { race_date: string; eve_date: string }) =>
    `${dayName(a.eve_date)}'s run is dropped so that you start ${dayName(a.race_date)}'s race rested.`,
  replanned: (a: { why: AdaptWhy }, d: Distance) => `Re-planned: ${whyWords(a.why, d)}`,
  cut_to_half: (a: { why: AdaptWhy }, d: Distance) => `Cut to about half: ${whyWords(a.why, d)}`,
  eased_week: (a: { why: AdaptWhy }, d: Distance) => `An eased week: ${whyWords(a.why, d)}`,

  // Warnings
  above_goal_already: (a: { level_m: number; target_m: number }, d: Distance) =>
    `You already run ${d(a.level_m)} a week, more than the ${d(a.target_m)} goal; the plan settles at the goal.`,
  goal_beyond_horizon: (a: { guide_pct: number; reached_m: number; target_m: number }, d: Distance) =>
    `Rising at most ${a.guide_pct}% above your recent highest week, a year of building gets you to ${d(a.reached_m)} a week, short of the ${d(a.target_m)} goal. The plan covers that year; set a nearer goal for the next step.`,
  goal_unreachable: (
    a: { guide_pct: number; peak_m: number; date: string; target_m: number; distance_m: number },
    d: Distance,
    day: Day,
  ) =>
    `Rising at most ${a.guide_pct}% above your recent highest week, you reach about ${d(a.peak_m)} a week by ${day(a.date)}, ` +
    `short of the ${d(a.target_m)} this plan aims for before a ${d(a.distance_m)} race. ` +
    "The plan does not speed up to catch up: run the race gently, or choose a later date or a shorter distance.",
  event_too_close: (
    a: { date: string; longest_m: number; minimum_m: number; distance_m: number; safe_date: string | null; shorter_m: number | null },
    d: Distance,
    day: Day,
  ) => {
    const offers: string[] = [];
    if (a.safe_date) offers.push(`a race on ${day(a.safe_date)} or later`);
    if (a.shorter_m) offers.push(`a ${d(a.shorter_m)} race on the same date`);
    return (
      `The race on ${day(a.date)} is too close: growing your long run by at most 10% at a time, it reaches ${d(a.longest_m)}, ` +
      `short of the ${d(a.minimum_m)} a ${d(a.distance_m)} race asks for.` +
      (offers.length > 0 ? ` Safer: ${offers.join(", or ")}.` : " Choose a later race or a shorter distance.")
    );
  },
  pain_high: (_: object) =>
    "Knee pain above 5/10 is too much to train through. If it does not settle within a few days, switch to the walk-run return plan and consider having the knee checked.",

  // Notes
  note_rules: (_: object) =>
    "The plan keeps to the same two rules as your training report: no run more than 10% past your longest run of the 30 days before it (the rule with the clearest evidence, Frandsen 2025), and no week more than the guide above the highest of the four weeks before it, a careful convention rather than a proven safe line (Buist 2008; Fredette 2022).",
  note_pain: (_: object) =>
    "Ease off if knee pain goes above 3 out of 10 during or after a run, or has not settled by the next morning; log it and the plan adapts.",
  note_race: (_: object) =>
    "The race itself is the one run that goes past your recent longest: that is what the long runs prepare you for. Give yourself a few easy days after it.",

  // What changed when the plan adapted
  change: (a: { why: AdaptWhy; note: "added" | "dropped" | null }, d: Distance) =>
    `${whyWords(a.why, d)}${a.note === "added" ? " (a week added to reach the goal)" : a.note === "dropped" ? " (no longer needed)" : ""}`,

  // A sentence stored by a plan made before issue 17: km, rewritten for miles.
  legacy: (a: { text: string }, d: Distance, day: Day) => legacyWords(a.text, d, day),
} satisfies Record<string, (a: never, d: Distance, day: Day) => string>;

export type PlanTextKey = keyof typeof TEXTS;
export const PLAN_TEXT_KEYS = Object.keys(TEXTS) as PlanTextKey[];

/** One stored text: its key and the numbers (and dates) it speaks of. */
export type PlanText = {
  [K in PlanTextKey]: { key: K } & Parameters<(typeof TEXTS)[K]>[0];
}[PlanTextKey];

/**
 * A text in words: distances in `units`, days in `locale`'s style ("7 Dec 2026"), or as
 * YYYY-MM-DD when no locale is given.
 */
export function renderText(text: PlanText, units: Units, locale?: string): string {
  const write = (TEXTS as Record<string, ((a: PlanText, d: Distance, day: Day) => string) | undefined>)[text.key];
  if (!write)
    throw new DomainError("PLAN_BAD_TEXT", `A stored plan text has the key "${String(text.key)}", which kneewise does not know.`);
  return write(text, (m) => formatDistance(m, units), dayWriter(locale));
}

/** Texts written one after another, as a week's reason is. */
export function renderTexts(texts: readonly PlanText[], units: Units, locale?: string): string {
  return texts.map((t) => renderText(t, units, locale)).join(" ");
}
