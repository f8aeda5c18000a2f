/**
 * The endpoint inventory: every route the real server registers, and how it must treat a caller
 * without a session. A new route that is not in ACCESS fails this file until someone decides
 * whether strangers may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db.js";
import { fillPath, injectFor, key, startSecurityServer } from "./fixtures.js";
import type { SecurityServer } from "./fixtures.js";

/**
 * "signed-in": answers 401 NOT_SIGNED_IN to anyone without a valid session, whatever the body.
 * "public": open to everyone on purpose (the reason is beside it); it must still never fail with a 500.
 */
export const ACCESS: Record<string, "signed-in" | "public"> = {
  // Open: the load balancer's probe, and the doors in and out.
  "GET /api/health": "public",
  "GET /api/health/ready": "public",
  "POST /api/auth/signup": "public",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "public",
  "GET /api/me": "public",
  // Open: someone who forgot their password has no session; the emailed token is the key.
  "POST /api/auth/password-reset": "public",
  "POST /api/auth/password-reset/confirm": "public",
  // Open: the link in a sign-up email is opened by someone who has no account yet.
  "POST /api/auth/verify-email": "public",
  "POST /api/account/email/verification": "signed-in",
  "PUT /api/account/email": "signed-in",
  // Open: the knowledge base, its search and its comments read without an account.
  "GET /api/search": "public",
  "GET /api/community/recent": "public",
  "GET /api/articles/:slug/comments": "public",
  "GET /api/programmes/:slug": "public",
  // Anyone may assess with ?save=false (checked below); saving to a history needs a session.
  "POST /api/assessments": "signed-in",
  "GET /api/assessments": "signed-in",
  "GET /api/assessments/compare": "signed-in",
  "GET /api/assessments/:id": "signed-in",
  "GET /api/profile": "signed-in",
  "GET /api/map-config": "signed-in",
  "PUT /api/profile": "signed-in",
  "GET /api/profile/advice": "signed-in",
  "GET /api/training/report": "signed-in",
  "GET /api/shoes": "signed-in",
  "POST /api/shoes": "signed-in",
  "GET /api/shoes/:id": "signed-in",
  "PATCH /api/shoes/:id": "signed-in",
  "DELETE /api/shoes/:id": "signed-in",
  "POST /api/shoes/:id/retire": "signed-in",
  "POST /api/shoes/:id/unretire": "signed-in",
  "POST /api/training/activities": "signed-in",
  "PATCH /api/training/activities/:id": "signed-in",
  "DELETE /api/training/activities/:id": "signed-in",
  "GET /api/checkins": "signed-in",
  "GET /api/checkins/:date": "signed-in",
  "PUT /api/checkins/:date": "signed-in",
  "DELETE /api/checkins/:date": "signed-in",
  "GET /api/pain": "signed-in",
  "GET /api/pain/status": "signed-in",
  "GET /api/pain/:date": "signed-in",
  "PUT /api/pain/:date": "signed-in",
  "DELETE /api/pain/:date": "signed-in",
  "GET /api/programme-sessions": "signed-in",
  "POST /api/programme-sessions": "signed-in",
  "DELETE /api/programme-sessions/:id": "signed-in",
  "POST /api/articles/:slug/comments": "signed-in",
  "PATCH /api/comments/:id": "signed-in",
  "DELETE /api/comments/:id": "signed-in",
  "POST /api/comments/:id/report": "signed-in",
  "GET /api/moderation/queue": "signed-in",
  "POST /api/moderation/comments/:id": "signed-in",
  "POST /api/moderation/users/:id/ban": "signed-in",
  "DELETE /api/moderation/users/:id/ban": "signed-in",
  "POST /api/plans": "signed-in",
  "GET /api/plans/active": "signed-in",
  "DELETE /api/plans/active": "signed-in",
  "GET /api/plans/return-entry": "signed-in",
  "POST /api/plans/active/resume": "signed-in",
  "GET /api/plans/active.ics": "signed-in",
  "POST /api/calendar/token": "signed-in",
  "GET /api/calendar/token": "signed-in",
  "DELETE /api/calendar/token": "signed-in",
  "GET /api/activities": "signed-in",
  "GET /api/activities/:id": "signed-in",
  "DELETE /api/activities/:id": "signed-in",
  "PATCH /api/activities/:id": "signed-in",
  "POST /api/activities/:id/restore": "signed-in",
  "POST /api/activities/:id/merge": "signed-in",
  "GET /api/shoes/offers": "signed-in",
  "POST /api/shoes/offers": "signed-in",
  "POST /api/imports": "signed-in",
  "GET /api/imports": "signed-in",
  "GET /api/imports/:id": "signed-in",
  "POST /api/account/password": "signed-in",
  "GET /api/account/export": "signed-in",
  "DELETE /api/account": "signed-in",
  "GET /api/account/upload-tokens": "signed-in",
  "POST /api/account/upload-tokens": "signed-in",
  "DELETE /api/account/upload-tokens/:id": "signed-in",
  "PUT /api/me/role": "signed-in",
  "GET /api/admin/users": "signed-in",
  "PUT /api/admin/users/:userId/role": "signed-in",
  "POST /api/setup/claim": "signed-in",
  "GET /api/sharing": "signed-in",
  "POST /api/sharing/invites/email": "signed-in",
  "POST /api/sharing/invites/link": "signed-in",
  "GET /api/sharing/notes": "signed-in",
  "PATCH /api/sharing/:id": "signed-in",
  "DELETE /api/sharing/:id": "signed-in",
  "GET /api/invites": "signed-in",
  "POST /api/invites/:id/accept": "signed-in",
  "POST /api/invites/:id/decline": "signed-in",
  // A link invitation is opened by a signed-in coach; the token alone shows nothing.
  "GET /api/invites/link/:token": "signed-in",
  "POST /api/invites/link/:token/accept": "signed-in",
  "GET /api/athletes": "signed-in",
  "GET /api/athletes/:athleteId": "signed-in",
  "GET /api/athletes/:athleteId/report": "signed-in",
  "GET /api/athletes/:athleteId/pain/status": "signed-in",
  "GET /api/athletes/:athleteId/assessments": "signed-in",
  "GET /api/athletes/:athleteId/shoes": "signed-in",
  "GET /api/athletes/:athleteId/activities": "signed-in",
  "GET /api/athletes/:athleteId/activities/:activityId": "signed-in",
  "GET /api/athletes/:athleteId/pain": "signed-in",
  "GET /api/athletes/:athleteId/checkins": "signed-in",
  "GET /api/athletes/:athleteId/programme-sessions": "signed-in",
  "GET /api/athletes/:athleteId/notes": "signed-in",
  "POST /api/athletes/:athleteId/notes": "signed-in",
  "DELETE /api/athletes/:athleteId/notes/:noteId": "signed-in",
  "DELETE /api/athletes/:athleteId/share": "signed-in",
};

