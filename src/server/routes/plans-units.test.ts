import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { activePlanResponse } from "../../contracts/plans.js";
import type { ActivePlanView } from "../../contracts/plans.js";
import { generatePlan } from "../../core/plan/generate-plan.js";
import { renderPlan } from "../../core/plan/render-plan.js";
import { METRES_PER_MILE } from "../../core/units.js";
import type { TestServer } from "./plans.test-helpers.js";
import { activePlan, addRun, readCalendar, setClock, signUpRunner } from "./plans.test-helpers.js";

// A Wednesday: the plan's default start is the next Monday, 2025-03-10.
const WEDNESDAY = "2025-03-05T09:00:00Z";

type BuildView = Extract<ActivePlanView, { kind: "build" }>;

/** Every text of a build plan as shown, labelled, in one list. */
function textsOf(view: BuildView): [string, string][] {
  const p = view.plan;
  return [
    ...p.weeks.flatMap((w): [string, string][] => [
      [`reason ${w.start}`, w.reason],
      ...w.sessions.map((s, i): [string, string] => [`session ${s.date} ${i}`, s.description]),
    ]),
    ...p.warnings.map((w): [string, string] => [`warning ${w.code}`, w.message]),
    ...p.notes.map((n, i): [string, string] => [`note ${i}`, n]),
    ...(view.changes?.items ?? []).map((c, i): [string, string] => [`change ${i}`, c.why]),
  ];
}

const KM = /(\d+\.\d) km\b/g;
const MI = /(\d+\.\d) mi\b/g;
const numbers = (text: string, unit: RegExp) => [...text.matchAll(unit)].map((m) => Number(m[1]));

/** The miles text says what the km text says, each distance converted (to the 0.1 both round to). */
function expectSameInMiles(km: string, mi: string, label: string): void {
  expect(mi, label).not.toMatch(/\bkm\b(?!h)/);
  const inKm = numbers(km, KM);
  const inMi = numbers(mi, MI);
  expect(inMi.length, label).toBe(inKm.length);
  inKm.forEach((k, i) => expect(Math.abs((k * 1000) / METRES_PER_MILE - (inMi[i] ?? NaN)), label).toBeLessThanOrEqual(0.11));
  expect(mi.replace(MI, "#"), label).toBe(km.replace(KM, "#"));
}

