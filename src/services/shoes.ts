/**
 * Shoes: the runner's pairs, their mileage and status, and which pair each activity was run in.
 * An activity's pair is the runner's own choice when they made one (activities.shoe_manual = 1),
 * otherwise it is derived by core `assignShoe` from the gear name the file carried or the
 * sport's default pair. Derived pairs are stored for the activity pages and derived again in the
 * same transaction whenever a pair is added, changed, retired or deleted.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "../core/errors.js";
import type { Sport } from "../core/activity.js";
import { assignShoe, buildTrainingReport, DEFAULT_TRAINING_CONFIG, normalizeGearName } from "../core/training/index.js";
import type { ReportShoe, Shoe } from "../core/training/index.js";
import { GEAR_NAME_MAX } from "../contracts/activities.js";
import type { ShoeOffer, ShoeOfferAcceptResponse, ShoeOfferList } from "../contracts/shoes.js";
import type {
  ActivityGearBody,
  ActivityGearView,
  ShoeCreateBody,
  ShoeListResponse,
  ShoeUpdateBody,
  ShoeView,
} from "../contracts/training.js";
import { shoes as shoeRepo, trainingActivities } from "../store/index.js";
import type { ShoeRow, ShoeUpdate } from "../store/index.js";
import type { App } from "./app.js";
import { asSport, loadTrainingInputs, localDateOf, sportsOf, todayForRunner, toCoreShoe } from "./training-report.js";

type Db = Parameters<typeof shoeRepo.listShoes>[0];

/**
 * Derives the pair of every activity the runner has not assigned by hand. Call it after pairs
 * change, and after an import (the import pipeline may call it so that its pages show the pair).
 */
export async function reassignShoes(db: Db, userId: string): Promise<void> {
  const pairs = (await shoeRepo.listShoes(db, userId)).map(toCoreShoe);
  const keys = await shoeRepo.listDerivedGearKeys(db, userId);
  const changes = new Map<string | null, string[]>();
  for (const k of keys) {
    const derived = assignShoe(
      { sport: asSport(k.sport), gear: k.gear, date: localDateOf(k.start_utc, k.utc_offset_min) },
      pairs,
    );
    if (derived === k.shoe_id) continue;
    const list = changes.get(derived) ?? [];
    list.push(k.id);
    changes.set(derived, list);
  }
  if (changes.size > 0) await shoeRepo.setDerivedShoeIds(db, userId, changes);
}

function viewOf(row: ShoeRow, m: ReportShoe | undefined): ShoeView {
  return {
    id: row.id,
    name: row.name,
    brand: row.brand,
    startDate: row.start_date,
    distanceBeforeM: row.initial_distance_m,
    limitM: row.limit_m,
    defaultForSports: sportsOf(row.sports_json),
    retiredOn: row.retired_at,
    createdAt: row.created_at,
    distanceM: m?.distance_m ?? row.initial_distance_m,
    status: m?.status ?? "ok",
    forecastDate: m?.forecast_date ?? null,
    runs28d: m?.runs_28d ?? 0,
    share28d: m?.share_28d ?? 0,
  };
}

/**
 * Every pair with its mileage, status and forecast as of the runner's today. The numbers come
 * from the same report maths as the dashboard (without streams), so the two always agree.
 */
export async function listShoes(app: App, userId: string, asOf?: string): Promise<ShoeListResponse> {
  const inputs = await loadTrainingInputs(app, userId, { asOf, streams: false });
  const report = buildTrainingReport({ ...inputs.reportInput, weeks: 1 });
  const byId = new Map(report.shoes.map((s) => [s.id, s]));
  return {
    asOf: inputs.reportInput.asOf,
    shoes: inputs.shoeRows.map((row) => viewOf(row, byId.get(row.id))),
  };
}

export async function getShoe(app: App, userId: string, id: string): Promise<ShoeView> {
  const list = await listShoes(app, userId);
  const found = list.shoes.find((s) => s.id === id);
  if (!found) throw notFound(id);
  return found;
}

function notFound(id: string): DomainError {
  return new DomainError("SHOE_NOT_FOUND", "That pair of shoes does not exist.", { shoeId: id });
}

