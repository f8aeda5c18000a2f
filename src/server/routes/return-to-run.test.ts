import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { activePlanResponse } from "../../contracts/plans.js";
import type { ReturnEntryView } from "../../contracts/plans.js";
import type { TestServer } from "./plans.test-helpers.js";
import { activePlan, readCalendar, setClock, signUpRunner } from "./plans.test-helpers.js";

// The walk-run return's two ends over HTTP (issue 16): the entry criteria and the self-stop.
const WEDNESDAY = "2025-03-05T09:00:00Z";
const ALL = ["walk_30_min", "hop", "clinician_clearance"];

type Runner = Awaited<ReturnType<typeof signUpRunner>>;

async function saveAssessment(
  t: TestServer,
  userId: string,
  redFlags: string[],
  topCondition: string,
  createdAt: string,
  triage = "self_care",
): Promise<void> {
  await t.app.database.db
    .insertInto("assessments")
    .values({
      id: randomUUID(),
      user_id: userId,
      input_json: "{}",
      result_json: JSON.stringify({
        red_flags: redFlags,
        ranked_conditions: [],
        triage,
      }),
      triage: redFlags.length > 0 ? "see_clinician" : "self_care",
      top_condition: topCondition,
      created_at: createdAt,
    })
    .execute();
}