/** Pages outside /api: all public (server-rendered content, and the calendar feed whose secret token is the key). */
export const PAGES = new Set([
  "GET /learn",
  "GET /learn/",
  "GET /learn/:slug",
  "GET /exercises",
  "GET /exercises/",
  "GET /exercises/:slug",
  "GET /exercises/:slug/figure.svg",
  "GET /exercises/:slug/figure-still.svg",
  "GET /sitemap.xml",
  "GET /robots.txt",
  "GET /search",
  "GET /calendar/:file",
  "GET /ssr/site.css",
]);

for (const dialect of DIALECTS) {
  describe(`endpoint inventory and anonymous access on ${dialect}`, () => {
    let t: SecurityServer;
    beforeAll(async () => {
      t = await startSecurityServer(dialect);
    });
    afterAll(() => t.close());

    it("classifies every registered route, and lists no route that does not exist", () => {
      const registered = t.routes.map(key).filter((k) => !k.startsWith("GET /assets/"));
      const unclassified = registered.filter((k) => ACCESS[k] === undefined && !PAGES.has(k));
      expect(
        unclassified,
        "new routes: add each to ACCESS (or PAGES) in test/security/endpoints.test.ts",
      ).toEqual([]);
      const stale = [...Object.keys(ACCESS), ...PAGES].filter((k) => !registered.includes(k));
      expect(stale).toEqual([]);
    });

    it("answers 401 NOT_SIGNED_IN to anonymous callers of every signed-in endpoint, even with a good body", async () => {
      const wrong: string[] = [];
      for (const e of t.routes.filter((r) => ACCESS[key(r)] === "signed-in")) {
        const sessions: Record<string, string>[] = [{}, { kw_session: "forged-or-expired-token" }];
        for (const cookies of sessions) {
          const res = await t.server.inject({ ...injectFor(e, fillPath(e.url)), cookies });
          const code =
            res.statusCode === 401 ? res.json<{ error: { code: string } }>().error.code : "";
          if (res.statusCode !== 401 || code !== "NOT_SIGNED_IN")
            wrong.push(`${key(e)} -> ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it("serves the public endpoints and pages to anonymous callers without a server error", async () => {
      const wrong: string[] = [];
      const publicRoutes = t.routes.filter((r) => ACCESS[key(r)] === "public" || PAGES.has(key(r)));
      expect(publicRoutes.length).toBeGreaterThan(10);
      for (const e of publicRoutes) {
        const url = fillPath(e.url) + (key(e) === "GET /api/search" ? "?q=knee" : "");
        const res = await t.server.inject(injectFor(e, url));
        if (res.statusCode >= 500 || res.body.includes("NOT_SIGNED_IN"))
          wrong.push(`${key(e)} -> ${res.statusCode}`);
      }
      expect(wrong).toEqual([]);
    });

    it("assesses an anonymous visitor with ?save=false and stores nothing", async () => {
      const res = await t.server.inject({
        ...injectFor({ method: "POST", url: "/api/assessments" }, "/api/assessments?save=false"),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: null });
    });

    it("never lets an anonymous caller see a signed-in runner's calendar feed without its token", async () => {
      const res = await t.server.inject({ method: "GET", url: "/calendar/not-a-real-token.ics" });
      expect(res.statusCode).toBe(404);
    });
  });
}
