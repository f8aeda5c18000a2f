/**
 * Elevation gain and loss with a hysteresis threshold: GPS and barometric altitude jitter by a
 * metre or two, and summing every wiggle inflates climbing by 30-100% on flat runs. A change is
 * only counted once the altitude has moved `thresholdM` away from the last accepted level.
 * Null samples are skipped. Returns nulls when fewer than two altitudes are known.
 */
export function elevationGainLoss(
  altitudes: ArrayLike<number | null>,
  thresholdM = 3,
): { gainM: number | null; lossM: number | null } {
  // By index: the callers hand over typed columns (NaN = no altitude), read without an iterator.
  let ref = NaN;
  let gain = 0;
  let loss = 0;
  let count = 0;
  for (let i = 0; i < altitudes.length; i++) {
    const a = altitudes[i];
    if (a === null || a === undefined || !Number.isFinite(a)) continue;
    count += 1;
    if (count === 1) {
      ref = a;
      continue;
    }
    const delta = a - ref;
    if (delta >= thresholdM) {
      gain += delta;
      ref = a;
    } else if (delta <= -thresholdM) {
      loss -= delta;
      ref = a;
    }
  }
  if (count < 2) return { gainM: null, lossM: null };
  return { gainM: Math.round(gain), lossM: Math.round(loss) };
}
