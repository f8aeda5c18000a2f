import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Transaction } from "kysely";
import { DELETE_CONFIRMATION } from "../../contracts/account.js";
import type { DeleteAccountResponse } from "../../contracts/account.js";
import { DomainError } from "../../core/errors.js";
import { auditLog, comments, emailVerifications, users } from "../../store/index.js";
import type { Schema } from "../../store/index.js";
import type { App } from "../app.js";
import { checkCurrentPassword } from "../auth.js";
import { childTablesPresent, likeLiteral, ownedBy, ownedTablesPresent } from "./user-data.js";

/*
 * "Delete my account", which really deletes it: in one transaction, every row of the user in
 * every table (user-data.ts names them all, and a test fails when a table is missing there),
 * explicitly rather than trusting ON DELETE CASCADE, so the search index and counters stay right
 * and the count of what went can be shown.
 *
 * - Comments: each is taken out of the search index, then deleted. Other people's replies to
 *   them stay, as top-level comments of the same article (no placeholder row can outlive its
 *   author, whose id it would hold).
 * - The audit log stays (it is the site's record), with the user's id and email taken out.
 * - Single-user mode: the owner has no password and the app signs every request in as them, so
 *   the owner's row stays (renamed back to the default) and everything else goes.
 */

export const AUDIT_TARGET_DELETED = "user:deleted";

async function deleteComments(trx: Transaction<Schema>, userId: string): Promise<number> {
  const own = await trx.selectFrom("comments").select("id").where("user_id", "=", userId).execute();
  const ids = own.map((r) => r.id);
  for (const id of ids) await comments.unindexCommentTerms(trx, id);
  let deleted = 0;
  for (let at = 0; at < ids.length; at += 500) {
    const chunk = ids.slice(at, at + 500);
    // Replies by others keep their place in the article, one level up.
    await trx.updateTable("comments").set({ parent_id: null }).where("parent_id", "in", chunk).where("user_id", "<>", userId).execute();
    const res = await trx.deleteFrom("comments").where("id", "in", chunk).executeTakeFirst();
    deleted += Number(res.numDeletedRows);
  }
  return deleted;
}

async function scrubAuditLog(trx: Transaction<Schema>, userId: string, email: string): Promise<void> {
  await trx.updateTable("audit_log").set({ actor_id: null }).where("actor_id", "=", userId).execute();
  await trx.updateTable("audit_log").set({ target: AUDIT_TARGET_DELETED }).where("target", "=", `user:${userId}`).execute();
  const mentions = [userId, email].map((v) => `%${likeLiteral(v)}%`);
  for (const pattern of mentions) {
    await trx
      .updateTable("audit_log")
      .set({ details_json: JSON.stringify({ redacted: "the account was deleted" }) })
      .where(sql<boolean>`details_json like ${pattern} escape '\\'`)
      .execute();
    await trx
      .updateTable("audit_log")
      .set({ target: AUDIT_TARGET_DELETED })
      .where(sql<boolean>`target like ${pattern} escape '\\'`)
      .execute();
  }
}

/**
 * Rate-limit counters are keyed "<rule>:<subject>"; the user's subjects are their id and email,
 * alone or paired with an address or a browser ("email|address", "device|email").
 */
async function deleteRateLimits(trx: Transaction<Schema>, userId: string, email: string): Promise<number> {
  let deleted = 0;
  for (const pattern of [`%:${likeLiteral(userId)}`, `%:${likeLiteral(email)}`, `%:${likeLiteral(email)}|%`, `%|${likeLiteral(email)}`]) {
    const res = await trx
      .deleteFrom("rate_limits")
      .where(sql<boolean>`key like ${pattern} escape '\\'`)
      .executeTakeFirst();
    deleted += Number(res.numDeletedRows);
  }
  return deleted;
}

export async function deleteAccount(
  app: App,
  userId: string,
  input: { password?: string | undefined; confirm: string },
): Promise<DeleteAccountResponse> {
  if (input.confirm !== DELETE_CONFIRMATION)
    throw new DomainError("CONFIRMATION_REQUIRED", `Type "${DELETE_CONFIRMATION}" to confirm deleting the account.`);
  const { db } = app.database;
  const user = await users.findUserById(db, userId);
  if (!user) throw new DomainError("USER_NOT_FOUND", "This account no longer exists.");
  const keepAccount = app.mode === "local" || user.is_local_owner === 1;
  if (!keepAccount) {
    await checkCurrentPassword(app, user, input.password, "password", "The password is not right.");
  }

  return db.transaction().execute(async (trx) => {
    const deleted: Record<string, number> = {};
    const count = (table: string, n: number) => {
      if (n > 0) deleted[table] = (deleted[table] ?? 0) + n;
    };
    count("comments", await deleteComments(trx, userId));
    for (const { name, plan, parent } of await childTablesPresent(trx)) {
      const res = await sql`delete from ${sql.table(name)} where ${sql.ref(plan.column)} in (select ${sql.ref(plan.parentKey)} from ${sql.table(plan.parent)} where ${ownedBy(parent.owners, userId)})`.execute(trx);
      count(name, Number(res.numAffectedRows ?? 0n));
    }
    for (const { name, plan, columns } of await ownedTablesPresent(trx)) {
      for (const column of plan.mentions ?? []) {
        if (columns.has(column)) await sql`update ${sql.table(name)} set ${sql.ref(column)} = null where ${sql.ref(column)} = ${userId}`.execute(trx);
      }
      const res = await sql`delete from ${sql.table(name)} where ${ownedBy(plan.owners, userId)}`.execute(trx);
      count(name, Number(res.numAffectedRows ?? 0n));
    }
    count("rate_limits", await deleteRateLimits(trx, userId, user.email));
    // Sign-ups others tried with this address wait under the address, not the account.
    count("email_verifications", await emailVerifications.deleteForEmail(trx, user.email));
    await scrubAuditLog(trx, userId, user.email);
    if (keepAccount) {
      await trx.updateTable("users").set({ display_name: "Runner", settings_json: "{}" }).where("id", "=", userId).execute();
    } else {
      await trx.deleteFrom("users").where("id", "=", userId).execute();
      count("users", 1);
    }
    // The record says an account went, and how much with it; nothing that names the person.
    await auditLog.insertAudit(trx, {
      id: randomUUID(),
      actorId: null,
      action: "account.deleted",
      target: AUDIT_TARGET_DELETED,
      details: { mode: app.mode, accountKept: keepAccount, rows: deleted },
      createdAt: app.now().toISOString(),
    });
    return { deleted, accountKept: keepAccount };
  });
}
