import type { Kysely, Transaction } from "kysely";
import type { NewUserRow, Schema, UserRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export async function insertUser(db: Db, user: NewUserRow): Promise<UserRow> {
  return db.insertInto("users").values(user).returningAll().executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findLocalOwner(db: Db): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("is_local_owner", "=", 1).executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  // pg returns count(*) as a string.
  return Number(row.n);
}

export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
}
