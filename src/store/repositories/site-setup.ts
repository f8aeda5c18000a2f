import type { Kysely, Transaction } from "kysely";
import type { Schema, SiteSetupLinkRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/** The slot of the first-admin link: one row, so instances starting at once make one link. */
export const FIRST_ADMIN_SLOT = "first-admin";

/** A new link: the hash of its token and its times (the token itself is never stored). */
export interface NewSetupLink {
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}

/** The slot's columns for a new, unused link. */
function linkColumns(link: NewSetupLink) {
  return {
    token_hash: link.tokenHash,
    created_at: link.createdAt,
    expires_at: link.expiresAt,
    used_at: null,
  };
}

export async function findSetupLink(db: Db): Promise<SiteSetupLinkRow | undefined> {
  return db
    .selectFrom("site_setup_links")
    .selectAll()
    .where("slot", "=", FIRST_ADMIN_SLOT)
    .executeTakeFirst();
}

/**
 * Stores a new link unless a live one exists (unused and unexpired at `now`). True when this
 * call's link is the one stored: the caller then, and only then, prints it.
 */
export async function putSetupLinkUnlessLive(db: Db, link: NewSetupLink, now: string): Promise<boolean> {
  const inserted = await db
    .insertInto("site_setup_links")
    .values({ slot: FIRST_ADMIN_SLOT, ...linkColumns(link) })
    .onConflict((oc) => oc.column("slot").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  // One UPDATE with the condition in it: of two instances replacing a dead link, one wins.
  const replaced = await db
    .updateTable("site_setup_links")
    .set(linkColumns(link))
    .where("slot", "=", FIRST_ADMIN_SLOT)
    .where((eb) => eb.or([eb("used_at", "is not", null), eb("expires_at", "<=", now)]))
    .executeTakeFirst();
  return Number(replaced.numUpdatedRows) > 0;
}

/** Replaces the link whatever its state (`kneewise admin setup-link`: the operator asked for a new one). */
export async function replaceSetupLink(db: Db, link: NewSetupLink): Promise<void> {
  await db
    .insertInto("site_setup_links")
    .values({ slot: FIRST_ADMIN_SLOT, ...linkColumns(link) })
    .onConflict((oc) => oc.column("slot").doUpdateSet(linkColumns(link)))
    .execute();
}

/** Marks the link used, if it is still the one with this hash and unused; true when this call did. */
export async function useSetupLink(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("site_setup_links")
    .set({ used_at: now })
    .where("slot", "=", FIRST_ADMIN_SLOT)
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function addSignupInvite(db: Db, email: string, now: string): Promise<boolean> {
  const result = await db
    .insertInto("signup_invites")
    .values({ email, created_at: now })
    .onConflict((oc) => oc.column("email").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function isInvited(db: Db, email: string): Promise<boolean> {
  return (
    (await db
      .selectFrom("signup_invites")
      .select("email")
      .where("email", "=", email)
      .executeTakeFirst()) !== undefined
  );
}

export async function removeSignupInvite(db: Db, email: string): Promise<boolean> {
  const result = await db
    .deleteFrom("signup_invites")
    .where("email", "=", email)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
