import { DomainError } from "../../core/errors.js";
import { users } from "../../store/index.js";
import { ensureLocalOwner, normaliseEmail, toPublicUser } from "../auth.js";
import type { PublicUser } from "../auth.js";
import type { App } from "../app.js";

/**
 * Whose history a command-line import fills: the account named by email, else the local owner.
 * A database with accounts but no local owner (a multi-user site) needs the email: guessing
 * would put one runner's history into another's account.
 */
export async function resolveImportUser(app: App, email: string | undefined): Promise<PublicUser> {
  const { db } = app.database;
  if (email !== undefined) {
    const row = await users.findUserByEmail(db, normaliseEmail(email));
    if (!row) throw new DomainError("USER_NOT_FOUND", `No account with the email address ${email} in this database.`);
    return toPublicUser(row);
  }
  if (app.database.dialect === "postgres") {
    throw new DomainError("USER_REQUIRED", "This is a PostgreSQL database with several accounts: name whose history to import with --user EMAIL.");
  }
  const owner = await users.findLocalOwner(db);
  if (owner) return toPublicUser(owner);
  if ((await users.countUsers(db)) > 0) {
    throw new DomainError("USER_REQUIRED", "This database has accounts but no local owner: name whose history to import with --user EMAIL.");
  }
  return ensureLocalOwner(app);
}
