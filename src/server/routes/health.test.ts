import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { healthResponse, readinessResponse } from "../../contracts/health.js";
import { createImportJobRunner } from "../../services/import/index.js";
import { createInProcessQueue } from "../../services/jobs/index.js";
import { buildServer } from "../build-server.js";

for (const dialect of DIALECTS) {
  describe(`GET /api/health on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect);
    });
    afterAll(() => t.close());

    it("answers ok with the dialect and version", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/health" });
      expect(res.statusCode).toBe(200);
      const body = healthResponse.parse(res.json());
      expect(body).toEqual({ status: "ok", db: dialect, version: "0.0.0-test" });
    });

    it("reports ready once migrations have run and the job queue is up, naming the queue", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/health/ready" });
      expect(res.statusCode, res.body).toBe(200);
      expect(readinessResponse.parse(res.json())).toEqual({
        status: "ready",
        db: dialect,
        version: "0.0.0-test",
        migrations: "current",
        queue: dialect === "postgres" ? "pg-boss" : "in-process",
      });
    });

    it("answers unknown API paths with a JSON 404 and a stable code", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/nothing-here" });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    });
  });
}

describe("GET /api/health/ready while the job queue is not running", () => {
  it("answers 503 NOT_READY, so a load balancer sends no traffic there", async () => {
    const t = await startTestServer("sqlite");
    try {
      // A second server over the same app whose queue was never started.
      const runner = createImportJobRunner(t.app, createInProcessQueue(), { dataDir: "unused" });
      const idle = await buildServer({ app: t.app, importRunner: { ...runner, start: () => Promise.resolve() } });
      try {
        const res = await idle.inject({ method: "GET", url: "/api/health/ready" });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ error: { code: "NOT_READY", message: expect.stringMatching(/job queue is not running/) as string } });
        expect((await idle.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
      } finally {
        await idle.close();
      }
    } finally {
      await t.close();
    }
  });
});
