/**
 * The consent rules every coaching use case starts with. Sharing exists only where several
 * people have accounts; a coach sees an athlete only through a live share, checked in the
 * database on every request (no cache), so a revoke takes effect on the next request.
 */
import { DomainError } from "../../core/errors.js";
import { SHARE_SCOPE_LABELS, SHARE_SCOPES } from "../../contracts/sharing.js";
import type { ShareScope } from "../../contracts/sharing.js";
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

/**
 * The kinds of data a share shows, from its JSON column. A kind this build does not know (from a
 * newer one) is left out: consent is never widened by a guess.
 */
export function scopesOf(share: Pick<ShareRow, "scopes">): ShareScope[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(share.scopes);
  } catch {
    return [];
  }
  const list = Array.isArray(parsed) ? parsed : [];
  return SHARE_SCOPES.filter((s) => list.includes(s));
}

/** The column's text for a list of kinds, in the order of SHARE_SCOPES. */
export function scopesJson(scopes: readonly ShareScope[]): string {
  return JSON.stringify(SHARE_SCOPES.filter((s) => scopes.includes(s)));
}

/**
 * The live share, and that it shows this kind of data. A kind not shared is refused with 403
 * SCOPE_NOT_SHARED, never answered with an empty list that would read as "nothing recorded".
 * Checked in the database on every request: a change by the runner applies to the next one.
 */
export async function requireScope(db: Db, coachId: string, athleteId: string, scope: ShareScope): Promise<ShareRow> {
  const share = await requireActiveShare(db, coachId, athleteId);
  if (!scopesOf(share).includes(scope))
    throw new DomainError(
      "SCOPE_NOT_SHARED",
      `This runner does not share "${SHARE_SCOPE_LABELS[scope].toLowerCase()}" with you; only they can choose to share it.`,
      { scope },
    );
  return share;
}

/** Sharing, note and role changes are audited like moderation (never the text of a note). */
export { audit } from "../audit.js";
