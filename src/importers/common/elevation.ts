/**
 * Elevation gain and loss with a hysteresis threshold: GPS and barometric altitude jitter by a
 * metre or two, and summing every wiggle inflates climbing by 30-100% on flat runs. A change is
 * only counted once the altitude has moved `thresholdM` away from the last accepted level.
 * Null samples are skipped. Returns nulls when fewer than two altitudes are known.
 */
export function elevationGainLoss(
  altitudes: Iterable<number | null>,
  thresholdM = 3,
): { gainM: number | null; lossM: number | null } {
  // Typed columns (GPX and TCX tracks) are read by index, sparing the iterator protocol.
  if (altitudes instanceof Float64Array) return columnGainLoss(altitudes, thresholdM);
  let ref: number | null = null;
  let gain = 0;
  let loss = 0;
  let count = 0;
  for (const a of altitudes) {
    if (a === null || !Number.isFinite(a)) continue;
    count += 1;
    if (ref === null) {
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

/** elevationGainLoss over a column of doubles (NaN = no altitude): the same sums, by index. */
function columnGainLoss(altitudes: Float64Array, thresholdM: number): { gainM: number | null; lossM: number | null } {
  let ref = NaN;
  let gain = 0;
  let loss = 0;
  let count = 0;
  for (let i = 0; i < altitudes.length; i++) {
    const a = altitudes[i]!;
    if (!Number.isFinite(a)) continue;
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
