/** Exercise programmes over HTTP: a programme to show and print, and the log of sessions done. */
import type { FastifyInstance } from "fastify";
import { programmeParams, programmeSessionListQuery, programmeSessionParams } from "../../contracts/programmes.js";
import type { ProgrammeResponse, ProgrammeSessionListResponse, ProgrammeSessionResponse } from "../../contracts/programmes.js";
import type { App } from "../../services/app.js";
import {
  deleteProgrammeSession,
  listProgrammeSessions,
  logProgrammeSession,
  programmeView,
  programmeWithLog,
} from "../../services/programmes.js";
import type { ProgrammeContent } from "../../services/programmes.js";
import { requireUser } from "../auth-context.js";

export function programmeRoutes(app: App, content: ProgrammeContent) {
  return function register(server: FastifyInstance): void {
    // The programme itself is public, like its content page; the log comes with it when signed in.
    server.get("/api/programmes/:slug", async (request): Promise<ProgrammeResponse> => {
      const { slug } = programmeParams.parse(request.params);
      if (!request.user) return { programme: programmeView(content, slug), currentStage: 1, sessions: [] };
      return programmeWithLog(app, request.user.id, content, slug);
    });

    server.get("/api/programme-sessions", async (request): Promise<ProgrammeSessionListResponse> => {
      const user = requireUser(request);
      const q = programmeSessionListQuery.parse(request.query);
      return { sessions: await listProgrammeSessions(app, user.id, q) };
    });

    server.post("/api/programme-sessions", async (request, reply) => {
      const user = requireUser(request);
      const session = await logProgrammeSession(app, user.id, content, request.body);
      return reply.status(201).send({ session } satisfies ProgrammeSessionResponse);
    });

    server.delete("/api/programme-sessions/:id", async (request, reply) => {
      const user = requireUser(request);
      const { id } = programmeSessionParams.parse(request.params);
      await deleteProgrammeSession(app, user.id, id);
      return reply.status(204).send();
    });
  };
}
