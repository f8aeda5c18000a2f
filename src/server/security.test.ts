import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/db.js";
import { startTestServer } from "../../test/app.js";

for (const dialect of DIALECTS) {
  describe(`security headers and CSRF on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
    });
    afterAll(() => t.close());

    it("sends a CSP without inline scripts and forbids framing", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/health" });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["strict-transport-security"]).toBeUndefined();
    });

    it("refuses a write from another site", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { origin: "https://evil.example", host: "localhost:3000" },
        payload: { email: "a@b.c", password: "whatever-long" },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: "CSRF_FAILED" } });
      const fetchMeta = await t.server.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { "sec-fetch-site": "cross-site" },
      });
      expect(fetchMeta.statusCode).toBe(403);
    });

    it("accepts a write from its own origin", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { origin: "http://localhost:3000", host: "localhost:3000", "sec-fetch-site": "same-origin" },
      });
      expect(res.statusCode).toBe(204);
    });
  });
}
