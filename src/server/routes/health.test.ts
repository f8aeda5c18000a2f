import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { healthResponse } from "../../contracts/health.js";

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

    it("answers unknown API paths with a JSON 404 and a stable code", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/nothing-here" });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    });
  });
}
