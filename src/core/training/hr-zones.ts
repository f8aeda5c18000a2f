/**
 * Heart-rate zones and the time an activity spent in each, from the runner's own anchor: their
 * maximum heart rate or their lactate-threshold heart rate (LTHR), as they set it in the profile.
 * Nothing here guesses an anchor (not from age: the age formulas miss by 10-20 bpm for many runners).
 *
 * Two five-zone models:
 * - "max_hr": 50-60-70-80-90-100% of maximum heart rate, Sally Edwards' five zones (The Heart Rate
 *   Monitor Book, 1993), the split most watches show by default.
 * - "threshold_hr": Joe Friel's running zones as percentages of LTHR (Friel, "Quick Guide to Setting
 *   Zones", TrainingPeaks, 2009): zone 1 below 85%, zone 2 85-89%, zone 3 90-94%, zone 4 95-99%,
 *   zone 5 from 100% (Friel's 5a-5c taken together).
 * The threshold model is preferred when both anchors are known: it is tied to the runner's own
 * effort at threshold rather than to a maximum that few runners ever measure well.
 */
import type { StreamPoint } from "../activity.js";

export type HrZoneModel = "max_hr" | "threshold_hr";

/** One zone's lower bound in whole bpm (it holds heart rates from it up to the next zone's bound). */
export interface HrZoneBound {
  zone: number;
  fromBpm: number;
  /** The last bpm in the zone; null for the top zone, which has no ceiling. */
  toBpm: number | null;
}

export interface HrZoneTime extends HrZoneBound {
  seconds: number;
}

export interface HrZoneTimes {
  model: HrZoneModel;
  anchorBpm: number;
  zones: HrZoneTime[];
  /** Seconds below zone 1 (only the max-HR model has a floor, at 50%). */
  belowS: number;
  /** Seconds with a heart rate counted at all (the zones plus belowS). */
  countedS: number;
}

/** Lower bounds of zones 1-5 in per cent of the anchor (whole numbers: 85% of 170 is exactly 144.5). */
const MODEL_PERCENTS: Record<HrZoneModel, readonly number[]> = {
  max_hr: [50, 60, 70, 80, 90],
  threshold_hr: [0, 85, 90, 95, 100],
};

/**
 * A gap between two samples longer than this is a pause or a lost signal: its time goes to no
 * zone. The stored stream has a point about every 10 s, so 30 s is three missed points.
 */
export const MAX_SAMPLE_GAP_S = 30;

/** The five zones of a model for an anchor heart rate, bounds rounded to whole bpm. */
export function hrZoneBounds(model: HrZoneModel, anchorBpm: number): HrZoneBound[] {
  const froms = MODEL_PERCENTS[model].map((pct) => Math.round((pct * anchorBpm) / 100));
  return froms.map((fromBpm, i) => {
    const next = froms[i + 1];
    return { zone: i + 1, fromBpm, toBpm: next === undefined ? null : next - 1 };
  });
}

/** The model and anchor a profile gives: threshold first, then maximum; null when it has neither. */
export function hrZoneAnchor(profile: {
  maxHr: number | null;
  thresholdHr: number | null;
}): { model: HrZoneModel; anchorBpm: number } | null {
  if (profile.thresholdHr !== null) return { model: "threshold_hr", anchorBpm: profile.thresholdHr };
  if (profile.maxHr !== null) return { model: "max_hr", anchorBpm: profile.maxHr };
  return null;
}

/** Index of the zone a heart rate falls in, or -1 below zone 1. */
function zoneIndex(bounds: readonly HrZoneBound[], hr: number): number {
  for (let i = bounds.length - 1; i >= 0; i--) if (hr >= bounds[i]!.fromBpm) return i;
  return -1;
}

/**
 * Time in each zone, weighted by the gaps between samples: each interval between two points goes
 * to the zone of the heart rate at its start. Intervals longer than MAX_SAMPLE_GAP_S, and those
 * starting at a point without a heart rate, count nowhere.
 */
export function timeInHrZones(stream: readonly StreamPoint[], model: HrZoneModel, anchorBpm: number): HrZoneTimes {
  const bounds = hrZoneBounds(model, anchorBpm);
  const seconds = bounds.map(() => 0);
  let belowS = 0;
  for (let i = 0; i + 1 < stream.length; i++) {
    const hr = stream[i]!.hr;
    const dt = stream[i + 1]!.t - stream[i]!.t;
    if (hr === null || !(dt > 0) || dt > MAX_SAMPLE_GAP_S) continue;
    const z = zoneIndex(bounds, hr);
    if (z === -1) belowS += dt;
    else seconds[z]! += dt;
  }
  const zones = bounds.map((b, i) => ({ ...b, seconds: seconds[i]! }));
  const countedS = belowS + seconds.reduce((a, b) => a + b, 0);
  return { model, anchorBpm, zones, belowS, countedS };
}
