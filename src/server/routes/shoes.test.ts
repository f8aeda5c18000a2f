import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpVerified, startTestServer } from "../../../test/app.js";
import { DIALECTS } from "../../../test/db.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { activityListResponse } from "../../contracts/activities.js";
import type { ShoeOfferAcceptResponse, ShoeOfferList } from "../../contracts/shoes.js";
import type { ShoeListResponse, ShoeView } from "../../contracts/training.js";
import { importPaths } from "../../services/import/index.js";
import { stravaCsv } from "../../services/import/import.test-helpers.js";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kw-http-shoes-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const DAY = 86_400_000;
const T0 = Date.UTC(2023, 0, 2, 7, 0);
const row = (id: string, day: number, type: string, gear: string, distanceM = 8000) => ({
  id,
  dateMs: T0 + day * DAY,
  name: `${type} ${id}`,
  type,
  elapsedS: 2700,
  distanceM,
  filename: "",
  gear,
  perceivedExertion: "",
});

/** A small Strava export: two pairs the runner has not added, one they have, and a bike. */
const EXPORT = stravaCsv([
  row("1", 0, "Run", "Pegasus 40", 10_000),
  row("2", 3, "Run", "pegasus 40", 6_000),
  row("3", 9, "Run", "Pegasus 40", 12_000),
  row("4", 5, "Trail Run", "Speedgoat 5", 15_000),
  row("5", 6, "Run", "Clifton 9"),
  row("6", 7, "Ride", "Kona Rove ST", 40_000),
  row("7", 8, "Run", ""),
]);

