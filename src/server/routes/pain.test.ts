import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { DIALECTS } from "../../../test/db.js";
import { signUpCookies, startTestServer } from "../../../test/app.js";
import type { PainEntryResponse, PainListResponse, PainStatusResponse } from "../../contracts/pain.js";
import { addRun } from "./plans.test-helpers.js";

type Cookies = Record<string, string>;
const NOW = new Date("2024-03-31T12:00:00.000Z");

function client(server: FastifyInstance, cookies: Cookies = {}) {
  return {
    get: (url: string) => server.inject({ method: "GET", url, cookies }),
    put: (url: string, payload: object) => server.inject({ method: "PUT", url, cookies, payload }),
    del: (url: string) => server.inject({ method: "DELETE", url, cookies }),
  };
}

const signUp = signUpCookies;

const shift = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

for (const dialect of DIALECTS) {
  describe(`pain diary over HTTP on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: ReturnType<typeof client>;
    let bea: ReturnType<typeof client>;
    let adaId: string;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => NOW;
      ada = client(t.server, await signUp(t.server, "ada@example.org"));
      bea = client(t.server, await signUp(t.server, "bea@example.org"));
      adaId = (await ada.get("/api/me")).json<{ user: { id: string } }>().user.id;
    });
    afterAll(() => t.close());

    it("requires sign-in for every pain endpoint", async () => {
      const anon = client(t.server);
      for (const res of [
        await anon.get("/api/pain"),
        await anon.get("/api/pain/status"),
        await anon.get("/api/pain/2024-03-01"),
        await anon.put("/api/pain/2024-03-01", { during: 1 }),
        await anon.del("/api/pain/2024-03-01"),
      ]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: "NOT_SIGNED_IN" } });
      }
    });

    it("creates one entry per day and edits it when the day is saved again", async () => {
      const first = await ada.put("/api/pain/2024-03-20", { during: 2, after: 3, locations: ["lateral"], triggers: ["descents"], notes: "hilly loop" });
      expect(first.statusCode).toBe(201);
      expect(first.json<PainEntryResponse>().entry).toMatchObject({ date: "2024-03-20", during: 2, after: 3, nextMorning: null, locations: ["lateral"], triggers: ["descents"] });

      const again = await ada.put("/api/pain/2024-03-20", { during: 2, after: 3, nextMorning: 1, locations: ["lateral"], triggers: ["descents"], notes: "hilly loop" });
      expect(again.statusCode).toBe(200);
      expect(again.json<PainEntryResponse>().entry.nextMorning).toBe(1);

      const list = await ada.get("/api/pain?from=2024-03-01&to=2024-03-31");
      expect(list.json<PainListResponse>().entries.map((e) => [e.date, e.nextMorning])).toEqual([["2024-03-20", 1]]);
      expect((await ada.get("/api/pain/2024-03-20")).json<PainEntryResponse>().entry.notes).toBe("hilly loop");
    });

    it("refuses scores outside 0-10, unknown places, long notes, future dates and empty entries, naming the field", async () => {
      const cases: [string, object, string][] = [
        ["2024-03-21", { during: 11 }, "during"],
        ["2024-03-21", { during: 2.5 }, "during"],
        ["2024-03-21", { after: 1, locations: ["kneecap"] }, "locations.0"],
        ["2024-03-21", { after: 1, triggers: ["gravity"] }, "triggers.0"],
        ["2024-03-21", { after: 1, notes: "x".repeat(2001) }, "notes"],
        ["2024-03-21", {}, "during"],
        ["2024-03-21", { after: 1, mood: "fine" }, "(body)"],
        ["2024-04-02", { after: 1 }, "date"],
        ["2024-02-30", { after: 1 }, "date"],
      ];
      for (const [date, body, path] of cases) {
        const res = await ada.put(`/api/pain/${date}`, body);
        expect(res.statusCode, `${date} ${JSON.stringify(body)}`).toBe(400);
        const err = res.json<{ error: { code: string; fields: { path: string }[] } }>().error;
        expect(err.code).toBe("VALIDATION_FAILED");
        expect(err.fields.map((f) => f.path)).toContain(path);
      }
      // Tomorrow in UTC is already today east of UTC: a date one day ahead is allowed.
      expect((await ada.put("/api/pain/2024-04-01", { after: 1 })).statusCode).toBe(201);
      expect((await ada.del("/api/pain/2024-04-01")).statusCode).toBe(200);
    });

    it("deletes an entry, hands it back for an undo, and puts it back", async () => {
      const del = await ada.del("/api/pain/2024-03-20");
      expect(del.statusCode).toBe(200);
      const gone = del.json<PainEntryResponse>().entry;
      expect((await ada.get("/api/pain/2024-03-20")).statusCode).toBe(404);
      expect((await ada.del("/api/pain/2024-03-20")).json()).toMatchObject({ error: { code: "PAIN_ENTRY_NOT_FOUND" } });
      const undo = await ada.put(`/api/pain/${gone.date}`, { during: gone.during, after: gone.after, nextMorning: gone.nextMorning, locations: gone.locations, triggers: gone.triggers, notes: gone.notes });
      expect(undo.statusCode).toBe(201);
      expect(undo.json<PainEntryResponse>().entry).toMatchObject({ during: 2, after: 3, nextMorning: 1, notes: "hilly loop" });
    });

    it("keeps one runner's diary from another", async () => {
      expect((await bea.get("/api/pain/2024-03-20")).statusCode).toBe(404);
      expect((await bea.del("/api/pain/2024-03-20")).statusCode).toBe(404);
      expect((await bea.get("/api/pain")).json<PainListResponse>().entries).toEqual([]);
      expect((await bea.get("/api/pain/status?asOf=2024-03-21")).json<PainStatusResponse>().status.light).toBe("none");
      // Bea saving the same day makes her own entry; Ada's is untouched.
      expect((await bea.put("/api/pain/2024-03-20", { during: 9 })).statusCode).toBe(201);
      expect((await ada.get("/api/pain/2024-03-20")).json<PainEntryResponse>().entry.during).toBe(2);
    });

    it("turns the diary into a light, a decision and reasons", async () => {
      await ada.put("/api/pain/2024-03-21", { during: 6, after: 4, nextMorning: 2 });
      const res = await ada.get("/api/pain/status?asOf=2024-03-22");
      expect(res.statusCode).toBe(200);
      const body = res.json<PainStatusResponse>();
      expect(body.status).toMatchObject({ asOf: "2024-03-22", light: "red", decision: "back_off" });
      expect(body.status.reasons[0]).toMatchObject({ code: "TOO_MUCH_PAIN", dates: ["2024-03-21"] });
      expect(body.patterns).toMatchObject({ enough: false, activitiesUsed: false });
      expect((await ada.get("/api/pain/status?asOf=2024-04-09")).statusCode).toBe(400);
    });

    it("finds the runner's long-run pattern from stored activities, with its numbers", async () => {
      const start = "2024-03-01";
      const plan: [number, number][] = [
        [6, 1], [16, 4], [7, 1], [18, 5], [8, 2], [20, 4], [6.5, 1], [17, 5], [7.5, 2], [19, 4], [8, 1], [16.5, 5],
      ];
      const c = client(t.server, await signUp(t.server, "cleo@example.org"));
      const cleoId = (await c.get("/api/me")).json<{ user: { id: string } }>().user.id;
      const rows = plan.map(([km], i) => {
        const date = shift(start, i * 2);
        return {
          id: `cleo-run-${i}`,
          user_id: cleoId,
          sport: "run",
          // 23:30 UTC at +60 minutes is the next local day: the pattern must use the local date.
          start_utc: `${shift(date, -1)}T23:30:00.000Z`,
          utc_offset_min: 60,
          moving_s: km * 360,
          elapsed_s: km * 360,
          distance_m: km * 1000,
          elevation_gain_m: null,
          elevation_loss_m: null,
          avg_hr: null,
          max_hr: null,
          avg_cadence: null,
          device: null,
          gear: null,
          name: null,
          perceived_exertion: null,
          indoor: 0,
          source: "test",
          surface: null,
          shoe_id: null,
          laps_json: "[]",
          stream_json: "{}",
          source_file: null,
          dedupe_key: `cleo-${i}`,
          created_at: NOW.toISOString(),
        };
      });
      await t.app.database.db.insertInto("activities").values(rows).execute();
      for (const [i, [, morning]] of plan.entries()) {
        expect((await c.put(`/api/pain/${shift(start, i * 2)}`, { during: 1, after: 2, nextMorning: morning })).statusCode).toBe(201);
      }
      const body = (await c.get("/api/pain/status?asOf=2024-03-31")).json<PainStatusResponse>();
      expect(body.patterns).toMatchObject({ enough: true, activitiesUsed: true, runDaysWithMorning: 12 });
      expect(body.patterns.patterns.find((p) => p.kind === "long_runs")).toMatchObject({
        thresholdM: 8000,
        higher: { n: 6, mean: 4.5 },
        lower: { n: 6, mean: 1.3 },
      });
      expect(body.patterns.weekly.reduce((s, w) => s + w.distanceM, 0)).toBe(plan.reduce((s, [km]) => s + km * 1000, 0));
      // Ada has no activities: her patterns say so, and nobody else's runs leak into them.
      expect((await ada.get("/api/pain/status?asOf=2024-03-31")).json<PainStatusResponse>().patterns.activitiesUsed).toBe(false);
      expect(adaId).not.toBe(cleoId);
    });

    it("writes the pattern notes in miles for a runner whose profile says miles, and in km when asked", async () => {
      const start = "2024-03-01";
      const plan: [number, number][] = [
        [6, 1], [16, 4], [7, 1], [18, 5], [8, 2], [20, 4], [6.5, 1], [17, 5], [7.5, 2], [19, 4], [8, 1], [16.5, 5],
      ];
      const m = client(t.server, await signUp(t.server, "mila@example.org"));
      const milaId = (await m.get("/api/me")).json<{ user: { id: string } }>().user.id;
      expect((await m.put("/api/profile", { units: "mi" })).statusCode).toBe(200);
      for (const [i, [km, morning]] of plan.entries()) {
        await addRun(t, milaId, shift(start, i * 2), km * 1000);
        expect((await m.put(`/api/pain/${shift(start, i * 2)}`, { during: 1, after: 2, nextMorning: morning })).statusCode).toBe(201);
      }
      const longNote = (body: PainStatusResponse) => body.patterns.checks.find((c) => c.kind === "long_runs");
      const miles = (await m.get("/api/pain/status?asOf=2024-03-31")).json<PainStatusResponse>();
      expect(longNote(miles)?.note).toContain("runs over 5.0 mi");
      expect(longNote(miles)?.text).toMatchObject({ key: "long_runs", thresholdM: 8000 });
      for (const c of miles.patterns.checks) expect(c.note).not.toMatch(/\d km\b/);
      const km = (await m.get("/api/pain/status?asOf=2024-03-31&units=km")).json<PainStatusResponse>();
      expect(longNote(km)?.note).toContain("runs over 8.0 km");
      const bad = await m.get("/api/pain/status?asOf=2024-03-31&units=miles");
      expect(bad.statusCode).toBe(400);
    });

    it("writes the days a reason names in the locale asked for, and keeps them as data", async () => {
      const l = client(t.server, await signUp(t.server, "lena@example.org"));
      await l.put("/api/pain/2024-03-21", { during: 6, after: 4, nextMorning: 2 });
      const iso = (await l.get("/api/pain/status?asOf=2024-03-22")).json<PainStatusResponse>().status.reasons[0]!;
      expect(iso.text).toContain("on 2024-03-21.");
      const gb = (await l.get("/api/pain/status?asOf=2024-03-22&locale=en-GB")).json<PainStatusResponse>().status.reasons[0]!;
      expect(gb).toMatchObject({ code: "TOO_MUCH_PAIN", dates: ["2024-03-21"] });
      expect(gb.text).toContain("on 21 Mar 2024.");
      const us = (await l.get("/api/pain/status?asOf=2024-03-22&locale=en-US")).json<PainStatusResponse>().status.reasons[0]!;
      expect(us.text).toContain("on Mar 21, 2024.");
      expect((await l.get("/api/pain/status?asOf=2024-03-22&locale=not%20a%20tag")).statusCode).toBe(400);
    });

    it("keeps the night-pain, swelling and giving-way answers, null when not asked", async () => {
      const d = client(t.server, await signUp(t.server, "dot@example.org"));
      const saved = await d.put("/api/pain/2024-03-10", { during: 2, after: 2, nightPain: true, swelling: false, givingWay: null });
      expect(saved.statusCode).toBe(201);
      expect(saved.json<PainEntryResponse>().entry).toMatchObject({ nightPain: true, swelling: false, givingWay: null });
      const plain = await d.put("/api/pain/2024-03-11", { during: 1 });
      expect(plain.json<PainEntryResponse>().entry).toMatchObject({ nightPain: null, swelling: null, givingWay: null });
      // Saving the day again replaces the answers too.
      const edited = await d.put("/api/pain/2024-03-10", { during: 2, after: 2, nightPain: false });
      expect(edited.json<PainEntryResponse>().entry).toMatchObject({ nightPain: false, swelling: null });
      const bad = await d.put("/api/pain/2024-03-12", { during: 1, givingWay: "sometimes" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toContain("givingWay");
    });

    it("escalates to a clinician on giving way and on swelling after most runs, naming the pattern", async () => {
      const e = client(t.server, await signUp(t.server, "eve@example.org"));
      await e.put("/api/pain/2024-03-24", { during: 1, after: 2, nextMorning: 1, swelling: true });
      await e.put("/api/pain/2024-03-26", { during: 1, after: 1, nextMorning: 0, swelling: false });
      await e.put("/api/pain/2024-03-28", { during: 1, after: 2, nextMorning: 1, swelling: false });
      const calm = (await e.get("/api/pain/status?asOf=2024-03-29")).json<PainStatusResponse>().status;
      expect(calm).toMatchObject({ light: "green", decision: "progress", escalation: null });

      await e.put("/api/pain/2024-03-28", { during: 1, after: 2, nextMorning: 1, swelling: true, givingWay: true });
      const body = (await e.get("/api/pain/status?asOf=2024-03-29")).json<PainStatusResponse>().status;
      expect(body).toMatchObject({ light: "amber", decision: "hold" });
      expect(body.escalation?.triggers.map((x) => x.code)).toEqual(["SWELLING_AFTER_RUNS", "GIVING_WAY"]);
      expect(body.escalation?.triggers[1]).toMatchObject({ dates: ["2024-03-28"] });
      expect(body.escalation?.notADiagnosis).toMatch(/not a diagnosis/);
      expect(body.reasons[0]?.code).toBe("SEE_CLINICIAN");
      // Someone else's diary stays quiet.
      expect((await bea.get("/api/pain/status?asOf=2024-03-29")).json<PainStatusResponse>().status.escalation).toBeNull();
    });

    it("counts imported runs as load when it looks for pain rising despite rest", async () => {
      const f = client(t.server, await signUp(t.server, "fin@example.org"));
      const finId = (await f.get("/api/me")).json<{ user: { id: string } }>().user.id;
      for (const [date, morning] of [["2024-03-25", 1], ["2024-03-27", 2], ["2024-03-29", 4]] as const) {
        expect((await f.put(`/api/pain/${date}`, { nextMorning: morning })).statusCode).toBe(201);
      }
      const rising = (await f.get("/api/pain/status?asOf=2024-03-30")).json<PainStatusResponse>().status;
      expect(rising.escalation?.triggers.map((x) => x.code)).toEqual(["RISING_DESPITE_REST"]);
      await addRun(t, finId, "2024-03-28", 5000, { startUtc: "2024-03-28T07:00:00.000Z" });
      const afterRun = (await f.get("/api/pain/status?asOf=2024-03-30")).json<PainStatusResponse>().status;
      expect(afterRun.escalation).toBeNull();
    });
  });
}
