/**
 * Daily totals from the first recorded day to asOf: the one array everything load-related reads,
 * so that ten years of daily runs cost one pass.
 */
import type { PreparedActivity } from "./prepared-activity.js";

export interface DailyTotals {
  /** Day number of index 0: the local day of the first recorded activity (any sport). */
  firstDay: number;
  /** Number of days, firstDay..asOf inclusive (0 when nothing is recorded). */
  length: number;
  runDistanceM: Float64Array;
  runTimeS: Float64Array;
  /** Session-RPE of every sport that logged an RPE. */
  srpe: Float64Array;
  /** Minutes of every sport. */
  allMinutes: Float64Array;
  sessions: Int32Array;
  sessionsWithRpe: Int32Array;
}

/** `prepared` must be sorted by start (prepareActivities does it) and end at or before lastDay. */
export function dailyTotals(prepared: readonly PreparedActivity[], lastDay: number): DailyTotals {
  // Local days need not follow start instants (offsets differ), so take the true minimum.
  let first = lastDay + 1;
  for (const p of prepared) if (p.day < first) first = p.day;
  const length = Math.max(0, lastDay - first + 1);
  const t: DailyTotals = {
    firstDay: first,
    length,
    runDistanceM: new Float64Array(length),
    runTimeS: new Float64Array(length),
    srpe: new Float64Array(length),
    allMinutes: new Float64Array(length),
    sessions: new Int32Array(length),
    sessionsWithRpe: new Int32Array(length),
  };
  for (const p of prepared) {
    const i = p.day - first;
    if (p.run) {
      t.runDistanceM[i] = (t.runDistanceM[i] ?? 0) + p.distanceM;
      t.runTimeS[i] = (t.runTimeS[i] ?? 0) + p.timeS;
    }
    t.allMinutes[i] = (t.allMinutes[i] ?? 0) + p.timeS / 60;
    t.sessions[i] = (t.sessions[i] ?? 0) + 1;
    if (p.srpe !== null) {
      t.srpe[i] = (t.srpe[i] ?? 0) + p.srpe;
      t.sessionsWithRpe[i] = (t.sessionsWithRpe[i] ?? 0) + 1;
    }
  }
  return t;
}
