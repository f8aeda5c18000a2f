/**
 * Turns a week's running distance into dated sessions. Each template keeps at least one full
 * rest day, never puts two hard days together, and mixes in cross-training and strength work
 * (variety, and more hours of other sports went with fewer running injuries: Malisoux 2015,
 * Scand J Med Sci Sports 25:110).
 */
import { addDays, daysBetween } from "./dates.js";
import { floorTo, longRunShareFor, volumeStep } from "./ramp.js";
import type { PlanSession, ProgrammeSlug, WeekPhase } from "./types.js";

type Slot = "rest" | "run" | "long" | "quality" | "cross" | "strength";

export const MIN_RUN_DAYS = 3;
export const MAX_RUN_DAYS = 5;

/** From the first day of the runner's week. */
const TEMPLATES: Record<number, readonly (readonly Slot[])[]> = {
  3: [["rest"], ["run"], ["strength"], ["run"], ["rest"], ["cross"], ["long"]],
  4: [["rest"], ["run", "strength"], ["quality"], ["cross"], ["rest"], ["run"], ["long"]],
  5: [["rest"], ["run", "strength"], ["quality"], ["run"], ["cross"], ["run"], ["long"]],
};

export interface WeekLayoutInput {
  /** The week's first day. */
  start: string;
  /** Running distance apart from any race. */
  trainingM: number;
  runDays: number;
  phase: WeekPhase;
  /** Whether the week may hold one faster session (never for beginners, returning runners or easier weeks). */
  withQuality: boolean;
  programme: ProgrammeSlug;
  crossMinutes: number;
  strengthMinutes: number;
  race?: { date: string; distanceM: number };
  /**
   * The long run, chosen by the planner under the spike rule; absent: the usual share of the week.
   * No other run of the week is longer than it, so no run can go past the limit the long run keeps.
   */
  longM?: number;
  /** First day planned (a plan that starts mid-week); the days before it get no sessions. */
  from?: string;
  /** Longest any run before the race may be (race weeks: the spike limit of those days). */
  runCapM?: number | null;
}

/** Race-week runs are short: at most this long each, whatever the week before held. */
export const RACE_WEEK_RUN_MAX_M = 8_000;

/** Share of the week's runs that fall on or after day `fromDay` of the week (0 = its first day). */
export function runShareFrom(runDays: number, fromDay: number): number {
  const template = TEMPLATES[runDays];
  if (!template) return 1;
  const isRun = (x: Slot) => x !== "rest" && x !== "cross" && x !== "strength";
  const all = template.flat().filter(isRun).length;
  return all > 0 ? template.slice(fromDay).flat().filter(isRun).length / all : 1;
}

/** `total` in `n` parts that differ by at most one step and add up exactly. */
export function splitEvenly(total: number, n: number, step: number): number[] {
  if (n <= 0) return [];
  const base = floorTo(total / n, step);
  const parts = Array.from({ length: n }, () => base);
  let left = total - base * n;
  for (let i = 0; left > 0; i = (i + 1) % n) {
    const add = Math.min(step, left);
    parts[i] = (parts[i] ?? 0) + add;
    left -= add;
  }
  return parts;
}

export function layoutWeek(input: WeekLayoutInput): PlanSession[] {
  const template = TEMPLATES[input.runDays];
  if (!template)
    throw new RangeError(`run days must be ${MIN_RUN_DAYS}-${MAX_RUN_DAYS}, got ${input.runDays}`);
  return input.race
    ? layoutRaceWeek(input, template, input.race)
    : layoutTrainingWeek(input, template);
}

