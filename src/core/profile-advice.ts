/**
 * What the runner's profile changes in kneewise's advice beyond the ramp threshold: shoe advice
 * for their foot type, and which exercises to start with given the muscle groups the self-tests
 * found weak or tight. Pure: the foot-type texts and the exercise library come in as data.
 */

export interface FootTypeAdvice {
  code: string;
  name: string;
  advice: string;
}

export interface ExerciseFacts {
  slug: string;
  title: string;
  kind: string;
  targets: readonly string[];
}

export interface ProfileFacts {
  footType: string;
  weakGroups: readonly string[];
  tightGroups: readonly string[];
}

export interface StarterExercise {
  slug: string;
  title: string;
  /** The profile entry it answers, e.g. "weak:hip_abductors" → shown as "for weak hip abductors". */
  because: { group: string; finding: "weak" | "tight" };
}

export interface ProfileAdvice {
  footwear: FootTypeAdvice | null;
  exercisesFirst: StarterExercise[];
}

/** At most this many starter exercises: a short list gets done; a long one does not. */
export const MAX_STARTERS = 6;
const PER_GROUP = 2;

export function profileAdvice(
  profile: ProfileFacts,
  footTypes: readonly FootTypeAdvice[],
  exercises: readonly ExerciseFacts[],
): ProfileAdvice {
  const footwear = footTypes.find((f) => f.code === profile.footType) ?? null;
  const chosen: StarterExercise[] = [];
  const taken = new Set<string>();
  // Weak groups get strength work and tight groups get stretches: the self-tests' own pairing.
  const wants: { group: string; finding: "weak" | "tight"; kinds: string[] }[] = [
    ...profile.weakGroups.map((group) => ({ group, finding: "weak" as const, kinds: ["strength"] })),
    ...profile.tightGroups.map((group) => ({ group, finding: "tight" as const, kinds: ["stretch", "mobility"] })),
  ];
  for (const want of wants) {
    let added = 0;
    for (const ex of exercises) {
      if (chosen.length >= MAX_STARTERS || added >= PER_GROUP) break;
      if (taken.has(ex.slug) || !want.kinds.includes(ex.kind) || !ex.targets.includes(want.group)) continue;
      chosen.push({ slug: ex.slug, title: ex.title, because: { group: want.group, finding: want.finding } });
      taken.add(ex.slug);
      added += 1;
    }
  }
  return { footwear, exercisesFirst: chosen };
}
