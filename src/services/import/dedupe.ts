/**
 * Twins: the same activity reaching kneewise twice (a FIT file and the GPX exported from it, the
 * same export imported again, a Strava row and the file it names). Two records are twins when
 * they start within two minutes of each other and their durations and distances agree within 5%.
 * Pure: the index lives in memory for one import, loaded once from the store.
 */
export const START_TOLERANCE_MS = 2 * 60 * 1000;
export const RELATIVE_TOLERANCE = 0.05;

export interface TwinKey {
  startMs: number;
  elapsedS: number;
  movingS: number;
  distanceM: number;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

export function areTwins(a: TwinKey, b: TwinKey): boolean {
  if (Math.abs(a.startMs - b.startMs) > START_TOLERANCE_MS) return false;
  // Elapsed time differs between a device and an export that trims pauses; either clock agreeing is enough.
  const sameDuration = close(a.elapsedS, b.elapsedS) || close(a.movingS, b.movingS);
  return sameDuration && close(a.distanceM, b.distanceM);
}

const BUCKET_MS = 60 * 1000;

/** Activities bucketed by start minute: a lookup reads the five buckets within tolerance. */
export class TwinIndex<T extends TwinKey> {
  private readonly buckets = new Map<number, T[]>();

  add(item: T): void {
    const k = Math.floor(item.startMs / BUCKET_MS);
    const list = this.buckets.get(k);
    if (list === undefined) this.buckets.set(k, [item]);
    else list.push(item);
  }

  /** The closest twin by start time, or undefined. */
  findTwin(key: TwinKey): T | undefined {
    const k = Math.floor(key.startMs / BUCKET_MS);
    const reach = Math.ceil(START_TOLERANCE_MS / BUCKET_MS);
    let best: T | undefined;
    for (let b = k - reach; b <= k + reach; b++) {
      for (const item of this.buckets.get(b) ?? []) {
        if (!areTwins(item, key)) continue;
        if (best === undefined || Math.abs(item.startMs - key.startMs) < Math.abs(best.startMs - key.startMs)) best = item;
      }
    }
    return best;
  }
}
