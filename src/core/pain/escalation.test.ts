import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dateOfDay, dayOfDate } from "../training/local-day.js";
import { painEscalation, DIARY_NOT_A_DIAGNOSIS } from "./escalation.js";
import { painStatus, redDays } from "./pain-status.js";
import type { PainEntry } from "./types.js";

const AS_OF = "2024-03-21";
const asOfDay = dayOfDate(AS_OF);
const ago = (n: number): string => dateOfDay(asOfDay - n);

function day(n: number, scores: { during?: number | null; after?: number | null; nextMorning?: number | null }, flags: Partial<Pick<PainEntry, "nightPain" | "swelling" | "givingWay">> = {}): PainEntry {
  return {
    date: ago(n),
    during: scores.during ?? null,
    after: scores.after ?? null,
    nextMorning: scores.nextMorning ?? null,
    locations: [],
    triggers: [],
    notes: "",
    ...flags,
  };
}
const run = (n: number, during: number, after: number, nextMorning: number | null, flags: Parameters<typeof day>[2] = {}) => day(n, { during, after, nextMorning }, flags);
const rest = (n: number, morning: number, flags: Parameters<typeof day>[2] = {}) => day(n, { nextMorning: morning }, flags);
const codes = (entries: PainEntry[], runDates: string[] = []) => painEscalation(entries, AS_OF, { runDates })?.triggers.map((t) => t.code) ?? [];

describe("the diary's escalation to a clinician", () => {
  it("stays quiet on an ordinary diary", () => {
    expect(painEscalation([run(5, 2, 3, 1), rest(4, 1), run(2, 3, 4, 2, { swelling: false, nightPain: false, givingWay: false })], AS_OF)).toBeNull();
  });

  describe("pain rising over the week despite rest", () => {
    it("fires when three rest days climb by two points to above 2, and names the days", () => {
      const e = painEscalation([run(6, 2, 2, 1), rest(5, 1), rest(3, 2), rest(1, 3)], AS_OF);
      expect(e?.triggers.map((t) => t.code)).toEqual(["RISING_DESPITE_REST"]);
      expect(e?.triggers[0]!.dates).toEqual([ago(5), ago(3), ago(1)]);
      expect(e?.triggers[0]!.text).toContain(`from 1 on ${ago(5)} to 3 on ${ago(1)}`);
    });
    it("does not fire on a rise of one point", () => {
      expect(codes([rest(5, 2), rest(3, 2), rest(1, 3)])).toEqual([]);
    });
    it("does not fire on two rest days, however steep", () => {
      expect(codes([rest(3, 1), rest(1, 6)])).toEqual([]);
    });
    it("does not fire when the rise stays within the safe band", () => {
      expect(codes([rest(5, 0), rest(3, 1), rest(1, 2)])).toEqual([]);
    });
    it("only counts the days since the last run: a run in between is load, not rest", () => {
      expect(codes([rest(5, 1), run(3, 4, 4, 3), rest(1, 3)])).toEqual([]);
      // The same days, the run known only from an imported activity.
      expect(codes([rest(5, 1), rest(4, 1), rest(1, 3)], [ago(3)])).toEqual([]);
      expect(codes([rest(5, 1), rest(4, 1), rest(1, 3)])).toEqual(["RISING_DESPITE_REST"]);
    });
    it("looks at the last 7 days only", () => {
      expect(codes([rest(7, 1), rest(3, 2), rest(1, 3)])).toEqual([]);
      expect(codes([rest(6, 1), rest(3, 2), rest(1, 3)])).toEqual(["RISING_DESPITE_REST"]);
    });
  });

  describe("night pain", () => {
    it("fires on one night in the last 7 days", () => {
      const e = painEscalation([run(6, 2, 2, 1, { nightPain: true })], AS_OF);
      expect(e?.triggers).toEqual([expect.objectContaining({ code: "NIGHT_PAIN", dates: [ago(6)] })]);
    });
    it("does not fire on a night 7 or more days ago, nor on a no or an unanswered question", () => {
      expect(codes([run(7, 2, 2, 1, { nightPain: true })])).toEqual([]);
      expect(codes([run(1, 2, 2, 1, { nightPain: false }), run(3, 2, 2, 1, { nightPain: null }), run(5, 2, 2, 1)])).toEqual([]);
    });
  });

  describe("swelling after most runs", () => {
    it("fires when more than half of at least 3 runs in 14 days swelled", () => {
      const e = painEscalation([run(12, 2, 2, 1, { swelling: true }), run(8, 2, 2, 1, { swelling: true }), run(3, 2, 2, 1, { swelling: false })], AS_OF);
      expect(e?.triggers[0]).toMatchObject({ code: "SWELLING_AFTER_RUNS", dates: [ago(12), ago(8)] });
      expect(e?.triggers[0]!.text).toContain("2 of your 3 runs");
    });
    it("does not fire on exactly half", () => {
      expect(codes([run(12, 2, 2, 1, { swelling: true }), run(8, 2, 2, 1, { swelling: true }), run(5, 2, 2, 1, { swelling: false }), run(3, 2, 2, 1, { swelling: false })])).toEqual([]);
    });
    it("does not fire on fewer than 3 answered runs", () => {
      expect(codes([run(8, 2, 2, 1, { swelling: true }), run(3, 2, 2, 1, { swelling: true }), run(1, 2, 2, 1)])).toEqual([]);
    });
    it("leaves out runs 14 or more days ago and rest days", () => {
      expect(codes([run(14, 2, 2, 1, { swelling: true }), run(8, 2, 2, 1, { swelling: true }), run(3, 2, 2, 1, { swelling: false }), rest(2, 1, { swelling: true })])).toEqual([]);
      expect(codes([run(13, 2, 2, 1, { swelling: true }), run(8, 2, 2, 1, { swelling: true }), run(3, 2, 2, 1, { swelling: false })])).toEqual(["SWELLING_AFTER_RUNS"]);
    });
  });

  describe("pain above 5 that does not settle by the next morning", () => {
    it("fires when pain of 6 is still 3 the next morning", () => {
      const e = painEscalation([run(2, 3, 6, 3)], AS_OF);
      expect(e?.triggers[0]).toMatchObject({ code: "HIGH_PAIN_NOT_SETTLED", dates: [ago(2)] });
      expect(e?.triggers[0]!.text).toContain(`6 on ${ago(2)} and still 3 the next morning`);
    });
    it("does not fire when the morning is back to 2", () => {
      expect(codes([run(2, 3, 6, 2)])).toEqual([]);
    });
    it("does not fire on pain of 5 that lingers: that is the light's job", () => {
      expect(codes([run(2, 5, 5, 4)])).toEqual([]);
    });
    it("does not fire before the morning score is in", () => {
      expect(codes([run(0, 7, 7, null)])).toEqual([]);
    });
    it("measures settling against the runner's usual morning level", () => {
      // The morning before the run was 4: a morning of 4 afterwards is back to usual.
      expect(codes([rest(3, 4), run(2, 6, 6, 4)])).toEqual([]);
      expect(codes([rest(3, 4), run(2, 6, 6, 5)])).toEqual(["HIGH_PAIN_NOT_SETTLED"]);
    });
  });

  describe("new giving way", () => {
    it("fires on giving way in the last 7 days and not before", () => {
      expect(codes([run(6, 1, 1, 0, { givingWay: true })])).toEqual(["GIVING_WAY"]);
      expect(codes([run(7, 1, 1, 0, { givingWay: true })])).toEqual([]);
      expect(codes([run(1, 1, 1, 0, { givingWay: false })])).toEqual([]);
    });
  });

  it("ignores entries after asOf and the order of entries", () => {
    expect(codes([day(-1, { during: 1 }, { givingWay: true })])).toEqual([]);
    const entries = [run(6, 2, 2, 1), rest(5, 1), rest(3, 2), rest(1, 3, { nightPain: true }), run(0, 1, 1, null, { givingWay: true })];
    expect(painEscalation([...entries].reverse(), AS_OF)).toEqual(painEscalation(entries, AS_OF));
  });

  it("lists every pattern that fired, says what to do and that it is not a diagnosis", () => {
    const e = painEscalation([run(3, 2, 7, 4, { nightPain: true, givingWay: true })], AS_OF);
    expect(e?.triggers.map((t) => t.code)).toEqual(["NIGHT_PAIN", "HIGH_PAIN_NOT_SETTLED", "GIVING_WAY"]);
    expect(e?.level).toBe("see_clinician");
    expect(e?.headline).toBe("See a clinician about this knee");
    expect(e?.notADiagnosis).toBe(DIARY_NOT_A_DIAGNOSIS);
    expect(e?.notADiagnosis).toContain("not a diagnosis");
  });
});

