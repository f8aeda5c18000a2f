/*
 * Issue 18, item 9: a coach sees of an athlete only the kinds of data the runner shares. Each
 * athlete read is allowed with its kind, refused 403 SCOPE_NOT_SHARED without it, and not found
 * once the share is revoked; the runner's changes apply to the coach's very next request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import type { ActivityDetail, ActivityListResponse } from "../../contracts/activities.js";
import type { AthletePainStatusResponse, PainListResponse } from "../../contracts/pain.js";
import type { ProgrammeSessionListResponse } from "../../contracts/programmes.js";
import { SHARE_SCOPES } from "../../contracts/sharing.js";
import type { AthleteResponse, LinkInvitePreview, LinkInviteResponse, RosterResponse, ShareResponse, ShareScope, SharingListResponse } from "../../contracts/sharing.js";
import type { CheckinListResponse, ReportResponse } from "../../contracts/training.js";
import { reportCacheStats } from "../../services/training-report.js";
import { cast } from "./sharing.test-helpers.js";
import type { Client } from "./sharing.test-helpers.js";

const NOW = new Date("2024-03-31T12:00:00.000Z");

/** Every athlete read, by the kind of data it needs. */
function readsByScope(athleteId: string, activityId: string): Record<ShareScope, string[]> {
  const base = `/api/athletes/${athleteId}`;
  return {
    training: [`${base}/report`, `${base}/shoes`],
    activities: [`${base}/activities`, `${base}/activities/${activityId}`],
    pain: [`${base}/pain/status`],
    diary: [`${base}/pain`],
    checkins: [`${base}/checkins`],
    programmes: [`${base}/programme-sessions`],
    assessments: [`${base}/assessments`],
  };
}

/** The runner invites the coach with these kinds, and the coach accepts. */
async function shareOnly(runner: Client, coach: Client, email: string, scopes: readonly ShareScope[]): Promise<string> {
  const invite = await runner.post("/api/sharing/invites/email", { email, access: "read", scopes });
  expect(invite.statusCode, invite.body).toBe(201);
  const id = invite.json<ShareResponse>().share.id;
  expect((await coach.post(`/api/invites/${id}/accept`)).statusCode).toBe(200);
  return id;
}

