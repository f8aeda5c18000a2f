import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { activePlanResponse } from "../../contracts/plans.js";
import type { ActivePlanView } from "../../contracts/plans.js";
import type { ReportResponse } from "../../contracts/training.js";
import type { TestServer } from "./plans.test-helpers.js";
import { addRun, setClock, signUpRunner } from "./plans.test-helpers.js";

// A Wednesday: a plan started "today" starts mid-week.
const WEDNESDAY = "2025-03-05T09:00:00Z";
const ISO_DAY = /\d{4}-\d\d-\d\d/;

type BuildView = Extract<ActivePlanView, { kind: "build" }>;

/** Every sentence of a build plan as shown. */
function sentencesOf(view: BuildView): string[] {
  const p = view.plan;
  return [...p.weeks.flatMap((w) => [w.reason, ...w.sessions.map((s) => s.description)]), ...p.warnings.map((w) => w.message), ...p.notes];
}

for (const dialect of DIALECTS) {
  describe(`the days a plan and the training report name, in the reader's locale, on ${dialect}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      setClock(t, WEDNESDAY);
    });
    afterAll(() => t.close());

    const get = async (cookies: Record<string, string>, url: string) => {
      const res = await t.server.inject({ method: "GET", url, cookies });
      expect(res.statusCode, res.body).toBe(200);
      return activePlanResponse.parse(res.json()).plan as BuildView;
    };

    it("writes the race, the mid-week start and the warnings' days as ?locale= asks, and as YYYY-MM-DD without it", async () => {
      const runner = await signUpRunner(t, "locale-plan");
      // A marathon a month away from 20 km a week: too close, and a goal it cannot reach.
      const created = await t.server.inject({
        method: "POST",
        url: "/api/plans?locale=en-GB",
        cookies: runner.cookies,
        payload: { kind: "build", goal: { kind: "event", date: "2025-04-06", distanceM: 42_195 }, currentWeeklyM: 20_000, start: "today", beginner: false, returning: false },
      });
      expect(created.statusCode, created.body).toBe(201);
      const made = activePlanResponse.parse(created.json()).plan as BuildView;
      expect(made.plan.weeks[0]?.reason).toContain("This week starts on 5 Mar 2025;");
      expect(made.plan.warnings[0]?.message).toMatch(/^The race on 6 Apr 2025 is too close/);

      const gb = await get(runner.cookies, "/api/plans/active?locale=en-GB");
      expect(gb.plan.weeks.at(-1)?.reason).toContain("race on 6 Apr 2025.");
      expect(gb.plan.warnings.find((w) => w.code === "GOAL_UNREACHABLE")?.message).toMatch(/a week by \d{1,2} [A-Z][a-z]{2,3} 2025,/);
      for (const text of sentencesOf(gb)) expect(text).not.toMatch(ISO_DAY);
      // The days stay as data beside the words.
      expect(gb.plan.warnings[0]?.safe_date ?? "").toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(gb.plan.weeks[0]?.start).toBe("2025-03-03");

      const us = await get(runner.cookies, "/api/plans/active?locale=en-US&units=mi");
      expect(us.plan.warnings[0]?.message).toMatch(/^The race on Apr 6, 2025 is too close/);
      expect(us.plan.weeks[0]?.reason).toContain("This week starts on Mar 5, 2025;");

      const plain = await get(runner.cookies, "/api/plans/active");
      expect(plain.plan.warnings[0]?.message).toMatch(/^The race on 2025-04-06 is too close/);
      expect(plain.plan.weeks[0]?.reason).toContain("This week starts on 2025-03-05;");
    });

    it("refuses a locale that is not a language tag, naming the field", async () => {
      const runner = await signUpRunner(t, "locale-bad");
      for (const [method, url] of [
        ["GET", "/api/plans/active?locale=not%20a%20tag"],
        ["POST", "/api/plans?locale=en_GB!"],
        ["GET", "/api/plans/return-entry?locale=xx-"],
        ["GET", "/api/training/report?locale=not%20a%20tag"],
      ] as const) {
        const res = await t.server.inject({
          method,
          url,
          cookies: runner.cookies,
          ...(method === "POST" ? { payload: { kind: "build", goal: { kind: "weekly", weeklyM: 30_000 }, currentWeeklyM: 20_000 } } : {}),
        });
        expect(res.statusCode, url).toBe(400);
        expect(res.body, url).toMatch(/locale/);
        expect(res.body, url).toMatch(/language tag such as en-GB/);
      }
    });

    it("writes the training report's warnings with ?locale=, keeping the days as data", async () => {
      const runner = await signUpRunner(t, "locale-report");
      await addRun(t, runner.id, "2025-02-26", 5_000);
      await addRun(t, runner.id, "2025-03-03", 8_000);
      const report = async (query: string) => {
        const res = await t.server.inject({ method: "GET", url: `/api/training/report?asOf=2025-03-05${query}`, cookies: runner.cookies });
        expect(res.statusCode, res.body).toBe(200);
        return res.json<ReportResponse>().report.warnings.find((w) => w.code === "RUN_SPIKE");
      };
      expect((await report("&locale=en-GB"))?.message).toMatch(/^On 3 Mar 2025 you ran 8\.0 km/);
      expect((await report("&locale=en-US"))?.message).toMatch(/^On Mar 3, 2025 you ran/);
      const plain = await report("");
      expect(plain?.message).toMatch(/^On 2025-03-03 you ran/);
      expect(plain?.data).toMatchObject({ date: "2025-03-03" });
    });
  });
}
