/**
 * The training-load guard over HTTP: the report, shoes, hand-logged activities, the runner's
 * choice of pair and surface per activity, and check-ins. The /api/activities paths belong to
 * the import area; this area's activity routes live under /api/training/activities.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  activityGearBody,
  checkinBody,
  checkinDateParams,
  checkinListQuery,
  manualActivityBody,
  reportQuery,
  shoeCreateBody,
  shoeRetireBody,
  shoeUpdateBody,
} from "../../contracts/training.js";
import type {
  ActivityGearView,
  CheckinListResponse,
  CheckinView,
  ManualActivityView,
  ShoeListResponse,
  ShoeView,
} from "../../contracts/training.js";
import type { App } from "../../services/app.js";
import { deleteCheckin, getCheckin, listCheckins, saveCheckin } from "../../services/checkins.js";
import { addManualActivity, deleteManualActivity } from "../../services/manual-entry.js";
import {
  createShoe,
  deleteShoe,
  getShoe,
  listShoes,
  retireShoe,
  setActivityGear,
  unretireShoe,
  updateShoe,
} from "../../services/shoes.js";
import { trainingReportJson } from "../../services/training-report.js";
import { requireUser } from "../auth-context.js";

const idParams = z.object({ id: z.string().min(1).max(100) }).strict();
const asOfQuery = z.object({ asOf: reportQuery.shape.asOf }).strict();

export function trainingRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/training/report", async (request, reply) => {
      const user = requireUser(request);
      const q = reportQuery.parse(request.query);
      // The kept JSON text goes out as it is: on the dashboard's hot path, building and
      // serialising ~20 kB costs more than everything else (issue 7, bench:load).
      const body = await trainingReportJson(app, user.id, {
        asOf: q.asOf,
        weeks: q.weeks,
        locale: q.locale,
        units: q.units,
        knownDataVersion: request.dataVersion ?? undefined,
        // A report that must be built counts against the runner's budget (RATE_RULES.reportBuild).
        budgetFor: user.id,
      });
      return reply.type("application/json; charset=utf-8").send(body);
    });

    // ------------------------------------------------------------ shoes
    server.get("/api/shoes", async (request): Promise<ShoeListResponse> => {
      const user = requireUser(request);
      const q = asOfQuery.parse(request.query);
      return listShoes(app, user.id, q.asOf);
    });

    server.post("/api/shoes", async (request, reply) => {
      const user = requireUser(request);
      const body = shoeCreateBody.parse(request.body);
      const shoe: ShoeView = await createShoe(app, user.id, body);
      return reply.status(201).send(shoe);
    });

    server.get("/api/shoes/:id", async (request): Promise<ShoeView> => {
      const user = requireUser(request);
      const { id } = idParams.parse(request.params);
      return getShoe(app, user.id, id);
    });

    server.patch("/api/shoes/:id", async (request): Promise<ShoeView> => {
      const user = requireUser(request);
      const { id } = idParams.parse(request.params);
      return updateShoe(app, user.id, id, shoeUpdateBody.parse(request.body));
    });

    server.post("/api/shoes/:id/retire", async (request): Promise<ShoeView> => {
      const user = requireUser(request);
      const { id } = idParams.parse(request.params);
      const body = shoeRetireBody.parse(request.body ?? {});
      return retireShoe(app, user.id, id, body.on);
    });

    server.post("/api/shoes/:id/unretire", async (request): Promise<ShoeView> => {
      const user = requireUser(request);
      const { id } = idParams.parse(request.params);
      return unretireShoe(app, user.id, id);
    });

    server.delete("/api/shoes/:id", async (request, reply) => {
      const user = requireUser(request);
      const { id } = idParams.parse(request.params);
      await deleteShoe(app, user.id, id);
      return reply.status(204).send();
    });

    // ------------------------------------------------------------ activities
    server.post("/api/training/activities", async (request, reply) => {
      const user = requireUser(request);
      const body = manualActivityBody.parse(request.body);
      const created: ManualActivityView = await addManualActivity(app, user.id, body);
      return reply.status(201).send(created);
    });

    server.patch("/api/training/activities/:id", async (request): Promise<ActivityGearView> => {
      const user = requireUser(request);
      const { id } = idParams.parse(request.params);
      return setActivityGear(app, user.id, id, activityGearBody.parse(request.body));
    });

    server.delete("/api/training/activities/:id", async (request, reply) => {
      const user = requireUser(request);
      const { id } = idParams.parse(request.params);
      await deleteManualActivity(app, user.id, id);
      return reply.status(204).send();
    });

    // ------------------------------------------------------------ check-ins
    server.get("/api/checkins", async (request): Promise<CheckinListResponse> => {
      const user = requireUser(request);
      const q = checkinListQuery.parse(request.query);
      return listCheckins(app, user.id, q);
    });

    server.get("/api/checkins/:date", async (request): Promise<CheckinView> => {
      const user = requireUser(request);
      const { date } = checkinDateParams.parse(request.params);
      return getCheckin(app, user.id, date);
    });

    server.put("/api/checkins/:date", async (request): Promise<CheckinView> => {
      const user = requireUser(request);
      const { date } = checkinDateParams.parse(request.params);
      return saveCheckin(app, user.id, date, checkinBody.parse(request.body));
    });

    server.delete("/api/checkins/:date", async (request, reply) => {
      const user = requireUser(request);
      const { date } = checkinDateParams.parse(request.params);
      await deleteCheckin(app, user.id, date);
      return reply.status(204).send();
    });
  };
}
