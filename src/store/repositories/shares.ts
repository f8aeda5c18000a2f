import type { Insertable, Kysely, Transaction } from "kysely";
import type { Schema, ShareRow, SharesTable } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export type NewShareRow = Insertable<SharesTable>;

/** A share with the display name and email of the person on the other side. */
export type ShareWithPerson = ShareRow & {
  person_name: string | null;
  person_email: string | null;
};

/** Shares joined with the runner who made them: the runner is the person a coach sees. */
function sharesWithAthlete(db: Db) {
  return db
    .selectFrom("shares")
    .innerJoin("users", "users.id", "shares.athlete_id")
    .selectAll("shares")
    .select(["users.display_name as person_name", "users.email as person_email"]);
}

export async function insertShare(db: Db, row: NewShareRow): Promise<ShareRow> {
  return db.insertInto("shares").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findShare(db: Db, id: string): Promise<ShareRow | undefined> {
  return db.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * The live share that lets this coach see this runner, or undefined. Every athlete read goes
 * through here, on every request: a revoke takes effect on the very next one.
 */
export async function findActiveShare(
  db: Db,
  coachId: string,
  athleteId: string,
): Promise<ShareRow | undefined> {
  return db
    .selectFrom("shares")
    .selectAll()
    .where("coach_id", "=", coachId)
    .where("athlete_id", "=", athleteId)
    .where("status", "=", "active")
    .executeTakeFirst();
}

/** The pending link invitation with this token hash (expired ones included: the caller says so). */
export async function findPendingByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<ShareRow | undefined> {
  return db
    .selectFrom("shares")
    .selectAll()
    .where("invite_token_hash", "=", tokenHash)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

/** A runner's pending and active shares with the coach's name (active) or nothing (pending), oldest first. */
export async function listLiveSharesOfAthlete(
  db: Db,
  athleteId: string,
  /** Also invitations declined at or after this instant, so the runner hears the answer. */
  declinedSince?: string,
): Promise<ShareWithPerson[]> {
  return db
    .selectFrom("shares")
    .leftJoin("users", "users.id", "shares.coach_id")
    .selectAll("shares")
    .select(["users.display_name as person_name", "users.email as person_email"])
    .where("shares.athlete_id", "=", athleteId)
    .where((eb) =>
      declinedSince === undefined
        ? eb("shares.status", "in", ["pending", "active"])
        : eb.or([
            eb("shares.status", "in", ["pending", "active"]),
            eb.and([eb("shares.status", "=", "declined"), eb("shares.revoked_at", ">=", declinedSince)]),
          ]),
    )
    .orderBy("shares.created_at", "asc")
    .orderBy("shares.id", "asc")
    .execute();
}

/** The active shares of a coach with each runner's name, by name. */
export async function listActiveSharesOfCoach(db: Db, coachId: string): Promise<ShareWithPerson[]> {
  return sharesWithAthlete(db)
    .where("shares.coach_id", "=", coachId)
    .where("shares.status", "=", "active")
    .orderBy("users.display_name", "asc")
    .orderBy("shares.id", "asc")
    .execute();
}

/** Email invitations waiting for this address, with the runner's name, oldest first. */
export async function listPendingForEmail(db: Db, email: string): Promise<ShareWithPerson[]> {
  return sharesWithAthlete(db)
    .where("shares.invite_email", "=", email)
    .where("shares.status", "=", "pending")
    .orderBy("shares.created_at", "asc")
    .execute();
}

export async function findPendingEmailInvite(
  db: Db,
  athleteId: string,
  email: string,
): Promise<ShareRow | undefined> {
  return db
    .selectFrom("shares")
    .selectAll()
    .where("athlete_id", "=", athleteId)
    .where("invite_email", "=", email)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

/** Whether the runner already shares with an account with this email. */
export async function findActiveShareWithEmail(
  db: Db,
  athleteId: string,
  email: string,
): Promise<ShareRow | undefined> {
  return db
    .selectFrom("shares")
    .innerJoin("users", "users.id", "shares.coach_id")
    .selectAll("shares")
    .where("shares.athlete_id", "=", athleteId)
    .where("users.email", "=", email)
    .where("shares.status", "=", "active")
    .executeTakeFirst();
}

/**
 * Turns a pending share into an active one for this coach, only if it is still pending: of two
 * requests racing to accept a single-use link, exactly one wins. Returns whether this one did.
 */
export async function activateShare(
  db: Db,
  id: string,
  coachId: string,
  nowIso: string,
): Promise<boolean> {
  const res = await db
    .updateTable("shares")
    .set({ status: "active", coach_id: coachId, accepted_at: nowIso })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Ends a pending or active share; returns whether it was live. */
/** Ends a share that is in one of the `from` states; false when it was in none of them. */
async function endShare(
  db: Db,
  id: string,
  byUserId: string,
  nowIso: string,
  status: "revoked" | "declined",
  from: readonly ShareRow["status"][],
): Promise<boolean> {
  const res = await db
    .updateTable("shares")
    .set({ status, revoked_at: nowIso, revoked_by: byUserId })
    .where("id", "=", id)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The invitee turns a pending invitation down; false when it was no longer pending. */
export function declineShare(db: Db, id: string, byUserId: string, nowIso: string): Promise<boolean> {
  return endShare(db, id, byUserId, nowIso, "declined", ["pending"]);
}

export function revokeShare(db: Db, id: string, byUserId: string, nowIso: string): Promise<boolean> {
  return endShare(db, id, byUserId, nowIso, "revoked", ["pending", "active"]);
}

export async function setShareAccess(
  db: Db,
  id: string,
  access: ShareRow["access"],
): Promise<void> {
  await db.updateTable("shares").set({ access }).where("id", "=", id).execute();
}

/** The kinds of data a share shows, as the JSON array the column keeps (migration 0022). */
export async function setShareScopes(db: Db, id: string, scopesJson: string): Promise<void> {
  await db.updateTable("shares").set({ scopes: scopesJson }).where("id", "=", id).execute();
}
