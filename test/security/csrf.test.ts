/**
 * CSRF: every state-changing route, called with a valid session cookie from another site, is
 * refused with 403 CSRF_FAILED before it runs, and no table changes. The list of routes comes
 * from the server itself, so a new write is covered the day it is registered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db.js";
import {
  createOwnedData,
  fillPath,
  injectFor,
  key,
  signUp,
  snapshotTables,
  startSecurityServer,
} from "./fixtures.js";
import type { OwnedData, Runner, SecurityServer } from "./fixtures.js";

const CROSS_SITE: Record<string, Record<string, string>> = {
  "an Origin of another site": { origin: "https://evil.example" },
  "Sec-Fetch-Site: cross-site": { "sec-fetch-site": "cross-site" },
  "Sec-Fetch-Site: same-site (a sibling subdomain)": { "sec-fetch-site": "same-site" },
  "Origin: null (a sandboxed frame or a data: page)": { origin: "null" },
  "an Origin on the same host but over another scheme": { origin: "https://localhost:80" },
};

for (const dialect of DIALECTS) {
  describe(`cross-site writes with a session cookie are refused on ${dialect}`, () => {
    let t: SecurityServer;
    let a: Runner;
    let d: OwnedData;
    beforeAll(async () => {
      t = await startSecurityServer(dialect);
      a = await signUp(t, "ada", "moderator");
      d = await createOwnedData(t, a);
    });
    afterAll(() => t.close());

    const ids = () => ({
      id: d.shoeId,
      date: d.painDate,
      slug: "patellofemoral-pain",
    });

    for (const [what, headers] of Object.entries(CROSS_SITE)) {
      it(`refuses every write sent with ${what}, and changes nothing`, async () => {
        const writes = t.routes.filter((r) => r.method !== "GET");
        expect(writes.length).toBeGreaterThan(30);
        const before = await snapshotTables(t);
        const wrong: string[] = [];
        for (const e of writes) {
          const res = await a.req({
            ...injectFor(e, fillPath(e.url, ids())),
            headers: { host: "localhost", ...headers },
          });
          const code =
            res.statusCode === 403 ? res.json<{ error: { code: string } }>().error.code : "";
          if (code !== "CSRF_FAILED")
            wrong.push(`${key(e)} -> ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        expect(wrong).toEqual([]);
        expect(await snapshotTables(t)).toBe(before);
      });
    }

    it("lets the same writes through from the app's own origin (the check is not a blanket refusal)", async () => {
      const res = await a.req({
        method: "PATCH",
        url: `/api/shoes/${d.shoeId}`,
        headers: { host: "localhost", origin: "http://localhost", "sec-fetch-site": "same-origin" },
        payload: { name: "Renamed pair" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: "Renamed pair" });
    });

    it("grants no other site the right to read answers (no CORS headers)", async () => {
      const res = await a.req({
        method: "GET",
        url: "/api/shoes",
        headers: { origin: "https://evil.example" },
      });
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
      const preflight = await t.server.inject({
        method: "OPTIONS",
        url: "/api/shoes",
        headers: { origin: "https://evil.example", "access-control-request-method": "DELETE" },
      });
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    });

    it("sets the session cookie HttpOnly and SameSite=Lax, the second line of defence", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "ada@example.org", password: "a long enough password" },
      });
      expect(res.statusCode).toBe(200);
      const cookie = String(res.headers["set-cookie"]);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    });
  });
}
