import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answers } from "../../core/training/factories.test-helpers.js";
import type { FastifyInstance } from "fastify";
import { DIALECTS } from "../../../test/db.js";
import { signUpCookies, startTestServer } from "../../../test/app.js";
import { storeImportedWellness } from "../../services/wellness.js";
import type {
  ActivityGearView,
  CheckinListResponse,
  CheckinView,
  ManualActivityView,
  ReportResponse,
  ShoeListResponse,
  ShoeView,
} from "../../contracts/training.js";

type Cookies = Record<string, string>;

function client(server: FastifyInstance, cookies: Cookies = {}) {
  return {
    get: (url: string) => server.inject({ method: "GET", url, cookies }),
    post: (url: string, payload?: object) =>
      server.inject({ method: "POST", url, cookies, ...(payload ? { payload } : {}) }),
    put: (url: string, payload: object) => server.inject({ method: "PUT", url, cookies, payload }),
    patch: (url: string, payload: object) => server.inject({ method: "PATCH", url, cookies, payload }),
    del: (url: string) => server.inject({ method: "DELETE", url, cookies }),
  };
}
type Client = ReturnType<typeof client>;

const signUp = signUpCookies;

/** A signed-in client: the local owner on SQLite, a new account where the database implies multi-user. */
async function runnerClient(t: Awaited<ReturnType<typeof startTestServer>>): Promise<Client> {
  return client(t.server, t.app.mode === "multi" ? await signUp(t.server, "runner@example.org") : {});
}

