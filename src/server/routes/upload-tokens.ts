import type { FastifyInstance } from "fastify";
import { createUploadTokenBody, uploadTokenIdParam } from "../../contracts/upload-tokens.js";
import type { CreatedUploadToken, UploadTokenList } from "../../contracts/upload-tokens.js";
import {
  createUploadToken,
  listUploadTokens,
  revokeUploadToken,
} from "../../services/account/upload-tokens.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

/**
 * The runner's personal upload tokens: list, make (the secret is in this one answer only) and
 * revoke. Managed with a session only: a token cannot make or see tokens (none of these routes
 * sets config.uploadToken).
 */
export function uploadTokenRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/account/upload-tokens", async (request): Promise<UploadTokenList> => {
      const user = requireUser(request);
      return { tokens: await listUploadTokens(app, user.id) };
    });

    server.post("/api/account/upload-tokens", async (request, reply) => {
      const user = requireUser(request);
      const { name } = createUploadTokenBody.parse(request.body);
      const created = await createUploadToken(app, user.id, name);
      return reply.status(201).send(created satisfies CreatedUploadToken);
    });

    server.delete("/api/account/upload-tokens/:id", async (request, reply) => {
      const user = requireUser(request);
      const { id } = uploadTokenIdParam.parse(request.params);
      await revokeUploadToken(app, user.id, id);
      return reply.status(204).send();
    });
  };
}
