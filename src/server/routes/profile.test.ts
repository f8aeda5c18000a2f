import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { signUpVerified, startTestServer } from "../../../test/app.js";
import { profileResponse } from "../../contracts/profile.js";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

async function signUp(t: TestServer, name: string): Promise<Record<string, string>> {
  return (await signUpVerified(t.server, { email: `${name}@example.org`, displayName: name })).cookies;
}

for (const dialect of DIALECTS) {
  // PostgreSQL always runs multi-user, so there the runner signs up first.
  describe(`runner profile on ${dialect}`, () => {
    let t: TestServer;
    let me: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestServer(dialect);
      if (t.app.mode === "multi") me = await signUp(t, "runner");
    });
    afterAll(() => t.close());

    it("gives the defaults before the runner saves anything", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/profile", cookies: me });
      expect(res.statusCode).toBe(200);
      expect(profileResponse.parse(res.json())).toEqual({
        experience: "regular",
        footType: "unknown",
        surfaces: [],
        otherSports: [],
        weakGroups: [],
        tightGroups: [],
        weekStart: 1,
        units: "km",
        maxHr: null,
        thresholdHr: null,
        updatedAt: null,
        rampThreshold: 0.1,
      });
    });

    it("saves a partial update, keeps the other fields, and tightens the ramp guide for a returning runner", async () => {
      const first = await t.server.inject({
        method: "PUT",
        url: "/api/profile",
        payload: { experience: "returning", footType: "flat", tightGroups: ["itb_region", "hamstrings"], units: "mi" },
        cookies: me,
      });
      expect(first.statusCode).toBe(200);
      expect(profileResponse.parse(first.json())).toMatchObject({
        experience: "returning",
        footType: "flat",
        tightGroups: ["hamstrings", "itb_region"],
        units: "mi",
        weekStart: 1,
        rampThreshold: 0.05,
      });
      expect(profileResponse.parse(first.json()).updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const second = await t.server.inject({ method: "PUT", url: "/api/profile", payload: { weekStart: 0, surfaces: ["trail", "road"], otherSports: ["cycling"], weakGroups: ["glutes"] }, cookies: me });
      const body = profileResponse.parse(second.json());
      expect(body).toMatchObject({ experience: "returning", footType: "flat", weekStart: 0, surfaces: ["road", "trail"], otherSports: ["cycling"], weakGroups: ["glutes"], units: "mi" });
      expect(profileResponse.parse((await t.server.inject({ method: "GET", url: "/api/profile", cookies: me })).json())).toEqual(body);
    });

    it("turns the foot type and the self-test findings into shoe advice and starter exercises", async () => {
      const put = await t.server.inject({
        method: "PUT",
        url: "/api/profile",
        payload: { footType: "high_arched", weakGroups: ["hip_abductors"], tightGroups: ["hip_flexors"] },
        cookies: me,
      });
      expect(put.statusCode).toBe(200);
      const res = await t.server.inject({ method: "GET", url: "/api/profile/advice", cookies: me });
      expect(res.statusCode).toBe(200);
      const advice = res.json<{
        footwear: { code: string; advice: string } | null;
        exercisesFirst: { slug: string; because: { group: string; finding: string } }[];
      }>();
      expect(advice.footwear?.code).toBe("high_arched");
      expect(advice.footwear?.advice.length).toBeGreaterThan(20);
      const reasons = advice.exercisesFirst.map((e) => `${e.because.finding}:${e.because.group}`);
      expect(reasons).toContain("weak:hip_abductors");
      expect(reasons).toContain("tight:hip_flexors");
    });

    it("names each invalid field and changes nothing", async () => {
      const before = (await t.server.inject({ method: "GET", url: "/api/profile", cookies: me })).json<unknown>();
      const res = await t.server.inject({
        method: "PUT",
        url: "/api/profile",
        payload: { experience: "elite", weekStart: 7, surfaces: ["road", "road"], shoeSize: 44 },
        cookies: me,
      });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ error: { code: string; fields: { path: string }[] } }>();
      expect(body.error.code).toBe("VALIDATION_FAILED");
      const paths = body.error.fields.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(["experience", "weekStart", "surfaces"]));
      expect((await t.server.inject({ method: "GET", url: "/api/profile", cookies: me })).json()).toEqual(before);
    });
  });

  describe(`heart-rate anchors in the profile on ${dialect}`, () => {
    let t: TestServer;
    let me: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestServer(dialect);
      if (t.app.mode === "multi") me = await signUp(t, "hr-runner");
    });
    afterAll(() => t.close());
    const put = (payload: object) => t.server.inject({ method: "PUT", url: "/api/profile", payload, cookies: me });
    const get = async () => profileResponse.parse((await t.server.inject({ method: "GET", url: "/api/profile", cookies: me })).json());

    it("stores a maximum and a threshold heart rate and clears each with null", async () => {
      expect((await put({ maxHr: 188, thresholdHr: 171, units: "mi" })).statusCode).toBe(200);
      expect(await get()).toMatchObject({ maxHr: 188, thresholdHr: 171, units: "mi" });
      expect((await put({ maxHr: null })).statusCode).toBe(200);
      expect(await get()).toMatchObject({ maxHr: null, thresholdHr: 171, units: "mi" });
      expect((await put({ thresholdHr: null })).statusCode).toBe(200);
      expect(await get()).toMatchObject({ maxHr: null, thresholdHr: null });
    });

    it("refuses values outside the plausible ranges, naming the field, and keeps the stored ones", async () => {
      expect((await put({ maxHr: 190, thresholdHr: 170 })).statusCode).toBe(200);
      for (const [payload, field] of [
        [{ maxHr: 99 }, "maxHr"],
        [{ maxHr: 231 }, "maxHr"],
        [{ maxHr: 180.5 }, "maxHr"],
        [{ thresholdHr: 79 }, "thresholdHr"],
        [{ thresholdHr: 221 }, "thresholdHr"],
        [{ thresholdHr: "170" }, "thresholdHr"],
      ] as const) {
        const res = await put(payload);
        expect(res.statusCode).toBe(400);
        const body = res.json<{ error: { code: string; fields: { path: string; message: string }[] } }>();
        expect(body.error.code).toBe("VALIDATION_FAILED");
        expect(body.error.fields.map((f) => f.path)).toEqual([field]);
        expect(body.error.fields[0]!.message).toMatch(/heart rate.*beats per minute/);
      }
      expect(await get()).toMatchObject({ maxHr: 190, thresholdHr: 170 });
      expect((await put({ maxHr: 100, thresholdHr: 80 })).statusCode).toBe(200);
      expect((await put({ maxHr: 230, thresholdHr: 220 })).statusCode).toBe(200);
      expect(await get()).toMatchObject({ maxHr: 230, thresholdHr: 220 });
    });

    it("refuses a threshold at or above the maximum, checked against the stored one, and keeps both", async () => {
      const refused = async (payload: object, field: string, message: string) => {
        const res = await put(payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: [{ path: field, message }] } });
      };
      expect((await put({ maxHr: 190, thresholdHr: 170, units: "mi" })).statusCode).toBe(200);
      const before = await get();
      await refused({ maxHr: 150, thresholdHr: 200 }, "thresholdHr", "must be below your maximum heart rate (150)");
      await refused({ maxHr: 150, thresholdHr: 150 }, "thresholdHr", "must be below your maximum heart rate (150)");
      // Only one sent: the other is the one stored.
      await refused({ thresholdHr: 195 }, "thresholdHr", "must be below your maximum heart rate (190)");
      await refused({ maxHr: 160, units: "km" }, "maxHr", "must be above your threshold heart rate (170)");
      expect(await get()).toEqual(before);
      // Without a maximum there is nothing to be above, and a lower maximum with the threshold cleared is fine.
      expect((await put({ maxHr: null })).statusCode).toBe(200);
      expect((await put({ thresholdHr: 200 })).statusCode).toBe(200);
      expect((await put({ maxHr: 160, thresholdHr: null })).statusCode).toBe(200);
      expect(await get()).toMatchObject({ maxHr: 160, thresholdHr: null });
    });
  });

  describe(`runner profile on ${dialect} (multi-user mode)`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
    });
    afterAll(() => t.close());

    it("requires sign-in to read or change a profile", async () => {
      expect((await t.server.inject({ method: "GET", url: "/api/profile" })).statusCode).toBe(401);
      expect((await t.server.inject({ method: "PUT", url: "/api/profile", payload: { units: "mi" } })).statusCode).toBe(401);
    });

    it("keeps each runner's profile their own", async () => {
      const ada = await signUp(t, "ada");
      const bob = await signUp(t, "bob");
      await t.server.inject({ method: "PUT", url: "/api/profile", payload: { experience: "new", units: "mi" }, cookies: ada });
      const bobs = profileResponse.parse((await t.server.inject({ method: "GET", url: "/api/profile", cookies: bob })).json());
      expect(bobs).toMatchObject({ experience: "regular", units: "km", updatedAt: null });
      const adas = profileResponse.parse((await t.server.inject({ method: "GET", url: "/api/profile", cookies: ada })).json());
      expect(adas).toMatchObject({ experience: "new", units: "mi", rampThreshold: 0.05 });
    });
  });
}
