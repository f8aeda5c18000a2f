/**
 * Shoes: the runner's pairs, their mileage and status, and which pair each activity was run in.
 * An activity's pair is the runner's own choice when they made one (activities.shoe_manual = 1),
 * otherwise it is derived by core `assignShoe` from the gear name the file carried or the
 * sport's default pair. Derived pairs are stored for the activity pages and derived again in the
 * same transaction whenever a pair is added, changed, retired or deleted.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "../core/errors.js";
import { assignShoe, buildTrainingReport, DEFAULT_TRAINING_CONFIG } from "../core/training/index.js";
import type { ReportShoe } from "../core/training/index.js";
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
    await reassignShoes(trx, userId);
  });
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
    const set: { shoe_id?: string | null; shoe_manual?: number; surface?: string | null } = {};
    if (input.shoeId !== undefined) {
      if (input.shoeId !== null && !(await shoeRepo.findShoe(trx, userId, input.shoeId))) throw notFound(input.shoeId);
      set.shoe_id = input.shoeId;
      set.shoe_manual = 1;
    }
    if (input.shoeAuto === true) set.shoe_manual = 0;
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
