/**
 * What the pattern finder checked, as a key and the numbers it speaks of, written in the runner's
 * units when shown (issue 17: "numbers, not sentences"; issue 18: one choice of units
 * everywhere). Distances are metres and descent metres per km; the words are ours.
 */
import { formatClimbRateThreshold, formatDistance } from "../format/index.js";
import type { Units } from "../units.js";

interface Split {
  higher: { n: number; mean: number };
  lower: { n: number; mean: number };
}

const days = (n: number): string => `${n} ${n === 1 ? "day" : "days"}`;

const TEXTS = {
  too_few_entries: (a: { minEntries: number; minWeeks: number; entries: number; weeks: number }) =>
    `Patterns need at least ${a.minEntries} entries spread over ${a.minWeeks} different weeks; the diary has ${a.entries} over ${a.weeks}.`,
  no_runs: (_: object) => "Import or log your runs to compare pain with weekly distance, long runs, descents and shoes.",
  flat_weeks: (_: object) => "Weekly distance or weekly pain did not vary, so there is nothing to compare.",
  few_weeks: (a: { minWeeks: number; weeks: number }) =>
    `A link with weekly distance needs diary entries in at least ${a.minWeeks} weeks; there are ${a.weeks}.`,
  weekly_link: (a: { weeks: number; r: number; tentative: boolean }) =>
    `Across ${a.weeks} weeks, r = ${a.r} between weekly distance and average pain${a.tentative ? " (few weeks: a hint, not proof)" : ""}.`,
  no_distance_split: (a: { runDays: number; minGroup: number; minDifference: number }) =>
    `No distance splits your ${a.runDays} run days into a group with clearly more pain the next morning (at least ${a.minGroup} days on each side and ${a.minDifference} point apart).`,
  long_runs: (a: Split & { thresholdM: number }, u: Units) =>
    `Mornings after runs over ${formatDistance(a.thresholdM, u)} averaged ${a.higher.mean} (${days(a.higher.n)}) against ${a.lower.mean} after shorter runs (${days(a.lower.n)}).`,
  few_descents: (a: { runDays: number; needed: number }) =>
    `Only ${a.runDays} run days with a recorded descent and a morning score; ${a.needed} are needed.`,
  no_descent_split: (a: { medianLossPerKm: number }, u: Units) =>
    `Mornings after hillier runs (more than ${formatClimbRateThreshold(a.medianLossPerKm, u)} of descent, your median) were not clearly worse than after flatter ones.`,
  descents: (a: Split & { medianLossPerKm: number }, u: Units) =>
    `Mornings after runs with more than ${formatClimbRateThreshold(a.medianLossPerKm, u)} of descent averaged ${a.higher.mean} (${days(a.higher.n)}) against ${a.lower.mean} after flatter runs (${days(a.lower.n)}).`,
  one_shoe: (_: object) => "Runs in at least two pairs of shoes (with a morning score) are needed to compare them.",
  no_shoe_stands_out: (a: { byShoe: readonly { n: number; mean: number }[] }) =>
    `No pair of shoes stands out: ${a.byShoe.map((s) => `${s.mean} over ${days(s.n)}`).join(", ")}.`,
  shoe: (a: Split) =>
    `Mornings after runs in one pair averaged ${a.higher.mean} (${days(a.higher.n)}) against ${a.lower.mean} in the others (${days(a.lower.n)}).`,
  triggers: (a: { triggers: readonly string[] }) =>
    `Days you tagged with ${a.triggers.join(", ")} scored clearly higher than the rest.`,
  no_trigger: (_: object) => "None of the things you tagged goes with clearly more pain yet.",
} satisfies Record<string, (a: never, u: Units) => string>;

export type PatternNoteKey = keyof typeof TEXTS;
export const PATTERN_NOTE_KEYS = Object.keys(TEXTS) as PatternNoteKey[];

/** One check's note: its key and the numbers (metres, metres per km) it speaks of. */
export type PatternNote = {
  [K in PatternNoteKey]: { key: K } & Parameters<(typeof TEXTS)[K]>[0];
}[PatternNoteKey];

/** The note as the runner reads it, in their units: "runs over 8.0 km" or "runs over 5.0 mi". */
export function renderPatternNote(note: PatternNote, units: Units): string {
  const write = (TEXTS as Record<string, ((a: PatternNote, u: Units) => string) | undefined>)[note.key];
  if (!write) throw new Error(`note.key: expected one of ${PATTERN_NOTE_KEYS.join(", ")}, got ${JSON.stringify(note.key)}`);
  return write(note, units);
}
