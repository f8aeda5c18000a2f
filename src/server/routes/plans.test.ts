import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { activePlanResponse } from "../../contracts/plans.js";
import type { TestServer } from "./plans.test-helpers.js";
import {
  activePlan,
  addRun,
  readCalendar,
  sessionCount,
  setClock,
  signUpRunner,
} from "./plans.test-helpers.js";

// A Wednesday: the plan's default start is the next Monday, 2025-03-10.
const WEDNESDAY = "2025-03-05T09:00:00Z";

for (const dialect of DIALECTS) {
  describe(`plans API on ${dialect}`, () => {
    let t: TestServer;
    let ada: Awaited<ReturnType<typeof signUpRunner>>;
    let bob: Awaited<ReturnType<typeof signUpRunner>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ada = await signUpRunner(t, "ada");
      bob = await signUpRunner(t, "bob");
      setClock(t, WEDNESDAY);
    });
    afterAll(() => t.close());

    it("requires sign-in for every plan endpoint", async () => {
      for (const [method, url] of [
        ["POST", "/api/plans"],
        ["GET", "/api/plans/active"],
        ["DELETE", "/api/plans/active"],
        ["GET", "/api/plans/active.ics"],
      ] as const) {
        const res = await t.server.inject({
          method,
          url,
          ...(method === "POST" ? { payload: {} } : {}),
        });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: "NOT_SIGNED_IN" } });
      }
    });

    it("creates a build-up plan from a weekly distance the runner gives", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: ada.cookies,
        payload: {
          kind: "build",
          goal: { kind: "weekly", weeklyM: 30_000 },
          currentWeeklyM: 20_000,
          beginner: false,
          returning: false,
        },
      });
      expect(res.statusCode).toBe(201);
      const plan = activePlanResponse.parse(res.json()).plan;
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      expect(plan.basis).toMatchObject({ baseline_from: "given", profile_from: "given" });
      expect(plan.plan.baseline_weekly_m).toBe(20_000);
      expect(plan.plan.weeks[0]?.start).toBe("2025-03-10");
      expect(plan.plan.weeks[0]!.distance_m).toBeLessThanOrEqual(22_000);
      expect(Math.max(...plan.plan.weeks.map((w) => w.distance_m))).toBe(30_000);
      expect(plan.changes).toBeNull();
      // Reading it back gives the same plan: nothing happened since.
      const again = await activePlan(t, ada.cookies);
      expect(again?.id).toBe(plan.id);
      expect(again?.plan).toEqual(plan.plan);
    });

    it("starts today or later, never in days already past", async () => {
      const dee = await signUpRunner(t, "dee-start");
      const post = (start: string) =>
        t.server.inject({
          method: "POST",
          url: "/api/plans",
          cookies: dee.cookies,
          payload: { kind: "build", goal: { kind: "weekly", weeklyM: 30_000 }, currentWeeklyM: 20_000, start },
        });
      const past = await post("2025-03-04");
      expect(past.statusCode).toBe(400);
      expect(past.json()).toMatchObject({ error: { code: "PLAN_START_PAST", fields: [{ path: "start" }] } });
      const today = await post("2025-03-05");
      expect(today.statusCode).toBe(201);
      const plan = activePlanResponse.parse(today.json()).plan;
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      const dates = plan.plan.weeks.flatMap((w) => w.sessions.map((x) => x.date));
      expect(dates[0]).toBe("2025-03-05");
      expect(dates.every((d) => d >= "2025-03-05")).toBe(true);
    });

    it("shows a new plan with no list of changes, even when the pain diary would adapt an older one", async () => {
      const gil = await signUpRunner(t, "gil-new");
      await t.server.inject({ method: "PUT", url: "/api/pain/2025-03-04", cookies: gil.cookies, payload: { during: 6, after: 5, nextMorning: 3 } });
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: gil.cookies,
        payload: { kind: "build", goal: { kind: "weekly", weeklyM: 30_000 }, currentWeeklyM: 20_000, start: "2025-03-05" },
      });
      expect(res.statusCode).toBe(201);
      expect(activePlanResponse.parse(res.json()).plan?.changes).toBeNull();
      expect((await activePlan(t, gil.cookies))?.changes).toBeNull();
    });

    it("says first when the race is too close, with the nearest safe date and a shorter race", async () => {
      const hal = await signUpRunner(t, "hal-close");
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: hal.cookies,
        payload: { kind: "build", goal: { kind: "event", date: "2025-04-27", distanceM: 42_195 }, currentWeeklyM: 30_000 },
      });
      expect(res.statusCode).toBe(201);
      const plan = activePlanResponse.parse(res.json()).plan;
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      const first = plan.plan.warnings[0];
      expect(first?.code).toBe("EVENT_TOO_CLOSE");
      expect(first?.safe_date).toMatch(/^2025-\d\d-\d\d$/);
      expect(first?.safe_date && first.safe_date > "2025-04-27").toBe(true);
      expect(first?.shorter_distance_m).toBeGreaterThan(0);
      // The offers hold: a half marathon on the same day, or the marathon on the safe date, warns no more.
      expect(first?.shorter_distance_m).toBe(21_097);
      for (const goal of [
        { kind: "event", date: "2025-04-27", distanceM: first!.shorter_distance_m! },
        { kind: "event", date: first!.safe_date!, distanceM: 42_195 },
      ]) {
        const again = await t.server.inject({ method: "POST", url: "/api/plans", cookies: hal.cookies, payload: { kind: "build", goal, currentWeeklyM: 30_000 } });
        expect(again.statusCode).toBe(201);
        const offered = activePlanResponse.parse(again.json()).plan;
        if (offered?.kind !== "build") throw new Error("expected a build plan");
        expect(offered.plan.warnings.map((w) => w.code), goal.date).not.toContain("EVENT_TOO_CLOSE");
      }
    });

    it("puts rest days in the calendar only when the runner asks", async () => {
      const ivy = await signUpRunner(t, "ivy-rest");
      const create = (restDaysInCalendar: boolean) =>
        t.server.inject({
          method: "POST",
          url: "/api/plans",
          cookies: ivy.cookies,
          payload: { kind: "build", goal: { kind: "weekly", weeklyM: 24_000 }, currentWeeklyM: 20_000, restDaysInCalendar },
        });
      const ics = async () => readCalendar((await t.server.inject({ method: "GET", url: "/api/plans/active.ics", cookies: ivy.cookies })).body);
      await create(false);
      const plan = (await activePlan(t, ivy.cookies))!;
      const without = await ics();
      expect(without).toHaveLength(sessionCount(plan));
      expect(without.some((e) => /rest/i.test(e.summary))).toBe(false);
      await create(true);
      const withRest = await ics();
      expect(withRest).toHaveLength(sessionCount((await activePlan(t, ivy.cookies))!, true));
      expect(withRest.length).toBeGreaterThan(without.length);
    });

    it("measures the current weekly distance from the runner's own complete weeks of running", async () => {
      const cy = await signUpRunner(t, "cy");
      // Four complete weeks before this one: 18, 20, 22 and 24 km (mean 21 km).
      for (const [monday, km] of [
        ["2025-02-03", 18],
        ["2025-02-10", 20],
        ["2025-02-17", 22],
        ["2025-02-24", 24],
      ] as const) {
        await addRun(t, cy.id, monday, (km / 2) * 1000);
        await addRun(
          t,
          cy.id,
          monday.replace(/\d\d$/, (d) => String(Number(d) + 3).padStart(2, "0")),
          (km / 2) * 1000,
        );
      }
      // Not counted: the week in progress, a run six weeks back, and a bike ride.
      await addRun(t, cy.id, "2025-03-04", 30_000);
      await addRun(t, cy.id, "2025-01-20", 40_000);
      await addRun(t, cy.id, "2025-02-25", 60_000, { sport: "ride" });
      // A run late on Sunday evening local time is still Sunday's, though it is Monday in UTC.
      await addRun(t, cy.id, "2025-02-09", 0, {
        startUtc: "2025-02-09T23:30:00.000Z",
        offsetMin: -60,
      });

      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: cy.cookies,
        payload: { kind: "build", goal: { kind: "event", date: "2025-06-01", distanceM: 21_097 } },
      });
      expect(res.statusCode).toBe(201);
      const plan = activePlanResponse.parse(res.json()).plan;
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      expect(plan.basis).toMatchObject({
        baseline_from: "runs",
        baseline_weeks: 4,
        profile_from: "default",
      });
      expect(plan.plan.baseline_weekly_m).toBe(21_000);
      expect(
        plan.plan.weeks.at(-1)?.sessions.some((s) => s.kind === "race" && s.date === "2025-06-01"),
      ).toBe(true);
    });

    it("takes beginner and returning from the runner's profile when the form leaves them out", async () => {
      const dee = await signUpRunner(t, "dee");
      const saved = await t.server.inject({
        method: "PUT",
        url: "/api/profile",
        cookies: dee.cookies,
        payload: { experience: "returning" },
      });
      expect(saved.statusCode).toBe(200);
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: dee.cookies,
        payload: {
          kind: "build",
          goal: { kind: "weekly", weeklyM: 25_000 },
          currentWeeklyM: 15_000,
        },
      });
      const plan = activePlanResponse.parse(res.json()).plan;
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      expect(plan.basis.profile_from).toBe("profile");
      expect(plan.plan.settings).toMatchObject({ returning: true, rampRate: 0.05 });
    });

    it("names each invalid field", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: ada.cookies,
        payload: {
          kind: "build",
          goal: { kind: "weekly", weeklyM: -5 },
          start: "2025-02-30",
          runDaysPerWeek: 9,
        },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ error: { code: string; fields: { path: string }[] } }>();
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.fields.map((f) => f.path).sort()).toEqual([
        "goal.weeklyM",
        "runDaysPerWeek",
        "start",
      ]);

      const kind = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: ada.cookies,
        payload: { kind: "marathon" },
      });
      expect(kind.statusCode).toBe(400);
    });

    it("refuses a query key it does not know with a 400 naming the key", async () => {
      for (const [method, url, key] of [
        ["GET", "/api/plans/active?unit=mi", "unit"],
        ["GET", "/api/plans/active?units=mi&lang=en-GB", "lang"],
        ["POST", "/api/plans/active/resume?unit=mi", "unit"],
        ["GET", "/api/plans/return-entry?units=mi", "units"],
      ] as const) {
        const payload = method === "POST" ? { payload: { clearance: true } } : {};
        const res = await t.server.inject({ method, url, cookies: ada.cookies, ...payload });
        expect(res.statusCode, `${method} ${url}`).toBe(400);
        const body = res.json<{ error: { code: string; fields: { message: string }[] } }>();
        expect(body.error.code, `${method} ${url}`).toBe("VALIDATION_FAILED");
        expect(body.error.fields.map((f) => f.message).join(" "), `${method} ${url}`).toContain(`"${key}"`);
      }
      // What the web sends is still taken.
      const ok = await t.server.inject({ method: "GET", url: "/api/plans/active?units=mi&locale=en-GB", cookies: ada.cookies });
      expect(ok.statusCode).toBe(200);
      const entry = await t.server.inject({ method: "GET", url: "/api/plans/return-entry?locale=en-GB", cookies: ada.cookies });
      expect(entry.statusCode).toBe(200);
    });

    it("asks for the current weekly distance when there are no runs to read it from", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: bob.cookies,
        payload: { kind: "build", goal: { kind: "weekly", weeklyM: 30_000 } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        error: { code: "PLAN_NO_BASELINE", fields: [{ path: "currentWeeklyM" }] },
      });
      const event = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: bob.cookies,
        payload: {
          kind: "build",
          goal: { kind: "event", date: "2025-03-01", distanceM: 10_000 },
          currentWeeklyM: 10_000,
        },
      });
      expect(event.json()).toMatchObject({
        error: { code: "PLAN_EVENT_BEFORE_START", fields: [{ path: "goal.date" }] },
      });
    });

    it("does not show, export or delete another runner's plan", async () => {
      expect(await activePlan(t, bob.cookies)).toBeNull();
      const ics = await t.server.inject({
        method: "GET",
        url: "/api/plans/active.ics",
        cookies: bob.cookies,
      });
      expect(ics.statusCode).toBe(404);
      const del = await t.server.inject({
        method: "DELETE",
        url: "/api/plans/active",
        cookies: bob.cookies,
      });
      expect(del.statusCode).toBe(404);
      expect(await activePlan(t, ada.cookies)).not.toBeNull();
    });

    it("exports the plan as iCalendar that ical.js reads, one event per session but rest days", async () => {
      const plan = await activePlan(t, ada.cookies);
      const res = await t.server.inject({
        method: "GET",
        url: "/api/plans/active.ics",
        cookies: ada.cookies,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
      expect(res.headers["content-disposition"]).toMatch(/attachment; filename=".+\.ics"/);
      const events = readCalendar(res.body);
      expect(events).toHaveLength(sessionCount(plan!));
      const first = plan!.plan.weeks[0]!.sessions.find((s) => s.kind !== "rest")!;
      expect(events[0]!.startDate.toString()).toBe(first.date);
      expect(events[0]!.description).toBe(first.description);
      expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    });

    it("adapts the weeks ahead after a short week and says what changed and why", async () => {
      const eve = await signUpRunner(t, "eve");
      const created = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: eve.cookies,
        payload: {
          kind: "build",
          goal: { kind: "weekly", weeklyM: 30_000 },
          currentWeeklyM: 20_000,
          beginner: false,
          returning: false,
        },
      });
      const before = activePlanResponse.parse(created.json()).plan;
      if (before?.kind !== "build") throw new Error("expected a build plan");
      // Only 6 km of the first week's plan were run; it is now the Wednesday after.
      await addRun(t, eve.id, "2025-03-11", 3_000);
      await addRun(t, eve.id, "2025-03-13", 3_000);
      setClock(t, "2025-03-19T09:00:00Z");
      try {
        const after = await activePlan(t, eve.cookies);
        if (after?.kind !== "build") throw new Error("expected a build plan");
        expect(after.changes?.as_of).toBe("2025-03-19");
        expect(after.changes?.items.length).toBeGreaterThan(0);
        for (const c of after.changes!.items)
          expect(c.why).toMatch(/last week you ran 6\.0 km of the .+ planned/i);
        const planned = before.plan.weeks.find((w) => w.start === "2025-03-17")!;
        const replanned = after.plan.weeks.find((w) => w.start === "2025-03-17")!;
        expect(replanned.distance_m).toBeLessThan(planned.distance_m);
        expect(replanned.reason).toMatch(/^Re-planned/);
        expect(after.changes!.items.find((c) => c.week === "2025-03-17")).toMatchObject({
          before_m: planned.distance_m,
          after_m: replanned.distance_m,
        });
        // The week already behind stays as it was planned.
        expect(after.plan.weeks[0]).toEqual(before.plan.weeks[0]);

        // Looking again without anything new changes nothing, and keeps the explanation.
        const again = await activePlan(t, eve.cookies);
        expect(again?.updated_at).toBe(after.updated_at);
        expect(again?.changes).toEqual(after.changes);
      } finally {
        setClock(t, WEDNESDAY);
      }
    });

    it("writes a walk-run return plan with its stages, rule and today's status", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: bob.cookies,
        payload: { kind: "return", baselinePain: 1, entry: { confirmed: ["walk_30_min", "hop"] } },
      });
      expect(res.statusCode).toBe(201);
      const plan = activePlanResponse.parse(res.json()).plan;
      if (plan?.kind !== "return") throw new Error("expected a return plan");
      expect(plan.plan.current_stage).toBe(1);
      expect(plan.plan.stages.length).toBeGreaterThan(3);
      expect(plan.plan.rule).toMatch(/3\/10/);
      const sessions = plan.plan.weeks.flatMap((w) => w.sessions);
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.every((s) => s.kind === "walk_run" && s.date >= "2025-03-05")).toBe(true);
      expect(plan.today).toMatchObject({ date: "2025-03-05", logged: false });
      const ics = await t.server.inject({
        method: "GET",
        url: "/api/plans/active.ics",
        cookies: bob.cookies,
      });
      expect(readCalendar(ics.body)).toHaveLength(sessions.length);
    });

    it("unlocks the next walk-run stage from the pain diary, and never on a day above 3/10", async () => {
      const diary = async (
        date: string,
        during: number,
        after: number,
        nextMorning: number | null,
      ) => {
        const res = await t.server.inject({
          method: "PUT",
          url: `/api/pain/${date}`,
          cookies: bob.cookies,
          payload: { during, after, nextMorning },
        });
        expect(res.statusCode, date).toBeLessThan(300);
      };
      try {
        setClock(t, "2025-03-08T09:00:00Z");
        await diary("2025-03-05", 2, 2, 1);
        await diary("2025-03-07", 1, 3, 0);
        const unlocked = await activePlan(t, bob.cookies);
        if (unlocked?.kind !== "return") throw new Error("expected a return plan");
        expect(unlocked.plan.current_stage).toBe(2);
        expect(unlocked.changes?.items[0]?.why).toMatch(/stage 2 \(was 1\)/);
        expect(unlocked.plan.weeks[0]?.sessions[0]?.description).toMatch(/stage 2/);

        // Pain of 4/10 during the next session holds the stage, whatever the morning says.
        setClock(t, "2025-03-09T18:00:00Z");
        await diary("2025-03-09", 4, 2, 0);
        const held = await activePlan(t, bob.cookies);
        if (held?.kind !== "return") throw new Error("expected a return plan");
        expect(held.plan.current_stage).toBe(2);
        expect(held.today).toMatchObject({ logged: true, status: "hold_pain" });
        expect(held.plan.days.at(-1)).toMatchObject({ date: "2025-03-09", outcome: "held" });
      } finally {
        setClock(t, WEDNESDAY);
      }
    });

    it("eases the weeks ahead when the pain diary shows pain above 5/10", async () => {
      const fay = await signUpRunner(t, "fay");
      await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: fay.cookies,
        payload: {
          kind: "build",
          goal: { kind: "weekly", weeklyM: 30_000 },
          currentWeeklyM: 20_000,
          start: "2025-03-05",
        },
      });
      const res = await t.server.inject({
        method: "PUT",
        url: "/api/pain/2025-03-04",
        cookies: fay.cookies,
        payload: { during: 6, after: 5, nextMorning: 3 },
      });
      expect(res.statusCode).toBeLessThan(300);
      const plan = await activePlan(t, fay.cookies);
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      expect(plan.changes?.items[0]?.why).toMatch(/pain went above 5\/10/);
      expect(plan.plan.weeks[0]).toMatchObject({ start: "2025-03-03", phase: "lighter" });
      expect(plan.plan.warnings.map((w) => w.code)).toContain("PAIN_HIGH");
    });

    it("deletes the active plan, after which there is none to show or export", async () => {
      const del = await t.server.inject({
        method: "DELETE",
        url: "/api/plans/active",
        cookies: ada.cookies,
      });
      expect(del.statusCode).toBe(204);
      expect(await activePlan(t, ada.cookies)).toBeNull();
      const ics = await t.server.inject({
        method: "GET",
        url: "/api/plans/active.ics",
        cookies: ada.cookies,
      });
      expect(ics.statusCode).toBe(404);
      expect(ics.json()).toMatchObject({ error: { code: "PLAN_NOT_FOUND" } });
    });
  });
}
