/**
 * Role changes: an admin sets anyone's role; anyone switches themselves between runner and
 * coach ("I am a coach or physio"). Both are audited.
 */
import type { FastifyInstance } from "fastify";
import { roleBody, selfRoleBody, userIdParams } from "../../contracts/sharing.js";
import type { RoleResponse } from "../../contracts/sharing.js";
import type { App } from "../../services/app.js";
import { setOwnRole, setUserRoleAsAdmin } from "../../services/coaching/roles.js";
import { requireUser } from "../auth-context.js";

export function adminRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.put("/api/me/role", async (request): Promise<RoleResponse> => {
      const user = requireUser(request);
      const { role } = selfRoleBody.parse(request.body);
      return { user: await setOwnRole(app, user.id, role) };
    });

    server.put("/api/admin/users/:userId/role", async (request): Promise<RoleResponse> => {
      const user = requireUser(request);
      const { userId } = userIdParams.parse(request.params);
      const { role } = roleBody.parse(request.body);
      return { user: await setUserRoleAsAdmin(app, user.id, userId, role) };
    });
  };
}
