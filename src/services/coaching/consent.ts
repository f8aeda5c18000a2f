/**
 * The consent rules every coaching use case starts with. Sharing exists only where several
 * people have accounts; a coach sees an athlete only through a live share, checked in the
 * database on every request (no cache), so a revoke takes effect on the next request.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "../../core/errors.js";
import { auditLog, shares } from "../../store/index.js";
import type { Schema, ShareRow } from "../../store/index.js";
import type { Kysely, Transaction } from "kysely";
import type { App } from "../app.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export function requireSharing(app: App): void {
  if (app.mode !== "multi")
    throw new DomainError(
      "SHARING_UNAVAILABLE",
      "Sharing with a coach needs kneewise to run for several people (multi-user mode); on your own computer there is no one to share with.",
    );
}

/**
 * The live share between this coach and athlete. Without one the athlete is "not found", the
 * same answer as for an id that does not exist: a coach cannot probe who uses kneewise.
 */
export async function requireActiveShare(db: Db, coachId: string, athleteId: string): Promise<ShareRow> {
  const share = await shares.findActiveShare(db, coachId, athleteId);
  if (!share) throw new DomainError("ATHLETE_NOT_FOUND", "There is no athlete with this id among the runners who share their data with you.");
  return share;
}

/** One audit row: who did what, about whom, when. Never the text of a note. */
export async function audit(
  db: Db,
  app: App,
  actorId: string,
  action: string,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  await auditLog.insertAudit(db, {
    id: randomUUID(),
    actorId,
    action,
    target,
    details,
    createdAt: app.now().toISOString(),
  });
}
