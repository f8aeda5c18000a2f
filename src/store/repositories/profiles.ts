import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { ProfilesTable, Schema } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;
export type ProfileRow = Selectable<ProfilesTable>;
export type NewProfileRow = Insertable<ProfilesTable>;

export async function findProfile(db: Db, userId: string): Promise<ProfileRow | undefined> {
  return db.selectFrom("profiles").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** Inserts or replaces the user's one profile row (ON CONFLICT works the same on both dialects). */
export async function upsertProfile(db: Db, row: NewProfileRow): Promise<ProfileRow> {
  const { user_id: _userId, ...fields } = row;
  return db
    .insertInto("profiles")
    .values(row)
    .onConflict((oc) => oc.column("user_id").doUpdateSet(fields))
    .returningAll()
    .executeTakeFirstOrThrow();
}
