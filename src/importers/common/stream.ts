import type { StreamPoint } from "../../core/activity.js";

/**
 * Keeps about one point per `stepS` seconds: the first point at or after each step boundary,
 * plus the very last point so totals (distance, time) survive downsampling. Input must be
 * sorted by `t`. Charts and hill/cadence analysis need ~10 s resolution, not 1 Hz.
 */
export function downsampleStream(points: readonly StreamPoint[], stepS = 10): StreamPoint[] {
  const out: StreamPoint[] = [];
  let nextT = -Infinity;
  for (const p of points) {
    if (p.t >= nextT) {
      out.push(p);
      nextT = p.t + stepS;
    }
  }
  const last = points[points.length - 1];
  if (last !== undefined && out[out.length - 1] !== last) out.push(last);
  return out;
}
