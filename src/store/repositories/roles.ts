import type { Kysely, Transaction } from "kysely";
import type { Schema, UserRow } from "../schema.js";

type Db = Kysely<Schema> | Transaction<Schema>;

// Roles live in the users table; changing them belongs to the sharing and roles area.

export async function setUserRole(db: Db, userId: string, role: UserRow["role"]): Promise<void> {
  await db.updateTable("users").set({ role }).where("id", "=", userId).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  // pg returns count(*) as a string.
  return Number(row.n);
}