function layoutTrainingWeek(
  input: WeekLayoutInput,
  template: readonly (readonly Slot[])[],
): PlanSession[] {
  const firstDay = input.from ? Math.max(0, daysBetween(input.start, input.from)) : 0;
  const wantedLongM = Math.min(input.longM ?? longRunShareFor(input.runDays) * input.trainingM, input.trainingM);
  // Rounded on the long run's own scale, and the other runs split on the same steps, so none of
  // them can come out longer than the long run.
  const step = Math.min(volumeStep(input.trainingM), volumeStep(wantedLongM));
  const longM = Math.max(0, floorTo(wantedLongM, step));
  const otherRuns = template
    .slice(firstDay)
    .flat()
    .filter((s) => s === "run" || s === "quality").length;
  // No other run longer than the long run: what the week cannot hold that way is left out.
  const othersM = Math.min(input.trainingM - longM, otherRuns * longM);
  const others = splitEvenly(othersM, otherRuns, step);
  const sessions: PlanSession[] = [];
  template.forEach((slots, day) => {
    if (day < firstDay) return;
    const date = addDays(input.start, day);
    for (const slot of slots) {
      switch (slot) {
        case "long":
          sessions.push({ date, kind: "long", distance_m: longM });
          break;
        case "run":
        case "quality": {
          const m = others.shift() ?? 0;
          if (slot === "quality" && input.withQuality)
            sessions.push({ date, kind: "quality", distance_m: m });
          else sessions.push({ date, kind: "easy", distance_m: m });
          break;
        }
        default:
          sessions.push(nonRunning(slot, date, input));
      }
    }
  });
  return sessions;
}

function nonRunning(
  slot: "rest" | "cross" | "strength",
  date: string,
  input: WeekLayoutInput,
): PlanSession {
  switch (slot) {
    case "rest":
      return { date, kind: "rest" };
    case "cross":
      return { date, kind: "cross", duration_s: input.crossMinutes * 60 };
    case "strength":
      return { date, kind: "strength", duration_s: input.strengthMinutes * 60, programme: input.programme };
  }
}

/**
 * Race week: short easy runs early on, rest the day before, the race, then rest. No strength
 * work in the two days before the race, so the legs are fresh.
 */
function layoutRaceWeek(
  input: WeekLayoutInput,
  template: readonly (readonly Slot[])[],
  race: { date: string; distanceM: number },
): PlanSession[] {
  const raceDay = daysBetween(input.start, race.date);
  const firstDay = input.from ? Math.max(0, daysBetween(input.start, input.from)) : 0;
  const isRunSlot = (s: Slot): s is "run" | "long" | "quality" =>
    s === "run" || s === "long" || s === "quality";
  const runSlotsBefore = template
    .slice(firstDay, Math.max(firstDay, raceDay - 1))
    .flat()
    .filter(isRunSlot).length;
  const step = volumeStep(input.trainingM);
  const perRun = floorTo(Math.min(RACE_WEEK_RUN_MAX_M, input.runCapM ?? RACE_WEEK_RUN_MAX_M), step);
  const runs = splitEvenly(
    runSlotsBefore > 0 ? Math.min(input.trainingM, runSlotsBefore * perRun) : 0,
    runSlotsBefore,
    step,
  );
  const sessions: PlanSession[] = [];
  template.forEach((slots, day) => {
    if (day < firstDay) return;
    const date = addDays(input.start, day);
    if (day === raceDay) {
      sessions.push({ date, kind: "race", distance_m: race.distanceM });
      return;
    }
    if (day === raceDay - 1) {
      sessions.push({ date, kind: "rest", variant: "pre_race" });
      return;
    }
    if (day > raceDay) {
      sessions.push({ date, kind: "rest", variant: "post_race" });
      return;
    }
    for (const slot of slots) {
      if (isRunSlot(slot)) {
        const m = runs.shift() ?? 0;
        sessions.push({ date, kind: "easy", distance_m: m, variant: "race_week" });
      } else if (slot === "strength" && day >= raceDay - 2) {
        sessions.push({ date, kind: "rest" });
      } else {
        sessions.push(nonRunning(slot, date, input));
      }
    }
  });
  return sessions;
}
