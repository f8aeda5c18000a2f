/**
 * The runner profile: who is running (experience, foot type, usual surfaces, other sports, known
 * weak or tight muscle groups, week start and units) and the rules the rest of the app derives
 * from it. Pure: validation and the ramp rule live here so the server, the CLI, the training
 * report and the plans read the same answer.
 */
import type { RunnerExperience } from "./training/types.js";

export const EXPERIENCE_LEVELS = ["new", "returning", "regular"] as const;
export type Experience = (typeof EXPERIENCE_LEVELS)[number];

/** The five foot types of content/profile/foot-types.md, plus "don't know". */
export const FOOT_TYPES = ["normal", "flat", "high_arched", "over_pronating", "over_supinating", "unknown"] as const;
export type FootType = (typeof FOOT_TYPES)[number];

/** The training guard's surfaces (src/core/training/types.ts SURFACES) plus grass, a common soft option. */
export const PROFILE_SURFACES = ["road", "track", "trail", "grass", "treadmill", "cambered_road"] as const;
export type ProfileSurface = (typeof PROFILE_SURFACES)[number];

/**
 * Grouped by how they load the knee: jumping and cutting sports add tendon load (patellar
 * tendinopathy), cycling and swimming are low-impact cross-training.
 */
export const OTHER_SPORTS = [
  "cycling",
  "swimming",
  "strength_training",
  "yoga_pilates",
  "jumping_sports",
  "field_sports",
  "racket_sports",
  "hiking",
  "skiing",
  "rowing",
  "dance",
  "martial_arts",
] as const;
export type OtherSport = (typeof OTHER_SPORTS)[number];

/** The strengthening targets of content/exercises that the articles link to knee pain. */
export const WEAK_GROUPS = ["hip_abductors", "glutes", "quadriceps", "hamstrings", "calves", "core"] as const;
export type WeakGroup = (typeof WEAK_GROUPS)[number];

/** The `flag` values of the tightness self-tests in content/self-tests (Thomas, Ober, 90/90, Ely). */
export const TIGHT_GROUPS = ["hip_flexors", "quadriceps", "hamstrings", "itb_region"] as const;
export type TightGroup = (typeof TIGHT_GROUPS)[number];

export const DISTANCE_UNITS = ["km", "mi"] as const;
export type DistanceUnits = (typeof DISTANCE_UNITS)[number];

export interface Profile {
  experience: Experience;
  footType: FootType;
  surfaces: ProfileSurface[];
  otherSports: OtherSport[];
  weakGroups: WeakGroup[];
  tightGroups: TightGroup[];
  /** First day of the week: 0 = Sunday … 6 = Saturday. */
  weekStart: number;
  units: DistanceUnits;
  /** Maximum heart rate, beats per minute, as the runner measured it; null when not given (never guessed from age). */
  maxHr: number | null;
  /** Lactate-threshold heart rate, beats per minute; null when not given. */
  thresholdHr: number | null;
}

/** Plausible adult values, bpm: wide enough for any runner, narrow enough to catch a slip of the keyboard. */
export const MAX_HR_RANGE = { min: 100, max: 230 } as const;
export const THRESHOLD_HR_RANGE = { min: 80, max: 220 } as const;

export type ProfileUpdate = Partial<Profile>;

/**
 * What a runner who has not filled the profile in gets. "regular" keeps the usual 10% guide;
 * the profile page asks new and returning runners to say so, which tightens it.
 */
export const DEFAULT_PROFILE: Readonly<Profile> = {
  experience: "regular",
  footType: "unknown",
  surfaces: [],
  otherSports: [],
  weakGroups: [],
  tightGroups: [],
  weekStart: 1,
  units: "km",
  maxHr: null,
  thresholdHr: null,
};

/**
 * The weekly ramp guide as a fraction: 5% for runners who are new or coming back after injury or
 * a break, 10% for regular runners. The 10% figure is a gentle guide, not a proven safe limit
 * (Buist 2008, AJSM 36:33); the stricter figure for novices and returners follows the seed
 * article's 5% advice and Nielsen 2014 (JOSPT 44:739) on novices' distance-related injuries.
 */
export function rampThresholdFor(profile: Pick<Profile, "experience">): number {
  return profile.experience === "regular" ? 0.1 : 0.05;
}

/** The training guard's name for the same experience levels. */
export function trainingExperienceOf(profile: Pick<Profile, "experience">): RunnerExperience {
  return profile.experience === "new" ? "beginner" : profile.experience;
}

export interface ProfileFieldError {
  path: string;
  message: string;
}

export type ProfileValidation = { ok: true; value: ProfileUpdate } | { ok: false; errors: ProfileFieldError[] };

const FIELD_NAMES: (keyof Profile)[] = [
  "experience",
  "footType",
  "surfaces",
  "otherSports",
  "weakGroups",
  "tightGroups",
  "weekStart",
  "units",
  "maxHr",
  "thresholdHr",
];

function checkCode(allowed: readonly string[], value: unknown, path: string, errors: ProfileFieldError[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    errors.push({ path, message: `expected one of ${allowed.join(", ")}` });
  }
}

