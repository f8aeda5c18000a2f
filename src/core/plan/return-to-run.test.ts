import { describe, it, expect } from "vitest";
import { renderReturnPlan, renderSession } from "./render-plan.js";
import fc from "fast-check";
import { isDomainError } from "../errors.js";
import { addDays, daysBetween } from "./dates.js";
import type { PainEntry } from "./return-to-run.js";
import {
  generateReturnToRun,
  judgeDay,
  returnEntryCriteria,
  unmetEntryCriteria,
  WALK_RUN_STAGES,
} from "./return-to-run.js";

const good = (date: string): PainEntry => ({ date, during: 1, after: 2, nextMorning: 0 });
const every2 = (n: number, from = "2025-03-01") =>
  Array.from({ length: n }, (_, i) => addDays(from, 2 * i));

const score = fc.integer({ min: 0, max: 10 });
const logArb = fc
  .array(
    fc.record({
      gap: fc.integer({ min: 0, max: 3 }),
      // Mostly low scores so that runs of good days (and unlocks) actually happen.
      during: fc.oneof(fc.integer({ min: 0, max: 3 }), score),
      after: fc.oneof(fc.integer({ min: 0, max: 3 }), score),
      nextMorning: fc.oneof(fc.integer({ min: 0, max: 2 }), score, fc.constant(null)),
    }),
    { maxLength: 60 },
  )
  .map((xs) => {
    let date = "2025-03-01";
    return xs.map(({ gap, ...pain }) => {
      date = addDays(date, gap);
      return { date, ...pain };
    });
  });

