/**
 * The runner corrects an activity: its sport, name, pair and surface, whether it counts in the
 * training load, and two records of one run merged into one. Deleting and undoing live with the
 * reads in import/activity-queries.ts.
 */
import { isRunning } from "../core/activity.js";
import type { Sport } from "../core/activity.js";
import { DomainError } from "../core/errors.js";
import type { ActivityUpdateBody } from "../contracts/activities.js";
import { activities } from "../store/index.js";
import type { ActivityCorrection, CorrectableActivityRow } from "../store/repositories/activities.js";
import type { App } from "./app.js";
import { richness } from "./import/activity-record.js";
import { summaryView } from "./import/activity-queries.js";
import type { ActivitySummaryView } from "./import/activity-queries.js";
import { reassignShoes, shoeChoice } from "./shoes.js";

const notFound = (id: string): DomainError => new DomainError("ACTIVITY_NOT_FOUND", "There is no such activity.", { activityId: id });

/** Two records further apart than this are not one run, whatever the clocks of their devices said. */
export const MERGE_MAX_START_GAP_MS = 24 * 3600 * 1000;

export async function correctActivity(app: App, userId: string, id: string, body: ActivityUpdateBody): Promise<ActivitySummaryView> {
  return app.database.db.transaction().execute(async (trx) => {
    const row = await activities.findActivity(trx, userId, id);
    if (!row) throw notFound(id);
    const set: ActivityCorrection = {};
    const sport: Sport = body.sport ?? (row.sport as Sport);
    if (body.sport !== undefined) set.sport = body.sport;
    if (body.name !== undefined) set.name = body.name === null || body.name === "" ? null : body.name;
    if (body.surface !== undefined) {
      if (body.surface !== null && !isRunning(sport)) {
        throw new DomainError("VALIDATION_FAILED", "A surface is only recorded for runs.", {
          fields: [{ path: "surface", message: "A surface is only recorded for runs." }],
        });
      }
      set.surface = body.surface;
    } else if (!isRunning(sport) && row.surface !== null) {
      // A run corrected to a ride keeps no running surface.
      set.surface = null;
    }
    Object.assign(set, await shoeChoice(trx, userId, body));
    if (body.excludeFromLoad !== undefined) set.exclude_from_load = body.excludeFromLoad ? 1 : 0;
    await activities.correctActivity(trx, userId, id, set);
    // The derived pair follows the sport's default pair and the gear name.
    if (set.sport !== undefined || body.shoeAuto === true) await reassignShoes(trx, userId);
    const after = await activities.findActivity(trx, userId, id);
    if (!after) throw notFound(id);
    return summaryView(after);
  });
}

const richnessOf = (r: CorrectableActivityRow): number =>
  richness({ source: r.source, streamChars: r.stream_json.length, lapsChars: r.laps_json.length });

/**
 * Folds `otherId` into `keepId`: two records of the same run that the import did not recognise as
 * twins (a watch's clock off by minutes, a distance off by more than 5%). The kept record keeps its
 * id, sport, name, pair, surface and flags; when the other holds the richer recording (more samples,
 * a device file), its recording and the totals measured with it move over, as an import does with
 * twins. The other record goes, and a tombstone keeps the key no longer stored, so that importing
 * either file or a newer export again brings nothing back. Merging the same two again answers with
 * the kept record.
 */
export async function mergeActivities(app: App, userId: string, keepId: string, otherId: string): Promise<ActivitySummaryView> {
  return app.database.db.transaction().execute(async (trx) => {
    const keep = await activities.findActivity(trx, userId, keepId);
    if (!keep) throw notFound(keepId);
    if (keepId === otherId) throw new DomainError("MERGE_SAME_ACTIVITY", "Choose another record of the same run to merge with this one.");
    const other = await activities.findActivity(trx, userId, otherId);
    if (!other) {
      const t = await activities.findTombstone(trx, userId, otherId);
      if (t?.reason === "merged" && t.merged_into === keepId) return summaryView(keep);
      throw notFound(otherId);
    }
    if (Math.abs(Date.parse(keep.start_utc) - Date.parse(other.start_utc)) > MERGE_MAX_START_GAP_MS) {
      throw new DomainError("MERGE_NOT_SAME_RUN", "These two start more than a day apart: they are not one run.");
    }
    const otherRicher = richnessOf(other) > richnessOf(keep);
    const measured = otherRicher ? other : keep;
    const lost = otherRicher ? keep : other;
    const fill = <T>(a: T | null, b: T | null): T | null => a ?? b;
    const patch = {
      start_utc: measured.start_utc,
      utc_offset_min: fill(measured.utc_offset_min, lost.utc_offset_min),
      moving_s: measured.moving_s,
      elapsed_s: measured.elapsed_s,
      distance_m: measured.distance_m,
      elevation_gain_m: fill(measured.elevation_gain_m, lost.elevation_gain_m),
      elevation_loss_m: fill(measured.elevation_loss_m, lost.elevation_loss_m),
      avg_hr: fill(measured.avg_hr, lost.avg_hr),
      max_hr: fill(measured.max_hr, lost.max_hr),
      avg_cadence: fill(measured.avg_cadence, lost.avg_cadence),
      device: fill(measured.device, lost.device),
      indoor: measured.indoor,
      source: measured.source,
      laps_json: measured.laps_json,
      stream_json: measured.stream_json,
      source_file: measured.source_file,
      dedupe_key: measured.dedupe_key,
      // The runner's words survive whichever recording is kept.
      name: fill(keep.name, other.name),
      gear: fill(keep.gear, other.gear),
      perceived_exertion: fill(keep.perceived_exertion, other.perceived_exertion),
      surface: fill(keep.surface, other.surface),
    };
    await activities.updateActivity(trx, userId, keepId, patch);
    if (Number(keep.shoe_manual) === 0 && Number(other.shoe_manual) === 1) {
      await activities.correctActivity(trx, userId, keepId, { shoe_id: other.shoe_id, shoe_manual: 1 });
    }
    await activities.deleteActivity(trx, userId, otherId);
    await activities.deleteTombstone(trx, userId, otherId);
    await activities.insertTombstone(trx, {
      id: otherId,
      user_id: userId,
      reason: "merged",
      merged_into: keepId,
      start_utc: lost.start_utc,
      elapsed_s: lost.elapsed_s,
      moving_s: lost.moving_s,
      distance_m: lost.distance_m,
      row_json: null,
      created_at: app.now().toISOString(),
    });
    await reassignShoes(trx, userId);
    const after = await activities.findActivity(trx, userId, keepId);
    if (!after) throw notFound(keepId);
    return summaryView(after);
  });
}
