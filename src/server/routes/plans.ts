import type { FastifyInstance } from "fastify";
import { createPlanBody } from "../../contracts/plans.js";
import type { ActivePlanResponse } from "../../contracts/plans.js";
import {
  activePlanICalendar,
  createPlan,
  deleteActivePlan,
  refreshPlan,
} from "../../services/plans.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

export function planRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.post("/api/plans", async (request, reply) => {
      const user = requireUser(request);
      const body = createPlanBody.parse(request.body);
      const plan = await createPlan(app, user.id, body);
      return reply.status(201).send({ plan } satisfies ActivePlanResponse);
    });

    // Reading adapts: new runs or diary entries since the last look re-plan the weeks ahead.
    server.get("/api/plans/active", async (request): Promise<ActivePlanResponse> => {
      const user = requireUser(request);
      return { plan: await refreshPlan(app, user.id) };
    });

    server.delete("/api/plans/active", async (request, reply) => {
      const user = requireUser(request);
      await deleteActivePlan(app, user.id);
      return reply.status(204).send();
    });

    server.get("/api/plans/active.ics", async (request, reply) => {
      const user = requireUser(request);
      const text = await activePlanICalendar(app, user.id);
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", 'attachment; filename="kneewise-plan.ics"')
        .send(text);
    });
  };
}
