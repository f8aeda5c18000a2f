/** The pain diary over HTTP: one entry per day, the traffic light and the runner's patterns. */
import type { FastifyInstance } from "fastify";
import { painDateParams, painListQuery, painStatusQuery } from "../../contracts/pain.js";
import type { PainEntryResponse, PainListResponse, PainStatusResponse } from "../../contracts/pain.js";
import type { App } from "../../services/app.js";
import { deletePainEntry, getPainEntry, listPainEntries, painStatusFor, savePainEntry } from "../../services/pain.js";
import { requireUser } from "../auth-context.js";

export function painRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/pain", async (request): Promise<PainListResponse> => {
      const user = requireUser(request);
      const q = painListQuery.parse(request.query);
      return { entries: await listPainEntries(app, user.id, q) };
    });

    // A static path: Fastify matches it before /api/pain/:date.
    server.get("/api/pain/status", async (request): Promise<PainStatusResponse> => {
      const user = requireUser(request);
      const q = painStatusQuery.parse(request.query);
      return painStatusFor(app, user.id, q);
    });

    server.get("/api/pain/:date", async (request): Promise<PainEntryResponse> => {
      const user = requireUser(request);
      const { date } = painDateParams.parse(request.params);
      return { entry: await getPainEntry(app, user.id, date) };
    });

    server.put("/api/pain/:date", async (request, reply) => {
      const user = requireUser(request);
      const { date } = painDateParams.parse(request.params);
      const { entry, created } = await savePainEntry(app, user.id, date, request.body);
      return reply.status(created ? 201 : 200).send({ entry } satisfies PainEntryResponse);
    });

    // Answers the deleted entry, so that the client can put it back (undo) with a PUT.
    server.delete("/api/pain/:date", async (request): Promise<PainEntryResponse> => {
      const user = requireUser(request);
      const { date } = painDateParams.parse(request.params);
      return { entry: await deletePainEntry(app, user.id, date) };
    });
  };
}
