import type { Kysely, Transaction } from "kysely";
import type { EmailVerificationRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertVerification(db: Db, row: EmailVerificationRow): Promise<void> {
  await db.insertInto("email_verifications").values(row).execute();
}

export async function findVerification(db: Db, id: string): Promise<EmailVerificationRow | undefined> {
  return db.selectFrom("email_verifications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks the link used, only if it still is unused: true for exactly one of two racing requests. */
export async function markVerificationUsed(db: Db, id: string, usedAt: string): Promise<boolean> {
  const res = await db
    .updateTable("email_verifications")
    .set({ used_at: usedAt })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A used sign-up link becomes the new account's: it keeps no password hash, and goes with the account. */
export async function attachToUser(db: Db, id: string, userId: string): Promise<void> {
  await db
    .updateTable("email_verifications")
    .set({ user_id: userId, password_hash: null, display_name: null })
    .where("id", "=", id)
    .execute();
}

/** Forgets every link for an address (an account being deleted: sign-ups others tried with it too). */
export async function deleteForEmail(db: Db, email: string): Promise<number> {
  const res = await db.deleteFrom("email_verifications").where("email", "=", email).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A new link for a user's address makes their older, unused ones worthless. */
export async function expireUnusedForUser(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable("email_verifications")
    .set({ expires_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .execute();
}

/** Forgets links that expired before `before`, with the waiting sign-ups' password hashes. */
export async function deleteExpiredVerifications(db: Db, before: string): Promise<number> {
  const res = await db.deleteFrom("email_verifications").where("expires_at", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
