import { sql } from "kysely";
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

/** The text taken literally in a LIKE pattern: %, _ and the backslash escaped with a backslash. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Accounts whose email or display name contains `query` (any case), oldest first, a page at a
 * time, with the number that match. The local owner of a single-user copy is not listed.
 */
export async function searchUsers(
  db: Db,
  query: string,
  limit: number,
  offset: number,
): Promise<{ rows: UserRow[]; total: number }> {
  const pattern = `%${likeLiteral(query.toLowerCase())}%`;
  let base = db.selectFrom("users").where("is_local_owner", "=", 0);
  if (query !== "")
    base = base.where((eb) =>
      eb.or([
        eb(sql`lower(email)`, "like", sql`${pattern} escape '\\'`),
        eb(sql`lower(display_name)`, "like", sql`${pattern} escape '\\'`),
      ]),
    );
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy("created_at").orderBy("id").limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  // pg returns count(*) as a string.
  return { rows, total: Number(count.n) };
}

/** Marks the address proved, only while the account still uses it: false when it moved meanwhile. */
export async function setEmailVerified(db: Db, id: string, email: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable("users")
    .set({ email_verified_at: at })
    .where("id", "=", id)
    .where("email", "=", email)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Moves the account to another address, unverified until its own link is opened. */
export async function setEmail(db: Db, id: string, email: string): Promise<void> {
  await db.updateTable("users").set({ email: email.toLowerCase(), email_verified_at: null }).where("id", "=", id).execute();
}
