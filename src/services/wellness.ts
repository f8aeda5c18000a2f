/**
 * Daily wellness values a device recorded (issue 20, item 1): resting heart rate and heart-rate
 * variability from an Apple Health export, one value per local day, kept in daily_wellness and
 * shown beside the check-ins as imported figures. An import writes only these rows, never a
 * check-in: what the runner answered is theirs alone.
 */
import { randomUUID } from "node:crypto";
import type { ImportedWellnessDay, WellnessSource } from "../contracts/training.js";
import { dailyWellness } from "../store/index.js";
import type { DailyWellnessRow, NewDailyWellnessRow, Schema } from "../store/index.js";
import type { Kysely, Transaction } from "kysely";

type Db = Kysely<Schema> | Transaction<Schema>;

/** One day as an importer read it: the day's means, either may be missing. */
export interface WellnessDayInput {
  date: string;
  restingHr: number | null;
  hrvSdnnMs: number | null;
}

/** Beats per minute a resting heart rate can be: outside, a recording fault, left out. */
export const RESTING_HR_RANGE = { min: 20, max: 220 } as const;
/** SDNN in milliseconds: outside, a recording fault, left out. */
export const HRV_SDNN_RANGE = { min: 1, max: 500 } as const;

const within = (v: number | null, r: { min: number; max: number }): number | null => {
  if (v === null || !Number.isFinite(v)) return null;
  const n = Math.round(v);
  return n >= r.min && n <= r.max ? n : null;
};

const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/**
 * Stores an import's days for one source; a day read again takes the new values, so importing the
 * same export twice changes nothing. Values no one could have are left out. Returns the days kept.
 */
export async function storeImportedWellness(
  db: Db,
  userId: string,
  source: WellnessSource,
  days: readonly WellnessDayInput[],
  now: Date,
): Promise<number> {
  const rows: NewDailyWellnessRow[] = [];
  const importedAt = now.toISOString();
  for (const d of days) {
    if (!isDay(d.date)) continue;
    const restingHr = within(d.restingHr, RESTING_HR_RANGE);
    const hrv = within(d.hrvSdnnMs, HRV_SDNN_RANGE);
    if (restingHr === null && hrv === null) continue;
    rows.push({ id: randomUUID(), user_id: userId, date: d.date, source, resting_hr: restingHr, hrv_sdnn_ms: hrv, imported_at: importedAt });
  }
  if (rows.length > 0) await dailyWellness.upsertDays(db, rows);
  return rows.length;
}

export function wellnessViewOf(row: DailyWellnessRow): ImportedWellnessDay {
  return { date: row.date, source: row.source as WellnessSource, restingHr: row.resting_hr, hrvSdnnMs: row.hrv_sdnn_ms };
}

/** The imported days between two local dates (inclusive), oldest first. */
export async function listImportedWellness(
  db: Db,
  userId: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<ImportedWellnessDay[]> {
  return (await dailyWellness.listDays(db, userId, range)).map(wellnessViewOf);
}
