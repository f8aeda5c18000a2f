import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpVerified, startTestServer } from "../../../test/app.js";
import { DIALECTS } from "../../../test/db.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { ACTIVITY_UNDO_WINDOW_S, activityDetail, activityListResponse, activitySummary } from "../../contracts/activities.js";
import type { ReportResponse } from "../../contracts/training.js";
import { importPaths } from "../../services/import/index.js";
import { runFit, runGpx, stravaCsv, syntheticRun } from "../../services/import/import.test-helpers.js";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kw-http-activities-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function signUp(t: TestServer, email: string) {
  return signUpVerified(t.server, { email, password: "correct horse battery", displayName: "R" });
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

    it("gives the route's positions with the stream of a ride recorded with GPS, as the import stored them", async () => {
      const [ride] = (await list("?sport=ride")).activities;
      const res = await t.server.inject({ method: "GET", url: `/api/activities/${ride!.id}`, cookies: ada.cookies });
      const a = activityDetail.parse(res.json());
      const fixes = a.stream.filter((p) => p.lat != null && p.lon != null);
      expect(fixes.length).toBe(a.stream.length);
      // fitparse__2015-10-13-08-43-15.fit: a ride north of Portland, Oregon.
      for (const p of fixes) {
        expect(p.lat).toBeGreaterThan(45.4);
        expect(p.lat).toBeLessThan(45.8);
        expect(p.lon).toBeGreaterThan(-123);
        expect(p.lon).toBeLessThan(-122.4);
      }
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

for (const dialect of DIALECTS) {
  describe(`DELETE /api/activities/:id on ${dialect}`, () => {
    it("deletes one of the runner's activities, imported or dated 0050 by a watch without a clock, and no one else's", async () => {
      const t = await startTestServer(dialect, { multiUser: true });
      try {
        const ada = await signUp(t, "ada@example.org");
        const bo = await signUp(t, "bo@example.org");
        const dir = fs.mkdtempSync(path.join(scratch, "del-"));
        fs.writeFileSync(path.join(dir, "a.fit"), runFit(syntheticRun(0, 1200)));
        expect((await importPaths(t.app, ada.id, [{ path: dir }], { dataDir: scratch, workers: 0 })).imported).toBe(1);
        const { db } = t.app.database;
        // Stored by an earlier kneewise, before imports checked dates.
        const row = await db.selectFrom("activities").selectAll().where("user_id", "=", ada.id).executeTakeFirstOrThrow();
        await db.insertInto("activities").values({ ...row, id: "bad-0050", start_utc: "0050-06-01T06:30:00.000Z", dedupe_key: "0050-06-01T06:30" }).execute();

        expect((await t.server.inject({ method: "DELETE", url: "/api/activities/bad-0050" })).statusCode).toBe(401);
        const other = await t.server.inject({ method: "DELETE", url: "/api/activities/bad-0050", cookies: bo.cookies });
        expect(other.statusCode).toBe(404);
        expect(other.json()).toMatchObject({ error: { code: "ACTIVITY_NOT_FOUND" } });
        expect((await t.server.inject({ method: "DELETE", url: "/api/activities/bad-0050", cookies: ada.cookies })).statusCode).toBe(204);
        expect((await t.server.inject({ method: "DELETE", url: `/api/activities/${row.id}`, cookies: ada.cookies })).statusCode).toBe(204);
        expect((await t.server.inject({ method: "DELETE", url: `/api/activities/${row.id}`, cookies: ada.cookies })).statusCode).toBe(404);
        const list = await t.server.inject({ method: "GET", url: "/api/activities", cookies: ada.cookies });
        expect(activityListResponse.parse(list.json()).total).toBe(0);
      } finally {
        await t.close();
      }
    });
  });
}

// ------------------------------------------------------------------ the runner's corrections

const csvRow = (id: string, dateMs: number, over: Partial<Parameters<typeof stravaCsv>[0][number]> = {}) => ({
  id,
  dateMs,
  name: `Run ${id}`,
  type: "Run",
  elapsedS: 1800,
  distanceM: 5000,
  filename: "",
  gear: "",
  perceivedExertion: "",
  ...over,
});

for (const dialect of DIALECTS) {
  describe(`correcting activities on ${dialect}`, () => {
    let t: TestServer;
    let ada: Awaited<ReturnType<typeof signUp>>;
    let bo: Awaited<ReturnType<typeof signUp>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ada = await signUp(t, "ada@example.org");
      bo = await signUp(t, "bo@example.org");
    });
    afterAll(() => t.close());

    const req = async (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object, cookies = ada.cookies) =>
      t.server.inject({ method, url, cookies, ...(payload === undefined ? {} : { payload }) });
    const listOf = async (cookies = ada.cookies) => activityListResponse.parse((await req("GET", "/api/activities?limit=200", undefined, cookies)).json());
    const importInto = async (userId: string, files: Record<string, Uint8Array | string>) => {
      const dir = fs.mkdtempSync(path.join(scratch, "fix-"));
      for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
      return importPaths(t.app, userId, [{ path: dir }], { dataDir: scratch, workers: 0 });
    };
    const dataVersion = async (userId: string) =>
      Number((await t.app.database.db.selectFrom("users").select("data_version").where("id", "=", userId).executeTakeFirstOrThrow()).data_version);
    const reportRuns = async (cookies = ada.cookies) => {
      const res = await req("GET", "/api/training/report?asOf=2021-03-14&weeks=3", undefined, cookies);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ReportResponse>().report.weeks.reduce((n, w) => n + w.runs, 0);
    };

    it("changes sport, name, pair and surface; a run left out of the load leaves the report and raises the data version", async () => {
      await importInto(ada.id, { "a.fit": runFit(syntheticRun(0)), "b.fit": runFit(syntheticRun(1)), "c.fit": runFit(syntheticRun(2)) });
      const shoe = (await req("POST", "/api/shoes", { name: "Clifton 9" })).json<{ id: string }>();
      const [a] = (await listOf()).activities;
      const runsBefore = await reportRuns();
      expect(runsBefore).toBe(3);

      const named = await req("PATCH", `/api/activities/${a!.id}`, { name: "Tempo by the river", surface: "track", shoeId: shoe.id });
      expect(named.statusCode, named.body).toBe(200);
      expect(activitySummary.parse(named.json())).toMatchObject({ name: "Tempo by the river", surface: "track", shoeId: shoe.id, shoeManual: true, excludeFromLoad: false });

      const ride = activitySummary.parse((await req("PATCH", `/api/activities/${a!.id}`, { sport: "ride" })).json());
      expect(ride).toMatchObject({ sport: "ride", surface: null });
      expect(await reportRuns()).toBe(2);
      const surfaceOnRide = await req("PATCH", `/api/activities/${a!.id}`, { surface: "road" });
      expect(surfaceOnRide.statusCode).toBe(400);
      expect((await req("PATCH", `/api/activities/${a!.id}`, {})).statusCode).toBe(400);
      expect((await req("PATCH", `/api/activities/${a!.id}`, { sport: "unicycle" })).statusCode).toBe(400);
      await req("PATCH", `/api/activities/${a!.id}`, { sport: "run" });
      expect(await reportRuns()).toBe(3);

      const before = await dataVersion(ada.id);
      const left = activitySummary.parse((await req("PATCH", `/api/activities/${a!.id}`, { excludeFromLoad: true })).json());
      expect(left.excludeFromLoad).toBe(true);
      expect(await dataVersion(ada.id)).toBeGreaterThan(before);
      expect(await reportRuns()).toBe(2);
      // Still listed, marked.
      expect((await listOf()).activities.find((x) => x.id === a!.id)).toMatchObject({ excludeFromLoad: true });
      await req("PATCH", `/api/activities/${a!.id}`, { excludeFromLoad: false });
      expect(await reportRuns()).toBe(3);

      const auto = activitySummary.parse((await req("PATCH", `/api/activities/${a!.id}`, { shoeAuto: true })).json());
      expect(auto).toMatchObject({ shoeId: null, shoeManual: false });
    });

    it("requires sign-in for every correction", async () => {
      const [a] = (await listOf()).activities;
      for (const [method, url, payload] of [
        ["PATCH", `/api/activities/${a!.id}`, { name: "x" }],
        ["POST", `/api/activities/${a!.id}/merge`, { otherId: "y" }],
        ["POST", `/api/activities/${a!.id}/restore`, undefined],
        ["DELETE", `/api/activities/${a!.id}`, undefined],
      ] as const) {
        const res = await t.server.inject({ method, url, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
      }
    });

    it("changes nothing of someone else's: their activity is not found, nor is their pair", async () => {
      await importInto(bo.id, { "bo.fit": runFit(syntheticRun(30)) });
      const [mine] = (await listOf(bo.cookies)).activities;
      const adas = (await listOf()).activities;
      const adaShoe = (await req("GET", "/api/shoes")).json<{ shoes: { id: string }[] }>().shoes[0]!;
      const versionBefore = await dataVersion(ada.id);
      const tries = [
        await req("PATCH", `/api/activities/${adas[0]!.id}`, { sport: "ride", excludeFromLoad: true }, bo.cookies),
        await req("POST", `/api/activities/${adas[0]!.id}/merge`, { otherId: mine!.id }, bo.cookies),
        await req("POST", `/api/activities/${mine!.id}/merge`, { otherId: adas[0]!.id }, bo.cookies),
        await req("DELETE", `/api/activities/${adas[0]!.id}`, undefined, bo.cookies),
        await req("PATCH", `/api/activities/${mine!.id}`, { shoeId: adaShoe.id }, bo.cookies),
      ];
      expect(tries.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404]);
      expect(tries[4]!.json()).toMatchObject({ error: { code: "SHOE_NOT_FOUND" } });
      expect((await listOf()).activities).toEqual(adas);
      expect(await dataVersion(ada.id)).toBe(versionBefore);
    });

    it("deletes with an undo for a few minutes, and a newer export does not bring a deleted run back", async () => {
      const carl = await signUp(t, "carl@example.org");
      const day = Date.UTC(2022, 4, 2, 6, 0);
      const first = stravaCsv([csvRow("1", day), csvRow("2", day + 86_400_000)]);
      expect((await importInto(carl.id, { "activities.csv": first })).imported).toBe(2);
      const [newer, older] = (await listOf(carl.cookies)).activities;

      expect((await req("DELETE", `/api/activities/${newer!.id}`, undefined, carl.cookies)).statusCode).toBe(204);
      expect((await listOf(carl.cookies)).total).toBe(1);
      // Someone else cannot put it back.
      expect((await req("POST", `/api/activities/${newer!.id}/restore`, undefined, ada.cookies)).statusCode).toBe(404);
      const back = await req("POST", `/api/activities/${newer!.id}/restore`, undefined, carl.cookies);
      expect(back.statusCode, back.body).toBe(200);
      expect(activitySummary.parse(back.json())).toEqual(newer);
      expect((await listOf(carl.cookies)).activities).toEqual([newer, older]);
      expect((await req("POST", `/api/activities/${newer!.id}/restore`, undefined, carl.cookies)).statusCode).toBe(404);

      // Deleted again, and the undo window passes.
      expect((await req("DELETE", `/api/activities/${newer!.id}`, undefined, carl.cookies)).statusCode).toBe(204);
      const realNow = t.app.now;
      t.app.now = () => new Date(realNow().getTime() + (ACTIVITY_UNDO_WINDOW_S + 1) * 1000);
      try {
        expect((await req("POST", `/api/activities/${newer!.id}/restore`, undefined, carl.cookies)).statusCode).toBe(404);
        // The next delete forgets the rows kept for undo: only their twin keys stay.
        expect((await req("DELETE", `/api/activities/${older!.id}`, undefined, carl.cookies)).statusCode).toBe(204);
        const kept = await t.app.database.db.withTables<{ activity_tombstones: { id: string; row_json: string | null } }>()
          .selectFrom("activity_tombstones").select(["id", "row_json"]).where("id", "=", newer!.id).executeTakeFirstOrThrow();
        expect(kept.row_json).toBeNull();
      } finally {
        t.app.now = realNow;
      }

      // A newer export: the same two rows and one more. Only the new one comes in.
      const second = stravaCsv([csvRow("1", day), csvRow("2", day + 86_400_000), csvRow("3", day + 2 * 86_400_000)]);
      const s = await importInto(carl.id, { "activities.csv": second });
      expect(s).toMatchObject({ imported: 1, duplicates: 2 });
      expect((await listOf(carl.cookies)).activities.map((a) => a.name)).toEqual(["Run 3"]);
    });

    it("merges two records of one run: the richer recording moves over, the other goes and stays gone", async () => {
      const dee = await signUp(t, "dee@example.org");
      const run = syntheticRun(40, 1500);
      await importInto(dee.id, { "watch.fit": runFit(run) });
      const [fromWatch] = (await listOf(dee.cookies)).activities;
      // The same run in Strava's list, with the runner's title and shoes, its clock 3 minutes off:
      // too far apart for the import to call them twins.
      const row = csvRow("77", run.startMs + 3 * 60_000, { name: "Parkrun PB", gear: "Pegasus 40", elapsedS: fromWatch!.elapsedS, distanceM: fromWatch!.distanceM });
      expect((await importInto(dee.id, { "activities.csv": stravaCsv([row]) })).imported).toBe(1);
      const fromStrava = (await listOf(dee.cookies)).activities.find((a) => a.source === "strava_csv")!;

      expect((await req("POST", `/api/activities/${fromStrava.id}/merge`, { otherId: fromStrava.id }, dee.cookies)).json()).toMatchObject({ error: { code: "MERGE_SAME_ACTIVITY" } });
      const merged = await req("POST", `/api/activities/${fromStrava.id}/merge`, { otherId: fromWatch!.id }, dee.cookies);
      expect(merged.statusCode, merged.body).toBe(200);
      expect(activitySummary.parse(merged.json())).toMatchObject({ id: fromStrava.id, name: "Parkrun PB", gear: "Pegasus 40", source: "fit", startUtc: fromWatch!.startUtc, avgHr: fromWatch!.avgHr });
      const detail = activityDetail.parse((await req("GET", `/api/activities/${fromStrava.id}`, undefined, dee.cookies)).json());
      expect(detail.stream.length).toBeGreaterThan(100);
      expect((await listOf(dee.cookies)).total).toBe(1);
      expect((await req("GET", `/api/activities/${fromWatch!.id}`, undefined, dee.cookies)).statusCode).toBe(404);

      // Asked again (a double click, a retry): the same answer.
      const again = await req("POST", `/api/activities/${fromStrava.id}/merge`, { otherId: fromWatch!.id }, dee.cookies);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(merged.json());

      // Both files again, the Strava list grown by a run, and the watch's GPX of the same run:
      // only the new run comes in.
      const more = csvRow("78", run.startMs + 5 * 86_400_000);
      const s = await importInto(dee.id, { "watch.fit": runFit(run), "activities.csv": stravaCsv([row, more]), "watch.gpx": runGpx(run) });
      expect(s.imported).toBe(1);
      expect((await listOf(dee.cookies)).total).toBe(2);

      // Runs days apart are not one run.
      const [later] = (await listOf(dee.cookies)).activities;
      const apart = await req("POST", `/api/activities/${fromStrava.id}/merge`, { otherId: later!.id }, dee.cookies);
      expect(apart.statusCode).toBe(400);
      expect(apart.json()).toMatchObject({ error: { code: "MERGE_NOT_SAME_RUN" } });
    });
  });
}
