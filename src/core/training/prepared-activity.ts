/**
 * One pass over the raw activities: parse each start once, find its local day, drop what lies
 * after asOf or cannot be read, and sort by start (ties by id) so that every later step is
 * independent of the order the activities arrived in.
 */
import { isRunning } from "../activity.js";
import { localDayOf } from "./local-day.js";
import type { TrainingActivity } from "./types.js";

export interface PreparedActivity {
  activity: TrainingActivity;
  startMs: number;
  /** Local day number. */
  day: number;
  run: boolean;
  /** Moving time, or elapsed time when moving time is unknown (0), seconds, never negative. */
  timeS: number;
  /** Distance in metres, never negative. */
  distanceM: number;
  /** Session-RPE (RPE x minutes) or null when no RPE was logged. */
  srpe: number | null;
}

const nonNegative = (x: number): number => (Number.isFinite(x) && x > 0 ? x : 0);

export function prepareActivities(
  activities: readonly TrainingActivity[],
  lastDay: number,
): PreparedActivity[] {
  const out: PreparedActivity[] = [];
  for (const activity of activities) {
    const startMs = Date.parse(activity.startUtc);
    if (Number.isNaN(startMs)) continue;
    const day = localDayOf(startMs, activity.utcOffsetMin);
    if (day > lastDay) continue;
    const moving = nonNegative(activity.movingS);
    const timeS = moving > 0 ? moving : nonNegative(activity.elapsedS);
    const rpe = activity.perceivedExertion;
    out.push({
      activity,
      startMs,
      day,
      run: isRunning(activity.sport),
      timeS,
      distanceM: nonNegative(activity.distanceM),
      srpe: rpe !== null && Number.isFinite(rpe) && rpe >= 0 ? (rpe * timeS) / 60 : null,
    });
  }
  out.sort((a, b) =>
    a.startMs !== b.startMs
      ? a.startMs - b.startMs
      : a.activity.id < b.activity.id
        ? -1
        : a.activity.id > b.activity.id
          ? 1
          : 0,
  );
  return out;
}
