/**
 * Deterministic training histories for benchmarks: a runner's activities, pairs of shoes and
 * check-ins, as table rows. bench/report.ts (one runner, ten years) and bench/load.ts (a thousand
 * runners, three years) both draw from here, so "a realistic runner" means the same thing in both.
 */
import type { StreamPoint } from "../../src/core/activity.js";

export const DAY_MS = 86_400_000;

/** A small deterministic generator, so every run of a benchmark measures the same data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One point every 10 s, as a watch's recording reads after import. */
export function synthStream(distanceM: number, seconds: number, rand: () => number): StreamPoint[] {
  const points: StreamPoint[] = [];
  let alt = 100;
  for (let t = 0; t <= seconds; t += 10) {
    alt += (rand() - 0.5) * 2;
    points.push({
      t,
      d: Math.round((distanceM * t) / seconds),
      alt: Math.round(alt * 10) / 10,
      hr: 140 + Math.round(rand() * 20),
      cad: 170,
    });
  }
  return points;
}

/** One lap per whole kilometre and the rest as a last lap, in the stored shape. */
export function synthLaps(
  distanceM: number,
  seconds: number,
): { startOffsetS: number; durationS: number; distanceM: number }[] {
  const laps: { startOffsetS: number; durationS: number; distanceM: number }[] = [];
  const perM = seconds / distanceM;
  for (let d = 0; d < distanceM; d += 1000) {
    const len = Math.min(1000, distanceM - d);
    laps.push({
      startOffsetS: Math.round(d * perM),
      durationS: Math.round(len * perM),
      distanceM: len,
    });
  }
  return laps;
}

export interface SynthShoe {
  key: string;
  name: string;
  brand: string;
  startDate: string;
  retiredOn: string | null;
  /** The sports this pair is the default for. */
  defaultFor: string[];
}

export interface SynthActivity {
  sport: "run" | "ride" | "walk";
  startUtc: string;
  utcOffsetMin: number;
  movingS: number;
  elapsedS: number;
  distanceM: number;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgHr: number | null;
  perceivedExertion: number | null;
  gear: string | null;
  /** A hand-chosen pair (key into shoes), or null to leave the pair to the derivation. */
  shoeKey: string | null;
  /** With streams and laps: the watch-recorded weeks the detectors read. */
  detailed: boolean;
  stream: StreamPoint[] | null;
  laps: { startOffsetS: number; durationS: number; distanceM: number }[];
}

export interface SynthCheckin {
  date: string;
  answers: [number, number, number, number, number, number, number, number];
}

export interface SynthRunner {
  activities: SynthActivity[];
  shoes: SynthShoe[];
  checkins: SynthCheckin[];
  units: "km" | "mi";
  experience: "new" | "returning" | "regular";
}

export interface RunnerOptions {
  /** The last day of the history, YYYY-MM-DD (UTC). */
  endDate: string;
  days: number;
  /** Activities in the last `detailDays` carry a 10-second stream and km laps. */
  detailDays: number;
}

const OFFSETS = [-480, -300, -240, 0, 0, 60, 60, 60, 120, 330, 600];
const BRANDS = [
  ["Pegasus", "Nike"],
  ["Ghost", "Brooks"],
  ["Clifton", "Hoka"],
  ["Novablast", "Asics"],
  ["Endorphin", "Saucony"],
] as const;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * One runner's history: 3 to 6 runs a week around a personal weekly volume that builds and
 * drops in blocks, a long run at the weekend, the odd ride or walk, two to four pairs of shoes
 * (the oldest retired), and check-ins on about two days a week in the last year.
 */
