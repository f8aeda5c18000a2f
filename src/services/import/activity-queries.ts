/** Reading a runner's stored activities for the API: a filtered, sorted page, or one in full. */
import type { Lap, Sport, StreamPoint } from "../../core/activity.js";
import { DomainError } from "../../core/errors.js";
import { activities } from "../../store/index.js";
import type { ActivityRow } from "../../store/index.js";
import type { ActivitySortKey, ActivitySummaryRow } from "../../store/repositories/activities.js";
import type { App } from "../app.js";
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

const SORT_COLUMN: Record<ActivityListQuery["sort"], ActivitySortKey> = { date: "start_utc", distance: "distance_m", duration: "moving_s" };

function summaryView(r: ActivitySummaryRow): ActivitySummaryView {
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
    indoor: r.indoor === 1,
    source: r.source,
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
  const row: ActivityRow | undefined = await activities.findActivity(app.database.db, userId, id);
  if (!row) throw new DomainError("ACTIVITY_NOT_FOUND", "There is no such activity.");
  return { ...summaryView(row), laps: decodeLaps(row.laps_json), stream: decodeStream(row.stream_json) };
}
