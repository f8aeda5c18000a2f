/**
 * A plausible 1 Hz run, generated deterministically from a seed: a loop around a start point,
 * easy pace with gentle variation, rolling hills, heart rate following effort, cadence near 170.
 */
export interface RunSample {
  /** Seconds since the start. */
  t: number;
  lat: number;
  lon: number;
  altM: number;
  /** Cumulative metres. */
  distanceM: number;
  speedMs: number;
  hr: number;
  /** Steps per minute, both feet. */
  cadenceSpm: number;
}

/** mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function synthRun(seed: number, durationS: number): RunSample[] {
  const rnd = seededRandom(seed);
  const lat0 = 45 + rnd() * 5;
  const lon0 = 5 + rnd() * 10;
  const baseSpeed = 2.6 + rnd() * 0.8;
  const radiusM = 800 + rnd() * 1200;
  const out: RunSample[] = [];
  let dist = 0;
  let hr = 95;
  for (let t = 0; t <= durationS; t++) {
    const speed = baseSpeed * (1 + 0.08 * Math.sin(t / 97) + 0.03 * (rnd() - 0.5));
    if (t > 0) dist += speed;
    const angle = dist / radiusM;
    const alt = 200 + 25 * Math.sin(dist / 900) + 8 * Math.sin(dist / 210);
    hr += ((120 + speed * 14 + Math.min(t, 1800) / 120) - hr) * 0.02;
    out.push({
      t,
      lat: lat0 + ((radiusM * Math.sin(angle)) / 111_320),
      lon: lon0 + ((radiusM * (1 - Math.cos(angle))) / (111_320 * Math.cos((lat0 * Math.PI) / 180))),
      altM: Math.round(alt * 10) / 10,
      distanceM: Math.round(dist * 100) / 100,
      speedMs: Math.round(speed * 1000) / 1000,
      hr: Math.round(hr),
      cadenceSpm: 2 * Math.round(84 + speed * 2 + (rnd() - 0.5) * 2),
    });
  }
  return out;
}