/** Sports a pair can be named in by a gear name: shoes, not bikes or boats. */
const ON_FOOT: readonly string[] = ["run", "trail_run", "treadmill", "walk", "hike"];

/**
 * Gear names that match no pair, as offers: pure, over one read of the activities that name
 * their gear. A name matches a pair as core `assignShoe` matches it (case and spaces ignored,
 * with or without the brand), so an added offer is exactly what the import's gear names find.
 */
export function shoeOffersFrom(uses: readonly shoeRepo.GearUse[], pairs: readonly Shoe[]): ShoeOffer[] {
  const known = new Set<string>();
  for (const p of pairs) {
    known.add(normalizeGearName(p.name));
    if (p.brand !== null) known.add(normalizeGearName(`${p.brand}${p.name}`));
  }
  const groups = new Map<string, ShoeOffer & { lastStart: string }>();
  for (const u of uses) {
    if (!ON_FOOT.includes(u.sport) || u.gear.trim() === "") continue;
    const key = normalizeGearName(u.gear);
    if (known.has(key)) continue;
    const date = localDateOf(u.start_utc, u.utc_offset_min);
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, { gear: u.gear.trim(), firstUsed: date, lastUsed: date, distanceM: u.distance_m, activities: 1, lastStart: u.start_utc });
      continue;
    }
    g.distanceM += u.distance_m;
    g.activities++;
    if (date < g.firstUsed) g.firstUsed = date;
    if (date > g.lastUsed) g.lastUsed = date;
    // The spelling of the latest use names the pair.
    if (u.start_utc > g.lastStart) {
      g.lastStart = u.start_utc;
      g.gear = u.gear.trim();
    }
  }
  return [...groups.values()]
    .map(({ lastStart: _, ...o }) => o)
    .sort((a, b) => b.lastUsed.localeCompare(a.lastUsed) || a.gear.localeCompare(b.gear));
}

async function offersIn(db: Db, userId: string): Promise<ShoeOffer[]> {
  const pairs = (await shoeRepo.listShoes(db, userId)).map(toCoreShoe);
  return shoeOffersFrom(await shoeRepo.listGearUses(db, userId), pairs);
}

/** The gear names of the runner's activities that match no pair yet. */
export async function listShoeOffers(app: App, userId: string): Promise<ShoeOfferList> {
  return { offers: await offersIn(app.database.db, userId) };
}

/**
 * Adds offered gear names as pairs: named as the activities name them (cut to a shoe name's
 * length), first worn on the first activity with them, the default for no sport (the runner's
 * defaults stay as they are). Their past activities move onto them in the same transaction.
 * A name no longer offered (added meanwhile, a second click) is passed over.
 */
export async function acceptShoeOffers(app: App, userId: string, gears: readonly string[]): Promise<ShoeOfferAcceptResponse> {
  const wanted = new Set(gears.map(normalizeGearName));
  const ids: string[] = [];
  await app.database.db.transaction().execute(async (trx) => {
    for (const offer of await offersIn(trx, userId)) {
      if (!wanted.has(normalizeGearName(offer.gear))) continue;
      const id = randomUUID();
      ids.push(id);
      await shoeRepo.insertShoe(trx, {
        id,
        user_id: userId,
        name: offer.gear.slice(0, GEAR_NAME_MAX).trim(),
        brand: null,
        start_date: offer.firstUsed,
        initial_distance_m: 0,
        limit_m: DEFAULT_TRAINING_CONFIG.shoeDefaultLimitM,
        sports_json: "[]",
        retired_at: null,
        created_at: app.now().toISOString(),
      });
    }
    if (ids.length > 0) await reassignShoes(trx, userId);
  });
  if (ids.length === 0) return { created: [] };
  const list = await listShoes(app, userId);
  // In the offers' order (latest used first), as the runner saw them.
  return { created: ids.flatMap((id) => list.shoes.filter((s) => s.id === id)) };
}

