import type { DistanceUnits, Experience, FootType, OtherSport, ProfileSurface, TightGroup, WeakGroup } from "../../../src/contracts/profile.js";

/** Plain words for the profile's codes (src/core/profile.ts). */
export interface Described<T extends string> {
  code: T;
  label: string;
  hint?: string;
}

export const EXPERIENCE_WORDS: Described<Experience>[] = [
  { code: "new", label: "New to running", hint: "Running for less than about a year." },
  { code: "returning", label: "Coming back", hint: "After an injury, an illness, a pregnancy or a long break." },
  { code: "regular", label: "Running regularly", hint: "Steady training for a year or more." },
];

/** The five foot types of content/profile/foot-types.md, in short, plus "don't know". */
export const FOOT_TYPE_WORDS: Described<FootType>[] = [
  { code: "normal", label: "Normal arch", hint: "A clear arch; the foot rolls in a little as you push off." },
  { code: "flat", label: "Flat foot", hint: "Little or no arch when you stand." },
  { code: "high_arched", label: "High arch", hint: "Only a narrow strip of the outer foot touches the ground." },
  { code: "over_pronating", label: "Rolls inward (over-pronating)", hint: "The arch drops and the ankle rolls in as you push off. The most common pattern." },
  { code: "over_supinating", label: "Rolls outward (over-supinating)", hint: "The foot stays on its outer edge. Much less common." },
  { code: "unknown", label: "Don't know", hint: "You get the general shoe advice." },
];

export const SURFACE_WORDS: Described<ProfileSurface>[] = [
  { code: "road", label: "Roads and pavements" },
  { code: "track", label: "Running track" },
  { code: "trail", label: "Trails and paths" },
  { code: "grass", label: "Grass" },
  { code: "treadmill", label: "Treadmill" },
  { code: "cambered_road", label: "Sloping (cambered) roads" },
];

export const SPORT_WORDS: Described<OtherSport>[] = [
  { code: "cycling", label: "Cycling" },
  { code: "swimming", label: "Swimming" },
  { code: "strength_training", label: "Strength training or gym" },
  { code: "yoga_pilates", label: "Yoga or Pilates" },
  { code: "jumping_sports", label: "Jumping sports", hint: "Basketball, volleyball." },
  { code: "field_sports", label: "Field sports", hint: "Football, rugby, hockey." },
  { code: "racket_sports", label: "Racket sports" },
  { code: "hiking", label: "Hiking" },
  { code: "skiing", label: "Skiing" },
  { code: "rowing", label: "Rowing" },
  { code: "dance", label: "Dance" },
  { code: "martial_arts", label: "Martial arts" },
];

export const WEAK_WORDS: Described<WeakGroup>[] = [
  { code: "hip_abductors", label: "Outer hip (hip abductors)" },
  { code: "glutes", label: "Buttocks (glutes)" },
  { code: "quadriceps", label: "Front of the thigh (quadriceps)" },
  { code: "hamstrings", label: "Back of the thigh (hamstrings)" },
  { code: "calves", label: "Calves" },
  { code: "core", label: "Trunk (core)" },
];

export const TIGHT_WORDS: Described<TightGroup>[] = [
  { code: "hip_flexors", label: "Front of the hip (hip flexors)", hint: "Thomas test." },
  { code: "quadriceps", label: "Front of the thigh (quadriceps)", hint: "Ely test or Thomas test." },
  { code: "hamstrings", label: "Back of the thigh (hamstrings)", hint: "90/90 hamstring test." },
  { code: "itb_region", label: "Outer hip and thigh (iliotibial band region)", hint: "Ober test." },
];

export const UNIT_WORDS: Described<DistanceUnits>[] = [
  { code: "km", label: "Kilometres" },
  { code: "mi", label: "Miles" },
];

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