function checkList(allowed: readonly string[], value: unknown, path: string, errors: ProfileFieldError[]): void {
  if (!Array.isArray(value)) {
    errors.push({ path, message: "expected a list" });
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((item: unknown, i) => {
    checkCode(allowed, item, `${path}[${i}]`, errors);
    if (seen.has(item)) errors.push({ path: `${path}[${i}]`, message: "appears more than once" });
    seen.add(item);
  });
}

/** A heart rate is a whole number of beats per minute in its range, or null to clear it. */
function checkHeartRate(
  value: unknown,
  path: string,
  what: string,
  range: { min: number; max: number },
  errors: ProfileFieldError[],
): void {
  if (value === null) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max) {
    errors.push({ path, message: `expected the ${what} as whole beats per minute from ${range.min} to ${range.max}, or null to clear it` });
  }
}

/** Checks a partial profile (any subset of the fields, nothing else) and reports every problem. */
export function validateProfileUpdate(value: unknown): ProfileValidation {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ path: "", message: "expected an object of profile fields" }] };
  }
  const record = value as Record<string, unknown>;
  const errors: ProfileFieldError[] = [];
  for (const key of Object.keys(record)) {
    if (!(FIELD_NAMES as string[]).includes(key)) {
      errors.push({ path: key, message: `is not a profile field (expected only ${FIELD_NAMES.join(", ")})` });
    }
  }
  const has = (k: keyof Profile) => Object.hasOwn(record, k);
  if (has("experience")) checkCode(EXPERIENCE_LEVELS, record.experience, "experience", errors);
  if (has("footType")) checkCode(FOOT_TYPES, record.footType, "footType", errors);
  if (has("surfaces")) checkList(PROFILE_SURFACES, record.surfaces, "surfaces", errors);
  if (has("otherSports")) checkList(OTHER_SPORTS, record.otherSports, "otherSports", errors);
  if (has("weakGroups")) checkList(WEAK_GROUPS, record.weakGroups, "weakGroups", errors);
  if (has("tightGroups")) checkList(TIGHT_GROUPS, record.tightGroups, "tightGroups", errors);
  if (has("weekStart")) {
    const w = record.weekStart;
    if (typeof w !== "number" || !Number.isInteger(w) || w < 0 || w > 6) {
      errors.push({ path: "weekStart", message: "expected a whole number from 0 (Sunday) to 6 (Saturday)" });
    }
  }
  if (has("units")) checkCode(DISTANCE_UNITS, record.units, "units", errors);
  if (has("maxHr")) checkHeartRate(record.maxHr, "maxHr", "maximum heart rate", MAX_HR_RANGE, errors);
  if (has("thresholdHr")) checkHeartRate(record.thresholdHr, "thresholdHr", "threshold heart rate", THRESHOLD_HR_RANGE, errors);
  if (errors.length > 0) return { ok: false, errors };
  // Both sent: their order is checked here; one alone against the stored other (heartRateOrderErrors).
  const order = heartRateOrderErrors({ maxHr: null, thresholdHr: null }, record);
  return order.length > 0 ? { ok: false, errors: order } : { ok: true, value: record };
}

/**
 * A threshold heart rate must lie below the maximum, or the zones built from them make no sense.
 * `update` (already valid) is checked against `stored` for the one it leaves out; an update that
 * sends neither is not refused for a pair saved before this rule. The error names the field the
 * runner sent: the threshold when it was sent, else the maximum.
 */
export function heartRateOrderErrors(
  stored: Pick<Profile, "maxHr" | "thresholdHr">,
  update: ProfileUpdate,
): ProfileFieldError[] {
  const sentMax = Object.hasOwn(update, "maxHr");
  const sentThreshold = Object.hasOwn(update, "thresholdHr");
  if (!sentMax && !sentThreshold) return [];
  const maxHr = sentMax ? (update.maxHr ?? null) : stored.maxHr;
  const thresholdHr = sentThreshold ? (update.thresholdHr ?? null) : stored.thresholdHr;
  if (maxHr === null || thresholdHr === null || thresholdHr < maxHr) return [];
  return sentThreshold
    ? [{ path: "thresholdHr", message: `must be below your maximum heart rate (${maxHr})` }]
    : [{ path: "maxHr", message: `must be above your threshold heart rate (${thresholdHr})` }];
}

/** The profile after an update: fields given replace the stored ones, lists are kept in a stable order. */
export function applyProfileUpdate(current: Profile, update: ProfileUpdate): Profile {
  const ordered = <T extends string>(all: readonly T[], chosen: readonly T[]): T[] => all.filter((c) => chosen.includes(c));
  const next = { ...current, ...update };
  return {
    ...next,
    surfaces: ordered(PROFILE_SURFACES, next.surfaces),
    otherSports: ordered(OTHER_SPORTS, next.otherSports),
    weakGroups: ordered(WEAK_GROUPS, next.weakGroups),
    tightGroups: ordered(TIGHT_GROUPS, next.tightGroups),
  };
}