export function synthRunner(seed: number, opts: RunnerOptions): SynthRunner {
  const rand = lcg(seed * 7919 + 17);
  const end = Date.parse(`${opts.endDate}T00:00:00.000Z`);
  const first = end - (opts.days - 1) * DAY_MS;
  const offset = OFFSETS[Math.floor(rand() * OFFSETS.length)] ?? 0;
  const runsPerWeek = 3 + Math.floor(rand() * 4);
  const baseWeeklyM = 15_000 + rand() * 45_000;
  const paceSPerM = 0.27 + rand() * 0.12;

  const shoeCount = 2 + Math.floor(rand() * 3);
  const shoes: SynthShoe[] = [];
  for (let i = 0; i < shoeCount; i++) {
    const [name, brand] = BRANDS[(seed + i) % BRANDS.length] ?? BRANDS[0];
    const start = first + Math.floor((i / shoeCount) * opts.days) * DAY_MS;
    shoes.push({
      key: `s${i}`,
      name: `${name} ${i + 1}`,
      brand,
      startDate: isoDate(start),
      retiredOn:
        i === 0 && shoeCount > 2
          ? isoDate(start + Math.floor(opts.days / shoeCount) * DAY_MS)
          : null,
      defaultFor: i === shoeCount - 1 ? ["run"] : [],
    });
  }

  const activities: SynthActivity[] = [];
  for (let day = 0; day < opts.days; day++) {
    const dayMs = first + day * DAY_MS;
    const week = Math.floor(day / 7);
    const dow = new Date(dayMs).getUTCDay();
    // Four-week blocks: build for three, ease for one; and a lighter fortnight now and then.
    const block = [0.9, 1, 1.1, 0.75][week % 4] ?? 1;
    const weekly = baseWeeklyM * block * (week % 23 === 0 ? 0.5 : 1);
    const longRun = dow === 0;
    const runs = longRun || rand() < (runsPerWeek - 1) / 6;
    const cross = !runs && rand() < 0.12;
    if (!runs && !cross) continue;
    const detailed = day >= opts.days - opts.detailDays;
    const sport = runs ? "run" : rand() < 0.6 ? "ride" : "walk";
    const distanceM =
      sport === "run"
        ? Math.max(2000, Math.round((weekly / runsPerWeek) * (longRun ? 1.8 : 0.7 + rand() * 0.5)))
        : Math.round(5000 + rand() * (sport === "ride" ? 35_000 : 5000));
    const movingS = Math.round(
      distanceM *
        (sport === "run" ? paceSPerM * (0.95 + rand() * 0.1) : sport === "ride" ? 0.14 : 0.75),
    );
    const startMs = dayMs + (6 * 60 - offset) * 60_000 + Math.floor(rand() * 12 * 3_600_000);
    const stream = detailed && sport !== "walk" ? synthStream(distanceM, movingS, rand) : null;
    const gearPick = rand();
    const shoeIndex = shoes.findIndex(
      (s, i) =>
        s.startDate <= isoDate(dayMs) && (shoes[i + 1]?.startDate ?? "9999") > isoDate(dayMs),
    );
    activities.push({
      sport,
      startUtc: new Date(startMs).toISOString(),
      utcOffsetMin: offset,
      movingS,
      elapsedS: movingS + Math.floor(rand() * 300),
      distanceM,
      elevationGainM: stream ? null : Math.round(rand() * 120),
      elevationLossM: stream ? null : Math.round(rand() * 120),
      avgHr: sport === "walk" ? null : 135 + Math.floor(rand() * 30),
      perceivedExertion: rand() < 0.3 ? 1 + Math.floor(rand() * 10) : null,
      gear:
        sport === "run" && gearPick < 0.4 ? (shoes[Math.max(0, shoeIndex)]?.name ?? null) : null,
      shoeKey: sport === "run" && gearPick > 0.95 ? (shoes[0]?.key ?? null) : null,
      detailed,
      stream,
      laps: detailed && sport === "run" ? synthLaps(distanceM, movingS) : [],
    });
  }

  const checkins: SynthCheckin[] = [];
  for (let day = Math.max(0, opts.days - 365); day < opts.days; day++) {
    if (rand() >= 0.3) continue;
    const a = () => (rand() < 0.7 ? 0 : rand() < 0.7 ? 1 : 2 + Math.floor(rand() * 2));
    checkins.push({
      date: isoDate(first + day * DAY_MS),
      answers: [a(), a(), a(), a(), a(), a(), a(), a()],
    });
  }

  return {
    activities,
    shoes,
    checkins,
    units: rand() < 0.8 ? "km" : "mi",
    experience: rand() < 0.7 ? "regular" : rand() < 0.5 ? "new" : "returning",
  };
}
