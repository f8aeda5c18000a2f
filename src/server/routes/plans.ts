import type { FastifyInstance } from "fastify";
import { createPlanBody, planUnitsQuery, resumePlanBody, returnEntryQuery } from "../../contracts/plans.js";
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
      const plan = await createPlan(app, user.id, body, planUnitsQuery.parse(request.query));
      return reply.status(201).send({ plan } satisfies ActivePlanResponse);
    });

    // Reading adapts: new runs or diary entries since the last look re-plan the weeks ahead.
    server.get("/api/plans/active", async (request): Promise<ActivePlanResponse> => {
      const user = requireUser(request);
      return { plan: await refreshPlan(app, user.id, planUnitsQuery.parse(request.query)) };
    });

    // The walk-run return's entry criteria for this runner (clearance after a red flag or bone stress).
    server.get("/api/plans/return-entry", async (request): Promise<ReturnEntryView> => {
      const user = requireUser(request);
      const { locale } = returnEntryQuery.parse(request.query);
      return returnEntryFor(app, user.id, locale);
    });

    // A walk-run return that stopped itself goes on once the runner confirms a clinician's clearance.
    server.post("/api/plans/active/resume", async (request): Promise<ActivePlanResponse> => {
      const user = requireUser(request);
      resumePlanBody.parse(request.body);
      return { plan: await resumeReturnPlan(app, user.id, planUnitsQuery.parse(request.query)) };
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
