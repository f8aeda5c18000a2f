import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";
import { RUNNING_SPORTS } from "../core/activity.js";
import { DomainError } from "../core/errors.js";
import { findPainPatterns, painStatus } from "../core/pain/index.js";
import type { ActivitySummary, PainEntry } from "../core/pain/index.js";
import { dateOfDay, dayOfDate, localDayOf } from "../core/training/local-day.js";
import { painEntryBody, painListQuery, painStatusQuery } from "../contracts/pain.js";
import type { PainEntryInput, PainEntryView, PainListQuery, PainLocation, PainStatusQuery, PainStatusResponse, PainTrigger } from "../contracts/pain.js";
import { activities, painEntries, shoes } from "../store/index.js";
import type { PainEntryRow } from "../store/index.js";
import type { App } from "./app.js";
import { getProfile } from "./profile.js";

/**
 * The server knows UTC, not the runner's zone. The latest calendar date anywhere on Earth is
 * UTC+14 (Line Islands), so a date is "in the future" only if it is later than that.
 */
const MAX_UTC_OFFSET_MS = 14 * 60 * 60 * 1000;

export function latestLocalDate(now: Date): string {
  return new Date(now.getTime() + MAX_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

function validated<T>(schema: ZodType<T>, value: unknown): T {
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  const fields = res.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
  throw new DomainError("VALIDATION_FAILED", "Some fields are not valid.", { fields });
}

function checkDate(app: App, date: string, field: string): void {
  try {
    dayOfDate(date);
  } catch {
    throw new DomainError("VALIDATION_FAILED", "Some fields are not valid.", { fields: [{ path: field, message: "Give a real date as YYYY-MM-DD." }] });
  }
  if (date > latestLocalDate(app.now())) {
    throw new DomainError("VALIDATION_FAILED", "Some fields are not valid.", { fields: [{ path: field, message: "That date has not happened yet." }] });
  }
}

function parseList<T extends string>(json: string): T[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? (v.filter((x) => typeof x === "string") as T[]) : [];
}

const flag = (v: number | null): boolean | null => (v === null ? null : v === 1);
const stored = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0);

export function painEntryView(row: PainEntryRow): PainEntryView {
  return {
    date: row.date,
    during: row.during,
    after: row.after,
    nextMorning: row.next_morning,
    locations: parseList<PainLocation>(row.locations_json),
    triggers: parseList<PainTrigger>(row.triggers_json),
    notes: row.notes,
    nightPain: flag(row.night_pain),
    swelling: flag(row.swelling),
    givingWay: flag(row.giving_way),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A diary entry as the core pain model reads it. */
export function toPainModel(v: PainEntryView): PainEntry {
  return {
    date: v.date,
    during: v.during,
    after: v.after,
    nextMorning: v.nextMorning,
    locations: v.locations,
    triggers: v.triggers,
    notes: v.notes,
    nightPain: v.nightPain,
    swelling: v.swelling,
    givingWay: v.givingWay,
  };
}

/** Saves the day's entry, creating it or replacing what was there. */
export async function savePainEntry(app: App, userId: string, date: string, body: unknown): Promise<{ entry: PainEntryView; created: boolean }> {
  checkDate(app, date, "date");
  const input: PainEntryInput = validated(painEntryBody, body);
  const now = app.now().toISOString();
  return app.database.db.transaction().execute(async (trx) => {
    const before = await painEntries.findPainEntry(trx, userId, date);
    const row = await painEntries.upsertPainEntry(trx, {
      id: randomUUID(),
      user_id: userId,
      date,
      during: input.during,
      after: input.after,
      next_morning: input.nextMorning,
      locations_json: JSON.stringify(input.locations),
      triggers_json: JSON.stringify(input.triggers),
      notes: input.notes,
      night_pain: stored(input.nightPain),
      swelling: stored(input.swelling),
      giving_way: stored(input.givingWay),
      created_at: now,
      updated_at: now,
    });
    return { entry: painEntryView(row), created: before === undefined };
  });
}

export async function getPainEntry(app: App, userId: string, date: string): Promise<PainEntryView> {
  const row = await painEntries.findPainEntry(app.database.db, userId, date);
  if (!row) throw new DomainError("PAIN_ENTRY_NOT_FOUND", `There is no diary entry for ${date}.`);
  return painEntryView(row);
}

/** Deletes the day's entry and hands it back, so that the client can offer an undo. */
export async function deletePainEntry(app: App, userId: string, date: string): Promise<PainEntryView> {
  return app.database.db.transaction().execute(async (trx) => {
    const row = await painEntries.findPainEntry(trx, userId, date);
    if (!row) throw new DomainError("PAIN_ENTRY_NOT_FOUND", `There is no diary entry for ${date}.`);
    await painEntries.deletePainEntry(trx, userId, date);
    return painEntryView(row);
  });
}

export async function listPainEntries(app: App, userId: string, query: PainListQuery = {}): Promise<PainEntryView[]> {
  const q = validated(painListQuery, query);
  const rows = await painEntries.listPainEntries(app.database.db, userId, q);
  return rows.map(painEntryView);
}

const ACTIVITY_PAGE = 2000;

/** Every activity between two local dates, as the pattern finder reads them; null when the runner has none at all. */
async function activitySummaries(app: App, userId: string, from: string, to: string): Promise<ActivitySummary[] | null> {
  const db = app.database.db;
  if ((await activities.countActivities(db, userId)) === 0) return null;
  // UTC bounds a day wider than the local dates on each side: offsets run from -12 to +14 hours.
  const fromUtc = `${dateOfDay(dayOfDate(from) - 1)}T00:00:00.000Z`;
  const toUtc = `${dateOfDay(dayOfDate(to) + 2)}T00:00:00.000Z`;
  const out: ActivitySummary[] = [];
  for (let offset = 0; ; offset += ACTIVITY_PAGE) {
    const { rows } = await activities.listActivities(db, userId, { fromUtc, toUtc }, { key: "start_utc", dir: "asc" }, { limit: ACTIVITY_PAGE, offset });
    for (const r of rows) {
      const date = dateOfDay(localDayOf(Date.parse(r.start_utc), r.utc_offset_min));
      if (date < from || date > to) continue;
      out.push({ date, distanceM: r.distance_m, elevationLossM: r.elevation_loss_m, shoeId: r.shoe_id, sport: r.sport });
    }
    if (rows.length < ACTIVITY_PAGE) break;
  }
  return out;
}

/**
 * The traffic light, the decision and the runner's patterns as of `asOf` (the runner's local
 * today; the server's UTC date when not given). The pattern notes are written in `units` (the
 * profile's when not given) and follow the profile's first day of the week; the days the reasons
 * name are written in `locale` when one is given.
 */
export async function painStatusFor(
  app: App,
  userId: string,
  query: PainStatusQuery | string = {},
  opts: { patternsFromRuns?: boolean } = {},
): Promise<PainStatusResponse> {
  // A bare date is the older call, still made by the coach's view of an athlete.
  const q = validated(painStatusQuery, typeof query === "string" ? { asOf: query } : query);
  const today = q.asOf ?? app.now().toISOString().slice(0, 10);
  checkDate(app, today, "asOf");
  const entries = (await painEntries.listPainEntries(app.database.db, userId, { to: today })).map(painEntryView).map(toPainModel);
  const first = entries[0]?.date ?? today;
  const acts = await activitySummaries(app, userId, first, today);
  const profile = await getProfile(app, userId);
  // patternsFromRuns false (a coach without "training"): the patterns as if no run were recorded;
  // the light still counts run days, as the runner's own does.
  const patterns = findPainPatterns(entries, opts.patternsFromRuns === false ? null : acts, today, { units: q.units ?? profile.units, weekStart: profile.weekStart });
  const shoeNames: Record<string, string> = {};
  const wanted = new Set(patterns.patterns.flatMap((p) => (p.kind === "shoe" ? p.byShoe.map((s) => s.shoeId) : [])));
  if (wanted.size > 0) {
    for (const s of await shoes.listShoes(app.database.db, userId)) {
      if (wanted.has(s.id)) shoeNames[s.id] = s.brand ? `${s.brand} ${s.name}` : s.name;
    }
  }
  const runDates = (acts ?? []).filter((a) => (RUNNING_SPORTS as readonly string[]).includes(a.sport)).map((a) => a.date);
  const locale = q.locale === undefined ? {} : { locale: q.locale };
  return { status: painStatus(entries, today, { runDates, ...locale }), patterns, shoeNames };
}
