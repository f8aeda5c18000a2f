import type { FastifyInstance } from "fastify";
import { createPlanBody, planUnitsQuery, resumePlanBody } from "../../contracts/plans.js";
import type { ActivePlanResponse, ReturnEntryView } from "../../contracts/plans.js";
import { activePlanICalendar } from "../../services/plans/calendar.js";
import {
  createPlan,
  deleteActivePlan,
  refreshPlan,
  resumeReturnPlan,
} from "../../services/plans/active-plan.js";
import { returnEntryFor } from "../../services/return-to-run-gate.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

export function planRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.post("/api/plans", async (request, reply) => {
      const user = requireUser(request);
      const body = createPlanBody.parse(request.body);
      const { units } = planUnitsQuery.parse(request.query);
      const plan = await createPlan(app, user.id, body, units);
      return reply.status(201).send({ plan } satisfies ActivePlanResponse);
    });

    // Reading adapts: new runs or diary entries since the last look re-plan the weeks ahead.
    server.get("/api/plans/active", async (request): Promise<ActivePlanResponse> => {
      const user = requireUser(request);
      const { units } = planUnitsQuery.parse(request.query);
      return { plan: await refreshPlan(app, user.id, units) };
    });

    // The walk-run return's entry criteria for this runner (clearance after a red flag or bone stress).
    server.get("/api/plans/return-entry", async (request): Promise<ReturnEntryView> => {
      const user = requireUser(request);
      return returnEntryFor(app, user.id);
    });

    // A walk-run return that stopped itself goes on once the runner confirms a clinician's clearance.
    server.post("/api/plans/active/resume", async (request): Promise<ActivePlanResponse> => {
      const user = requireUser(request);
      resumePlanBody.parse(request.body);
      const { units } = planUnitsQuery.parse(request.query);
      return { plan: await resumeReturnPlan(app, user.id, units) };
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
