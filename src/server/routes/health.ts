import type { FastifyInstance } from "fastify";
import { pingDatabase } from "../../services/health.js";
import type { HealthResponse } from "../../contracts/health.js";
import type { App } from "../../services/app.js";

export function healthRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/health", async (): Promise<HealthResponse> => {
      // A real round trip: a load balancer should stop sending traffic to an instance whose
      // database is gone.
      await pingDatabase(app);
      return { status: "ok", db: app.database.dialect, version: app.version };
    });
  };
}
