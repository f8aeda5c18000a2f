/**
 * The consent rules every coaching use case starts with. Sharing exists only where several
 * people have accounts; a coach sees an athlete only through a live share, checked in the
 * database on every request (no cache), so a revoke takes effect on the next request.
 */
import { DomainError } from "../../core/errors.js";
import { shares } from "../../store/index.js";
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

/** Sharing, note and role changes are audited like moderation (never the text of a note). */
export { audit } from "../audit.js";