describe("generateReturnToRun properties", () => {
  it("never unlocks a step on a day with pain above 3/10 or a morning that had not settled", () => {
    fc.assert(
      fc.property(logArb, fc.integer({ min: 0, max: 10 }), (painLog, baselinePain) => {
        const plan = generateReturnToRun({ start: "2025-03-01", painLog, baselinePain });
        plan.days.forEach((d, i) => {
          const e = painLog[i];
          if (!e) throw new Error("a day without its diary entry");
          expect(d.date).toBe(e.date);
          if (
            d.stage_after > d.stage_before ||
            d.outcome === "unlocked" ||
            d.outcome === "completed"
          ) {
            expect(Math.max(e.during, e.after)).toBeLessThanOrEqual(3);
            expect(e.nextMorning).not.toBeNull();
            expect(e.nextMorning ?? 99).toBeLessThanOrEqual(Math.max(2, Math.min(baselinePain, 3)));
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it("moves at most one stage a day, and backwards only after pain above 5/10", () => {
    fc.assert(
      fc.property(logArb, (painLog) => {
        const plan = generateReturnToRun({ start: "2025-03-01", painLog });
        plan.days.forEach((d, i) => {
          const e = painLog[i];
          if (!e) throw new Error("a day without its diary entry");
          expect(Math.abs(d.stage_after - d.stage_before)).toBeLessThanOrEqual(1);
          if (d.stage_after < d.stage_before)
            expect(Math.max(e.during, e.after, e.nextMorning ?? 0)).toBeGreaterThan(5);
          if (Math.max(e.during, e.after, e.nextMorning ?? 0) > 5)
            expect(d.stage_after).toBe(Math.max(1, d.stage_before - 1));
          expect(d.stage_after).toBeGreaterThanOrEqual(1);
          expect(d.stage_after).toBeLessThanOrEqual(WALK_RUN_STAGES.length);
        });
        expect(plan.current_stage).toBe(plan.days.at(-1)?.stage_after ?? 1);
      }),
      { numRuns: 300 },
    );
  });
});

describe("generateReturnToRun examples", () => {
  it("opens stage 2 after two calm sessions in a row", () => {
    const plan = generateReturnToRun({ start: "2025-03-01", painLog: every2(2).map(good) });
    expect(plan.days.map((d) => d.outcome)).toEqual(["counted", "unlocked"]);
    expect(plan.current_stage).toBe(2);
    expect(plan.counted_at_stage).toBe(0);
  });

  it("restarts the count after a session with pain of 4/10, without stepping back", () => {
    const [a, b, c, d] = every2(4);
    const plan = generateReturnToRun({
      start: "2025-03-01",
      painLog: [
        good(a ?? ""),
        { date: b ?? "", during: 4, after: 2, nextMorning: 1 },
        good(c ?? ""),
        good(d ?? ""),
      ],
    });
    expect(plan.days.map((x) => x.outcome)).toEqual(["counted", "held", "counted", "unlocked"]);
    expect(plan.days[1]?.why).toMatch(/above 3\/10/);
  });

  it("holds when the knee has not settled by the next morning", () => {
    const plan = generateReturnToRun({
      start: "2025-03-01",
      painLog: [good("2025-03-01"), { date: "2025-03-03", during: 2, after: 3, nextMorning: 3 }],
    });
    expect(plan.days.map((x) => x.outcome)).toEqual(["counted", "held"]);
    expect(plan.current_stage).toBe(1);
    // A runner whose knee usually sits at 3/10 at rest is settled at 3.
    const usual3 = generateReturnToRun({
      start: "2025-03-01",
      baselinePain: 3,
      painLog: [good("2025-03-01"), { date: "2025-03-03", during: 2, after: 3, nextMorning: 3 }],
    });
    expect(usual3.current_stage).toBe(2);
  });

  it("steps back a stage after pain above 5/10", () => {
    const dates = every2(5);
    const painLog = dates.slice(0, 4).map(good);
    painLog.push({ date: dates[4] ?? "", during: 6, after: 4, nextMorning: 2 });
    const plan = generateReturnToRun({ start: "2025-03-01", painLog });
    expect(plan.days.map((d) => d.stage_after)).toEqual([1, 2, 2, 3, 2]);
    expect(plan.days.at(-1)?.outcome).toBe("stepped_back");
  });

  it("waits for the next-morning score before counting a session", () => {
    const plan = generateReturnToRun({
      start: "2025-03-01",
      painLog: [good("2025-03-01"), { date: "2025-03-03", during: 0, after: 0, nextMorning: null }],
    });
    expect(plan.days.at(-1)?.outcome).toBe("waiting");
    expect(plan.current_stage).toBe(1);
    expect(plan.counted_at_stage).toBe(1);
  });

  it("finishes with continuous running after two calm sessions at every stage", () => {
    const plan = generateReturnToRun({
      start: "2025-03-01",
      painLog: every2(2 * WALK_RUN_STAGES.length).map(good),
    });
    expect(plan.complete).toBe(true);
    expect(plan.current_stage).toBe(WALK_RUN_STAGES.length);
    expect(plan.weeks).toEqual([]);
    expect(plan.next_step).toMatch(/build-up plan/);
  });

  it("schedules the next sessions every other day at the current stage, with warm-up and cool-down", () => {
    const plan = generateReturnToRun({
      start: "2025-03-01",
      painLog: every2(2).map(good),
      upcomingSessions: 4,
    });
    const sessions = plan.weeks.flatMap((w) => w.sessions);
    expect(sessions.map((s) => s.date)).toEqual([
      "2025-03-05",
      "2025-03-07",
      "2025-03-09",
      "2025-03-11",
    ]);
    expect(plan.weeks.map((w) => w.start)).toEqual(["2025-03-03", "2025-03-10"]);
    for (const s of sessions) {
      expect(s.kind).toBe("walk_run");
      const { description } = renderSession(s, "km");
      expect(description).toMatch(/stage 2 of 8/);
      expect(description).toMatch(/warm-up/i);
      expect(description).toMatch(/cool-down/i);
      expect(s.duration_s).toBe(300 + 6 * 300 + 300);
    }
    expect(daysBetween("2025-03-03", sessions[0]?.date ?? "")).toBe(2);
  });

  it("ignores diary entries from before the plan started", () => {
    const plan = generateReturnToRun({ start: "2025-03-10", painLog: every2(4).map(good) });
    expect(plan.days).toEqual([]);
    expect(plan.weeks[0]?.sessions[0]?.date).toBe("2025-03-10");
  });

  it("rejects pain scores outside 0-10", () => {
    try {
      generateReturnToRun({
        start: "2025-03-01",
        painLog: [{ date: "2025-03-01", during: 11, after: 0, nextMorning: 0 }],
      });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe("PLAN_BAD_PAIN_SCORE");
    }
  });

  it("judges a single day by the same rule the plan uses", () => {
    expect(judgeDay({ date: "2025-03-01", during: 3, after: 3, nextMorning: 2 }, 0)).toBe("good");
    expect(judgeDay({ date: "2025-03-01", during: 3.5, after: 0, nextMorning: 0 }, 0)).toBe(
      "hold_pain",
    );
    expect(judgeDay({ date: "2025-03-01", during: 0, after: 0, nextMorning: 6 }, 0)).toBe(
      "step_back",
    );
  });
});

describe("the walk-run return stops itself on two red diary days", () => {
  const dates = every2(6);
  const d = (i: number): string => dates[i] ?? "";
  const log = dates.map(good);

  it("keeps going after one red day", () => {
    const plan = generateReturnToRun({ start: d(0), painLog: log, redDays: [d(2)] });
    expect(plan.stopped).toBeNull();
    expect(plan.stops).toEqual([]);
    expect(plan.weeks.length).toBeGreaterThan(0);
  });

  it("stops on the second red day: no sessions planned, the reason names both days", () => {
    const plan = generateReturnToRun({ start: d(0), painLog: log, redDays: [d(3), d(1)] });
    expect(plan.stopped).toMatchObject({ date: d(3), red_days: [d(1), d(3)], resumed: null });
    expect(plan.stopped?.reason).toContain(`${d(1)} and ${d(3)}`);
    expect(plan.stopped?.reason).toMatch(/see a clinician/);
    expect(plan.weeks).toEqual([]);
    expect(plan.next_step).toMatch(/clinician/);
    // Sessions after the stop do not count towards the next stage.
    expect(plan.days.map((x) => x.date)).toEqual([d(0), d(1), d(2), d(3)]);
  });

  it("writes the red days of the stop in the reader's style when a locale is asked for", () => {
    const plan = generateReturnToRun({ start: "2025-03-01", painLog: log, redDays: ["2025-03-03", "2025-03-05"] });
    expect(renderReturnPlan(plan, "km", "en-GB").stopped?.reason).toContain("(3 Mar 2025 and 5 Mar 2025)");
    expect(renderReturnPlan(plan, "km", "en-US").stops[0]?.reason).toContain("(Mar 3, 2025 and Mar 5, 2025)");
    expect(renderReturnPlan(plan, "km").stopped?.reason).toContain("(2025-03-03 and 2025-03-05)");
    expect(renderReturnPlan(plan, "km", "en-GB").stopped?.red_days).toEqual(["2025-03-03", "2025-03-05"]);
  });

  it("does not count red days from before the plan started", () => {
    const plan = generateReturnToRun({ start: d(1), painLog: log, redDays: [d(0), d(2)] });
    expect(plan.stopped).toBeNull();
  });

  it("goes on after a resume, counting red days afresh from the resume", () => {
    const plan = generateReturnToRun({
      start: d(0),
      painLog: log,
      redDays: [d(1), d(2), d(4)],
      resumes: [d(3)],
    });
    expect(plan.stopped).toBeNull();
    expect(plan.stops).toEqual([expect.objectContaining({ date: d(2), resumed: d(3) })]);
    expect(plan.days.map((x) => x.date)).toEqual([d(0), d(1), d(2), d(3), d(4), d(5)]);
    expect(plan.weeks.length).toBeGreaterThan(0);
    const again = generateReturnToRun({
      start: d(0),
      painLog: log,
      redDays: [d(1), d(2), d(4), d(5)],
      resumes: [d(3)],
    });
    expect(again.stopped).toMatchObject({ date: d(5), red_days: [d(4), d(5)] });
    expect(again.stops).toHaveLength(2);
  });

  it("leaves out the days between a stop and its resume", () => {
    const plan = generateReturnToRun({
      start: d(0),
      painLog: log,
      redDays: [d(0), d(1)],
      resumes: [d(4)],
    });
    expect(plan.days.map((x) => x.date)).toEqual([d(0), d(1), d(4), d(5)]);
  });

  it("a resume before the stop does not lift it", () => {
    const plan = generateReturnToRun({
      start: d(0),
      painLog: log,
      redDays: [d(2), d(3)],
      resumes: [d(1)],
    });
    expect(plan.stopped?.date).toBe(d(3));
  });
});

describe("the entry criteria of the walk-run return", () => {
  const clean = {
    date: "2025-02-20",
    redFlags: [],
    topCondition: { id: "patellofemoral_pain", label: "Patellofemoral pain" },
  };

  it("asks for walking and hopping only, after a check without warning signs", () => {
    const e = returnEntryCriteria(clean, false);
    expect(e.criteria.map((c) => c.code)).toEqual(["walk_30_min", "hop"]);
    expect(e.clearanceNeeded).toBe(false);
    expect(e.criteria[0]!.label).toMatch(/30 minutes/);
    expect(e.criteria[1]!.label).toMatch(/hop/);
    expect(returnEntryCriteria(null, false).clearanceNeeded).toBe(false);
  });

  it("adds a clinician's clearance after any red flag, naming it", () => {
    const e = returnEntryCriteria(
      { ...clean, redFlags: [{ id: "night_or_rest_pain", label: "Pain at night or at rest" }] },
      false,
    );
    expect(e.criteria.map((c) => c.code)).toEqual(["walk_30_min", "hop", "clinician_clearance"]);
    expect(e.clearanceReasons[0]).toContain("Pain at night or at rest");
  });

  it("writes the day of the last check in the reader's style, and as YYYY-MM-DD without a locale", () => {
    const flagged = { ...clean, redFlags: [{ id: "night_or_rest_pain", label: "Pain at night or at rest" }] };
    expect(returnEntryCriteria(flagged, false, "en-GB").clearanceReasons[0]).toMatch(/^Your last knee check \(20 Feb 2025\) found/);
    expect(returnEntryCriteria(flagged, false, "en-US").clearanceReasons[0]).toMatch(/^Your last knee check \(Feb 20, 2025\) found/);
    expect(returnEntryCriteria(flagged, false).clearanceReasons[0]).toMatch(/^Your last knee check \(2025-02-20\) found/);
    const fracture = { ...clean, topCondition: { id: "stress_fracture", label: "Stress fracture" } };
    expect(returnEntryCriteria(fracture, false, "en-GB").clearanceReasons[0]).toBe("Your last knee check (20 Feb 2025) put stress fracture first.");
  });

  it("adds it when a stress fracture topped the last check, or when the runner says so", () => {
    expect(
      returnEntryCriteria(
        { ...clean, topCondition: { id: "stress_fracture", label: "Stress fracture" } },
        false,
      ).clearanceNeeded,
    ).toBe(true);
    const said = returnEntryCriteria(null, true);
    expect(said.clearanceNeeded).toBe(true);
    expect(said.clearanceReasons).toHaveLength(1);
  });

  it("cannot start until every criterion shown is ticked", () => {
    const e = returnEntryCriteria(
      { ...clean, topCondition: { id: "stress_fracture", label: "Stress fracture" } },
      false,
    );
    expect(unmetEntryCriteria(e, {}).map((c) => c.code)).toEqual([
      "walk_30_min",
      "hop",
      "clinician_clearance",
    ]);
    expect(unmetEntryCriteria(e, { walk_30_min: true, hop: true }).map((c) => c.code)).toEqual([
      "clinician_clearance",
    ]);
    expect(
      unmetEntryCriteria(e, { walk_30_min: true, hop: false, clinician_clearance: true }).map(
        (c) => c.code,
      ),
    ).toEqual(["hop"]);
    expect(
      unmetEntryCriteria(e, { walk_30_min: true, hop: true, clinician_clearance: true }),
    ).toEqual([]);
    expect(
      unmetEntryCriteria(returnEntryCriteria(clean, false), { walk_30_min: true, hop: true }),
    ).toEqual([]);
  });
});
