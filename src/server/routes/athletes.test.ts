import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_RULES } from "../../services/rate-limit.js";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import type { NoteResponse, NotesResponse, RosterResponse, SharingListResponse } from "../../contracts/sharing.js";
import type { ReportResponse } from "../../contracts/training.js";
import { cast, client, share } from "./sharing.test-helpers.js";
import type { Client } from "./sharing.test-helpers.js";

const NOW = new Date("2024-03-31T12:00:00.000Z");
const TODAY = "2024-03-31";

const shift = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function athleteUrls(id: string): string[] {
  return [
    `/api/athletes/${id}`,
    `/api/athletes/${id}/report`,
    `/api/athletes/${id}/pain/status`,
    `/api/athletes/${id}/assessments`,
    `/api/athletes/${id}/shoes`,
    `/api/athletes/${id}/notes`,
  ];
}

/** Every athlete endpoint answers this coach 404 ATHLETE_NOT_FOUND for this athlete. */
async function expectHidden(coach: Client, athleteId: string): Promise<void> {
  for (const url of athleteUrls(athleteId)) {
    const res = await coach.get(url);
    expect(res.statusCode, url).toBe(404);
    expect(res.json(), url).toMatchObject({ error: { code: "ATHLETE_NOT_FOUND" } });
  }
  const note = await coach.post(`/api/athletes/${athleteId}/notes`, { body: "x" });
  expect(note.statusCode).toBe(404);
  expect((await coach.del(`/api/athletes/${athleteId}/share`)).statusCode).toBe(404);
}

