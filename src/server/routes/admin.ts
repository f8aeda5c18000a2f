/**
 * Role changes: an admin finds people and sets anyone's role; anyone switches themselves between
 * runner and coach ("I am a coach or physio"); the signed-in holder of the site's one-time setup
 * link becomes its first admin. Changes are audited.
 */
import type { FastifyInstance } from "fastify";
import { adminUsersQuery, roleBody, selfRoleBody, userIdParams } from "../../contracts/sharing.js";
import type { AdminUsersResponse, RoleResponse } from "../../contracts/sharing.js";
import type { App } from "../../services/app.js";
import { listUsersAsAdmin, setOwnRole, setUserRoleAsAdmin } from "../../services/coaching/roles.js";
import { requireUser } from "../auth-context.js";
import { setupClaimBody } from "../../contracts/site-setup.js";
import { claimSiteSetup } from "../../services/account/site-setup.js";

export function adminRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.put("/api/me/role", async (request): Promise<RoleResponse> => {
      const user = requireUser(request);
      const { role } = selfRoleBody.parse(request.body);
      return { user: await setOwnRole(app, user.id, role) };
    });

    server.get("/api/admin/users", async (request): Promise<AdminUsersResponse> => {
      const user = requireUser(request);
      const { q, page } = adminUsersQuery.parse(request.query);
      return listUsersAsAdmin(app, user.id, q ?? "", page ?? 1);
    });

    // The token travels in the body: the link keeps it in the fragment, out of every URL log.
    server.post("/api/setup/claim", async (request): Promise<RoleResponse> => {
      const user = requireUser(request);
      const { token } = setupClaimBody.parse(request.body);
      return { user: await claimSiteSetup(app, user.id, token) };
    });

    server.put("/api/admin/users/:userId/role", async (request): Promise<RoleResponse> => {
      const user = requireUser(request);
      const { userId } = userIdParams.parse(request.params);
      const { role } = roleBody.parse(request.body);
      return { user: await setUserRoleAsAdmin(app, user.id, userId, role) };
    });
  };
}
