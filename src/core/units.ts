/**
 * The runner's choice of units, and the one conversion every other distance text builds on.
 * Words for distances, paces and climbs come from src/core/format; the texts kneewise stores
 * (plans, pain notes) keep numbers and are written in these units when shown.
 */

export type Units = "km" | "mi";

export const METRES_PER_MILE = 1609.344;
