/** Test data for the training-load guard: plain factories with overrides, no hidden state. */
import type { StreamPoint } from "../activity.js";
import type { Checkin, CheckinAnswers, Shoe, TrainingActivity } from "./types.js";

export function activity(overrides: Partial<TrainingActivity> = {}): TrainingActivity {
  const base: TrainingActivity = {
    id: "",
    sport: "run",
    startUtc: "2024-03-04T07:00:00.000Z",
    utcOffsetMin: 0,
    movingS: 3600,
    elapsedS: 3700,
    distanceM: 10_000,
    elevationGainM: null,
    elevationLossM: null,
    avgHr: null,
    perceivedExertion: null,
    shoeId: null,
    surface: null,
    laps: [],
    stream: null,
  };
  const a = { ...base, ...overrides };
  if (a.id === "") a.id = `${a.sport}@${a.startUtc}/${a.distanceM}`;
  return a;
}

/** A run on a local date at 07:00 local time, 6 min per km unless overridden. */
export function runOn(
  date: string,
  km: number,
  overrides: Partial<TrainingActivity> = {},
): TrainingActivity {
  const offset = overrides.utcOffsetMin ?? 0;
  const startMs = Date.parse(`${date}T07:00:00.000Z`) - offset * 60_000;
  return activity({
    startUtc: new Date(startMs).toISOString(),
    utcOffsetMin: offset,
    distanceM: Math.round(km * 1000),
    movingS: Math.round(km * 360),
    elapsedS: Math.round(km * 360) + 60,
    ...overrides,
  });
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function shoe(overrides: Partial<Shoe> = {}): Shoe {
  return {
    id: "s1",
    name: "Daily Trainer",
    brand: "Acme",
    startDate: null,
    distanceBeforeM: 0,
    limitM: null,
    retiredOn: null,
    defaultForSports: [],
    ...overrides,
  };
}

export function answers(overrides: Partial<CheckinAnswers> = {}): CheckinAnswers {
  return {
    fatigue: 0,
    irritability_low_mood: 0,
    appetite: 0,
    enthusiasm: 0,
    headaches: 0,
    general_aches: 0,
    performance_drop: 0,
    sleep: 0,
    ...overrides,
  };
}

export function checkin(date: string, overrides: Partial<CheckinAnswers> = {}): Checkin {
  return { date, answers: answers(overrides) };
}

/** A steady stream: one point every 10 s at `speed` m/s, altitude from `alt(t)`. */
export function steadyStream(
  durationS: number,
  speed: (t: number) => number,
  alt: (t: number) => number | null = () => null,
): StreamPoint[] {
  const out: StreamPoint[] = [];
  let d = 0;
  for (let t = 0; t <= durationS; t += 10) {
    out.push({ t, d, alt: alt(t), hr: null, cad: null });
    d += speed(t) * 10;
  }
  return out;
}