for (const dialect of DIALECTS) {
  describe(`a plan's texts in the runner's units on ${dialect}`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      setClock(t, WEDNESDAY);
    });
    afterAll(() => t.close());

    const setUnits = async (cookies: Record<string, string>, units: "km" | "mi") => {
      const res = await t.server.inject({ method: "PUT", url: "/api/profile", cookies, payload: { units } });
      expect(res.statusCode).toBe(200);
    };
    const ics = async (cookies: Record<string, string>) => {
      const res = await t.server.inject({ method: "GET", url: "/api/plans/active.ics", cookies });
      expect(res.statusCode).toBe(200);
      return readCalendar(res.body);
    };

    it("switching to miles rewrites a stored plan's sessions, reasons, warnings, notes, changes and .ics feed", async () => {
      const runner = await signUpRunner(t, "miles");
      const created = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: runner.cookies,
        // A goal a year of building cannot reach: the plan warns, with distances in the warning.
        payload: { kind: "build", goal: { kind: "weekly", weeklyM: 400_000 }, currentWeeklyM: 20_000, beginner: false, returning: false },
      });
      expect(created.statusCode).toBe(201);
      // Only 6 km of the first week run: the plan adapts, so it has changes to show too.
      await addRun(t, runner.id, "2025-03-11", 3_000);
      await addRun(t, runner.id, "2025-03-13", 3_000);
      setClock(t, "2025-03-19T09:00:00Z");
      try {
        const km = await activePlan(t, runner.cookies);
        if (km?.kind !== "build") throw new Error("expected a build plan");
        expect(km.plan.warnings.map((w) => w.code)).toContain("GOAL_BEYOND_HORIZON");
        expect(km.changes?.items.length).toBeGreaterThan(0);
        // Adapted for the week of 2025-03-17, after the first week's shortfall, from that week on.
        expect(km.changes?.as_of).toBe("2025-03-19");
        expect(km.changes?.items[0]?.week).toBe("2025-03-17");
        const kmIcs = await ics(runner.cookies);

        await setUnits(runner.cookies, "mi");
        const mi = await activePlan(t, runner.cookies);
        if (mi?.kind !== "build") throw new Error("expected a build plan");
        const kmTexts = textsOf(km);
        const miTexts = textsOf(mi);
        expect(miTexts.map(([label]) => label)).toEqual(kmTexts.map(([label]) => label));
        kmTexts.forEach(([label, text], i) => expectSameInMiles(text, miTexts[i]?.[1] ?? "", label));
        // Every kind of text held a distance in km to begin with.
        for (const what of ["reason", "session", "warning", "change"])
          expect(kmTexts.some(([label, text]) => label.startsWith(what) && /\d km\b/.test(text)), what).toBe(true);

        const miIcs = await ics(runner.cookies);
        expect(miIcs).toHaveLength(kmIcs.length);
        miIcs.forEach((e, i) => expectSameInMiles(kmIcs[i]?.description ?? "", e.description, `event ${e.uid}`));
        expect(miIcs.some((e) => / mi\b/.test(e.description))).toBe(true);

        // And back: km again, word for word as before.
        await setUnits(runner.cookies, "km");
        expect(textsOf((await activePlan(t, runner.cookies)) as BuildView)).toEqual(kmTexts);
      } finally {
        setClock(t, WEDNESDAY);
      }
    });

    it("runs the plan's weeks from the runner's first day of the week, and adapts on those weeks", async () => {
      const runner = await signUpRunner(t, "sunday");
      const saved = await t.server.inject({ method: "PUT", url: "/api/profile", cookies: runner.cookies, payload: { weekStart: 0 } });
      expect(saved.statusCode).toBe(200);
      const created = await t.server.inject({
        method: "POST",
        url: "/api/plans",
        cookies: runner.cookies,
        payload: { kind: "build", goal: { kind: "weekly", weeklyM: 30_000 }, currentWeeklyM: 20_000, beginner: false, returning: false },
      });
      expect(created.statusCode).toBe(201);
      const plan = activePlanResponse.parse(created.json()).plan;
      if (plan?.kind !== "build") throw new Error("expected a build plan");
      // Wednesday 2025-03-05: the next week starts on Sunday 2025-03-09, and every week on a Sunday.
      expect(plan.plan.weeks[0]?.start).toBe("2025-03-09");
      expect(plan.plan.weeks[0]?.sessions[0]?.date).toBe("2025-03-09");
      for (const w of plan.plan.weeks) expect(new Date(`${w.start}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(plan.plan.settings.weekStart).toBe(0);
      // Only 6 km run in the first Sunday-to-Saturday week: the next Sunday's week is re-planned.
      await addRun(t, runner.id, "2025-03-10", 3_000);
      await addRun(t, runner.id, "2025-03-15", 3_000);
      setClock(t, "2025-03-17T09:00:00Z");
      try {
        const after = await activePlan(t, runner.cookies);
        if (after?.kind !== "build") throw new Error("expected a build plan");
        expect(after.changes?.items[0]?.week).toBe("2025-03-16");
        expect(after.plan.weeks.find((w) => w.start === "2025-03-16")?.reason).toMatch(/^Re-planned: Last week you ran 6\.0 km of the /);
      } finally {
        setClock(t, WEDNESDAY);
      }
    });

    it("shows a plan stored before issue 17, sentences in km, in miles", async () => {
      const runner = await signUpRunner(t, "oldrow");
      await setUnits(runner.cookies, "mi");
      const goal = { kind: "event" as const, date: "2025-05-18", distanceM: 21_097 };
      // What the old code stored: the plan in words, in km, as renderPlan writes it in km.
      const old = renderPlan(
        generatePlan({ start: "2025-03-10", currentWeeklyM: 20_000, goal, beginner: false, returning: false }),
        "km",
      );
      const first = old.weeks[0];
      if (!first) throw new Error("no first week");
      first.reason = "Up from your current 20.0 km a week, no higher than the highest of the last four weeks.";
      old.warnings = [{ code: "GOAL_UNREACHABLE", message: "You reach about 30.0 km a week by 2025-05-18." }];
      const now = "2025-03-01T09:00:00.000Z";
      await t.app.database.db
        .insertInto("plans")
        .values({
          id: randomUUID(),
          user_id: runner.id,
          kind: "build",
          input_json: JSON.stringify({
            kind: "build",
            goal,
            start: "2025-03-10",
            currentWeeklyM: 20_000,
            beginner: false,
            returning: false,
            runDaysPerWeek: null,
            basis: { baseline_from: "given", baseline_weeks: null, profile_from: "given" },
          }),
          plan_json: JSON.stringify(old),
          previous_plan_json: null,
          changes_json: JSON.stringify({
            at: now,
            as_of: "2025-03-01",
            items: [{ week: "2025-03-10", before_m: 22_000, after_m: 20_000, why: "Last week you ran 12.0 km of the 24.2 km planned (50%)." }],
          }),
          data_signature: null,
          created_at: now,
          updated_at: now,
          active: 1,
        })
        .execute();

      const view = await activePlan(t, runner.cookies);
      if (view?.kind !== "build") throw new Error("expected a build plan");
      expect(view.plan.weeks[0]?.reason).toBe("Up from your current 12.4 mi a week, no higher than the highest of the last four weeks.");
      expect(view.plan.warnings[0]?.message).toBe("You reach about 18.6 mi a week by 2025-05-18.");
      expect(view.changes?.items[0]?.why).toBe("Last week you ran 7.5 mi of the 15.0 mi planned (50%).");
      const race = view.plan.weeks.flatMap((w) => w.sessions).find((s) => s.kind === "race");
      expect(race?.description).toContain("Race day: 13.1 mi.");
      for (const [label, text] of textsOf(view)) expect(text, label).not.toMatch(/\d km\b/);
      const events = await ics(runner.cookies);
      expect(events.find((e) => e.summary.startsWith("Race"))?.description).toContain("Race day: 13.1 mi.");
      for (const e of events) expect(e.description).not.toMatch(/\d km\b/);
      // The contract still reads it, strictly.
      expect(activePlanResponse.parse({ plan: view }).plan?.id).toBe(view.id);
    });
  });
}
