/**
 * Roles: runner, coach (a coach or physio), moderator, admin. Anyone may switch themselves
 * between runner and coach; every other change is an admin's, and the last admin cannot be
 * demoted (a site without one could not be run). Every change is audited.
 */
import { DomainError } from "../../core/errors.js";
import { ADMIN_USERS_PAGE_SIZE } from "../../contracts/sharing.js";
import type { AdminUsersResponse, UserRole } from "../../contracts/sharing.js";
import { roles, users } from "../../store/index.js";
import type { App } from "../app.js";
import { toPublicUser } from "../auth.js";
import type { PublicUser } from "../auth.js";
import { audit, requireSharing } from "./consent.js";

export async function setOwnRole(app: App, userId: string, role: "runner" | "coach"): Promise<PublicUser> {
  requireSharing(app);
  return app.database.db.transaction().execute(async (trx) => {
    const me = await users.findUserById(trx, userId);
    if (!me) throw new DomainError("NOT_SIGNED_IN", "Sign in to change your role.");
    if (me.role === "moderator" || me.role === "admin")
      throw new DomainError("ROLE_CHANGE_FORBIDDEN", `Your account is ${me.role === "admin" ? "an admin" : "a moderator"}: ask another admin to change your role.`);
    if (me.role === role) return toPublicUser(me);
    await roles.setUserRole(trx, me.id, role);
    await audit(trx, app, me.id, "role.changed", `user:${me.id}`, { from: me.role, to: role });
    return toPublicUser({ ...me, role });
  });
}

export async function setUserRoleAsAdmin(app: App, adminId: string, targetId: string, role: UserRole): Promise<PublicUser> {
  requireSharing(app);
  return app.database.db.transaction().execute(async (trx) => {
    const admin = await users.findUserById(trx, adminId);
    if (admin?.role !== "admin") throw new DomainError("ADMIN_ONLY", "Only an admin can change someone's role.");
    const target = await users.findUserById(trx, targetId);
    if (!target) throw new DomainError("USER_NOT_FOUND", "There is no user with this id.");
    if (target.role === role) return toPublicUser(target);
    if (target.role === "admin" && (await roles.countAdmins(trx)) <= 1)
      throw new DomainError("LAST_ADMIN", "This is the only admin: make someone else an admin first.");
    await roles.setUserRole(trx, target.id, role);
    await audit(trx, app, admin.id, "role.changed", `user:${target.id}`, { from: target.role, to: role });
    return toPublicUser({ ...target, role });
  });
}

/** Accounts for the admin's people page: a search on email or name, a page at a time. */
export async function listUsersAsAdmin(app: App, adminId: string, query: string, page: number): Promise<AdminUsersResponse> {
  requireSharing(app);
  const admin = await users.findUserById(app.database.db, adminId);
  if (admin?.role !== "admin") throw new DomainError("ADMIN_ONLY", "Only an admin can list the people on this site.");
  const { rows, total } = await users.searchUsers(app.database.db, query, ADMIN_USERS_PAGE_SIZE, (page - 1) * ADMIN_USERS_PAGE_SIZE);
  return {
    users: rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, role: r.role, createdAt: r.created_at })),
    page,
    pages: Math.max(1, Math.ceil(total / ADMIN_USERS_PAGE_SIZE)),
    total,
  };
}
