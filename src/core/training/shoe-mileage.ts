/**
 * Mileage, status and retirement forecast per pair. A pair's distance is what it had done before
 * kneewise plus every activity assigned to it up to asOf. The limit is a reminder, not a safety
 * line: no trial shows that replacing shoes at 400-500 miles prevents injury, and runner-worn
 * shoes keep most of their cushioning (Cook 1985, AJSM 13:248).
 */
import type { TrainingConfig } from "./config.js";
import { dayOfDate } from "./local-day.js";
import type { PreparedActivity } from "./prepared-activity.js";
import type { Shoe, ShoeStatus } from "./types.js";

export interface ShoeMileage {
  shoe: Shoe;
  distanceM: number;
  limitM: number;
  status: ShoeStatus;
  /** Day number when the limit will be reached at the recent pace; null when not moving, retired or past it. */
  forecastDay: number | null;
  retired: boolean;
  /** Distance over the forecast window and the days that window really spans for this pair. */
  recentM: number;
  recentDays: number;
}

export function shoeStatus(
  distanceM: number,
  limitM: number,
  replaceSoonFraction: number,
): ShoeStatus {
  if (distanceM >= limitM) return "replace";
  if (distanceM >= limitM * replaceSoonFraction) return "replace_soon";
  return "ok";
}

export function isRetiredBy(shoe: Shoe, day: number): boolean {
  return shoe.retiredOn !== null && dayOfDate(shoe.retiredOn) <= day;
}

export function shoeMileage(
  shoes: readonly Shoe[],
  prepared: readonly PreparedActivity[],
  lastDay: number,
  config: TrainingConfig,
): ShoeMileage[] {
  const windowStart = lastDay - config.shoeForecastDays + 1;
  const total = new Map<string, number>();
  const recent = new Map<string, number>();
  const firstUse = new Map<string, number>();
  for (const p of prepared) {
    const id = p.activity.shoeId;
    if (id === null) continue;
    total.set(id, (total.get(id) ?? 0) + p.distanceM);
    if (p.day >= windowStart) recent.set(id, (recent.get(id) ?? 0) + p.distanceM);
    const f = firstUse.get(id);
    if (f === undefined || p.day < f) firstUse.set(id, p.day);
  }
  return shoes.map((shoe) => {
    const limitM = shoe.limitM !== null && shoe.limitM > 0 ? shoe.limitM : config.shoeDefaultLimitM;
    const distanceM = Math.max(0, shoe.distanceBeforeM) + (total.get(shoe.id) ?? 0);
    const retired = isRetiredBy(shoe, lastDay);
    // A pair bought three weeks ago has only three weeks of pace to go on, not eight.
    const started =
      shoe.startDate !== null ? dayOfDate(shoe.startDate) : (firstUse.get(shoe.id) ?? lastDay);
    const recentDays = Math.max(1, Math.min(config.shoeForecastDays, lastDay - started + 1));
    const recentM = recent.get(shoe.id) ?? 0;
    const remaining = limitM - distanceM;
    let forecastDay: number | null = null;
    if (!retired && remaining > 0 && recentM > 0)
      forecastDay = lastDay + Math.ceil(remaining / (recentM / recentDays));
    return {
      shoe,
      distanceM,
      limitM,
      status: shoeStatus(distanceM, limitM, config.shoeReplaceSoonFraction),
      forecastDay,
      retired,
      recentM,
      recentDays,
    };
  });
}
