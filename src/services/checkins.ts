/**
 * Overtraining check-ins: one per runner and local day, eight answers 0-3. Saving the same day
 * again replaces the answers. The check-in screens for signs that persist; it does not diagnose.
 * The list carries the imported resting heart rate and HRV of the same days beside the answers
 * (wellness.ts); they are the device's, never the runner's answers.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "../core/errors.js";
import { checkinScore, DEFAULT_TRAINING_CONFIG, isElevated } from "../core/training/index.js";
import type { CheckinBody, CheckinListResponse, CheckinView } from "../contracts/training.js";
import { checkins as checkinRepo } from "../store/index.js";
import type { CheckinRow } from "../store/index.js";
import type { App } from "./app.js";
import { checkinAnswersOf } from "./training-report.js";
import { listImportedWellness } from "./wellness.js";

function viewOf(row: CheckinRow): CheckinView {
  const answers = checkinAnswersOf(row);
  return {
    date: row.date,
    answers,
    score: checkinScore(answers),
    elevated: isElevated(answers, DEFAULT_TRAINING_CONFIG.checkinElevatedScore),
  };
}

/** A check-in for a day that has not started anywhere on Earth yet is a mistake. */
function checkNotFuture(app: App, date: string): void {
  const latest = new Date(app.now().getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
  if (date > latest)
    throw new DomainError("VALIDATION_FAILED", "A check-in cannot be for a day still to come.", {
      fields: [{ path: "date", message: "This day is still to come." }],
    });
}

export async function saveCheckin(app: App, userId: string, date: string, answers: CheckinBody): Promise<CheckinView> {
  checkNotFuture(app, date);
  const row = await checkinRepo.upsertCheckin(app.database.db, {
    id: randomUUID(),
    user_id: userId,
    date,
    ...answers,
    created_at: app.now().toISOString(),
  });
  return viewOf(row);
}

export async function getCheckin(app: App, userId: string, date: string): Promise<CheckinView> {
  const row = await checkinRepo.findCheckin(app.database.db, userId, date);
  if (!row) throw new DomainError("CHECKIN_NOT_FOUND", `There is no check-in for ${date}.`, { date });
  return viewOf(row);
}

export async function listCheckins(
  app: App,
  userId: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<CheckinListResponse> {
  const [rows, imported] = await Promise.all([
    checkinRepo.listCheckins(app.database.db, userId, range),
    listImportedWellness(app.database.db, userId, range),
  ]);
  return { checkins: rows.map(viewOf), imported };
}

export async function deleteCheckin(app: App, userId: string, date: string): Promise<void> {
  if (!(await checkinRepo.deleteCheckin(app.database.db, userId, date)))
    throw new DomainError("CHECKIN_NOT_FOUND", `There is no check-in for ${date}.`, { date });
}
