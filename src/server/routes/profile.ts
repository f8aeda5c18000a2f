import type { FastifyInstance } from "fastify";
import { profileUpdateBody } from "../../contracts/profile.js";
import type { ProfileAdviceResponse, ProfileResponse } from "../../contracts/profile.js";
import type { ExerciseFacts } from "../../core/profile-advice.js";
import type { App } from "../../services/app.js";
import { getProfile, getProfileAdvice, updateProfile } from "../../services/profile.js";
import { requireUser } from "../auth-context.js";

export function profileRoutes(app: App, exercises: readonly ExerciseFacts[] = []) {
  return function register(server: FastifyInstance): void {
    server.get(
      "/api/profile/advice",
      async (request): Promise<ProfileAdviceResponse> => getProfileAdvice(app, requireUser(request).id, exercises),
    );

    server.get("/api/profile", async (request): Promise<ProfileResponse> => getProfile(app, requireUser(request).id));

    server.put("/api/profile", async (request): Promise<ProfileResponse> => {
      const user = requireUser(request);
      const update = profileUpdateBody.parse(request.body);
      return updateProfile(app, user.id, update);
    });
  };
}