for (const dialect of DIALECTS) {
  describe(`shoes offered from the import on ${dialect}`, () => {
    let t: TestServer;
    let ada: { cookies: Record<string, string>; id: string };
    let bo: { cookies: Record<string, string>; id: string };
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ada = await signUpVerified(t.server, { email: "ada@example.org" });
      bo = await signUpVerified(t.server, { email: "bo@example.org" });
    });
    afterAll(() => t.close());

    const req = (method: "GET" | "POST" | "PATCH", url: string, cookies: Record<string, string>, payload?: object) =>
      t.server.inject({ method, url, cookies, ...(payload ? { payload } : {}) });
    const offers = async (cookies = ada.cookies) => {
      const res = await req("GET", "/api/shoes/offers", cookies);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ShoeOfferList>().offers;
    };
    const shoes = async (cookies = ada.cookies) => (await req("GET", "/api/shoes?asOf=2023-03-01", cookies)).json<ShoeListResponse>().shoes;
    const importCsv = async (userId: string, csv: string) => {
      const dir = fs.mkdtempSync(path.join(scratch, "in-"));
      fs.writeFileSync(path.join(dir, "activities.csv"), csv);
      return importPaths(t.app, userId, [{ path: dir }], { dataDir: scratch, workers: 0 });
    };

    it("offers no bikes: a real export whose only gear is on rides offers nothing", async () => {
      const carl = await signUpVerified(t.server, { email: "carl@example.org" });
      const s = await importPaths(t.app, carl.id, [{ path: path.join(CORPUS_DIR, "csv", "jobo__activities-2023-10.csv") }], { dataDir: scratch, workers: 0 });
      expect(s.imported).toBeGreaterThan(1000);
      expect(await offers(carl.cookies)).toEqual([]);
    });

    it("offers the gear names that match no pair, with first and last use and the distance so far", async () => {
      expect((await req("POST", "/api/shoes", ada.cookies, { name: "clifton 9" })).statusCode).toBe(201);
      await importCsv(ada.id, EXPORT);
      expect(await offers()).toEqual([
        { gear: "Pegasus 40", firstUsed: "2023-01-02", lastUsed: "2023-01-11", distanceM: 28_000, activities: 3 },
        { gear: "Speedgoat 5", firstUsed: "2023-01-07", lastUsed: "2023-01-07", distanceM: 15_000, activities: 1 },
      ]);
    });

    it("adds one offer as a pair that is nobody's default, with its past runs on it", async () => {
      const res = await req("POST", "/api/shoes/offers", ada.cookies, { gear: ["Pegasus 40"] });
      expect(res.statusCode, res.body).toBe(201);
      const [pair] = res.json<ShoeOfferAcceptResponse>().created;
      expect(pair).toMatchObject({ name: "Pegasus 40", startDate: "2023-01-02", distanceM: 28_000, defaultForSports: [] });
      const list = activityListResponse.parse((await req("GET", "/api/activities?limit=50", ada.cookies)).json());
      expect(list.activities.filter((a) => a.shoeId === pair!.id).map((a) => a.name).sort()).toEqual(["Run 1", "Run 2", "Run 3"]);
      expect((await offers()).map((o) => o.gear)).toEqual(["Speedgoat 5"]);
    });

    it("adds all offers at once, and a second click adds nothing", async () => {
      const all = await req("POST", "/api/shoes/offers", ada.cookies, { gear: ["Pegasus 40", "Speedgoat 5"] });
      expect(all.statusCode).toBe(201);
      expect(all.json<ShoeOfferAcceptResponse>().created.map((s) => s.name)).toEqual(["Speedgoat 5"]);
      const again = await req("POST", "/api/shoes/offers", ada.cookies, { gear: ["Speedgoat 5"] });
      expect(again.statusCode).toBe(200);
      expect(again.json<ShoeOfferAcceptResponse>().created).toEqual([]);
      expect(await offers()).toEqual([]);
      expect((await shoes()).map((s) => s.name).sort()).toEqual(["Pegasus 40", "Speedgoat 5", "clifton 9"]);
    });

    it("requires sign-in", async () => {
      expect((await t.server.inject({ method: "GET", url: "/api/shoes/offers" })).statusCode).toBe(401);
      expect((await t.server.inject({ method: "POST", url: "/api/shoes/offers", payload: { gear: ["x"] } })).statusCode).toBe(401);
    });

    it("offers and adds nothing from someone else's activities", async () => {
      const dee = await signUpVerified(t.server, { email: "dee@example.org" });
      await importCsv(dee.id, EXPORT);
      expect(await offers(bo.cookies)).toEqual([]);
      const res = await req("POST", "/api/shoes/offers", bo.cookies, { gear: ["Pegasus 40"] });
      expect(res.json<ShoeOfferAcceptResponse>().created).toEqual([]);
      expect(await shoes(bo.cookies)).toEqual([]);
      expect((await offers(dee.cookies)).map((o) => o.gear)).toEqual(["Pegasus 40", "Clifton 9", "Speedgoat 5"]);
    });

    it("keeps one default pair per sport: a new default takes over, and runs already run stay on their pair", async () => {
      const eve = await signUpVerified(t.server, { email: "eve@example.org" });
      const create = async (body: object) => {
        const res = await req("POST", "/api/shoes", eve.cookies, body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json<ShoeView>();
      };
      const old = await create({ name: "Old pair", defaultForSports: ["run", "walk"] });
      await importCsv(eve.id, stravaCsv([row("1", 0, "Run", ""), row("2", 1, "Run", "")]));
      expect((await shoes(eve.cookies)).find((s) => s.id === old.id)!.distanceM).toBe(16_000);

      const fresh = await create({ name: "New pair", defaultForSports: ["run"] });
      const after = await shoes(eve.cookies);
      expect(after.find((s) => s.id === old.id)).toMatchObject({ defaultForSports: ["walk"], distanceM: 16_000 });
      expect(after.find((s) => s.id === fresh.id)).toMatchObject({ defaultForSports: ["run"], distanceM: 0 });
      // A run logged now goes to the new default.
      const logged = await req("POST", "/api/training/activities", eve.cookies, { sport: "run", date: "2023-02-01", distanceM: 5000, durationS: 1800 });
      expect(logged.json<{ shoeId: string }>().shoeId).toBe(fresh.id);

      // Setting it back on the old pair takes it from the new one.
      await req("PATCH", `/api/shoes/${old.id}`, eve.cookies, { defaultForSports: ["run", "walk"] });
      const back = await shoes(eve.cookies);
      expect(back.filter((s) => s.defaultForSports.includes("run")).map((s) => s.id)).toEqual([old.id]);
      expect(back.find((s) => s.id === fresh.id)!.distanceM).toBe(5000);
    });
  });
}
