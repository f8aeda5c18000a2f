/**
 * Which pair an activity was run in. A manual choice always wins; then the gear name the file or
 * export carried, matched to a pair's name ignoring case and spaces; then the pair marked as the
 * default for the sport. Pairs retired before the activity, or first worn after it, are only
 * used when chosen by hand or named by the gear.
 */
import type { Sport } from "../activity.js";
import { DomainError } from "../errors.js";
import { dayOfDate } from "./local-day.js";
import type { Shoe } from "./types.js";

export interface ShoeAssignmentInput {
  sport: Sport;
  /** Gear name from the source file or export, e.g. "Pegasus 40" or "Nike Pegasus 40". */
  gear: string | null;
  /** The runner's explicit choice for this activity. */
  overrideShoeId?: string | null;
  /** Local date of the activity (YYYY-MM-DD), to skip pairs not in use that day. */
  date?: string;
}

export function normalizeGearName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, "");
}

function inUseOn(shoe: Shoe, day: number | null): boolean {
  if (day === null) return shoe.retiredOn === null;
  if (shoe.retiredOn !== null && dayOfDate(shoe.retiredOn) < day) return false;
  return shoe.startDate === null || dayOfDate(shoe.startDate) <= day;
}

/** The pair's id, or null when nothing identifies one. Throws SHOE_NOT_FOUND for an unknown override. */
export function assignShoe(input: ShoeAssignmentInput, shoes: readonly Shoe[]): string | null {
  if (input.overrideShoeId !== undefined && input.overrideShoeId !== null) {
    const chosen = shoes.find((s) => s.id === input.overrideShoeId);
    if (!chosen)
      throw new DomainError("SHOE_NOT_FOUND", "That pair of shoes does not exist.", {
        shoeId: input.overrideShoeId,
      });
    return chosen.id;
  }
  const day = input.date !== undefined ? dayOfDate(input.date) : null;
  if (input.gear !== null && input.gear.trim() !== "") {
    const gear = normalizeGearName(input.gear);
    const matches = shoes.filter(
      (s) =>
        normalizeGearName(s.name) === gear ||
        (s.brand !== null && normalizeGearName(`${s.brand}${s.name}`) === gear),
    );
    const best = matches.find((s) => inUseOn(s, day)) ?? matches[0];
    if (best) return best.id;
  }
  const defaults = shoes
    .filter((s) => s.defaultForSports.includes(input.sport) && inUseOn(s, day))
    .sort((a, b) => (b.startDate ?? "").localeCompare(a.startDate ?? "") || (a.id < b.id ? -1 : 1));
  return defaults[0]?.id ?? null;
}
