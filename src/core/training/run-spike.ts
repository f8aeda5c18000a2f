/**
 * Single-run spikes, the guard's lead rule: a run more than 10% longer than the longest run of the
 * previous 30 days, graded by the bands of Frandsen et al. 2025 (BJSM 59:1203-1210; 5,205 runners,
 * 588,071 sessions): >10-30% HR 1.64, >30-100% HR 1.52, >100% HR 2.28 (load-rules.ts).
 *
 * "Previous 30 days" is measured in real time: runs that started strictly before this one and no
 * more than 30 x 24 h earlier. A run with no earlier run in that window is not a spike (there is
 * nothing to compare with). A sliding-window maximum keeps this linear in the number of runs.
 */
import { isSpike, spikeBandOf } from "./load-rules.js";
import type { SpikeBandInfo } from "./load-rules.js";
import { DAY_MS } from "./local-day.js";
import type { PreparedActivity } from "./prepared-activity.js";

export interface RunSpike {
  run: PreparedActivity;
  previousLongestM: number;
  increasePct: number;
  /** The study band; always set for a spike at the default 10%, null below it (a stricter config). */
  band: SpikeBandInfo | null;
}

/** `prepared` sorted by start (prepareActivities does it). */
export function runSpikes(
  prepared: readonly PreparedActivity[],
  spikePct: number,
  windowDays: number,
): RunSpike[] {
  const runs = prepared.filter((p) => p.run);
  const windowMs = windowDays * DAY_MS;
  const out: RunSpike[] = [];
  // Indices into `runs`, distances decreasing from head to tail.
  const deque: number[] = [];
  let head = 0;
  let next = 0;
  for (let i = 0; i < runs.length; i++) {
    const cur = runs[i];
    if (!cur) continue;
    while (next < i && (runs[next]?.startMs ?? Infinity) < cur.startMs) {
      const d = runs[next]?.distanceM ?? 0;
      while (deque.length > head && (runs[deque[deque.length - 1] ?? 0]?.distanceM ?? 0) <= d)
        deque.pop();
      deque.push(next);
      next++;
    }
    while (deque.length > head && (runs[deque[head] ?? 0]?.startMs ?? 0) < cur.startMs - windowMs)
      head++;
    if (deque.length === head) continue;
    const longest = runs[deque[head] ?? 0]?.distanceM ?? 0;
    if (isSpike(cur.distanceM, longest, spikePct)) {
      out.push({
        run: cur,
        previousLongestM: longest,
        increasePct: ((cur.distanceM - longest) * 100) / longest,
        band: spikeBandOf(cur.distanceM, longest),
      });
    }
  }
  return out;
}