describe("the light with an escalation", () => {
  it("never says progress while a clinician is advised, and says why first", () => {
    const s = painStatus([run(2, 1, 1, 0, { givingWay: true })], AS_OF);
    expect(s).toMatchObject({ light: "amber", decision: "hold" });
    expect(s.reasons.map((r) => r.code)).toEqual(["SEE_CLINICIAN", "ALL_SAFE"]);
    expect(s.escalation?.triggers[0]!.code).toBe("GIVING_WAY");
  });
  it("keeps a red light red", () => {
    const s = painStatus([run(2, 3, 6, 3)], AS_OF);
    expect(s).toMatchObject({ light: "red", decision: "back_off" });
    expect(s.reasons[0]!.code).toBe("SEE_CLINICIAN");
  });
  it("has no escalation on a diary without the patterns", () => {
    expect(painStatus([run(2, 1, 1, 0)], AS_OF)).toMatchObject({ light: "green", escalation: null });
  });
  it("never says progress when any escalation fired (property)", () => {
    const flag = fc.option(fc.boolean(), { nil: null });
    const score = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null });
    const entries = fc
      .uniqueArray(fc.record({ n: fc.integer({ min: 0, max: 20 }), during: score, after: score, nextMorning: score, nightPain: flag, swelling: flag, givingWay: flag }), { selector: (x) => x.n, maxLength: 15 })
      .map((xs) => xs.map((x) => day(x.n, x, { nightPain: x.nightPain, swelling: x.swelling, givingWay: x.givingWay })));
    fc.assert(
      fc.property(entries, (es) => {
        const s = painStatus(es, AS_OF);
        if (s.escalation !== null) {
          expect(s.decision).not.toBe("progress");
          expect(s.reasons[0]!.code).toBe("SEE_CLINICIAN");
        }
      }),
    );
  });
});

describe("red diary days", () => {
  it("are the days above 5 or not settled by the morning, within the dates", () => {
    const entries = [run(9, 7, 7, 1), run(6, 4, 4, 4), run(4, 3, 3, 1), run(2, 2, 6, 1), rest(1, 2)];
    expect(redDays(entries, ago(8), AS_OF)).toEqual([ago(6), ago(2)]);
    expect(redDays(entries, ago(10), ago(3))).toEqual([ago(9), ago(6)]);
  });
});
