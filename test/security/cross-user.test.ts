/**
 * One runner's data is invisible and untouchable to another: runner B tries every read and write
 * on each of A's ids and gets "not found" (403 only where the community rules say "not allowed"),
 * B's lists never hold A's items, and A's data reads the same afterwards.
 */
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db.js";
import {
  ARTICLE,
  createOwnedData,
  fillPath,
  injectFor,
  key,
  MARKER,
  SAMPLE_BODIES,
  signUp,
  snapshotTables,
  startSecurityServer,
} from "./fixtures.js";
import type { OwnedData, Runner, SecurityServer } from "./fixtures.js";

/** A's records as A reads them: compared before and after B's attempts. */
async function readAll(a: Runner, d: OwnedData): Promise<unknown[]> {
  const urls = [
    `/api/shoes/${d.shoeId}`,
    `/api/activities/${d.activityId}`,
    `/api/assessments/${d.assessmentId}`,
    `/api/pain/${d.painDate}`,
    `/api/checkins/${d.checkinDate}`,
    "/api/programme-sessions",
    `/api/imports/${d.importId}`,
    "/api/calendar/token",
    `/api/articles/${ARTICLE}/comments`,
  ];
  const out: unknown[] = [];
  for (const url of urls) {
    const res = await a.req({ method: "GET", url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    out.push(res.json());
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`one runner cannot reach another's data on ${dialect}`, () => {
    let t: SecurityServer;
    let a: Runner;
    let b: Runner;
    let d: OwnedData;
    let aBefore: unknown[];
    beforeAll(async () => {
      t = await startSecurityServer(dialect);
      a = await signUp(t, "ada");
      b = await signUp(t, "bea");
      d = await createOwnedData(t, a);
      expect((await a.req({ method: "POST", url: "/api/calendar/token" })).statusCode).toBe(201);
      aBefore = await readAll(a, d);
    });
    afterAll(() => t.close());

    it("answers 404 to every read and write of A's records by id, and changes none of them", async () => {
      const attempts: [InjectOptions, number][] = [
        [{ method: "GET", url: `/api/shoes/${d.shoeId}` }, 404],
        [{ method: "PATCH", url: `/api/shoes/${d.shoeId}`, payload: { name: "mine now" } }, 404],
        [{ method: "POST", url: `/api/shoes/${d.shoeId}/retire`, payload: {} }, 404],
        [{ method: "POST", url: `/api/shoes/${d.shoeId}/unretire` }, 404],
        [{ method: "DELETE", url: `/api/shoes/${d.shoeId}` }, 404],
        [{ method: "GET", url: `/api/activities/${d.activityId}` }, 404],
        [
          {
            method: "PATCH",
            url: `/api/training/activities/${d.activityId}`,
            payload: { surface: "trail" },
          },
          404,
        ],
        [{ method: "DELETE", url: `/api/training/activities/${d.activityId}` }, 404],
        [{ method: "PATCH", url: `/api/activities/${d.activityId}`, payload: { sport: "ride", excludeFromLoad: true } }, 404],
        [{ method: "POST", url: `/api/activities/${d.activityId}/merge`, payload: { otherId: d.activityId } }, 404],
        [{ method: "DELETE", url: `/api/activities/${d.activityId}` }, 404],
        [{ method: "POST", url: `/api/activities/${d.activityId}/restore` }, 404],
        [{ method: "GET", url: `/api/assessments/${d.assessmentId}` }, 404],
        [
          {
            method: "GET",
            url: `/api/assessments/compare?from=${d.assessmentId}&to=${d.assessmentId}`,
          },
          404,
        ],
        [{ method: "GET", url: `/api/pain/${d.painDate}` }, 404],
        [{ method: "DELETE", url: `/api/pain/${d.painDate}` }, 404],
        [{ method: "GET", url: `/api/checkins/${d.checkinDate}` }, 404],
        [{ method: "DELETE", url: `/api/checkins/${d.checkinDate}` }, 404],
        [{ method: "DELETE", url: `/api/programme-sessions/${d.programmeSessionId}` }, 404],
        [{ method: "GET", url: `/api/imports/${d.importId}` }, 404],
        [{ method: "GET", url: "/api/plans/active.ics" }, 404],
        [{ method: "DELETE", url: "/api/plans/active" }, 404],
        [{ method: "DELETE", url: "/api/calendar/token" }, 404],
        [
          {
            method: "PATCH",
            url: `/api/comments/${d.visibleCommentId}`,
            payload: { body: "mine now" },
          },
          404,
        ],
        [
          {
            method: "PATCH",
            url: `/api/comments/${d.pendingCommentId}`,
            payload: { body: "mine now" },
          },
          404,
        ],
        [{ method: "DELETE", url: `/api/comments/${d.visibleCommentId}` }, 404],
        [{ method: "DELETE", url: `/api/comments/${d.pendingCommentId}` }, 404],
        // A comment waiting for a moderator does not exist for anyone but its author.
        [
          {
            method: "POST",
            url: `/api/comments/${d.pendingCommentId}/report`,
            payload: { reason: "spam" },
          },
          404,
        ],
        // Moderation is a role, not ownership: a runner is told "not allowed".
        [
          {
            method: "POST",
            url: `/api/moderation/comments/${d.visibleCommentId}`,
            payload: { action: "hide" },
          },
          403,
        ],
        [
          {
            method: "POST",
            url: `/api/moderation/comments/${d.pendingCommentId}`,
            payload: { action: "approve" },
          },
          403,
        ],
        [
          {
            method: "POST",
            url: `/api/moderation/users/${a.id}/ban`,
            payload: SAMPLE_BODIES["POST /api/moderation/users/:id/ban"] as object,
          },
          403,
        ],
        [{ method: "DELETE", url: `/api/moderation/users/${a.id}/ban` }, 403],
        [{ method: "GET", url: "/api/moderation/queue" }, 403],
      ];
      const before = await snapshotTables(t);
      const wrong: string[] = [];
      for (const [opts, status] of attempts) {
        const res = await b.req(opts);
        if (res.statusCode !== status || res.body.includes(MARKER))
          wrong.push(
            `${opts.method} ${opts.url as string} -> ${res.statusCode} ${res.body.slice(0, 160)}`,
          );
      }
      expect(wrong).toEqual([]);
      expect(await snapshotTables(t)).toBe(before);
      expect(await readAll(a, d)).toEqual(aBefore);
    });

    it("refuses A's pair when B logs a run or picks gear for B's own run", async () => {
      const run = await b.req({
        method: "POST",
        url: "/api/training/activities",
        payload: {
          ...(SAMPLE_BODIES["POST /api/training/activities"] as object),
          shoeId: d.shoeId,
        },
      });
      expect(run.statusCode).toBe(404);
      const own = await b.req({
        method: "POST",
        url: "/api/training/activities",
        payload: SAMPLE_BODIES["POST /api/training/activities"] as object,
      });
      expect(own.statusCode).toBe(201);
      const gear = await b.req({
        method: "PATCH",
        url: `/api/training/activities/${own.json<{ id: string }>().id}`,
        payload: { shoeId: d.shoeId },
      });
      expect(gear.statusCode).toBe(404);
      expect(gear.body).not.toContain(MARKER);
    });

    it("keeps B's writes to the same dates in B's own diary, leaving A's entries as they were", async () => {
      const pain = await b.req({
        method: "PUT",
        url: `/api/pain/${d.painDate}`,
        payload: { during: 0, notes: "fine" },
      });
      expect(pain.statusCode).toBe(201);
      const checkin = await b.req({
        method: "PUT",
        url: `/api/checkins/${d.checkinDate}`,
        payload: SAMPLE_BODIES["PUT /api/checkins/:date"] as object,
      });
      expect(checkin.statusCode).toBe(200);
      expect((await b.req({ method: "GET", url: `/api/pain/${d.painDate}` })).json()).toMatchObject(
        { entry: { notes: "fine" } },
      );
      const aPain = await a.req({ method: "GET", url: `/api/pain/${d.painDate}` });
      expect(aPain.json()).toMatchObject({ entry: { during: 4, notes: `${MARKER} sore` } });
      // Replying under A's held comment is refused as if it did not exist.
      const reply = await b.req({
        method: "POST",
        url: `/api/articles/${ARTICLE}/comments`,
        payload: { body: "a reply", parentId: d.pendingCommentId },
      });
      expect(reply.statusCode).toBe(404);
    });

    it("never shows A's items in any list, report or feed B can read", async () => {
      const lists = [
        "/api/shoes",
        "/api/activities",
        "/api/activities?sort=distance&dir=asc",
        "/api/training/report?asOf=2026-03-01",
        "/api/checkins",
        "/api/pain",
        "/api/pain/status?asOf=2026-03-01",
        "/api/programme-sessions",
        "/api/assessments",
        "/api/plans/active",
        "/api/calendar/token",
        "/api/profile",
        "/api/profile/advice",
        `/api/programmes/patellar-tendinopathy`,
        `/api/articles/${ARTICLE}/comments`,
        "/api/community/recent",
        "/api/me",
      ];
      const leaks: string[] = [];
      for (const url of lists) {
        const res = await b.req({ method: "GET", url });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        const text = res.body;
        for (const id of [
          d.shoeId,
          d.activityId,
          d.assessmentId,
          d.programmeSessionId,
          d.pendingCommentId,
          d.importId,
          a.id,
        ]) {
          if (text.includes(id)) leaks.push(`${url} holds ${id}`);
        }
        // The one exception is A's approved public comment, shown under A's display name only.
        if (text.split(`${MARKER} shown`).join("").includes(MARKER))
          leaks.push(`${url} holds A's private text`);
        if (text.includes("ada@example.org")) leaks.push(`${url} holds A's email`);
      }
      expect(leaks).toEqual([]);
      const calendar = await b.req({ method: "GET", url: "/api/calendar/token" });
      expect(calendar.json()).toMatchObject({ active: false });
      const plan = await b.req({ method: "GET", url: "/api/plans/active" });
      expect(plan.json()).toEqual({ plan: null });
    });

    it("answers 404 on every athlete route to a coach with no share, a pending invitation or a revoked share", async () => {
      const athleteRoutes = t.routes.filter((r) => r.url.startsWith("/api/athletes/:athleteId"));
      expect(athleteRoutes.length).toBeGreaterThan(5);
      const stranger = await signUp(t, "stranger-coach", "coach");
      const pending = await signUp(t, "pending-coach", "coach");
      const revoked = await signUp(t, "revoked-coach", "coach");
      const active = await signUp(t, "active-coach", "coach");
      const invite = async (coach: string) => {
        const res = await a.req({
          method: "POST",
          url: "/api/sharing/invites/email",
          payload: { email: `${coach}@example.org`, access: "notes" },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ share: { id: string } }>().share.id;
      };
      await invite("pending-coach");
      const revokedShare = await invite("revoked-coach");
      expect(
        (await revoked.req({ method: "POST", url: `/api/invites/${revokedShare}/accept` }))
          .statusCode,
      ).toBe(200);
      expect(
        (await a.req({ method: "DELETE", url: `/api/sharing/${revokedShare}` })).statusCode,
      ).toBe(200);
      const activeShare = await invite("active-coach");
      expect(
        (await active.req({ method: "POST", url: `/api/invites/${activeShare}/accept` }))
          .statusCode,
      ).toBe(200);
      // The control: a live share does open the athlete, so the 404s below are about consent.
      expect(
        (await active.req({ method: "GET", url: `/api/athletes/${a.id}/shoes` })).body,
      ).toContain(MARKER);

      const before = await snapshotTables(t);
      const wrong: string[] = [];
      for (const [who, coach] of [
        ["no share", stranger],
        ["pending", pending],
        ["revoked", revoked],
        ["plain runner", b],
      ] as const) {
        for (const e of athleteRoutes) {
          const res = await coach.req(injectFor(e, fillPath(e.url, { athleteId: a.id })));
          if (res.statusCode !== 404 || res.body.includes(MARKER))
            wrong.push(`${who}: ${key(e)} -> ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        const roster = await coach.req({ method: "GET", url: "/api/athletes" });
        if (roster.body.includes(a.id)) wrong.push(`${who}: the roster lists A`);
      }
      expect(wrong).toEqual([]);
      expect(await snapshotTables(t)).toBe(before);
    });

    it("never lets a runner raise their own role or change another's", async () => {
      const attempts: [InjectOptions, number][] = [
        [{ method: "PUT", url: "/api/me/role", payload: { role: "admin" } }, 400],
        [{ method: "PUT", url: "/api/me/role", payload: { role: "moderator" } }, 400],
        [{ method: "PUT", url: `/api/admin/users/${b.id}/role`, payload: { role: "admin" } }, 403],
        [{ method: "PUT", url: `/api/admin/users/${a.id}/role`, payload: { role: "runner" } }, 403],
        [{ method: "GET", url: "/api/admin/users" }, 403],
        [{ method: "GET", url: "/api/admin/users?q=ada%40example.org" }, 403],
      ];
      for (const [opts, status] of attempts) {
        const res = await b.req(opts);
        expect(res.statusCode, `${opts.method} ${opts.url as string}: ${res.body}`).toBe(status);
      }
      const signup = await t.server.inject({
        method: "POST",
        url: "/api/auth/signup",
        payload: {
          email: "eve@example.org",
          password: "a long enough password",
          displayName: "eve",
          role: "admin",
        },
      });
      expect(signup.statusCode).toBe(400);
      expect((await b.req({ method: "GET", url: "/api/me" })).json()).toMatchObject({
        user: { role: "runner" },
      });
    });

    it("shows A's public comment to B without A's raw text for editing or A's email", async () => {
      const res = await b.req({ method: "GET", url: `/api/articles/${ARTICLE}/comments` });
      const shown = res.json<{
        comments: { id: string; mine: boolean; body: string | null; author: unknown }[];
      }>().comments;
      const visible = shown.find((c) => c.id === d.visibleCommentId);
      expect(visible).toMatchObject({ mine: false, body: null, author: { displayName: "ada" } });
      expect(res.body).not.toContain("ada@example.org");
    });
  });
}
