import type { Kysely, Transaction } from "kysely";
import type { NewOriginalFileRow, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/** Few rows per statement: each holds a whole compressed file. */
const INSERT_CHUNK = 50;

/** Stores originals; a file this user already has (same content hash) is left as it is. */
export async function insertOriginalFiles(
  db: Db,
  rows: readonly NewOriginalFileRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("original_files")
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["user_id", "sha256"]).doNothing())
      .execute();
  }
}

/** The user's originals without their bytes, oldest first. */
export async function listOriginalFiles(
  db: Db,
  userId: string,
): Promise<
  { id: string; sha256: string; file_name: string; size_bytes: number; created_at: string }[]
> {
  const rows = await db
    .selectFrom("original_files")
    .select(["id", "sha256", "file_name", "size_bytes", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("file_name")
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

/** One original's gzip bytes, or undefined when this user has no such file. */
export async function readOriginalFile(
  db: Db,
  userId: string,
  id: string,
): Promise<{ file_name: string; bytes_gz: Buffer } | undefined> {
  const row = await db
    .selectFrom("original_files")
    .select(["file_name", "bytes_gz"])
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  // Both drivers hand back a Buffer for blob/bytea; anything else is copied into one.
  return {
    file_name: row.file_name,
    bytes_gz: Buffer.isBuffer(row.bytes_gz) ? row.bytes_gz : Buffer.from(row.bytes_gz),
  };
}
