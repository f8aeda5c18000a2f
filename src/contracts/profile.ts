import { z } from "zod";
import {
  DISTANCE_UNITS,
  EXPERIENCE_LEVELS,
  FOOT_TYPES,
  MAX_HR_RANGE,
  OTHER_SPORTS,
  PROFILE_SURFACES,
  THRESHOLD_HR_RANGE,
  TIGHT_GROUPS,
  WEAK_GROUPS,
} from "../core/profile.js";

/** Heart-rate zones from the runner's own anchor, computed where the stream is shown. */
export { hrZoneAnchor, hrZoneBounds, timeInHrZones, MAX_SAMPLE_GAP_S } from "../core/training/hr-zones.js";
export type { HrZoneModel, HrZoneTime, HrZoneTimes } from "../core/training/hr-zones.js";

export {
  DISTANCE_UNITS,
  EXPERIENCE_LEVELS,
  FOOT_TYPES,
  MAX_HR_RANGE,
  OTHER_SPORTS,
  PROFILE_SURFACES,
  THRESHOLD_HR_RANGE,
  TIGHT_GROUPS,
  WEAK_GROUPS,
} from "../core/profile.js";
export type { DistanceUnits, Experience, FootType, OtherSport, ProfileSurface, TightGroup, WeakGroup } from "../core/profile.js";

const codeList = <T extends readonly [string, ...string[]]>(codes: T, what: string) =>
  z.array(z.enum(codes, { error: `Choose ${what} from the list.` })).refine((l) => new Set(l).size === l.length, "Each choice may appear once.");

const heartRate = (what: string, range: { min: number; max: number }) => {
  const message = `Give the ${what} as whole beats per minute from ${range.min} to ${range.max}.`;
  return z.number({ error: message }).int(message).min(range.min, message).max(range.max, message).nullable();
};

/** PUT /api/profile: any subset of the fields; the ones given replace the stored ones. */
export const profileUpdateBody = z
  .object({
    experience: z.enum(EXPERIENCE_LEVELS, { error: "Choose new, returning or regular." }),
    footType: z.enum(FOOT_TYPES, { error: "Choose one of the foot types, or don't know." }),
    surfaces: codeList(PROFILE_SURFACES, "surfaces"),
    otherSports: codeList(OTHER_SPORTS, "sports"),
    weakGroups: codeList(WEAK_GROUPS, "muscle groups"),
    tightGroups: codeList(TIGHT_GROUPS, "muscle groups"),
    weekStart: z.number({ error: "Choose a day." }).int().min(0).max(6),
    units: z.enum(DISTANCE_UNITS, { error: "Choose km or mi." }),
    /** null clears it. */
    maxHr: heartRate("maximum heart rate", MAX_HR_RANGE),
    thresholdHr: heartRate("threshold heart rate", THRESHOLD_HR_RANGE),
  })
  .partial()
  .strict();
export type ProfileUpdateBody = z.infer<typeof profileUpdateBody>;

export const profileResponse = z.object({
  experience: z.enum(EXPERIENCE_LEVELS),
  footType: z.enum(FOOT_TYPES),
  surfaces: z.array(z.enum(PROFILE_SURFACES)),
  otherSports: z.array(z.enum(OTHER_SPORTS)),
  weakGroups: z.array(z.enum(WEAK_GROUPS)),
  tightGroups: z.array(z.enum(TIGHT_GROUPS)),
  weekStart: z.number().int(),
  units: z.enum(DISTANCE_UNITS),
  /** Beats per minute, null when the runner has not given one. */
  maxHr: z.number().int().nullable(),
  thresholdHr: z.number().int().nullable(),
  /** null until the runner first saves the profile (the values are then the defaults). */
  updatedAt: z.string().nullable(),
  /** The weekly ramp guide this profile gives, as a fraction (0.05 or 0.10). */
  rampThreshold: z.number(),
});
export type ProfileResponse = z.infer<typeof profileResponse>;

/** GET /api/profile/advice: what the profile changes in the advice. */
export interface ProfileAdviceResponse {
  footwear: { code: string; name: string; advice: string } | null;
  exercisesFirst: { slug: string; title: string; because: { group: string; finding: "weak" | "tight" } }[];
}
