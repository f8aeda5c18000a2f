import type { CreatePlanBody, PlanGoalBody } from "../../../src/contracts/plans.js";
import { unitLabel, unitWord } from "../../../src/contracts/format.js";
import type { Units } from "../../../src/contracts/format.js";
import { toMetres } from "./distance.js";
import type { EntryTicks } from "./return-entry.js";

export type Experience = "profile" | "new" | "returning" | "regular";

/** Build plans: the first day of next week (the default), today, or a day the runner picks. */
type StartChoice = "next_week" | "today" | "date";

/** What the plan form holds, as typed: numbers stay text until the request is built. */
export interface PlanFormValues {
  kind: "build" | "return";
  goalKind: "weekly" | "event";
  weekly: string;
  eventDate: string;
  eventDistance: string;
  current: string;
  experience: Experience;
  start: string;
  startChoice: StartChoice;
  restInCalendar: boolean;
  runDays: string;
  baselinePain: string;
}

export const EMPTY_PLAN_FORM: PlanFormValues = {
  kind: "build",
  goalKind: "weekly",
  weekly: "",
  eventDate: "",
  eventDistance: "",
  current: "",
  experience: "profile",
  start: "",
  startChoice: "next_week",
  restInCalendar: false,
  runDays: "",
  baselinePain: "0",
};

/** Messages by the request's field paths ("goal.weeklyM"), the same paths the server names. */
export type FieldErrors = Record<string, string>;

function returnPlanBody(v: PlanFormValues, ticks: EntryTicks): CreatePlanBody {
  return {
    kind: "return",
    ...(v.start ? { start: v.start } : {}),
    baselinePain: Number(v.baselinePain),
    entry: { confirmed: ticks.confirmed, suspected: ticks.suspected },
  };
}

/** The goal as metres; a distance that is not a number is noted in `local` and sent as 0. */
function goalOf(v: PlanFormValues, units: Units, local: FieldErrors): PlanGoalBody {
  if (v.goalKind === "weekly") {
    const m = toMetres(v.weekly, units);
    if (m === null) local["goal.weeklyM"] = `Enter your weekly goal in ${unitLabel(units)}.`;
    return { kind: "weekly", weeklyM: m ?? 0 };
  }
  const m = toMetres(v.eventDistance, units);
  if (m === null) local["goal.distanceM"] = `Enter the event distance in ${unitLabel(units)}.`;
  if (v.eventDate === "") local["goal.date"] = "Choose the date of the event.";
  return { kind: "event", date: v.eventDate, distanceM: m ?? 0 };
}

function buildPlanBody(v: PlanFormValues, goal: PlanGoalBody, currentM: number | undefined): CreatePlanBody {
  return {
    kind: "build",
    goal,
    ...(currentM !== undefined ? { currentWeeklyM: currentM } : {}),
    ...(v.experience === "profile"
      ? {}
      : { beginner: v.experience === "new", returning: v.experience === "returning" }),
    ...(v.startChoice === "today"
      ? { start: "today" }
      : v.startChoice === "date" && v.start
        ? { start: v.start }
        : {}),
    ...(v.runDays ? { runDaysPerWeek: Number(v.runDays) } : {}),
    ...(v.restInCalendar ? { restDaysInCalendar: true } : {}),
  };
}

/**
 * The request body for POST /api/plans, or the fields the runner must fix first (a result
 * without `kind`). Only the number fields are checked here; the server checks the rest.
 */
export function planRequest(
  v: PlanFormValues,
  units: Units,
  ticks: EntryTicks,
): CreatePlanBody | FieldErrors {
  if (v.kind === "return") return returnPlanBody(v, ticks);
  const local: FieldErrors = {};
  const goal = goalOf(v, units, local);
  const currentM = v.current.trim() === "" ? undefined : toMetres(v.current, units);
  if (currentM === null) local.currentWeeklyM = `Enter a number of ${unitWord(units)}, or leave it empty.`;
  if (Object.keys(local).length > 0) return local;
  return buildPlanBody(v, goal, currentM ?? undefined);
}
