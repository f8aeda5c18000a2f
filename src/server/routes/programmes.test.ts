import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { DIALECTS } from "../../../test/db.js";
import { signUpCookies, startTestServer } from "../../../test/app.js";
import type { ProgrammeResponse, ProgrammeSessionListResponse, ProgrammeSessionResponse } from "../../contracts/programmes.js";

type Cookies = Record<string, string>;
const NOW = new Date("2024-03-31T12:00:00.000Z");
const SLUG = "patellar-tendinopathy";

function client(server: FastifyInstance, cookies: Cookies = {}) {
  return {
    get: (url: string) => server.inject({ method: "GET", url, cookies }),
    post: (url: string, payload: object) => server.inject({ method: "POST", url, cookies, payload }),
    del: (url: string) => server.inject({ method: "DELETE", url, cookies }),
  };
}

const signUp = signUpCookies;

const session = (over: object = {}) => ({
  programmeSlug: SLUG,
  stage: 1,
  date: "2024-03-30",
  exercises: [{ slug: "wall-sit-isometric", sets: 5, holdSeconds: 45 }],
  painDuring: 2,
  notes: "easier than last week",
  ...over,
});

for (const dialect of DIALECTS) {
  describe(`programme sessions over HTTP on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: ReturnType<typeof client>;
    let bea: ReturnType<typeof client>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => NOW;
      ada = client(t.server, await signUp(t.server, "ada@example.org"));
      bea = client(t.server, await signUp(t.server, "bea@example.org"));
    });
    afterAll(() => t.close());

    it("requires sign-in to log, list or delete sessions", async () => {
      const anon = client(t.server);
      for (const res of [await anon.get("/api/programme-sessions"), await anon.post("/api/programme-sessions", session()), await anon.del("/api/programme-sessions/x")]) {
        expect(res.statusCode).toBe(401);
      }
    });

    it("shows a programme's stages with links to each exercise, signed in or not", async () => {
      const res = await client(t.server).get(`/api/programmes/${SLUG}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<ProgrammeResponse>();
      expect(body.programme.title).toMatch(/patellar tendinopathy/i);
      expect(body.programme.stages.map((s) => s.number)).toEqual(body.programme.stages.map((_, i) => i + 1));
      const first = body.programme.stages[0]!.exercises.find((x) => x.slug === "wall-sit-isometric");
      expect(first).toMatchObject({ url: "/exercises/wall-sit-isometric" });
      expect(first?.title.length).toBeGreaterThan(0);
      expect(body).toMatchObject({ currentStage: 1, sessions: [] });
      const missing = await client(t.server).get("/api/programmes/no-such-programme");
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: "PROGRAMME_NOT_FOUND" } });
    });

    it("logs a session, lists it, and moves the current stage to the latest session's", async () => {
      const res = await ada.post("/api/programme-sessions", session());
      expect(res.statusCode).toBe(201);
      expect(res.json<ProgrammeSessionResponse>().session).toMatchObject({
        programmeSlug: SLUG,
        stage: 1,
        exercises: [{ slug: "wall-sit-isometric", sets: 5, reps: null, holdSeconds: 45 }],
        painDuring: 2,
      });
      await ada.post("/api/programme-sessions", session({ stage: 2, date: "2024-03-31", exercises: [{ slug: "split-squat", sets: 3, reps: 15 }] }));
      const list = (await ada.get(`/api/programme-sessions?programme=${SLUG}`)).json<ProgrammeSessionListResponse>();
      expect(list.sessions.map((s) => [s.date, s.stage])).toEqual([["2024-03-31", 2], ["2024-03-30", 1]]);
      const withLog = (await ada.get(`/api/programmes/${SLUG}`)).json<ProgrammeResponse>();
      expect(withLog.currentStage).toBe(2);
      expect(withLog.sessions).toHaveLength(2);
      expect((await ada.get("/api/programme-sessions?programme=iliotibial-band-syndrome")).json<ProgrammeSessionListResponse>().sessions).toEqual([]);
    });

    it("refuses unknown programmes, stages and exercises, and impossible values, naming the field", async () => {
      const cases: [object, string][] = [
        [session({ programmeSlug: "no-such-programme" }), "programmeSlug"],
        [session({ stage: 9 }), "stage"],
        [session({ stage: 0 }), "stage"],
        [session({ exercises: [{ slug: "pogo-sticks", sets: 3 }] }), "exercises.0.slug"],
        [session({ exercises: [{ slug: "wall-sit-isometric", sets: -1 }] }), "exercises.0.sets"],
        [session({ painDuring: 11 }), "painDuring"],
        [session({ date: "2024-04-03" }), "date"],
        [session({ notes: "x".repeat(2001) }), "notes"],
      ];
      for (const [body, path] of cases) {
        const res = await ada.post("/api/programme-sessions", body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path)).toContain(path);
      }
    });

    it("keeps one runner's log from another and deletes only one's own", async () => {
      const mine = (await ada.get("/api/programme-sessions")).json<ProgrammeSessionListResponse>().sessions;
      const id = mine[0]!.id;
      expect((await bea.get("/api/programme-sessions")).json<ProgrammeSessionListResponse>().sessions).toEqual([]);
      expect((await bea.get(`/api/programmes/${SLUG}`)).json<ProgrammeResponse>()).toMatchObject({ currentStage: 1, sessions: [] });
      const theirs = await bea.del(`/api/programme-sessions/${id}`);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json()).toMatchObject({ error: { code: "PROGRAMME_SESSION_NOT_FOUND" } });
      expect((await ada.del(`/api/programme-sessions/${id}`)).statusCode).toBe(204);
      expect((await ada.get("/api/programme-sessions")).json<ProgrammeSessionListResponse>().sessions.map((s) => s.id)).not.toContain(id);
    });
  });
}
