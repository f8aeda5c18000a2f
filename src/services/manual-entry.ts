/**
 * Runs and cross-training sessions logged by hand, for days without a file. They are stored in
 * the activities table with source "manual" and count everywhere an imported activity does.
 */
import { randomUUID } from "node:crypto";
import { isRunning } from "../core/activity.js";
import { DomainError } from "../core/errors.js";
import { assignShoe } from "../core/training/index.js";
import type { ManualActivityBody, ManualActivityView } from "../contracts/training.js";
import { shoes as shoeRepo, trainingActivities } from "../store/index.js";
import type { App } from "./app.js";
import { dedupeKey } from "./import/activity-record.js";
import { toCoreShoe } from "./training-report.js";

/** Noon local time when no start time is given: the date can never slip into a neighbouring day. */
const DEFAULT_TIME = "12:00";

function invalid(path: string, message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { fields: [{ path, message }] });
}

export async function addManualActivity(app: App, userId: string, input: ManualActivityBody): Promise<ManualActivityView> {
  const running = isRunning(input.sport);
  if (running && (input.distanceM === undefined || input.distanceM <= 0))
    throw invalid("distanceM", "Give the distance of the run.");
  const offset = input.utcOffsetMin ?? 0;
  const localMs = Date.parse(`${input.date}T${input.time ?? DEFAULT_TIME}:00.000Z`);
  const startUtc = new Date(localMs - offset * 60_000).toISOString();
  // A day still to come in the runner's own zone is a plan, not a log.
  const todayThere = new Date(app.now().getTime() + offset * 60_000).toISOString().slice(0, 10);
  if (input.date > todayThere)
    throw invalid("date", "This day is still to come: log the session once you have done it.");
  const surface = input.surface ?? (input.sport === "treadmill" ? "treadmill" : null);

  const id = randomUUID();
  let shoeId: string | null = null;
  let shoeManual = 0;
  await app.database.db.transaction().execute(async (trx) => {
    const pairs = (await shoeRepo.listShoes(trx, userId)).map(toCoreShoe);
    if (input.shoeId !== undefined) {
      if (input.shoeId !== null && !pairs.some((p) => p.id === input.shoeId))
        throw new DomainError("SHOE_NOT_FOUND", "That pair of shoes does not exist.", { shoeId: input.shoeId });
      shoeId = input.shoeId;
      shoeManual = 1;
    } else {
      shoeId = assignShoe({ sport: input.sport, gear: null, date: input.date }, pairs);
    }
    await trainingActivities.insertManualActivity(trx, {
      id,
      user_id: userId,
      sport: input.sport,
      start_utc: startUtc,
      utc_offset_min: offset,
      moving_s: input.durationS,
      elapsed_s: input.durationS,
      distance_m: input.distanceM ?? 0,
      elevation_gain_m: null,
      elevation_loss_m: null,
      avg_hr: null,
      max_hr: null,
      avg_cadence: null,
      device: null,
      gear: null,
      name: input.name !== undefined && input.name !== "" ? input.name : null,
      perceived_exertion: input.perceivedExertion ?? null,
      indoor: input.sport === "treadmill" ? 1 : 0,
      source: "manual",
      surface: running ? surface : null,
      shoe_id: shoeId,
      shoe_manual: shoeManual,
      laps_json: "[]",
      stream_json: "{}",
      source_file: null,
      dedupe_key: dedupeKey(startUtc),
      created_at: app.now().toISOString(),
    });
  });
  return {
    id,
    sport: input.sport,
    startUtc,
    utcOffsetMin: offset,
    date: input.date,
    distanceM: input.distanceM ?? 0,
    durationS: input.durationS,
    perceivedExertion: input.perceivedExertion ?? null,
    surface: running ? surface : null,
    shoeId,
    name: input.name !== undefined && input.name !== "" ? input.name : null,
    source: "manual",
  };
}

/** Deletes an activity logged by hand; imported ones are not touched here. */
export async function deleteManualActivity(app: App, userId: string, id: string): Promise<void> {
  if (!(await trainingActivities.deleteManualActivity(app.database.db, userId, id)))
    throw new DomainError("ACTIVITY_NOT_FOUND", "There is no activity logged by hand with that id.", { activityId: id });
}
