import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { signUpVerified, startTestServer } from "../../../test/app.js";
import { assessmentComparison, assessmentListResponse, assessmentResponse } from "../../contracts/assessments.js";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A gradual ache behind the kneecap on stairs and squats after a jump in mileage: self-care. */
const runnersKnee = {
  age: 29,
  sex: "female",
  onset: "gradual",
  pain_locations: ["anterior_around_behind_kneecap"],
  aggravating_factors: ["stairs_down", "squatting", "prolonged_sitting", "running_downhill"],
  swelling: "none",
  signs: [],
  duration_weeks: 4,
  training_changes: ["volume_increase"],
};

/** A hot, swollen knee with fever and no injury: the joint-infection red flag. */
const hotSwollenKnee = {
  age: 52,
  sex: "male",
  onset: "sudden_no_injury",
  pain_locations: ["diffuse"],
  aggravating_factors: ["night_or_rest"],
  swelling: "delayed_within_24h",
  signs: ["warmth_redness", "fever_unwell"],
  duration_weeks: 0.2,
};

async function signUp(t: TestServer, name: string): Promise<Record<string, string>> {
  return (await signUpVerified(t.server, { email: `${name}@example.org`, displayName: name })).cookies;
}

for (const dialect of DIALECTS) {
  // PostgreSQL always runs multi-user, so there the runner signs up first.
  describe(`assessments on ${dialect} for the signed-in runner`, () => {
    let t: TestServer;
    let me: Record<string, string> = {};
    beforeAll(async () => {
      t = await startTestServer(dialect);
      if (t.app.mode === "multi") me = await signUp(t, "runner");
    });
    afterAll(() => t.close());

    it("assesses and saves, wrapping the result with advice and links to the matching content", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/assessments", payload: runnersKnee, cookies: me });
      expect(res.statusCode).toBe(201);
      const body = assessmentResponse.parse(res.json());
      expect(body.id).toEqual(expect.any(String));
      expect(body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(body.result.ranked_conditions[0]?.id).toBe("patellofemoral_pain");
      expect(body.result.triage).toBe("self_care");
      expect(body.advice.notADiagnosis).toMatch(/not a diagnosis/);
      expect(body.advice.whenToSeeAClinician.length).toBeGreaterThan(20);
      expect(body.conditions[0]?.id).toBe("patellofemoral_pain");
      expect(body.conditions[0]?.label).toMatch(/runner's knee/);
      expect(body.conditions[0]?.reasons).toContain("anterior_around_behind_kneecap");
      const forTop = body.links.filter((l) => l.condition === "patellofemoral_pain");
      expect(forTop).toEqual([
        { kind: "article", title: "Patellofemoral pain (runner's knee)", url: "/learn/patellofemoral-pain", condition: "patellofemoral_pain" },
        { kind: "programme", title: "Runner's knee (patellofemoral pain) programme", url: "/exercises/patellofemoral-pain", condition: "patellofemoral_pain" },
        { kind: "care", title: "Ice and supports for runner's knee", url: "/exercises/patellofemoral-pain#ice-and-supports", condition: "patellofemoral_pain" },
      ]);
      const again = await t.server.inject({ method: "GET", url: `/api/assessments/${body.id}`, cookies: me });
      expect(again.statusCode).toBe(200);
      expect(assessmentResponse.parse(again.json())).toEqual(body);
    });

    it("reports a red flag with its level and the emergency advice, and links no exercises for it", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/assessments?save=false", payload: hotSwollenKnee, cookies: me });
      expect(res.statusCode).toBe(200);
      const body = assessmentResponse.parse(res.json());
      expect(body.id).toBeNull();
      expect(body.result.triage).toBe("emergency");
      expect(body.redFlags.find((f) => f.id === "suspected_joint_infection")?.level).toBe("emergency");
      expect(body.advice.headline).toMatch(/emergency/i);
      const forInfection = body.links.filter((l) => l.condition === "septic_arthritis");
      expect(forInfection.map((l) => l.kind)).toEqual(["article"]);
      // The flag that sets the level brings its own steps; no self-care beside an emergency.
      expect(body.instructions[0]?.id).toBe("suspected_joint_infection");
      expect(body.instructions.every((i) => i.level === "emergency")).toBe(true);
      expect(body.selfCareAllowed).toBe(false);
      expect(body.selfCareTip).toBeNull();
    });

    it("takes the 1.1 codes and answers in schema version 1.1", async () => {
      const dislocated = {
        schema_version: "1.1",
        age: 16,
        sex: "female",
        onset: "sudden_with_injury",
        injury_mechanism: "twist_pivot",
        pain_locations: ["anterior_around_behind_kneecap"],
        aggravating_factors: [],
        swelling: "rapid_within_2h",
        signs: ["kneecap_shifted_out", "cannot_bend_to_right_angle"],
        tender_spots: ["kneecap_edges", "fibular_head"],
        duration_weeks: 0,
        medical_history: ["pregnant_or_recently_pregnant"],
      };
      const res = await t.server.inject({ method: "POST", url: "/api/assessments?save=false", payload: dislocated, cookies: me });
      expect(res.statusCode).toBe(200);
      const body = assessmentResponse.parse(res.json());
      expect(body.result.schema_version).toBe("1.1");
      expect(body.result.ranked_conditions[0]?.id).toBe("patellar_dislocation");
      expect(body.result.red_flags).toEqual(expect.arrayContaining(["kneecap_dislocation", "acute_injury_xray_criteria"]));
      expect(body.result.triage).toBe("urgent");
      expect(body.selfCareTip).toBeNull();
      const old = await t.server.inject({ method: "POST", url: "/api/assessments?save=false", payload: { ...runnersKnee, schema_version: "1.0" }, cookies: me });
      expect(old.statusCode).toBe(200);
      // A 1.0 answer is a valid 1.1 answer, and is answered in 1.1.
      expect(assessmentResponse.parse(old.json()).result.schema_version).toBe("1.1");
      const wrong = await t.server.inject({ method: "POST", url: "/api/assessments?save=false", payload: { ...runnersKnee, schema_version: "2.0" }, cookies: me });
      expect(wrong.statusCode).toBe(400);
    });

    it("does not store an assessment made with save=false", async () => {
      const before = assessmentListResponse.parse((await t.server.inject({ method: "GET", url: "/api/assessments", cookies: me })).json());
      await t.server.inject({ method: "POST", url: "/api/assessments?save=false", payload: runnersKnee, cookies: me });
      const after = assessmentListResponse.parse((await t.server.inject({ method: "GET", url: "/api/assessments", cookies: me })).json());
      expect(after.assessments.length).toBe(before.assessments.length);
    });

    it("lists the history newest first and compares two results", async () => {
      const worse = { ...runnersKnee, swelling: "mild", signs: ["giving_way"], duration_weeks: 13 };
      const first = assessmentResponse.parse((await t.server.inject({ method: "POST", url: "/api/assessments", payload: runnersKnee, cookies: me })).json());
      const second = assessmentResponse.parse((await t.server.inject({ method: "POST", url: "/api/assessments", payload: worse, cookies: me })).json());
      const list = assessmentListResponse.parse((await t.server.inject({ method: "GET", url: "/api/assessments", cookies: me })).json());
      expect(list.assessments[0]).toMatchObject({ id: second.id, triage: second.result.triage });
      expect(list.assessments[1]).toMatchObject({ id: first.id, triage: "self_care", topCondition: { id: "patellofemoral_pain" } });

      const res = await t.server.inject({ method: "GET", url: `/api/assessments/compare?from=${first.id}&to=${second.id}`, cookies: me });
      expect(res.statusCode).toBe(200);
      const cmp = assessmentComparison.parse(res.json());
      expect(cmp.triage).toEqual({ from: "self_care", to: "see_clinician", change: "more_urgent" });
      expect(cmp.redFlags.added.map((f) => f.id)).toEqual(expect.arrayContaining(["knee_instability", "persistent_symptoms_12_weeks"]));
      expect(cmp.redFlags.removed).toEqual([]);
      expect(cmp.conditions.length).toBeGreaterThan(0);
    });

    it("answers 400 with the path of every invalid answer", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/assessments",
        payload: { ...runnersKnee, pain_locations: ["anterior_around_behind_kneecap", "kneecap"], age: 3, extra: true },
        cookies: me,
      });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ error: { code: string; message: string; fields: { path: string; message: string }[] } }>();
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.fields.map((f) => f.path).sort()).toEqual(["age", "extra", "pain_locations[1]"]);
      expect(body.error.fields.find((f) => f.path === "pain_locations[1]")?.message).toMatch(/"kneecap" is not one of anterior_around_behind_kneecap/);
    });

    it("refuses a body that is not an object of answers", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/assessments", payload: [runnersKnee], cookies: me });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: [{ path: "(body)" }] } });
    });

    it("answers 404 for an id that does not exist", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/assessments/no-such-id", cookies: me });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "ASSESSMENT_NOT_FOUND" } });
    });
  });

  describe(`assessments on ${dialect} (multi-user mode)`, () => {
    let t: TestServer;
    let ada: Record<string, string>;
    let bob: Record<string, string>;
    let adaAssessmentId: string;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ada = await signUp(t, "ada");
      bob = await signUp(t, "bob");
      const res = await t.server.inject({ method: "POST", url: "/api/assessments", payload: runnersKnee, cookies: ada });
      adaAssessmentId = assessmentResponse.parse(res.json()).id!;
    });
    afterAll(() => t.close());

    it("requires sign-in to save, list, read or compare", async () => {
      const requests = [
        { method: "POST" as const, url: "/api/assessments", payload: runnersKnee },
        { method: "GET" as const, url: "/api/assessments" },
        { method: "GET" as const, url: `/api/assessments/${adaAssessmentId}` },
        { method: "GET" as const, url: `/api/assessments/compare?from=${adaAssessmentId}&to=${adaAssessmentId}` },
      ];
      for (const req of requests) {
        const res = await t.server.inject(req);
        expect(res.statusCode, req.url).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: "NOT_SIGNED_IN" } });
      }
    });

    it("still assesses a signed-out visitor without saving, so red-flag advice is never behind a sign-in", async () => {
      const res = await t.server.inject({ method: "POST", url: "/api/assessments?save=false", payload: hotSwollenKnee });
      expect(res.statusCode).toBe(200);
      expect(assessmentResponse.parse(res.json())).toMatchObject({ id: null, result: { triage: "emergency" } });
    });

    it("does not show one runner's assessment to another", async () => {
      const read = await t.server.inject({ method: "GET", url: `/api/assessments/${adaAssessmentId}`, cookies: bob });
      expect(read.statusCode).toBe(404);
      const list = assessmentListResponse.parse((await t.server.inject({ method: "GET", url: "/api/assessments", cookies: bob })).json());
      expect(list.assessments).toEqual([]);
      const own = await t.server.inject({ method: "POST", url: "/api/assessments", payload: runnersKnee, cookies: bob });
      const bobId = assessmentResponse.parse(own.json()).id!;
      const cmp = await t.server.inject({ method: "GET", url: `/api/assessments/compare?from=${adaAssessmentId}&to=${bobId}`, cookies: bob });
      expect(cmp.statusCode).toBe(404);
      const adaList = assessmentListResponse.parse((await t.server.inject({ method: "GET", url: "/api/assessments", cookies: ada })).json());
      expect(adaList.assessments.map((a) => a.id)).toEqual([adaAssessmentId]);
    });

    it("deletes a runner's assessments with their account row", async () => {
      const user = await t.app.database.db.selectFrom("users").select("id").where("email", "=", "bob@example.org").executeTakeFirstOrThrow();
      await t.app.database.db.deleteFrom("sessions").where("user_id", "=", user.id).execute();
      await t.app.database.db.deleteFrom("users").where("id", "=", user.id).execute();
      const left = await t.app.database.db.selectFrom("assessments").select("id").where("user_id", "=", user.id).execute();
      expect(left).toEqual([]);
    });
  });
}
