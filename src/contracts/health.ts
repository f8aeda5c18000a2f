import { z } from "zod";

export const healthResponse = z.object({
  status: z.literal("ok"),
  db: z.enum(["sqlite", "postgres"]),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponse>;

/** GET /api/health/ready: what a load balancer should poll (503 NOT_READY otherwise). */
export const readinessResponse = z.object({
  status: z.literal("ready"),
  db: z.enum(["sqlite", "postgres"]),
  version: z.string(),
  migrations: z.literal("current"),
  queue: z.enum(["pg-boss", "in-process"]),
});
export type ReadinessResponse = z.infer<typeof readinessResponse>;
