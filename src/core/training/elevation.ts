/**
 * Climb and descent of one activity: the device's totals when present, otherwise from the
 * altitude stream with a 3 m hysteresis, so that GPS and barometer noise on the flat does not
 * add up to hills.
 */
import type { StreamPoint } from "../activity.js";
import type { TrainingActivity } from "./types.js";

export const ELEVATION_HYSTERESIS_M = 3;

export interface ClimbDescent {
  gainM: number;
  lossM: number;
}

export function climbFromStream(stream: readonly StreamPoint[]): ClimbDescent | null {
  let ref: number | null = null;
  let gain = 0;
  let loss = 0;
  for (const p of stream) {
    const alt = p.alt;
    if (alt === null || !Number.isFinite(alt)) continue;
    if (ref === null) {
      ref = alt;
      continue;
    }
    const diff: number = alt - ref;
    if (diff >= ELEVATION_HYSTERESIS_M) {
      gain += diff;
      ref = alt;
    } else if (diff <= -ELEVATION_HYSTERESIS_M) {
      loss -= diff;
      ref = alt;
    }
  }
  return ref === null ? null : { gainM: gain, lossM: loss };
}

/** Each of gain and loss is taken from the activity's field when known, else from its stream; null when neither. */
export function climbOf(a: TrainingActivity): { gainM: number | null; lossM: number | null } {
  let gain = a.elevationGainM;
  let loss = a.elevationLossM;
  if ((gain === null || loss === null) && a.stream && a.stream.length > 1) {
    const fromStream = climbFromStream(a.stream);
    if (fromStream) {
      gain ??= fromStream.gainM;
      loss ??= fromStream.lossM;
    }
  }
  return {
    gainM: gain !== null && Number.isFinite(gain) ? Math.max(0, gain) : null,
    lossM: loss !== null && Number.isFinite(loss) ? Math.max(0, loss) : null,
  };
}