for (const dialect of DIALECTS) {
  describe(`what a coach sees follows the runner's consent, on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client;
    let bea: Client;
    let cole: Client;
    let activityId = "";
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => NOW;
      ({ ada, bea, cole } = await cast(t.server));
      // Ada records one of everything.
      const run = { sport: "run", date: "2024-03-30", time: "07:00", utcOffsetMin: 0, distanceM: 8000, durationS: 2880 };
      expect((await ada.post("/api/training/activities", run)).statusCode).toBe(201);
      expect((await ada.put("/api/pain/2024-03-30", { during: 3, after: 4 })).statusCode).toBe(201);
      const calm = { fatigue: 1, irritability_low_mood: 0, appetite: 0, enthusiasm: 0, headaches: 0, general_aches: 1, performance_drop: 0, sleep: 1 };
      expect((await ada.put("/api/checkins/2024-03-30", calm)).statusCode).toBeLessThan(300);
      const session = { programmeSlug: "patellar-tendinopathy", stage: 1, date: "2024-03-30", exercises: [{ slug: "wall-sit-isometric", sets: 5, holdSeconds: 45 }], painDuring: 2, notes: "" };
      expect((await ada.post("/api/programme-sessions", session)).statusCode).toBe(201);
      activityId = (await ada.get("/api/activities")).json<ActivityListResponse>().activities[0]!.id;
    });
    afterAll(() => t.close());
    // Each test starts with no live share, whatever the one before left.
    afterEach(async () => {
      for (const runner of [ada, bea])
        for (const s of (await runner.get("/api/sharing")).json<SharingListResponse>().shares)
          if (s.status === "active" || s.status === "pending") await runner.del(`/api/sharing/${s.id}`);
    });

    it("allows each kind only when it is shared, and refuses every other kind with 403 SCOPE_NOT_SHARED", async () => {
      for (const scope of SHARE_SCOPES) {
        const shareId = await shareOnly(ada, cole, "cole@example.org", [scope]);
        const athlete = (await cole.get(`/api/athletes/${ada.id}`)).json<AthleteResponse>().athlete;
        expect(athlete.scopes).toEqual([scope]);
        for (const [kind, urls] of Object.entries(readsByScope(ada.id, activityId))) {
          for (const url of urls) {
            const res = await cole.get(url);
            if (kind === scope) {
              expect(res.statusCode, `${scope}: ${url} ${res.body}`).toBe(200);
            } else {
              expect(res.statusCode, `${scope}: ${url} ${res.body}`).toBe(403);
              expect(res.json(), url).toMatchObject({ error: { code: "SCOPE_NOT_SHARED" } });
            }
          }
        }
        expect((await ada.del(`/api/sharing/${shareId}`)).statusCode).toBe(200);
      }
    });

    it("answers with the runner's data under each kind", async () => {
      const shareId = await shareOnly(ada, cole, "cole@example.org", SHARE_SCOPES);
      const base = `/api/athletes/${ada.id}`;
      const diary = (await cole.get(`${base}/pain`)).json<PainListResponse>().entries;
      expect(diary.map((e) => [e.date, e.during, e.after])).toEqual([["2024-03-30", 3, 4]]);
      expect((await cole.get(`${base}/checkins`)).json<CheckinListResponse>().checkins.map((c) => [c.date, c.score])).toEqual([["2024-03-30", 3]]);
      const sessions = (await cole.get(`${base}/programme-sessions`)).json<ProgrammeSessionListResponse>().sessions;
      expect(sessions.map((s) => [s.programmeSlug, s.date])).toEqual([["patellar-tendinopathy", "2024-03-30"]]);
      const list = (await cole.get(`${base}/activities`)).json<ActivityListResponse>();
      expect(list.activities.map((a) => a.distanceM)).toEqual([8000]);
      const one = (await cole.get(`${base}/activities/${activityId}`)).json<ActivityDetail>();
      expect(one).toMatchObject({ id: activityId, distanceM: 8000 });
      expect(one.stream.every((p) => p.lat == null && p.lon == null)).toBe(true);
      // Another runner's activity is not found through Ada's share.
      expect((await cole.get(`${base}/activities/no-such-activity`)).statusCode).toBe(404);
      await ada.del(`/api/sharing/${shareId}`);
    });

    it("applies the runner's change of kinds at once, both ways, and audits it", async () => {
      const shareId = await shareOnly(ada, cole, "cole@example.org", ["training"]);
      const diary = `/api/athletes/${ada.id}/pain`;
      expect((await cole.get(diary)).statusCode).toBe(403);

      const widened = await ada.patch(`/api/sharing/${shareId}`, { scopes: ["diary", "training"] });
      expect(widened.statusCode, widened.body).toBe(200);
      expect(widened.json<ShareResponse>().share.scopes).toEqual(["training", "diary"]);
      expect((await cole.get(diary)).statusCode).toBe(200);

      const narrowed = await ada.patch(`/api/sharing/${shareId}`, { scopes: ["training"] });
      expect(narrowed.json<ShareResponse>().share).toMatchObject({ scopes: ["training"], access: "read" });
      expect((await cole.get(diary)).json()).toMatchObject({ error: { code: "SCOPE_NOT_SHARED" } });
      expect((await cole.get(`/api/athletes/${ada.id}/report`)).statusCode).toBe(200);

      const rows = await t.app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "share.scopes_changed").orderBy("created_at").execute();
      expect(rows.map((r) => JSON.parse(r.details_json) as { from: string[]; to: string[] }).map((d) => [d.from, d.to])).toEqual([
        [["training"], ["training", "diary"]],
        [["training", "diary"], ["training"]],
      ]);
      expect(rows.every((r) => r.actor_id === ada.id)).toBe(true);
      await ada.del(`/api/sharing/${shareId}`);
    });

    it("refuses every kind once the share is revoked, as if the athlete did not exist", async () => {
      const shareId = await shareOnly(ada, cole, "cole@example.org", SHARE_SCOPES);
      expect((await ada.del(`/api/sharing/${shareId}`)).statusCode).toBe(200);
      for (const url of Object.values(readsByScope(ada.id, activityId)).flat()) {
        const res = await cole.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json(), url).toMatchObject({ error: { code: "ATHLETE_NOT_FOUND" } });
      }
    });

    it("names the field and what it expects when the kinds are wrong", async () => {
      const unknown = await ada.post("/api/sharing/invites/email", { email: "cole@example.org", access: "read", scopes: ["diary", "gps"] });
      expect(unknown.statusCode).toBe(400);
      const field = unknown.json<{ error: { fields: { path: string; message: string }[] } }>().error.fields[0]!;
      expect(field.path).toBe("scopes.1");
      expect(field.message).toMatch(/^scopes must be a list of: training, activities, pain, diary, checkins, programmes, assessments\.$/);
      const none = await ada.post("/api/sharing/invites/link", { access: "read", scopes: [] });
      const noneField = none.json<{ error: { fields: { path: string; message: string }[] } }>().error.fields[0]!;
      expect(noneField.path).toBe("scopes");
      expect(noneField.message).toMatch(/^scopes: choose at least one kind of data to share/);
      const shareId = await shareOnly(ada, cole, "cole@example.org", ["training"]);
      const empty = await ada.patch(`/api/sharing/${shareId}`, {});
      expect(empty.json()).toMatchObject({ error: { fields: [{ path: "access", message: "Send access, scopes or both." }] } });
      // A refused change changes nothing.
      expect((await ada.patch(`/api/sharing/${shareId}`, { scopes: [] })).statusCode).toBe(400);
      expect((await cole.get(`/api/athletes/${ada.id}`)).json<AthleteResponse>().athlete.scopes).toEqual(["training"]);
      await ada.del(`/api/sharing/${shareId}`);
    });

    it("shows the coach what a link would share before accepting", async () => {
      const { token } = (await ada.post("/api/sharing/invites/link", { access: "read", scopes: ["checkins", "training"] })).json<LinkInviteResponse>();
      const preview = (await cole.get(`/api/invites/link/${token}`)).json<LinkInvitePreview>();
      expect(preview.scopes).toEqual(["training", "checkins"]);
      const accepted = (await cole.post(`/api/invites/link/${token}/accept`)).json<AthleteResponse>();
      expect(accepted.athlete.scopes).toEqual(["training", "checkins"]);
      await ada.del(`/api/sharing/${accepted.athlete.shareId}`);
    });

    it("puts nothing on the roster that is not shared, and never calls a runner with nothing recorded calm", async () => {
      const adaShare = await shareOnly(ada, cole, "cole@example.org", ["training"]);
      // Bea shares everything and has recorded nothing at all.
      const beaShare = await shareOnly(bea, cole, "cole@example.org", SHARE_SCOPES);
      const roster = (await cole.get("/api/athletes")).json<RosterResponse>().athletes;
      const a = roster.find((r) => r.athlete.id === ada.id)!;
      const b = roster.find((r) => r.athlete.id === bea.id)!;
      // Ada's pain of 4 yesterday is in her diary, but not shared: the roster neither shows nor scores it.
      expect(a.latestPain).toBeNull();
      expect(a.latestAssessment).toBeNull();
      expect(a.training?.lastActivityDate).toBe("2024-03-30");
      expect(a.attention.reasons.map((r) => r.code)).not.toContain("PAIN");
      expect(a.attention.gaps).toEqual(["pain not shared", "knee checks not shared"]);
      expect(a.attention.nothingRecorded).toBe(false);

      expect(b.training).toMatchObject({ lastActivityDate: null, shoes: { pairs: 0, worn: 0, nearLimit: 0 } });
      expect(b.attention).toEqual({ score: 0, reasons: [], gaps: ["no runs recorded", "no pain recorded in the last 60 days", "no knee check yet"], nothingRecorded: true });
      await ada.del(`/api/sharing/${adaShare}`);
      await bea.del(`/api/sharing/${beaShare}`);
    });
  });

  /*
   * What a coach reads is built from the kinds shared only: no part of one answer may be derived
   * from a kind the runner keeps to themselves (check-ins inside the training report, the diary
   * and the runs inside the pain status, the runner's time zone on the roster).
   */
  describe(`nothing in a coach's answer is derived from a kind not shared, on ${dialect}`, () => {
    // 20:00 UTC is already 1 April where Ada runs (UTC+10): the server's today is 31 March.
    const LATE = new Date("2024-03-31T20:00:00.000Z");
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client;
    let cole: Client;
    const base = () => `/api/athletes/${ada.id}`;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => LATE;
      ({ ada, cole } = await cast(t.server));
      // Every other day for four weeks: a run (short or long), and a diary entry with the next
      // morning's score (worse after the long ones).
      for (let d = 2; d <= 30; d += 2) {
        const date = `2024-03-${String(d).padStart(2, "0")}`;
        const long = d % 4 === 0;
        const run = { sport: "run", date, time: "07:00", utcOffsetMin: 600, distanceM: long ? 14000 : 6000, durationS: long ? 5040 : 2160 };
        expect((await ada.post("/api/training/activities", run)).statusCode).toBe(201);
        const entry = { during: 2, nextMorning: long ? 6 : 1, triggers: long ? ["long_run"] : [], notes: "left knee" };
        expect((await ada.put(`/api/pain/${date}`, entry)).statusCode).toBe(201);
      }
      // Two weeks of check-ins with several warning signs each day: overtraining signs.
      const tired = { fatigue: 2, irritability_low_mood: 2, appetite: 2, enthusiasm: 2, headaches: 2, general_aches: 2, performance_drop: 2, sleep: 2 };
      for (let d = 18; d <= 31; d++) expect((await ada.put(`/api/checkins/2024-03-${d}`, tired)).statusCode).toBeLessThan(300);
    });
    afterAll(() => t.close());
    afterEach(async () => {
      for (const s of (await ada.get("/api/sharing")).json<SharingListResponse>().shares)
        if (s.status === "active" || s.status === "pending") await ada.del(`/api/sharing/${s.id}`);
    });

    const overtraining = (r: ReportResponse) => [...r.report.warnings, ...r.report.weeks.flatMap((w) => w.warnings)].filter((w) => w.code === "OVERTRAINING_SIGNS");

    it("gives a training-only coach a report without check-ins, and leaves the runner's own report as it was", async () => {
      const ownRes = await ada.get("/api/training/report");
      const own = ownRes.json<ReportResponse>();
      expect(own.report.checkins.trend.length).toBeGreaterThan(7);
      expect(overtraining(own)).toHaveLength(1);

      await shareOnly(ada, cole, "cole@example.org", ["training"]);
      const coachRes = await cole.get(`${base()}/report`);
      expect(coachRes.statusCode, coachRes.body).toBe(200);
      const seen = coachRes.json<ReportResponse>();
      expect(seen.report.checkins).toMatchObject({ trend: [], mean_last_7: null, mean_previous_7: null, direction: null, persistent: false });
      expect(overtraining(seen)).toEqual([]);
      expect(coachRes.body).not.toMatch(/check-in/i);
      // The load figures are the runner's own.
      expect(seen.report.weeks).toEqual(own.report.weeks);
      expect(seen.report.acwr).toEqual(own.report.acwr);

      // The runner's kept report is neither replaced nor rebuilt by the coach's read.
      const before = reportCacheStats(t.app);
      const again = await ada.get("/api/training/report");
      expect(again.body).toBe(ownRes.body);
      expect(reportCacheStats(t.app)).toMatchObject({ hits: before.hits + 1, builds: before.builds });
      // And the coach's next read is not served the runner's report from the cache either.
      expect(overtraining((await cole.get(`${base()}/report`)).json<ReportResponse>())).toEqual([]);
    });

    it("shows the check-ins in the coach's report when they are shared too", async () => {
      await shareOnly(ada, cole, "cole@example.org", ["training", "checkins"]);
      const seen = (await cole.get(`${base()}/report`)).json<ReportResponse>();
      expect(seen.report.checkins.trend.length).toBeGreaterThan(7);
      expect(overtraining(seen)).toHaveLength(1);
    });

    it("neither scores nor counts overtraining signs on the roster without check-ins", async () => {
      const shareId = await shareOnly(ada, cole, "cole@example.org", ["training"]);
      const row = () => cole.get("/api/athletes").then((r) => r.json<RosterResponse>().athletes.find((a) => a.athlete.id === ada.id)!);
      const without = await row();
      expect(without.attention.reasons.map((r) => r.code)).not.toContain("OVERTRAINING");
      expect(JSON.stringify(without)).not.toMatch(/check-in/i);

      expect((await ada.patch(`/api/sharing/${shareId}`, { scopes: ["training", "checkins"] })).statusCode).toBe(200);
      const withCheckins = await row();
      expect(withCheckins.attention.reasons.map((r) => r.code)).toContain("OVERTRAINING");
      expect(withCheckins.training!.warnings).toBe(without.training!.warnings + 1);
      expect(withCheckins.attention.score).toBe(without.attention.score + 15);
    });

    it("dates the roster row by the server's today, not the runner's time zone, without training", async () => {
      const shareId = await shareOnly(ada, cole, "cole@example.org", ["pain"]);
      const row = () => cole.get("/api/athletes").then((r) => r.json<RosterResponse>().athletes.find((a) => a.athlete.id === ada.id)!);
      expect((await row()).asOf).toBe("2024-03-31");
      expect((await ada.patch(`/api/sharing/${shareId}`, { scopes: ["pain", "training"] })).statusCode).toBe(200);
      expect((await row()).asOf).toBe("2024-04-01");
    });

    it("gives a pain-only coach the light and nothing of the diary's patterns or the runs", async () => {
      await shareOnly(ada, cole, "cole@example.org", ["pain"]);
      const res = await cole.get(`${base()}/pain/status`);
      expect(res.statusCode, res.body).toBe(200);
      const seen = res.json<AthletePainStatusResponse>();
      expect(seen.status.light).not.toBe("none");
      expect(seen.patterns).toBeNull();
      expect(seen.shoeNames).toEqual({});
      expect(res.body).not.toMatch(/distanceM|weekly|correlation|long_run|left knee/);
    });

    it("adds the diary's own patterns with the diary, and the runs' parts only with training too", async () => {
      const shareId = await shareOnly(ada, cole, "cole@example.org", ["pain", "diary"]);
      const own = (await ada.get("/api/pain/status?asOf=2024-03-31")).json<AthletePainStatusResponse>();
      expect(own.patterns!.enough).toBe(true);

      const res = await cole.get(`${base()}/pain/status?asOf=2024-03-31`);
      const diary = res.json<AthletePainStatusResponse>();
      expect(diary.status).toEqual(own.status);
      const p = diary.patterns!;
      expect(p.enough).toBe(true);
      expect(p.weekly.map((w) => [w.weekStart, w.entries, w.meanPain])).toEqual(own.patterns!.weekly.map((w) => [w.weekStart, w.entries, w.meanPain]));
      expect(p.weekly.every((w) => w.distanceM === undefined)).toBe(true);
      expect(p).toMatchObject({ correlation: null, activitiesUsed: false, runDaysWithMorning: 0 });
      expect(p.patterns.every((x) => x.kind === "trigger")).toBe(true);
      expect(p.patterns.map((x) => x.kind === "trigger" && x.trigger)).toEqual(["long_run"]);
      expect(p.checks.map((c) => c.kind)).toEqual(["trigger"]);
      expect(diary.shoeNames).toEqual({});
      expect(res.body).not.toMatch(/distanceM|thresholdM|byShoe/);

      expect((await ada.patch(`/api/sharing/${shareId}`, { scopes: ["pain", "diary", "training"] })).statusCode).toBe(200);
      const all = (await cole.get(`${base()}/pain/status?asOf=2024-03-31`)).json<AthletePainStatusResponse>();
      expect(all).toEqual(own);

      // Training without the diary adds no patterns.
      expect((await ada.patch(`/api/sharing/${shareId}`, { scopes: ["pain", "training"] })).statusCode).toBe(200);
      expect((await cole.get(`${base()}/pain/status`)).json<AthletePainStatusResponse>().patterns).toBeNull();
    });
  });
}
