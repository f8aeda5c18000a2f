/** Reading a runner's stored activities for the API: a filtered, sorted page, or one in full. */
import type { Lap, Sport, StreamPoint } from "../../core/activity.js";
import { DomainError } from "../../core/errors.js";
import { ACTIVITY_UNDO_WINDOW_S } from "../../contracts/activities.js";
import { activities, shoes as shoeRepo } from "../../store/index.js";
import type { ActivitySortKey, ActivitySummaryRow, CorrectableActivityRow } from "../../store/repositories/activities.js";
import type { App } from "../app.js";
import { reassignShoes } from "../shoes.js";
import { decodeLaps, decodeStream } from "./activity-record.js";

export interface ActivitySummaryView {
  id: string;
  sport: Sport;
  startUtc: string;
  utcOffsetMin: number | null;
  movingS: number;
  elapsedS: number;
  distanceM: number;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  avgCadence: number | null;
  device: string | null;
  gear: string | null;
  name: string | null;
  perceivedExertion: number | null;
  indoor: boolean;
  source: string;
  shoeId: string | null;
  shoeManual: boolean;
  surface: string | null;
  excludeFromLoad: boolean;
}

export interface ActivityDetailView extends ActivitySummaryView {
  laps: Lap[];
  stream: StreamPoint[];
}

export interface ActivityListQuery {
  sports?: Sport[] | undefined;
  fromUtc?: string | undefined;
  toUtc?: string | undefined;
  sort: "date" | "distance" | "duration";
  dir: "asc" | "desc";
  limit: number;
  offset: number;
}

const notFound = (): DomainError => new DomainError("ACTIVITY_NOT_FOUND", "There is no such activity.");

const SORT_COLUMN: Record<ActivityListQuery["sort"], ActivitySortKey> = { date: "start_utc", distance: "distance_m", duration: "moving_s" };

export function summaryView(r: ActivitySummaryRow): ActivitySummaryView {
  return {
    id: r.id,
    sport: r.sport as Sport,
    startUtc: r.start_utc,
    utcOffsetMin: r.utc_offset_min,
    movingS: r.moving_s,
    elapsedS: r.elapsed_s,
    distanceM: r.distance_m,
    elevationGainM: r.elevation_gain_m,
    elevationLossM: r.elevation_loss_m,
    avgHr: r.avg_hr,
    maxHr: r.max_hr,
    avgCadence: r.avg_cadence,
    device: r.device,
    gear: r.gear,
    name: r.name,
    perceivedExertion: r.perceived_exertion,
    indoor: Number(r.indoor) === 1,
    source: r.source,
    shoeId: r.shoe_id,
    shoeManual: Number(r.shoe_manual) === 1,
    surface: r.surface,
    excludeFromLoad: Number(r.exclude_from_load) === 1,
  };
}

export async function listActivities(app: App, userId: string, q: ActivityListQuery): Promise<{ activities: ActivitySummaryView[]; total: number }> {
  const { rows, total } = await activities.listActivities(
    app.database.db,
    userId,
    { sports: q.sports, fromUtc: q.fromUtc, toUtc: q.toUtc },
    { key: SORT_COLUMN[q.sort], dir: q.dir },
    { limit: q.limit, offset: q.offset },
  );
  return { activities: rows.map(summaryView), total };
}

export async function getActivity(app: App, userId: string, id: string): Promise<ActivityDetailView> {
  const row = await activities.findActivity(app.database.db, userId, id);
  if (!row) throw notFound();
  return { ...summaryView(row), laps: decodeLaps(row.laps_json), stream: decodeStream(row.stream_json) };
}

/**
 * Deletes one of the runner's activities, imported or typed. A tombstone keeps its twin key, so
 * that neither the same export (its files are known by hash anyway) nor a newer one brings it
 * back, and for ACTIVITY_UNDO_WINDOW_S the row itself, so that the runner can undo.
 */
export async function deleteActivity(app: App, userId: string, id: string): Promise<void> {
  const now = app.now();
  await app.database.db.transaction().execute(async (trx) => {
    await activities.forgetUndoRows(trx, userId, new Date(now.getTime() - ACTIVITY_UNDO_WINDOW_S * 1000).toISOString());
    const row = await activities.findActivity(trx, userId, id);
    if (!row) throw notFound();
    // Deleted before (and put back since): the older tombstone makes way.
    await activities.deleteTombstone(trx, userId, id);
    await activities.insertTombstone(trx, {
      id,
      user_id: userId,
      reason: "deleted",
      merged_into: null,
      start_utc: row.start_utc,
      elapsed_s: row.elapsed_s,
      moving_s: row.moving_s,
      distance_m: row.distance_m,
      row_json: JSON.stringify(row),
      created_at: now.toISOString(),
    });
    await activities.deleteActivity(trx, userId, id);
  });
}

/** Puts back an activity deleted less than ACTIVITY_UNDO_WINDOW_S ago, on its pair when that pair still exists. */
export async function restoreActivity(app: App, userId: string, id: string): Promise<ActivitySummaryView> {
  const now = app.now();
  const since = new Date(now.getTime() - ACTIVITY_UNDO_WINDOW_S * 1000).toISOString();
  return app.database.db.transaction().execute(async (trx) => {
    const t = await activities.findTombstone(trx, userId, id);
    if (!t || t.reason !== "deleted" || t.row_json === null || t.created_at < since) {
      throw new DomainError("ACTIVITY_NOT_FOUND", "There is no deleted activity to put back (an undo lasts a few minutes).");
    }
    const row = JSON.parse(t.row_json) as CorrectableActivityRow;
    if (row.shoe_id !== null && !(await shoeRepo.findShoe(trx, userId, row.shoe_id))) {
      row.shoe_id = null;
      row.shoe_manual = 0;
    }
    await activities.reinsertActivity(trx, { ...row, user_id: userId });
    await activities.deleteTombstone(trx, userId, id);
    await reassignShoes(trx, userId);
    const back = await activities.findActivity(trx, userId, id);
    if (!back) throw notFound();
    return summaryView(back);
  });
}