for (const dialect of DIALECTS) {
  describe(`the walk-run return's entry and stop on ${dialect}`, () => {
    let t: TestServer;
    let ann: Runner;
    let ben: Runner;
    let cal: Runner;
    const post = (r: Runner, payload: object) =>
      t.server.inject({ method: "POST", url: "/api/plans", cookies: r.cookies, payload });
    const entry = async (r: Runner) => {
      const res = await t.server.inject({
        method: "GET",
        url: "/api/plans/return-entry",
        cookies: r.cookies,
      });
      expect(res.statusCode).toBe(200);
      return res.json<ReturnEntryView>();
    };
    const diary = async (r: Runner, date: string, body: object) => {
      const res = await t.server.inject({
        method: "PUT",
        url: `/api/pain/${date}`,
        cookies: r.cookies,
        payload: body,
      });
      expect(res.statusCode, date).toBeLessThan(300);
    };
    const resume = (r: Runner, payload: object) =>
      t.server.inject({
        method: "POST",
        url: "/api/plans/active/resume",
        cookies: r.cookies,
        payload,
      });

    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ann = await signUpRunner(t, "ann");
      ben = await signUpRunner(t, "ben");
      cal = await signUpRunner(t, "cal");
      setClock(t, WEDNESDAY);
    });
    afterAll(() => t.close());

    it("requires sign-in for the entry criteria and the resume", async () => {
      for (const [method, url] of [
        ["GET", "/api/plans/return-entry"],
        ["POST", "/api/plans/active/resume"],
      ] as const) {
        const res = await t.server.inject({
          method,
          url,
          ...(method === "POST" ? { payload: { clearance: true } } : {}),
        });
        expect(res.statusCode, url).toBe(401);
      }
    });

    it("asks for walking and hopping, and will not start until both are ticked", async () => {
      const view = await entry(ann);
      expect(view).toMatchObject({
        clearance_needed: false,
        clearance_reasons: [],
        assessment: null,
      });
      expect(view.criteria.map((c) => c.code)).toEqual(["walk_30_min", "hop"]);
      expect(view.clearance.code).toBe("clinician_clearance");

      const none = await post(ann, { kind: "return" });
      expect(none.statusCode).toBe(400);
      const err = none.json<{ error: { code: string; fields: { path: string }[] } }>().error;
      expect(err.code).toBe("PLAN_ENTRY_NOT_MET");
      expect(err.fields.map((f) => f.path)).toEqual([
        "entry.confirmed.walk_30_min",
        "entry.confirmed.hop",
      ]);
      const half = await post(ann, { kind: "return", entry: { confirmed: ["walk_30_min"] } });
      expect(half.json<{ error: { fields: { path: string }[] } }>().error.fields).toEqual([
        expect.objectContaining({ path: "entry.confirmed.hop" }),
      ]);
      expect(await activePlan(t, ann.cookies)).toBeNull();

      // The runner says a bone stress injury was suspected: now clearance is needed too.
      const said = await post(ann, {
        kind: "return",
        entry: { confirmed: ["walk_30_min", "hop"], suspected: true },
      });
      expect(said.json<{ error: { fields: { path: string }[] } }>().error.fields).toEqual([
        expect.objectContaining({ path: "entry.confirmed.clinician_clearance" }),
      ]);

      const ok = await post(ann, { kind: "return", entry: { confirmed: ["walk_30_min", "hop"] } });
      expect(ok.statusCode).toBe(201);
      expect(activePlanResponse.parse(ok.json()).plan?.kind).toBe("return");
    });

    it("adds a clinician's clearance after a red flag or a stress fracture in the last assessment", async () => {
      await saveAssessment(
        t,
        ben.id,
        ["suspected_bone_stress_injury"],
        "patellofemoral_pain",
        "2025-03-01T10:00:00.000Z",
      );
      const flagged = await entry(ben);
      expect(flagged.clearance_needed).toBe(true);
      expect(flagged.criteria.map((c) => c.code)).toEqual(ALL);
      expect(flagged.clearance_reasons[0]).toContain("Signs of a possible bone stress injury");
      const refused = await post(ben, {
        kind: "return",
        entry: { confirmed: ["walk_30_min", "hop"] },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe("PLAN_ENTRY_NOT_MET");

      // Only the latest assessment counts: a later clean one lifts the need...
      await saveAssessment(t, ben.id, [], "patellofemoral_pain", "2025-03-03T10:00:00.000Z");
      expect((await entry(ben)).clearance_needed).toBe(false);
      // ...and a later one with a stress fracture at the top brings it back.
      await saveAssessment(t, ben.id, [], "stress_fracture", "2025-03-04T10:00:00.000Z");
      const bone = await entry(ben);
      expect(bone.clearance_needed).toBe(true);
      expect(bone.clearance_reasons).toHaveLength(1);
      expect((await post(ben, { kind: "return", entry: { confirmed: ALL } })).statusCode).toBe(201);
      // Another runner's assessment does not reach Ann.
      expect((await entry(ann)).clearance_needed).toBe(false);
    });

    it("asks for clearance after an emergency result whose rule has no id in the contract's flag list", async () => {
      await saveAssessment(t, cal.id, [], "ligament_injury", "2025-03-02T10:00:00.000Z", "emergency");
      const view = await entry(cal);
      expect(view.clearance_needed).toBe(true);
      expect(view.clearance_reasons.join(" ")).toContain("emergency");
      await saveAssessment(t, cal.id, [], "ligament_injury", "2025-03-03T10:00:00.000Z", "see_clinician");
      expect((await entry(cal)).clearance_needed).toBe(false);
    });

    it("writes a walk-run return that starts next week, and reads it back before it starts", async () => {
      const eve = await signUpRunner(t, "eve");
      const res = await post(eve, {
        kind: "return",
        start: "2025-03-10",
        entry: { confirmed: ["walk_30_min", "hop"] },
      });
      expect(res.statusCode).toBe(201);
      const plan = await activePlan(t, eve.cookies);
      if (plan?.kind !== "return") throw new Error("expected a return plan");
      expect(plan.plan.stopped).toBeNull();
      expect(plan.plan.weeks[0]?.sessions[0]?.date ?? "").toMatch(/^2025-03-1\d$/);
    });

    it("stops itself on the second red diary day, says why, and resumes after clearance", async () => {
      expect(
        (await post(cal, { kind: "return", entry: { confirmed: ["walk_30_min", "hop"] } }))
          .statusCode,
      ).toBe(201);
      try {
        setClock(t, "2025-03-08T09:00:00Z");
        // One red day (pain above 5): the plan steps back or holds, and goes on.
        await diary(cal, "2025-03-05", { during: 6, after: 4, nextMorning: 2 });
        const once = await activePlan(t, cal.cookies);
        if (once?.kind !== "return") throw new Error("expected a return plan");
        expect(once.plan.stopped).toBeNull();
        expect(once.plan.weeks.length).toBeGreaterThan(0);

        // A second red day (not settled by the morning): stopped.
        await diary(cal, "2025-03-07", { during: 2, after: 3, nextMorning: 4 });
        const stopped = await activePlan(t, cal.cookies);
        if (stopped?.kind !== "return") throw new Error("expected a return plan");
        expect(stopped.plan.stopped).toMatchObject({
          date: "2025-03-07",
          red_days: ["2025-03-05", "2025-03-07"],
          resumed: null,
        });
        expect(stopped.plan.stopped?.reason).toMatch(/see a clinician/);
        expect(stopped.plan.weeks).toEqual([]);
        expect(stopped.today).toMatchObject({ status: "stopped" });
        expect(stopped.today.message).toMatch(/clinician/);
        expect(stopped.changes?.items[0]?.why).toBe(stopped.plan.stopped?.reason);
        const ics = await t.server.inject({
          method: "GET",
          url: "/api/plans/active.ics",
          cookies: cal.cookies,
        });
        expect(readCalendar(ics.body)).toHaveLength(0);

        // Resuming needs the clearance ticked, and is the runner's own.
        expect((await resume(cal, {})).statusCode).toBe(400);
        expect((await resume(ann, { clearance: true })).json()).toMatchObject({
          error: { code: "PLAN_NOT_STOPPED" },
        });
        const stranger = await signUpRunner(t, "dee");
        expect((await resume(stranger, { clearance: true })).statusCode).toBe(404);

        setClock(t, "2025-03-12T09:00:00Z");
        const back = await resume(cal, { clearance: true });
        expect(back.statusCode).toBe(200);
        const resumed = activePlanResponse.parse(back.json()).plan;
        if (resumed?.kind !== "return") throw new Error("expected a return plan");
        expect(resumed.plan.stopped).toBeNull();
        expect(resumed.plan.stops).toEqual([
          expect.objectContaining({ date: "2025-03-07", resumed: "2025-03-12" }),
        ]);
        expect(resumed.plan.weeks[0]?.sessions[0]?.date).toBe("2025-03-12");
        expect((await resume(cal, { clearance: true })).json()).toMatchObject({
          error: { code: "PLAN_NOT_STOPPED" },
        });

        // Red days are counted afresh: one more is not a stop, a second one is.
        await diary(cal, "2025-03-12", { during: 7, after: 6, nextMorning: 2 });
        setClock(t, "2025-03-13T09:00:00Z");
        const oneMore = await activePlan(t, cal.cookies);
        if (oneMore?.kind !== "return") throw new Error("expected a return plan");
        expect(oneMore.plan.stopped).toBeNull();
        await diary(cal, "2025-03-13", { during: 6, after: 6, nextMorning: null });
        const again = await activePlan(t, cal.cookies);
        if (again?.kind !== "return") throw new Error("expected a return plan");
        expect(again.plan.stopped?.red_days).toEqual(["2025-03-12", "2025-03-13"]);
      } finally {
        setClock(t, WEDNESDAY);
      }
    });
  });
}
