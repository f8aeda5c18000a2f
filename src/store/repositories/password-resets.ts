import type { Kysely, Transaction } from "kysely";
import type { PasswordResetTokenRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertResetToken(db: Db, row: PasswordResetTokenRow): Promise<void> {
  await db.insertInto("password_reset_tokens").values(row).execute();
}

export async function findResetToken(
  db: Db,
  id: string,
): Promise<PasswordResetTokenRow | undefined> {
  return db.selectFrom("password_reset_tokens").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Marks the token used, only if it still is unused: true for exactly one of two requests that
 * race with the same link.
 */
export async function markResetTokenUsed(db: Db, id: string, usedAt: string): Promise<boolean> {
  const res = await db
    .updateTable("password_reset_tokens")
    .set({ used_at: usedAt })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A new link makes the user's older, unused ones worthless. */
export async function expireUnusedResetTokens(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable("password_reset_tokens")
    .set({ expires_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .execute();
}

/** Forgets tokens that expired before `before` (used or not): they can prove nothing any more. */
export async function deleteExpiredResetTokens(db: Db, before: string): Promise<number> {
  const res = await db
    .deleteFrom("password_reset_tokens")
    .where("expires_at", "<", before)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
