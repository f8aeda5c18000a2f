/**
 * Shoes offered from the import: gear names the runner's activities carry (Strava's "Activity
 * Gear", Garmin's gear, a file's own) that match no pair yet.
 */
import { z } from "zod";
import type { ShoeView } from "./training.js";

export interface ShoeOffer {
  /** The gear name as the activities carry it; adding the offer makes a pair of this name. */
  gear: string;
  /** Local dates (YYYY-MM-DD) of the first and last activity with this gear. */
  firstUsed: string;
  lastUsed: string;
  /** Metres run with it so far (runs and walks with this gear name). */
  distanceM: number;
  activities: number;
}

export interface ShoeOfferList {
  offers: ShoeOffer[];
}

/** POST /api/shoes/offers: add these gear names as pairs (one click each, or all). */
export const shoeOfferAcceptBody = z
  .object({
    gear: z
      .array(z.string().trim().min(1).max(200))
      .min(1, "Name at least one pair.")
      .max(100, "At most 100 pairs at once."),
  })
  .strict();
export type ShoeOfferAcceptBody = z.infer<typeof shoeOfferAcceptBody>;

export interface ShoeOfferAcceptResponse {
  created: ShoeView[];
}

/**
 * The share of its limit a pair has run, in whole percent, rounded down: the status words switch
 * at exact fractions (replace soon from 90%, replace from 100%), so a pair at 89.6% must read 89%,
 * not a rounded 90% beside "fine".
 */
export function shoeWornPercent(distanceM: number, limitM: number): number {
  if (!(limitM > 0)) return 0;
  return Math.floor((Math.max(0, distanceM) * 100) / limitM);
}
