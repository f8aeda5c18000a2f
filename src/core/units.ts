/**
 * The runner's choice of units, and the one conversion every other distance text builds on.
 * Words for distances, paces and climbs come from src/core/format; the texts kneewise stores
 * (plans, pain notes) keep numbers and are written in these units when shown.
 */

export type Units = "km" | "mi";

export const METRES_PER_MILE = 1609.344;

/** "12.5 km" or "7.8 mi": one decimal, as every distance in kneewise's own texts. */
export function formatDistanceIn(metres: number, units: Units): string {
  return units === "mi"
    ? `${(metres / METRES_PER_MILE).toFixed(1)} mi`
    : `${(metres / 1000).toFixed(1)} km`;
}
