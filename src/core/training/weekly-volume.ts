/**
 * Weekly volume by the runner's local week. Every week from the one holding the first recorded
 * activity to the one holding asOf is present, empty weeks as zeros, so charts and ramp rules
 * never skip a rest week.
 */
import type { Sport } from "../activity.js";
import { climbOf } from "./elevation.js";
import { weekStartOf } from "./local-day.js";
import type { PreparedActivity } from "./prepared-activity.js";

export interface WeekVolume {
  /** Day number of the first day of the week. */
  startDay: number;
  distanceM: number;
  timeS: number;
  runs: number;
  longestM: number;
  /** Climb of the runs, metres; 0 before `climbFromDay` (see weeklyVolume). */
  elevationGainM: number;
  /** Seconds of each non-running sport. */
  crossTrainingS: Partial<Record<Sport, number>>;
  /** False when the week runs past asOf. */
  complete: boolean;
}

/**
 * Climb needs the stream when the activity carries no total, which is the one costly step, so it
 * is only summed for activities on or after `climbFromDay` (the weeks the report shows); earlier
 * weeks report 0. The default sums it everywhere.
 */
export function weeklyVolume(
  prepared: readonly PreparedActivity[],
  lastDay: number,
  weekStart: number,
  climbFromDay = Number.NEGATIVE_INFINITY,
): WeekVolume[] {
  if (prepared.length === 0) return [];
  let firstDay = lastDay;
  for (const p of prepared) if (p.day < firstDay) firstDay = p.day;
  const first = weekStartOf(firstDay, weekStart);
  const last = weekStartOf(lastDay, weekStart);
  const weeks: WeekVolume[] = [];
  for (let start = first; start <= last; start += 7) {
    weeks.push({
      startDay: start,
      distanceM: 0,
      timeS: 0,
      runs: 0,
      longestM: 0,
      elevationGainM: 0,
      crossTrainingS: {},
      complete: start + 6 <= lastDay,
    });
  }
  for (const p of prepared) {
    const w = weeks[(weekStartOf(p.day, weekStart) - first) / 7];
    if (!w) continue;
    if (p.run) {
      w.distanceM += p.distanceM;
      w.timeS += p.timeS;
      w.runs += 1;
      if (p.distanceM > w.longestM) w.longestM = p.distanceM;
      if (p.day >= climbFromDay) w.elevationGainM += climbOf(p.activity).gainM ?? 0;
    } else {
      const sport = p.activity.sport;
      w.crossTrainingS[sport] = (w.crossTrainingS[sport] ?? 0) + p.timeS;
    }
  }
  return weeks;
}