for (const dialect of DIALECTS) {
  describe(`coach access to athletes on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client; // runner
    let bea: Client; // runner
    let cole: Client; // coach
    let dee: Client; // coach, never shared with
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => NOW;
      ({ ada, bea, cole, dee } = await cast(t.server));
    });
    afterAll(() => t.close());

    it("requires sign-in for the roster and every athlete endpoint", async () => {
      const anon = client(t.server);
      for (const url of ["/api/athletes", ...athleteUrls(ada.id)]) {
        const res = await anon.get(url);
        expect(res.statusCode, url).toBe(401);
      }
    });

    it("answers a coach without a share exactly as for an athlete that does not exist", async () => {
      await expectHidden(dee, ada.id);
      const missing = await dee.get("/api/athletes/no-such-user/report");
      const real = await dee.get(`/api/athletes/${ada.id}/report`);
      expect(real.json()).toEqual(missing.json());
      // A runner is not anyone's coach either.
      await expectHidden(bea, ada.id);
      expect((await dee.get("/api/athletes")).json<RosterResponse>().athletes).toEqual([]);
    });

    it("shows nothing while an invitation is pending, everything once accepted, and nothing again the moment it is revoked", async () => {
      const invite = await ada.post("/api/sharing/invites/email", { email: "Cole@Example.org", access: "read" });
      expect(invite.statusCode).toBe(201);
      const shareId = invite.json<{ share: { id: string } }>().share.id;
      await expectHidden(cole, ada.id);

      const accepted = await cole.post(`/api/invites/${shareId}/accept`);
      expect(accepted.statusCode).toBe(200);
      for (const url of athleteUrls(ada.id).filter((u) => !u.endsWith("/notes"))) {
        expect((await cole.get(url)).statusCode, url).toBe(200);
      }
      const report = (await cole.get(`/api/athletes/${ada.id}/report`)).json<ReportResponse>();
      expect(report.report.as_of).toBe(TODAY);
      const roster = (await cole.get("/api/athletes")).json<RosterResponse>();
      expect(roster.athletes.map((a) => a.athlete.displayName)).toEqual(["ada"]);

      // The runner sees who can see their data, and since when.
      const mine = (await ada.get("/api/sharing")).json<SharingListResponse>().shares;
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ status: "active", access: "read", acceptedAt: NOW.toISOString(), coach: { displayName: "cole", email: "cole@example.org" } });

      expect((await ada.del(`/api/sharing/${shareId}`)).statusCode).toBe(200);
      await expectHidden(cole, ada.id);
      expect((await cole.get("/api/athletes")).json<RosterResponse>().athletes).toEqual([]);
      expect((await ada.get("/api/sharing")).json<SharingListResponse>().shares).toEqual([]);
      // Revoked is final: the same share cannot be revoked twice or accepted again.
      expect((await ada.del(`/api/sharing/${shareId}`)).statusCode).toBe(404);
      expect((await cole.post(`/api/invites/${shareId}/accept`)).json()).toMatchObject({ error: { code: "INVITE_NOT_FOUND" } });
    });

    it("lets only a coach with notes access write notes, and shows every note to the runner", async () => {
      const shareId = await share(ada, cole, "cole@example.org", "read");
      const refused = await cole.post(`/api/athletes/${ada.id}/notes`, { body: "Easy week please" });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: { code: "NOTES_NOT_ALLOWED" } });
      expect((await cole.get(`/api/athletes/${ada.id}/notes`)).statusCode).toBe(403);

      const patched = await ada.patch(`/api/sharing/${shareId}`, { access: "notes" });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ share: { access: "notes", status: "active", coach: { displayName: "cole" } } });
      const added = await cole.post(`/api/athletes/${ada.id}/notes`, { body: "Easy week please" });
      expect(added.statusCode).toBe(201);
      const note = added.json<NoteResponse>().note;
      expect(note).toMatchObject({ body: "Easy week please", coach: { displayName: "cole" } });
      expect((await cole.get(`/api/athletes/${ada.id}/notes`)).json<NotesResponse>().notes.map((n) => n.id)).toEqual([note.id]);
      expect((await ada.get("/api/sharing/notes")).json<NotesResponse>().notes.map((n) => n.body)).toEqual(["Easy week please"]);
      expect((await cole.post(`/api/athletes/${ada.id}/notes`, { body: "  " })).statusCode).toBe(400);

      // The audit says a note was added, by whom and about whom, never what it says.
      const rows = await t.app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "note.added").execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: cole.id, target: `user:${ada.id}` });
      expect(rows[0]!.details_json).not.toContain("Easy week");

      // Back to read-only: the coach can no longer delete it either.
      await ada.patch(`/api/sharing/${shareId}`, { access: "read" });
      expect((await cole.del(`/api/athletes/${ada.id}/notes/${note.id}`)).statusCode).toBe(403);
      await ada.patch(`/api/sharing/${shareId}`, { access: "notes" });
      expect((await cole.del(`/api/athletes/${ada.id}/notes/${note.id}`)).statusCode).toBe(204);
      expect((await cole.del(`/api/athletes/${ada.id}/notes/${note.id}`)).json()).toMatchObject({ error: { code: "NOTE_NOT_FOUND" } });
      await ada.del(`/api/sharing/${shareId}`);
    });

    it("puts the athlete who needs attention first, with the reasons", async () => {
      await share(ada, cole, "cole@example.org");
      await share(bea, cole, "cole@example.org");
      // Bea: 5 km every other day for three weeks, then 10 km every day this week, and sore yesterday.
      for (let d = 28; d >= 8; d -= 2)
        expect((await bea.post("/api/training/activities", { sport: "run", date: shift(TODAY, -d), time: "07:00", utcOffsetMin: 0, distanceM: 5000, durationS: 1800 })).statusCode).toBe(201);
      for (let d = 6; d >= 0; d--)
        expect((await bea.post("/api/training/activities", { sport: "run", date: shift(TODAY, -d), time: "07:00", utcOffsetMin: 0, distanceM: 10000, durationS: 3600 })).statusCode).toBe(201);
      expect((await bea.put(`/api/pain/${shift(TODAY, -1)}`, { during: 4, after: 7 })).statusCode).toBe(201);
      // Ada: a steady 5 km every other day, no pain.
      for (let d = 28; d >= 0; d -= 2)
        await ada.post("/api/training/activities", { sport: "run", date: shift(TODAY, -d), time: "07:00", utcOffsetMin: 0, distanceM: 5000, durationS: 1800 });

      const roster = (await cole.get("/api/athletes")).json<RosterResponse>().athletes;
      expect(roster.map((a) => a.athlete.displayName)).toEqual(["bea", "ada"]);
      const [first, second] = roster;
      expect(first!.latestPain).toEqual({ score: 7, date: shift(TODAY, -1) });
      expect(first!.training?.acwr.zone).toBe("very_high");
      expect(first!.training?.lastActivityDate).toBe(TODAY);
      const texts = first!.attention.reasons.map((r) => r.text);
      expect(texts).toContain("pain 7/10 yesterday");
      // The 10 km runs after 5 km ones are a spike; the very high ratio is shown, not scored.
      expect(texts).toContain("run spike +100% on the 30-day longest");
      expect(texts.some((s) => /ACWR/.test(s))).toBe(false);
      expect(first!.attention.score).toBeGreaterThan(second!.attention.score);
      expect(second!.training?.acwr.zone).toBe("ok");
      expect(second!.latestPain).toBeNull();
      // Ada has no diary: the roster says so instead of reading her silence as "no pain".
      expect(second!.attention.gaps).toEqual(["no pain recorded in the last 60 days", "no knee check yet"]);
      expect(second!.attention.nothingRecorded).toBe(false);
    });

    it("lets a coach leave, after which the athlete is hidden from them", async () => {
      expect((await cole.del(`/api/athletes/${bea.id}/share`)).statusCode).toBe(204);
      await expectHidden(cole, bea.id);
      expect((await cole.get("/api/athletes")).json<RosterResponse>().athletes.map((a) => a.athlete.displayName)).toEqual(["ada"]);
      expect((await bea.get("/api/sharing")).json<SharingListResponse>().shares).toEqual([]);
      const left = await t.app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "share.left").execute();
      expect(left.map((r) => [r.actor_id, r.target])).toEqual([[cole.id, `user:${bea.id}`]]);
    });

    it("counts a coach's report builds against the coach's own budget, not the runner's", async () => {
      const limit = RATE_RULES.reportBuild.limit;
      const statuses: number[] = [];
      // A fresh one-minute window, so the reports built by the tests above are not counted.
      t.app.now = () => new Date(NOW.getTime() + RATE_RULES.reportBuild.windowMs);
      try {
        // Each number of weeks is a report not yet kept, so each one is built.
        for (let weeks = 200; weeks <= 200 + limit; weeks++)
          statuses.push((await cole.get(`/api/athletes/${ada.id}/report?weeks=${weeks}`)).statusCode);
        expect(statuses.at(-1)).toBe(429);
        expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
        // Exactly the budget is built, and only the one request past it is refused.
        expect(statuses).toEqual([...Array<number>(limit).fill(200), 429]);
        // The runner's own dashboard is untouched by what her coach spent.
        expect((await ada.get("/api/training/report?weeks=199")).statusCode).toBe(200);
      } finally {
        t.app.now = () => NOW;
      }
    });
  });
}

describe("sharing in single-user mode", () => {
  it("is not there at all", async () => {
    const t = await startTestServer("sqlite");
    try {
      for (const url of ["/api/sharing", "/api/athletes", "/api/invites"]) {
        const res = await t.server.inject({ method: "GET", url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json(), url).toMatchObject({ error: { code: "SHARING_UNAVAILABLE" } });
      }
    } finally {
      await t.close();
    }
  });
});
