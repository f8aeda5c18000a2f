import { sql } from "kysely";
import type { Kysely, Transaction } from "kysely";
import type { Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Counts one more event for `key` in the window starting at `windowStart` and returns the new
 * count. One atomic upsert, so concurrent instances never lose an increment.
 */
export async function incrementCounter(db: Db, key: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc
        .columns(["key", "window_start"])
        .doUpdateSet({ count: (eb) => eb("rate_limits.count", "+", 1) }),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Forgets the key's finished windows, so the table holds one row per active key. */
export async function deleteOldWindows(db: Db, key: string, before: string): Promise<void> {
  await db
    .deleteFrom("rate_limits")
    .where("key", "=", key)
    .where("window_start", "<", before)
    .execute();
}

/** The key's counts per window, for windows starting at or after `since`, oldest first. */
export async function windowsSince(db: Db, key: string, since: string): Promise<{ window_start: string; count: number }[]> {
  const rows = await db
    .selectFrom("rate_limits")
    .select(["window_start", "count"])
    .where("key", "=", key)
    .where("window_start", ">=", since)
    .orderBy("window_start")
    .execute();
  return rows.map((r) => ({ window_start: r.window_start, count: Number(r.count) }));
}

/** Forgets every counter whose key starts with `prefix` (taken literally). */
export async function deleteKeysWithPrefix(db: Db, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  await db
    .deleteFrom("rate_limits")
    .where(sql<boolean>`${sql.ref("key")} like ${pattern} escape '\\'`)
    .execute();
}
