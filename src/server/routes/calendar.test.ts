import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { calendarTokenResponse, calendarTokenStatus } from "../../contracts/plans.js";
import type { TestServer } from "./plans.test-helpers.js";
import {
  activePlan,
  addRun,
  readCalendar,
  sessionCount,
  setClock,
  signUpRunner,
} from "./plans.test-helpers.js";

function feedPath(url: string): string {
  return new URL(url).pathname;
}

for (const dialect of DIALECTS) {
  describe(`calendar subscription on ${dialect}`, () => {
    let t: TestServer;
    let ada: Awaited<ReturnType<typeof signUpRunner>>;
    let bob: Awaited<ReturnType<typeof signUpRunner>>;
    let url = "";
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ada = await signUpRunner(t, "ada");
      bob = await signUpRunner(t, "bob");
      setClock(t, "2025-03-05T09:00:00Z");
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: ada.cookies,
        payload: {
          kind: "build",
          goal: { kind: "weekly", weeklyM: 30_000 },
          currentWeeklyM: 20_000,
          beginner: false,
          returning: false,
        },
      });
      expect(res.statusCode).toBe(201);
    });
    afterAll(() => t.close());

    it("requires sign-in to create, read or revoke the link", async () => {
      for (const method of ["POST", "GET", "DELETE"] as const) {
        const res = await t.server.inject({ method, url: "/api/calendar/token" });
        expect(res.statusCode, method).toBe(401);
      }
    });

    it("gives a secret URL once and keeps only its SHA-256", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/calendar/token",
        cookies: ada.cookies,
        headers: { host: "kneewise.example" },
      });
      expect(res.statusCode).toBe(201);
      const body = calendarTokenResponse.parse(res.json());
      expect(body.url).toMatch(/^http:\/\/kneewise\.example\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      expect(body.webcal_url).toBe(body.url.replace(/^http:/, "webcal:"));
      url = body.url;
      const token = feedPath(url).slice("/calendar/".length, -".ics".length);
      const rows = await t.app.database.db.selectFrom("calendar_tokens").selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0]!.token_hash).toBe(createHash("sha256").update(token).digest("hex"));

      const status = await t.server.inject({
        method: "GET",
        url: "/api/calendar/token",
        cookies: ada.cookies,
      });
      expect(calendarTokenStatus.parse(status.json())).toEqual({
        active: true,
        created_at: body.created_at,
      });
    });

    it("serves the plan at that URL without any cookie, one event per session but rest days", async () => {
      const res = await t.server.inject({ method: "GET", url: feedPath(url) });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
      expect(res.headers["cache-control"]).toMatch(/no-store/);
      const plan = await activePlan(t, ada.cookies);
      expect(readCalendar(res.body)).toHaveLength(sessionCount(plan!));
    });

    it("gives distances in miles once the runner chooses miles", async () => {
      const kmEvents = readCalendar((await t.server.inject({ method: "GET", url: feedPath(url) })).body);
      expect(kmEvents.some((e) => / km$/.test(e.summary) && / km\b/.test(e.description))).toBe(true);
      const saved = await t.server.inject({ method: "PUT", url: "/api/profile", cookies: ada.cookies, payload: { units: "mi" } });
      expect(saved.statusCode).toBe(200);
      try {
        const events = readCalendar((await t.server.inject({ method: "GET", url: feedPath(url) })).body);
        expect(events).toHaveLength(kmEvents.length);
        expect(events.filter((e) => /\d\.\d mi$/.test(e.summary)).length).toBe(kmEvents.filter((e) => / km$/.test(e.summary)).length);
        for (const e of events) expect(`${e.summary} ${e.description}`).not.toMatch(/\d km\b/);
      } finally {
        await t.server.inject({ method: "PUT", url: "/api/profile", cookies: ada.cookies, payload: { units: "km" } });
      }
    });

    it("does not tell another runner about the link", async () => {
      const status = await t.server.inject({
        method: "GET",
        url: "/api/calendar/token",
        cookies: bob.cookies,
      });
      expect(status.json()).toEqual({ active: false, created_at: null });
      const revoke = await t.server.inject({
        method: "DELETE",
        url: "/api/calendar/token",
        cookies: bob.cookies,
      });
      expect(revoke.statusCode).toBe(404);
      expect((await t.server.inject({ method: "GET", url: feedPath(url) })).statusCode).toBe(200);
    });

    it("follows the plan as it adapts", async () => {
      const before = readCalendar(
        (await t.server.inject({ method: "GET", url: feedPath(url) })).body,
      );
      // The first week falls short (4 km of about 22 km); a week later the feed shows the re-plan.
      await addRun(t, ada.id, "2025-03-12", 4_000);
      setClock(t, "2025-03-19T09:00:00Z");
      const after = readCalendar(
        (await t.server.inject({ method: "GET", url: feedPath(url) })).body,
      );
      const plan = await activePlan(t, ada.cookies);
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      expect(plan.changes?.items.length).toBeGreaterThan(0);
      const week = plan.plan.weeks.find((w) => w.start === "2025-03-17")!;
      const onFeed = after.filter((e) => {
        const d = e.startDate.toString();
        return d >= week.start && d < "2025-03-24";
      });
      expect(onFeed.map((e) => e.description)).toEqual(week.sessions.filter((s) => s.kind !== "rest").map((s) => s.description));
      expect(after.map((e) => e.description)).not.toEqual(before.map((e) => e.description));
    });

    it("stops serving the old URL when the link is replaced", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/calendar/token",
        cookies: ada.cookies,
      });
      const fresh = calendarTokenResponse.parse(res.json()).url;
      expect(fresh).not.toBe(url);
      const old = await t.server.inject({ method: "GET", url: feedPath(url) });
      expect(old.statusCode).toBe(404);
      expect((await t.server.inject({ method: "GET", url: feedPath(fresh) })).statusCode).toBe(200);
      url = fresh;
    });

    it("stops serving the URL once revoked", async () => {
      const res = await t.server.inject({
        method: "DELETE",
        url: "/api/calendar/token",
        cookies: ada.cookies,
      });
      expect(res.statusCode).toBe(204);
      const feed = await t.server.inject({ method: "GET", url: feedPath(url) });
      expect(feed.statusCode).toBe(404);
      expect(feed.body).not.toContain("BEGIN:VCALENDAR");
      const status = await t.server.inject({
        method: "GET",
        url: "/api/calendar/token",
        cookies: ada.cookies,
      });
      expect(status.json()).toMatchObject({ active: false });
    });

    it("answers 404 for made-up tokens", async () => {
      for (const path of [
        "/calendar/nope.ics",
        `/calendar/${"A".repeat(43)}.ics`,
        `/calendar/${"A".repeat(43)}`,
      ]) {
        expect((await t.server.inject({ method: "GET", url: path })).statusCode, path).toBe(404);
      }
    });
  });
}
