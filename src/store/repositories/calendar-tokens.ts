import type { Kysely, Transaction } from "kysely";
import type { CalendarTokenRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertCalendarToken(db: Db, row: CalendarTokenRow): Promise<void> {
  await db.insertInto("calendar_tokens").values(row).execute();
}

/** Revokes every live token of the runner; returns how many were live. */
export async function revokeCalendarTokens(
  db: Db,
  userId: string,
  nowIso: string,
): Promise<number> {
  const res = await db
    .updateTable("calendar_tokens")
    .set({ revoked_at: nowIso })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The live (not revoked) token with this hash, or undefined. */
export async function findLiveCalendarToken(
  db: Db,
  tokenHash: string,
): Promise<CalendarTokenRow | undefined> {
  return db
    .selectFrom("calendar_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

export async function findLiveCalendarTokenOf(
  db: Db,
  userId: string,
): Promise<CalendarTokenRow | undefined> {
  return db
    .selectFrom("calendar_tokens")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}