/**
 * At most one pair in use is the default for a sport: `holderId` now holds `sports`, so every
 * other pair in use lets them go (retired pairs keep theirs: they were the default in their
 * time). Runs already derived to a pair that lets a sport go stay on it, kept as the runner's
 * choice, so a new default never moves history (a new pair with no first-worn date would
 * otherwise take every old run).
 */
async function holdDefaults(db: Db, userId: string, holderId: string, sports: readonly Sport[]): Promise<void> {
  if (sports.length === 0) return;
  const rows = await shoeRepo.listShoes(db, userId);
  const letGo = new Map<string, Sport[]>();
  for (const r of rows) {
    if (r.id === holderId || r.retired_at !== null) continue;
    const had = sportsOf(r.sports_json);
    const kept = had.filter((x) => !sports.includes(x));
    if (kept.length !== had.length) letGo.set(r.id, kept);
  }
  if (letGo.size === 0) return;
  const after = rows.map(toCoreShoe).map((p) => (letGo.has(p.id) ? { ...p, defaultForSports: letGo.get(p.id)! } : p));
  const pins = new Map<string, string[]>();
  for (const k of await shoeRepo.listDerivedGearKeys(db, userId)) {
    if (k.shoe_id === null || !letGo.has(k.shoe_id)) continue;
    const derived = assignShoe({ sport: asSport(k.sport), gear: k.gear, date: localDateOf(k.start_utc, k.utc_offset_min) }, after);
    if (derived !== k.shoe_id) pins.set(k.shoe_id, [...(pins.get(k.shoe_id) ?? []), k.id]);
  }
  for (const [id, kept] of letGo) {
    await shoeRepo.pinShoe(db, userId, id, pins.get(id) ?? []);
    await shoeRepo.updateShoe(db, userId, id, { sports_json: JSON.stringify(kept) });
  }
}

export async function createShoe(app: App, userId: string, input: ShoeCreateBody): Promise<ShoeView> {
  const id = randomUUID();
  await app.database.db.transaction().execute(async (trx) => {
    await shoeRepo.insertShoe(trx, {
      id,
      user_id: userId,
      name: input.name,
      brand: input.brand ?? null,
      start_date: input.startDate ?? null,
      initial_distance_m: input.distanceBeforeM ?? 0,
      limit_m: input.limitM ?? DEFAULT_TRAINING_CONFIG.shoeDefaultLimitM,
      sports_json: JSON.stringify(input.defaultForSports ?? []),
      retired_at: null,
      created_at: app.now().toISOString(),
    });
    await holdDefaults(trx, userId, id, input.defaultForSports ?? []);
    await reassignShoes(trx, userId);
  });
  return getShoe(app, userId, id);
}

export async function updateShoe(app: App, userId: string, id: string, input: ShoeUpdateBody): Promise<ShoeView> {
  const set: ShoeUpdate = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.brand !== undefined) set.brand = input.brand;
  if (input.startDate !== undefined) set.start_date = input.startDate;
  if (input.distanceBeforeM !== undefined) set.initial_distance_m = input.distanceBeforeM;
  if (input.limitM !== undefined) set.limit_m = input.limitM;
  if (input.defaultForSports !== undefined) set.sports_json = JSON.stringify(input.defaultForSports);
  await changeShoe(app, userId, id, set);
  return getShoe(app, userId, id);
}

async function changeShoe(app: App, userId: string, id: string, set: ShoeUpdate): Promise<void> {
  await app.database.db.transaction().execute(async (trx) => {
    const found = await shoeRepo.findShoe(trx, userId, id);
    if (!found) throw notFound(id);
    if (Object.keys(set).length === 0) return;
    await shoeRepo.updateShoe(trx, userId, id, set);
    // Setting a default takes it from the pair that had it; a pair back in use gives up the
    // defaults another pair has taken meanwhile.
    if (set.sports_json !== undefined && found.retired_at === null) await holdDefaults(trx, userId, id, sportsOf(set.sports_json));
    if (set.retired_at === null && found.retired_at !== null) await yieldDefaults(trx, userId, id);
    await reassignShoes(trx, userId);
  });
}

