/**
 * Distances in the runner's units. Plans, their reasons and some notes are written once, in
 * kilometres, and stored as text (a plan keeps the words it was written with); they are shown
 * in miles to a runner who chose miles by rewriting each distance kneewise wrote into them.
 */

export type Units = "km" | "mi";

export const METRES_PER_MILE = 1609.344;

/** "12.5 km" or "7.8 mi": one decimal, as every distance in kneewise's own texts. */
export function formatDistanceIn(metres: number, units: Units): string {
  return units === "mi"
    ? `${(metres / METRES_PER_MILE).toFixed(1)} mi`
    : `${(metres / 1000).toFixed(1)} km`;
}

/** A number followed by "km" as a word of its own: "12.5 km", "1 km", not "kmh" or "5km". */
const KM_IN_TEXT = /(?<![\d.])(\d+(?:\.\d+)?) km\b/g;

/**
 * A text kneewise wrote with distances in km ("Main: 8.0 km at a relaxed pace"), with each
 * distance given in `units` instead ("Main: 5.0 mi at a relaxed pace"). Unchanged for km.
 */
export function distancesInUnits(text: string, units: Units): string {
  if (units === "km") return text;
  return text.replace(KM_IN_TEXT, (_, km: string) => formatDistanceIn(Number(km) * 1000, "mi"));
}
