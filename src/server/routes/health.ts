import type { FastifyInstance } from "fastify";
import { checkReadiness, pingDatabase } from "../../services/health.js";
import type { HealthResponse, ReadinessResponse } from "../../contracts/health.js";
import type { App } from "../../services/app.js";
import type { JobQueue } from "../../services/jobs/index.js";

/**
 * Two checks. /api/health is liveness: this process answers and reaches its database.
 * /api/health/ready is what a load balancer should poll: also every migration has run and the
 * job queue is up; it answers 503 while an instance starts or shuts down.
 */
export function healthRoutes(app: App, opts: { jobs?: Pick<JobQueue, "kind" | "started"> } = {}) {
  return function register(server: FastifyInstance): void {
    server.get("/api/health", async (): Promise<HealthResponse> => {
      // A real round trip: a load balancer should stop sending traffic to an instance whose
      // database is gone.
      await pingDatabase(app);
      return { status: "ok", db: app.database.dialect, version: app.version };
    });

    server.get("/api/health/ready", async (): Promise<ReadinessResponse> => {
      const jobs = opts.jobs ?? { kind: "in-process", started: false };
      const { queue } = await checkReadiness(app, jobs);
      return { status: "ready", db: app.database.dialect, version: app.version, migrations: "current", queue: queue === "pg-boss" ? "pg-boss" : "in-process" };
    });
  };
}