/** A pair back in use drops the defaults another pair in use holds, keeping its past runs. */
async function yieldDefaults(db: Db, userId: string, id: string): Promise<void> {
  const rows = await shoeRepo.listShoes(db, userId);
  const me = rows.find((r) => r.id === id);
  if (!me) return;
  const taken = new Set(rows.filter((r) => r.id !== id && r.retired_at === null).flatMap((r) => sportsOf(r.sports_json)));
  const mine = sportsOf(me.sports_json);
  if (!mine.some((x) => taken.has(x))) return;
  // The holders keep theirs: the same as every other pair letting go of them for `id`, reversed.
  for (const holder of rows.filter((r) => r.id !== id && r.retired_at === null)) {
    const overlap = sportsOf(holder.sports_json).filter((x) => mine.includes(x));
    if (overlap.length > 0) await holdDefaults(db, userId, holder.id, overlap);
  }
}

/**
 * Retires a pair from a local date on (the runner's today by default). Its distance and past
 * runs stay; only activities after that date stop being derived to it.
 */
export async function retireShoe(app: App, userId: string, id: string, on?: string): Promise<ShoeView> {
  const date = on ?? (await todayForRunner(app, userId));
  await changeShoe(app, userId, id, { retired_at: date });
  return getShoe(app, userId, id);
}

/** Undoes a retirement. */
export async function unretireShoe(app: App, userId: string, id: string): Promise<ShoeView> {
  await changeShoe(app, userId, id, { retired_at: null });
  return getShoe(app, userId, id);
}

/** Deletes a pair; its activities lose their pair (and hand-picked ones go back to automatic). */
export async function deleteShoe(app: App, userId: string, id: string): Promise<void> {
  await app.database.db.transaction().execute(async (trx) => {
    if (!(await shoeRepo.findShoe(trx, userId, id))) throw notFound(id);
    await shoeRepo.releaseShoe(trx, userId, id);
    await shoeRepo.deleteShoe(trx, userId, id);
    await reassignShoes(trx, userId);
  });
}

/** The columns of a pair chosen by hand for one activity. */
export type ShoeChoice = { shoe_id?: string | null; shoe_manual?: number };

/**
 * The runner's choice of pair for one activity, as the columns to set: a pair of theirs (checked),
 * "no pair" (`shoeId: null`), both kept by hand, or `shoeAuto` to hand it back to the gear name
 * and defaults (the caller then runs reassignShoes).
 */
export async function shoeChoice(
  db: Db,
  userId: string,
  input: { shoeId?: string | null | undefined; shoeAuto?: true | undefined },
): Promise<ShoeChoice> {
  const set: ShoeChoice = {};
  if (input.shoeId !== undefined) {
    if (input.shoeId !== null && !(await shoeRepo.findShoe(db, userId, input.shoeId))) throw notFound(input.shoeId);
    set.shoe_id = input.shoeId;
    set.shoe_manual = 1;
  }
  if (input.shoeAuto === true) set.shoe_manual = 0;
  return set;
}

/**
 * The runner's own choice of pair and surface for one activity. `shoeId: null` means "no pair"
 * (kept by hand); `shoeAuto: true` hands the choice back to the gear name and defaults.
 */
export async function setActivityGear(
  app: App,
  userId: string,
  activityId: string,
  input: ActivityGearBody,
): Promise<ActivityGearView> {
  return app.database.db.transaction().execute(async (trx) => {
    const activity = await trainingActivities.findActivityOwnership(trx, userId, activityId);
    if (!activity)
      throw new DomainError("ACTIVITY_NOT_FOUND", "That activity does not exist.", { activityId });
    const set: ShoeChoice & { surface?: string | null } = await shoeChoice(trx, userId, input);
    if (input.surface !== undefined) set.surface = input.surface;
    await shoeRepo.setActivityGear(trx, userId, activityId, set);
    if (input.shoeAuto === true) await reassignShoes(trx, userId);
    const after = await shoeRepo.findActivityGear(trx, userId, activityId);
    return {
      id: activityId,
      shoeId: after?.shoe_id ?? null,
      shoeManual: after?.shoe_manual === 1,
      surface: after?.surface ?? null,
    };
  });
}
