import type { Kysely, Transaction } from "kysely";
import type { Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function isKnownDevice(db: Db, id: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("login_devices")
    .select("id")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers (or refreshes) that this browser signed in to this account. */
export async function rememberDevice(db: Db, id: string, userId: string, at: string): Promise<void> {
  await db
    .insertInto("login_devices")
    .values({ id, user_id: userId, created_at: at, last_used_at: at })
    .onConflict((oc) => oc.columns(["id", "user_id"]).doUpdateSet({ last_used_at: at }))
    .execute();
}

/** Forgets browsers not used to sign in since `before`. */
export async function forgetDevicesUnusedSince(db: Db, userId: string, before: string): Promise<void> {
  await db.deleteFrom("login_devices").where("user_id", "=", userId).where("last_used_at", "<", before).execute();
}