async function logRun(c: Client, date: string, km: number, extra: object = {}): Promise<ManualActivityView> {
  const res = await c.post("/api/training/activities", {
    sport: "run",
    date,
    time: "07:00",
    distanceM: Math.round(km * 1000),
    durationS: Math.round(km * 360),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ManualActivityView>();
}

/** A check-in with no overtraining sign. */
const CALM = answers();

for (const dialect of DIALECTS) {
  describe(`training report API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let c: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect);
      c = await runnerClient(t);
      // Two steady weeks of 30 km, then 36 km (+20%) in four shorter runs: a weekly ramp
      // without a single-run spike.
      for (const date of ["2024-03-04", "2024-03-06", "2024-03-08", "2024-03-11", "2024-03-13", "2024-03-15"])
        await logRun(c, date, 10);
      for (const date of ["2024-03-18", "2024-03-19", "2024-03-21", "2024-03-23"]) await logRun(c, date, 9);
    });
    afterAll(() => t.close());

    it("flags the weekly ramp on the week it happened, with the numbers", async () => {
      const res = await c.get("/api/training/report?asOf=2024-03-24&weeks=3");
      expect(res.statusCode).toBe(200);
      const { report, rampThresholdPct } = res.json<ReportResponse>();
      expect(rampThresholdPct).toBe(10);
      expect(report.weeks.map((w) => [w.start, w.distance_m, w.runs])).toEqual([
        ["2024-03-04", 30_000, 3],
        ["2024-03-11", 30_000, 3],
        ["2024-03-18", 36_000, 4],
      ]);
      const [first, second, third] = report.weeks;
      expect(first?.warnings).toEqual([]);
      expect(second?.warnings).toEqual([]);
      expect(third?.change_pct).toBe(20);
      expect(third?.warnings.map((w) => w.code)).toEqual(["RAMP_WEEKLY"]);
      const ramp = report.warnings.find((w) => w.code === "RAMP_WEEKLY");
      expect(ramp).toMatchObject({ week: "2024-03-18", article: "ten-percent-rule" });
      // Measured against the highest of the weeks before it (both 30 km), not the week before alone.
      expect(ramp?.data).toMatchObject({ distance_m: 36_000, baseline_highest_m: 30_000, distance_change_pct: 20 });
      expect(report.spikes).toEqual([]);
    });

    it("counts a run by the runner's local week, even far from UTC", async () => {
      // Monday 06:00 in New Zealand (UTC+13) is still Sunday in UTC.
      await logRun(c, "2024-03-25", 5, { time: "06:00", utcOffsetMin: 780 });
      const { report } = (await c.get("/api/training/report?asOf=2024-03-25&weeks=2")).json<ReportResponse>();
      expect(report.weeks.map((w) => [w.start, w.distance_m])).toEqual([
        ["2024-03-18", 36_000],
        ["2024-03-25", 5_000],
      ]);
    });

    it("answers the documented JSON shape", async () => {
      const { report } = (await c.get("/api/training/report?asOf=2024-03-24&weeks=2")).json<ReportResponse>();
      expect(Object.keys(report).sort()).toEqual(
        ["acwr", "as_of", "checkins", "monotony", "run_limit", "shoes", "spikes", "warnings", "week_start", "weeks"].sort(),
      );
      expect(report.acwr).toHaveProperty("withheld");
      expect(report.as_of).toBe("2024-03-24");
    });

    it("writes the run limit and the warnings in the units asked for, else the profile's", async () => {
      const inKm = (await c.get("/api/training/report?asOf=2024-03-24&weeks=3")).json<ReportResponse>();
      const inMi = (await c.get("/api/training/report?asOf=2024-03-24&weeks=3&units=mi")).json<ReportResponse>();
      const texts = (r: ReportResponse) => [r.report.run_limit?.message ?? "", ...r.report.warnings.map((w) => w.message)];
      expect(inKm.units).toBe("km");
      expect(inKm.report.run_limit?.message).toMatch(/\d km\b/);
      expect(inKm.report.warnings.find((w) => w.code === "RAMP_WEEKLY")?.message).toMatch(/\d km\b/);
      expect(inMi.units).toBe("mi");
      expect(inMi.report.run_limit?.message).toMatch(/\d mi\b/);
      expect(inMi.report.warnings.find((w) => w.code === "RAMP_WEEKLY")?.message).toMatch(/\d mi\b/);
      for (const text of texts(inMi)) expect(text).not.toMatch(/\d km\b/);
      // The same numbers stay in the data, in metres, whatever the words say.
      expect(inMi.report.run_limit?.limit_m).toBe(inKm.report.run_limit?.limit_m);
    });

    it("refuses units it does not know, naming the field", async () => {
      const bad = await c.get("/api/training/report?units=yd");
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: [{ path: "units" }] } });
    });

    it("refuses an impossible date or week count with the field named", async () => {
      const bad = await c.get("/api/training/report?asOf=2024-02-30");
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: [{ path: "asOf" }] } });
      const zero = await c.get("/api/training/report?weeks=0");
      expect(zero.statusCode).toBe(400);
      expect(zero.json()).toMatchObject({ error: { fields: [{ path: "weeks" }] } });
    });
  });

  describe(`shoes API on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let c: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect);
      c = await runnerClient(t);
    });
    afterAll(() => t.close());

    const shoeOf = async (id: string, asOf = "2024-05-31") =>
      (await c.get(`/api/shoes?asOf=${asOf}`)).json<ShoeListResponse>().shoes.find((s) => s.id === id);

    it("gives a pair its distance before kneewise plus every run assigned to it", async () => {
      // A run logged before the pair exists is assigned once the pair becomes the default.
      const early = await logRun(c, "2024-05-01", 7);
      expect(early.shoeId).toBeNull();
      const created = await c.post("/api/shoes", {
        name: "Daily Trainer",
        brand: "Acme",
        distanceBeforeM: 50_000,
        defaultForSports: ["run"],
      });
      expect(created.statusCode).toBe(201);
      const shoe = created.json<ShoeView>();
      expect(shoe.limitM).toBe(700_000);

      await logRun(c, "2024-05-03", 10);
      await logRun(c, "2024-05-05", 8);
      await logRun(c, "2024-05-06", 5, { shoeId: null }); // run barefoot: no pair, by hand
      const ride = await c.post("/api/training/activities", { sport: "ride", date: "2024-05-07", durationS: 3600, distanceM: 30_000 });
      expect(ride.statusCode).toBe(201);

      expect((await shoeOf(shoe.id))?.distanceM).toBe(50_000 + 7_000 + 10_000 + 8_000);
    });

    it("moves a run between pairs by hand, and back to automatic", async () => {
      const other = (await c.post("/api/shoes", { name: "Racer", limitM: 400_000 })).json<ShoeView>();
      const list = (await c.get("/api/shoes?asOf=2024-05-31")).json<ShoeListResponse>().shoes;
      const daily = list.find((s) => s.name === "Daily Trainer")!;
      const run = await logRun(c, "2024-05-10", 12);
      expect(run.shoeId).toBe(daily.id);

      const moved = await c.patch(`/api/training/activities/${run.id}`, { shoeId: other.id, surface: "track" });
      expect(moved.statusCode).toBe(200);
      expect(moved.json<ActivityGearView>()).toEqual({ id: run.id, shoeId: other.id, shoeManual: true, surface: "track" });
      expect((await shoeOf(other.id))?.distanceM).toBe(12_000);
      expect((await shoeOf(daily.id))?.distanceM).toBe(75_000);

      const back = await c.patch(`/api/training/activities/${run.id}`, { shoeAuto: true });
      expect(back.json<ActivityGearView>()).toMatchObject({ shoeId: daily.id, shoeManual: false, surface: "track" });
      expect((await shoeOf(other.id))?.distanceM).toBe(0);
      expect((await shoeOf(daily.id))?.distanceM).toBe(87_000);
    });

    it("keeps a retired pair's history, stops assigning new runs to it, and can undo", async () => {
      const daily = (await c.get("/api/shoes?asOf=2024-05-31")).json<ShoeListResponse>().shoes.find((s) => s.name === "Daily Trainer")!;
      const retired = await c.post(`/api/shoes/${daily.id}/retire`, { on: "2024-05-20" });
      expect(retired.statusCode).toBe(200);
      expect(retired.json<ShoeView>()).toMatchObject({ retiredOn: "2024-05-20", distanceM: 87_000 });
      await logRun(c, "2024-05-25", 6);
      expect((await shoeOf(daily.id))?.distanceM).toBe(87_000);

      const undone = await c.post(`/api/shoes/${daily.id}/unretire`);
      expect(undone.json<ShoeView>()).toMatchObject({ retiredOn: null });
      expect((await shoeOf(daily.id))?.distanceM).toBe(93_000);
    });

    it("counts a run imported after the pair was added in the pair its gear names", async () => {
      const pair = (await c.post("/api/shoes", { name: "Pegasus 40", brand: "Nike" })).json<ShoeView>();
      const owner = await t.app.database.db.selectFrom("users").select("id").orderBy("created_at", "desc").executeTakeFirstOrThrow();
      // As the import pipeline writes it: the gear name from the file, no pair yet.
      await t.app.database.db
        .insertInto("activities")
        .values({
          id: "imported-1",
          user_id: owner.id,
          sport: "run",
          start_utc: "2024-05-12T06:00:00.000Z",
          utc_offset_min: 0,
          moving_s: 3000,
          elapsed_s: 3100,
          distance_m: 9_000,
          elevation_gain_m: null,
          elevation_loss_m: null,
          avg_hr: null,
          max_hr: null,
          avg_cadence: null,
          device: null,
          gear: "Nike Pegasus 40",
          name: null,
          perceived_exertion: null,
          indoor: 0,
          source: "fit",
          surface: null,
          shoe_id: null,
          laps_json: "[]",
          stream_json: "{}",
          source_file: "run.fit",
          dedupe_key: "2024-05-12T06:00",
          created_at: "2024-05-12T08:00:00.000Z",
        })
        .execute();
      expect((await shoeOf(pair.id))?.distanceM).toBe(9_000);
      expect((await c.del(`/api/shoes/${pair.id}`)).statusCode).toBe(204);
    });

    it("refuses a limit or a name that makes no sense", async () => {
      const res = await c.post("/api/shoes", { name: " ", limitM: 5 });
      expect(res.statusCode).toBe(400);
      const paths = res.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path).sort();
      expect(paths).toEqual(["limitM", "name"]);
    });

    it("deletes a pair and unassigns its runs", async () => {
      const racer = (await c.get("/api/shoes?asOf=2024-05-31")).json<ShoeListResponse>().shoes.find((s) => s.name === "Racer")!;
      expect((await c.del(`/api/shoes/${racer.id}`)).statusCode).toBe(204);
      expect((await c.get(`/api/shoes/${racer.id}`)).statusCode).toBe(404);
    });
  });

  describe(`manual entry and check-ins on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let c: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect);
      c = await runnerClient(t);
    });
    afterAll(() => t.close());

    const fieldsOf = (res: { json: <T>() => T }) =>
      res.json<{ error: { code: string; fields: { path: string }[] } }>().error.fields.map((f) => f.path).sort();

    it("names every field that is wrong in a manual run", async () => {
      const res = await c.post("/api/training/activities", {
        sport: "run",
        date: "2024-02-30",
        durationS: -5,
        perceivedExertion: 11,
        surface: "ice",
      });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(["date", "distanceM", "durationS", "perceivedExertion", "surface"]);
    });

    it("refuses an unknown sport, a surface for a ride, and a day still to come", async () => {
      expect(fieldsOf(await c.post("/api/training/activities", { sport: "curling", date: "2024-03-01", durationS: 600 }))).toEqual(["sport"]);
      expect(
        fieldsOf(await c.post("/api/training/activities", { sport: "ride", date: "2024-03-01", durationS: 600, surface: "road" })),
      ).toEqual(["surface"]);
      const future = await c.post("/api/training/activities", { sport: "run", date: "2999-01-01", durationS: 600, distanceM: 2000 });
      expect(future.statusCode).toBe(400);
      expect(fieldsOf(future)).toEqual(["date"]);
    });

    it("logs cross-training as minutes by sport in its week", async () => {
      const swim = await c.post("/api/training/activities", { sport: "swim", date: "2024-04-02", durationS: 45 * 60, perceivedExertion: 4 });
      expect(swim.statusCode).toBe(201);
      const { report } = (await c.get("/api/training/report?asOf=2024-04-07&weeks=1")).json<ReportResponse>();
      expect(report.weeks[0]).toMatchObject({ start: "2024-04-01", runs: 0, distance_m: 0, cross_training_min: { swim: 45 } });
    });

    it("deletes a hand-logged activity", async () => {
      const run = await logRun(c, "2024-04-03", 3);
      expect((await c.del(`/api/training/activities/${run.id}`)).statusCode).toBe(204);
      expect((await c.del(`/api/training/activities/${run.id}`)).statusCode).toBe(404);
    });

    it("keeps one check-in per day: saving again replaces the answers", async () => {
      const first = await c.put("/api/checkins/2024-04-01", { ...CALM, fatigue: 3 });
      expect(first.statusCode).toBe(200);
      expect(first.json<CheckinView>()).toMatchObject({ date: "2024-04-01", score: 3, elevated: false });
      const second = await c.put("/api/checkins/2024-04-01", { ...CALM, fatigue: 3, sleep: 3, general_aches: 2 });
      expect(second.json<CheckinView>()).toMatchObject({ score: 8, elevated: true });
      const list = (await c.get("/api/checkins?from=2024-04-01&to=2024-04-30")).json<CheckinListResponse>();
      expect(list.checkins).toHaveLength(1);
      expect(list.checkins[0]?.answers).toMatchObject({ fatigue: 3, sleep: 3, general_aches: 2, appetite: 0 });
      expect((await c.get("/api/checkins/2024-04-01")).json<CheckinView>().score).toBe(8);
    });

    it("answers 404 for a day without a check-in and 400 for an answer out of range", async () => {
      expect((await c.get("/api/checkins/2024-04-02")).statusCode).toBe(404);
      const bad = await c.put("/api/checkins/2024-04-02", { ...CALM, sleep: 4 });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(bad)).toEqual(["sleep"]);
    });

    it("shows persistent warning signs in the report with the overtraining article", async () => {
      const bad = { ...CALM, fatigue: 3, sleep: 3, performance_drop: 2 };
      for (const date of ["2024-04-08", "2024-04-12", "2024-04-16"]) await c.put(`/api/checkins/${date}`, bad);
      const { report } = (await c.get("/api/training/report?asOf=2024-04-16&weeks=1")).json<ReportResponse>();
      expect(report.checkins.persistent).toBe(true);
      expect(report.warnings.find((w) => w.code === "OVERTRAINING_SIGNS")?.article).toBe("overtraining");
    });
  });

  describe(`training data belongs to its runner on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client;
    let bob: Client;
    let anon: Client;
    let adaShoe: ShoeView;
    let adaRun: ManualActivityView;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ada = client(t.server, await signUp(t.server, "ada@example.org"));
      bob = client(t.server, await signUp(t.server, "bob@example.org"));
      anon = client(t.server);
      adaShoe = (await ada.post("/api/shoes", { name: "Ada's pair", defaultForSports: ["run"] })).json<ShoeView>();
      adaRun = await logRun(ada, "2024-03-04", 10);
      await ada.put("/api/checkins/2024-03-04", CALM);
      // Resting heart rate and HRV as an Apple Health import stores them.
      const adaUser = await t.app.database.db.selectFrom("users").select("id").where("email", "=", "ada@example.org").executeTakeFirstOrThrow();
      await storeImportedWellness(t.app.database.db, adaUser.id, "apple_health", [{ date: "2024-03-04", restingHr: 51, hrvSdnnMs: 62.4 }], new Date());
    });
    afterAll(() => t.close());

    it("requires sign-in for every training endpoint", async () => {
      const responses = await Promise.all([
        anon.get("/api/training/report"),
        anon.get("/api/shoes"),
        anon.post("/api/shoes", { name: "x" }),
        anon.get(`/api/shoes/${adaShoe.id}`),
        anon.patch(`/api/shoes/${adaShoe.id}`, { name: "y" }),
        anon.post(`/api/shoes/${adaShoe.id}/retire`, {}),
        anon.post(`/api/shoes/${adaShoe.id}/unretire`),
        anon.del(`/api/shoes/${adaShoe.id}`),
        anon.post("/api/training/activities", { sport: "run", date: "2024-03-05", durationS: 600, distanceM: 2000 }),
        anon.patch(`/api/training/activities/${adaRun.id}`, { surface: "road" }),
        anon.del(`/api/training/activities/${adaRun.id}`),
        anon.get("/api/checkins"),
        anon.get("/api/checkins/2024-03-04"),
        anon.put("/api/checkins/2024-03-04", CALM),
        anon.del("/api/checkins/2024-03-04"),
      ]);
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 401));
    });

    it("answers 404 for another runner's pair, activity and check-in", async () => {
      const responses = await Promise.all([
        bob.get(`/api/shoes/${adaShoe.id}`),
        bob.patch(`/api/shoes/${adaShoe.id}`, { name: "mine now" }),
        bob.post(`/api/shoes/${adaShoe.id}/retire`, {}),
        bob.post(`/api/shoes/${adaShoe.id}/unretire`),
        bob.del(`/api/shoes/${adaShoe.id}`),
        bob.patch(`/api/training/activities/${adaRun.id}`, { surface: "trail" }),
        bob.del(`/api/training/activities/${adaRun.id}`),
        bob.post("/api/training/activities", { sport: "run", date: "2024-03-05", durationS: 600, distanceM: 2000, shoeId: adaShoe.id }),
        bob.get("/api/checkins/2024-03-04"),
        bob.del("/api/checkins/2024-03-04"),
      ]);
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 404));
      const ownPair = (await bob.post("/api/shoes", { name: "Bob's pair" })).json<ShoeView>();
      const cross = await ada.patch(`/api/training/activities/${adaRun.id}`, { shoeId: ownPair.id });
      expect(cross.statusCode).toBe(404);
    });

    it("shows each runner only their own pairs, runs and check-ins", async () => {
      expect((await bob.get("/api/shoes")).json<ShoeListResponse>().shoes.map((s) => s.name)).toEqual(["Bob's pair"]);
      expect((await bob.get("/api/checkins")).json<CheckinListResponse>()).toEqual({ checkins: [], imported: [] });
      const adaList = (await ada.get("/api/checkins?from=2024-03-01&to=2024-03-10")).json<CheckinListResponse>();
      expect(adaList.checkins.map((x) => x.date)).toEqual(["2024-03-04"]);
      expect(adaList.imported).toEqual([{ date: "2024-03-04", source: "apple_health", restingHr: 51, hrvSdnnMs: 62 }]);
      const bobs = (await bob.get("/api/training/report?asOf=2024-03-10&weeks=1")).json<ReportResponse>().report;
      expect(bobs.weeks.reduce((sum, w) => sum + w.distance_m, 0)).toBe(0);
      const adas = (await ada.get("/api/training/report?asOf=2024-03-10&weeks=1")).json<ReportResponse>().report;
      expect(adas.weeks[0]?.distance_m).toBe(10_000);
      expect(adas.shoes.map((s) => [s.name, s.distance_m])).toEqual([["Ada's pair", 10_000]]);
      // Ada's data is untouched by Bob's attempts.
      expect((await ada.get(`/api/shoes/${adaShoe.id}`)).json<ShoeView>()).toMatchObject({ name: "Ada's pair", retiredOn: null });
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`the dashboard's kept report in multi-user mode on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
    });
    afterAll(() => t.close());

    it("follows every write at once, though the data version comes with the session", async () => {
      const c = client(t.server, await signUp(t.server, "kept@example.org"));
      const week = async () =>
        (await c.get("/api/training/report?asOf=2024-05-12&weeks=1")).json<ReportResponse>().report.weeks[0];
      await logRun(c, "2024-05-06", 4);
      expect(await week()).toMatchObject({ runs: 1, distance_m: 4000 });
      const run = await logRun(c, "2024-05-08", 8);
      expect(await week()).toMatchObject({ runs: 2, distance_m: 12000 });
      expect(await week()).toMatchObject({ runs: 2, distance_m: 12000 });
      await logRun(c, "2024-05-10", 5);
      expect(await week()).toMatchObject({ runs: 3, distance_m: 17000 });
      expect((await c.del(`/api/training/activities/${run.id}`)).statusCode).toBe(204);
      expect(await week()).toMatchObject({ runs: 2, distance_m: 9000 });
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`report limits on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let c: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect);
      // A fixed clock: the one-minute budget must not roll over in the middle of the test.
      t.app.now = () => new Date("2024-03-25T12:00:05.000Z");
      c = await runnerClient(t);
      await logRun(c, "2024-03-20", 8);
    });
    afterAll(() => t.close());

    it("refuses more than 260 weeks with a 400 naming the field and the limit", async () => {
      const res = await c.get("/api/training/report?asOf=2024-03-24&weeks=520");
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        error: {
          code: "VALIDATION_FAILED",
          fields: [{ path: "weeks", message: "weeks must be at most 260." }],
        },
      });
      expect((await c.get("/api/training/report?asOf=2024-03-24&weeks=260")).statusCode).toBe(200);
    });

    it("answers a burst of uncached reports from one runner with 429 and Retry-After, kept ones still served", async () => {
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<Client["get"]>> | undefined;
      let lastServed = 0;
      for (let weeks = 100; weeks < 140; weeks++) {
        const res = await c.get(`/api/training/report?asOf=2024-03-24&weeks=${weeks}`);
        statuses.push(res.statusCode);
        if (res.statusCode === 429) limited ??= res;
        else lastServed = weeks;
      }
      expect(statuses.filter((s) => s === 200).length).toBeLessThan(40);
      expect(limited?.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
      expect(Number(limited?.headers["retry-after"])).toBe(55);
      // The report this runner already has is kept and costs nothing.
      expect(
        (await c.get(`/api/training/report?asOf=2024-03-24&weeks=${lastServed}`)).statusCode,
      ).toBe(200);
    });
  });
}
