import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSetCookie, startTestServer } from "../../../test/app.js";
import { DIALECTS } from "../../../test/db.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { activityDetail, activityListResponse } from "../../contracts/activities.js";
import { importPaths } from "../../services/import/index.js";
import { runFit, runGpx, syntheticRun } from "../../services/import/import.test-helpers.js";
import { SESSION_COOKIE } from "../auth-context.js";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kw-http-activities-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function signUp(t: TestServer, email: string) {
  const res = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email, password: "correct horse battery", displayName: "R" } });
  const cookies = { [SESSION_COOKIE]: parseSetCookie(res.headers["set-cookie"]).get(SESSION_COOKIE)!.value };
  return { cookies, id: res.json<{ user: { id: string } }>().user.id };
}

for (const dialect of DIALECTS) {
  describe(`GET /api/activities on ${dialect}`, () => {
    let t: TestServer;
    let ada: Awaited<ReturnType<typeof signUp>>;
    let bo: Awaited<ReturnType<typeof signUp>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ada = await signUp(t, "ada@example.org");
      bo = await signUp(t, "bo@example.org");
      const dir = fs.mkdtempSync(path.join(scratch, "in-"));
      // Runs on 2021-03-01 (20 min), 03-02 (40 min), 03-03 (30 min) and a ride from the corpus (2015).
      fs.writeFileSync(path.join(dir, "a.fit"), runFit(syntheticRun(0, 1200)));
      fs.writeFileSync(path.join(dir, "b.fit"), runFit(syntheticRun(1, 2400)));
      fs.writeFileSync(path.join(dir, "c.gpx"), runGpx(syntheticRun(2, 1800), "Evening Run"));
      fs.copyFileSync(path.join(CORPUS_DIR, "fit", "fitparse__2015-10-13-08-43-15.fit"), path.join(dir, "ride.fit"));
      const s = await importPaths(t.app, ada.id, [{ path: dir }], { dataDir: scratch, workers: 0 });
      expect(s.imported).toBe(4);
    });
    afterAll(() => t.close());

    const list = async (query: string, cookies = ada.cookies) => {
      const res = await t.server.inject({ method: "GET", url: `/api/activities${query}`, cookies });
      expect(res.statusCode, res.body).toBe(200);
      return activityListResponse.parse(res.json());
    };

    it("lists the caller's activities, newest first, without streams", async () => {
      const page = await list("");
      expect(page.total).toBe(4);
      expect(page.activities.map((a) => a.startUtc)).toEqual([...page.activities.map((a) => a.startUtc)].sort().reverse());
      expect(page.activities[0]).not.toHaveProperty("stream");
    });

    it("sorts by distance or duration in either direction", async () => {
      const byDistance = await list("?sort=distance&dir=asc");
      const d = byDistance.activities.map((a) => a.distanceM);
      expect(d).toEqual([...d].sort((x, y) => x - y));
      const byDuration = await list("?sort=duration&dir=desc&sport=run");
      expect(byDuration.activities.map((a) => a.movingS)).toEqual([2400, 1800, 1200]);
    });

    it("filters by sport, one or several", async () => {
      expect((await list("?sport=ride")).activities.map((a) => a.sport)).toEqual(["ride"]);
      expect((await list("?sport=run,ride")).total).toBe(4);
      expect((await list("?sport=swim")).total).toBe(0);
    });

    it("filters by a date range, the end day included", async () => {
      const page = await list("?from=2021-03-02&to=2021-03-03&sort=date&dir=asc");
      expect(page.activities.map((a) => a.startUtc.slice(0, 10))).toEqual(["2021-03-02", "2021-03-03"]);
      const instants = await list(`?from=${encodeURIComponent("2021-03-01T00:00:00+01:00")}&to=${encodeURIComponent("2021-03-02T00:00:00.000Z")}`);
      expect(instants.total).toBe(1);
    });

    it("pages through the list without repeating a row", async () => {
      const first = await list("?limit=3&offset=0&sort=date&dir=asc");
      const second = await list("?limit=3&offset=3&sort=date&dir=asc");
      expect(first.activities).toHaveLength(3);
      expect(second.activities).toHaveLength(1);
      expect(new Set([...first.activities, ...second.activities].map((a) => a.id)).size).toBe(4);
      expect(second).toMatchObject({ total: 4, limit: 3, offset: 3 });
    });

    it("names a bad query field", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/activities?sport=unicycle&limit=0", cookies: ada.cookies });
      expect(res.statusCode).toBe(400);
      const fields = res.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path).sort();
      expect(fields).toEqual(["limit", "sport"]);
    });

    it("gives one activity with its stream and laps", async () => {
      const [newest] = (await list("?sport=run&sort=date&dir=asc&limit=1")).activities;
      const res = await t.server.inject({ method: "GET", url: `/api/activities/${newest!.id}`, cookies: ada.cookies });
      expect(res.statusCode).toBe(200);
      const a = activityDetail.parse(res.json());
      expect(a).toMatchObject({ sport: "run", movingS: 1200, source: "fit" });
      expect(a.stream.length).toBeGreaterThan(100);
      expect(a.stream[0]).toMatchObject({ t: 0 });
      expect(a.stream.some((p) => p.hr !== null && p.cad !== null && p.alt !== null && p.d !== null)).toBe(true);
      expect(a.laps).toHaveLength(1);
    });

    it("requires sign-in", async () => {
      expect((await t.server.inject({ method: "GET", url: "/api/activities" })).statusCode).toBe(401);
      expect((await t.server.inject({ method: "GET", url: "/api/activities/x" })).statusCode).toBe(401);
    });

    it("shows no one else's activities: an empty list, and 404 for an id", async () => {
      expect((await list("", bo.cookies)).total).toBe(0);
      const [one] = (await list("")).activities;
      const res = await t.server.inject({ method: "GET", url: `/api/activities/${one!.id}`, cookies: bo.cookies });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "ACTIVITY_NOT_FOUND" } });
    });
  });
}
