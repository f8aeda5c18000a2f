import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { isDomainError } from "../errors.js";
import { addDays, daysBetween } from "./dates.js";
import type { PainEntry } from "./return-to-run.js";
import { generateReturnToRun, judgeDay, WALK_RUN_STAGES } from "./return-to-run.js";

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
      expect(s.description).toMatch(/stage 2 of 8/);
      expect(s.description).toMatch(/warm-up/i);
      expect(s.description).toMatch(/cool-down/i);
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
