/**
 * Is this run speed work? A heuristic, not a label the runner gave: intervals and fartlek show
 * as several stretches clearly faster than the run's own typical pace.
 *
 * Laps (at least 3 laps of >= 50 m and >= 20 s): two or more laps at least 15% faster than the
 * median lap speed. Otherwise the stream, cut into 60 s windows: three or more separate blocks of
 * windows at least 20% faster than the median window speed (separate blocks, so that one fast
 * finish or one long descent is not read as intervals).
 */
import type { StreamPoint } from "../activity.js";
import type { TrainingActivity } from "./types.js";

export const LAP_FAST_FACTOR = 1.15;
export const STREAM_FAST_FACTOR = 1.2;
export const STREAM_WINDOW_S = 60;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function speedWorkFromLaps(a: TrainingActivity): boolean | null {
  const speeds = a.laps
    .filter((l) => l.durationS >= 20 && l.distanceM >= 50)
    .map((l) => l.distanceM / l.durationS);
  if (speeds.length < 3) return null;
  const m = median(speeds);
  return m > 0 && speeds.filter((s) => s >= m * LAP_FAST_FACTOR).length >= 2;
}

export function windowSpeeds(stream: readonly StreamPoint[], windowS: number): number[] {
  const speeds: number[] = [];
  let start: StreamPoint | null = null;
  for (const p of stream) {
    if (p.d === null || !Number.isFinite(p.d) || !Number.isFinite(p.t)) continue;
    if (start === null || start.d === null) {
      start = p;
      continue;
    }
    const dt = p.t - start.t;
    if (dt >= windowS) {
      speeds.push(Math.max(0, p.d - start.d) / dt);
      start = p;
    }
  }
  return speeds;
}

export function speedWorkFromStream(stream: readonly StreamPoint[]): boolean | null {
  const speeds = windowSpeeds(stream, STREAM_WINDOW_S);
  if (speeds.length < 6) return null;
  const m = median(speeds);
  if (m <= 0) return false;
  let blocks = 0;
  let inBlock = false;
  for (const s of speeds) {
    const fast = s >= m * STREAM_FAST_FACTOR;
    if (fast && !inBlock) blocks++;
    inBlock = fast;
  }
  return blocks >= 3;
}

export function isSpeedSession(a: TrainingActivity): boolean {
  if (speedWorkFromLaps(a) === true) return true;
  return a.stream ? speedWorkFromStream(a.stream) === true : false;
}
