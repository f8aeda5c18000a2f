import type { Kysely, Transaction } from "kysely";
import type { Schema, UploadTokenRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertUploadToken(db: Db, row: UploadTokenRow): Promise<void> {
  await db.insertInto("upload_tokens").values(row).execute();
}

/** The runner's tokens, oldest first (the order they were made in). */
export async function listUploadTokens(db: Db, userId: string): Promise<UploadTokenRow[]> {
  return db
    .selectFrom("upload_tokens")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function countUploadTokens(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("upload_tokens")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes one of the runner's tokens; false when they have none with this id. */
export async function deleteUploadToken(db: Db, userId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom("upload_tokens")
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The token with this hash, or undefined. */
export async function findUploadTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<UploadTokenRow | undefined> {
  return db
    .selectFrom("upload_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function touchUploadToken(db: Db, id: string, nowIso: string): Promise<void> {
  await db
    .updateTable("upload_tokens")
    .set({ last_used_at: nowIso })
    .where("id", "=", id)
    .execute();
}
