import { randomUUID } from "node:crypto";
import { validateReportReason } from "../../core/community/validate-comment.js";
import { DomainError } from "../../core/errors.js";
import { comments, moderation } from "../../store/index.js";
import type { App } from "../app.js";
import { enforceRateLimit, RATE_RULES } from "../rate-limit.js";
import { actingUser, notBanned } from "./access.js";
import type { Db } from "./db.js";

/** Reports someone else's visible comment to the moderators; reporting twice changes nothing. */
export async function reportComment(
  app: App,
  userId: string,
  id: string,
  rawReason: string,
): Promise<void> {
  const { db } = app.database;
  const user = await actingUser(db, userId);
  await checkReportable(db, userId, id);
  await notBanned(db, user);
  const reason = validateReportReason(rawReason);
  await db.transaction().execute(async (trx) => {
    const now = app.now();
    if (app.mode === "multi") await enforceRateLimit(trx, RATE_RULES.report, user.id, now);
    await moderation.insertReport(trx, {
      id: randomUUID(),
      comment_id: id,
      user_id: userId,
      reason,
      created_at: now.toISOString(),
      resolved_at: null,
    });
  });
}

/** Only a visible comment can be reported, and only by someone other than its author. */
async function checkReportable(db: Db, userId: string, id: string): Promise<void> {
  const row = await comments.findComment(db, id);
  if (!row || row.deleted_at !== null || row.status !== "visible")
    throw new DomainError("COMMENT_NOT_FOUND", "There is no such comment.");
  if (row.user_id === userId)
    throw new DomainError(
      "CANNOT_REPORT_OWN",
      "You cannot report your own comment; edit or delete it instead.",
    );
}
