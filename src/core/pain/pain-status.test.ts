import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dateOfDay, dayOfDate } from "../training/local-day.js";
import { painStatus } from "./pain-status.js";
import type { PainEntry } from "./types.js";

const AS_OF = "2024-03-21";
const asOfDay = dayOfDate(AS_OF);
const daysAgo = (n: number): string => dateOfDay(asOfDay - n);

function entry(date: string, during: number | null, after: number | null, nextMorning: number | null, triggers: string[] = []): PainEntry {
  return { date, during, after, nextMorning, locations: [], triggers, notes: "" };
}

describe("the pain-monitoring traffic light", () => {
  it("gives no light and holds when the last 7 days have no entries", () => {
    const s = painStatus([entry(daysAgo(8), 1, 1, 0)], AS_OF);
    expect(s.light).toBe("none");
    expect(s.decision).toBe("hold");
    expect(s.reasons.map((r) => r.code)).toEqual(["NO_RECENT_ENTRIES"]);
  });

  it("is green and lets the runner progress when every score is 0-2", () => {
    const s = painStatus([entry(daysAgo(5), 1, 2, 1), entry(daysAgo(3), 0, 1, 0), entry(daysAgo(1), 2, 2, 1)], AS_OF);
    expect(s.light).toBe("green");
    expect(s.decision).toBe("progress");
    expect(s.reasons.map((r) => r.code)).toEqual(["ALL_SAFE"]);
  });

  it("writes the days its reasons name in the reader's locale, and keeps them as data", () => {
    const entries = [{ ...entry(daysAgo(1), 6, 3, 1), nightPain: true }, entry(daysAgo(0), 1, 1, null)];
    const gb = painStatus(entries, AS_OF, { locale: "en-GB" });
    const tooMuch = gb.reasons.find((r) => r.code === "TOO_MUCH_PAIN");
    expect(tooMuch?.text).toContain("on 20 Mar 2024.");
    expect(tooMuch?.dates).toEqual(["2024-03-20"]);
    expect(gb.escalation?.triggers.find((t) => t.code === "NIGHT_PAIN")?.text).toContain("at night on 20 Mar 2024.");
    const us = painStatus(entries, AS_OF, { locale: "en-US" });
    expect(us.reasons.find((r) => r.code === "TOO_MUCH_PAIN")?.text).toContain("on Mar 20, 2024.");
    for (const r of gb.reasons) expect(r.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("holds on pain of 3-5 that settled by the next morning", () => {
    const s = painStatus([entry(daysAgo(2), 2, 4, 1)], AS_OF);
    expect(s).toMatchObject({ light: "amber", decision: "hold" });
    expect(s.reasons[0]).toMatchObject({ code: "ACCEPTABLE_PAIN", dates: [daysAgo(2)] });
  });

  it("backs off when pain goes above 5, naming the day", () => {
    const s = painStatus([entry(daysAgo(1), 6, 3, 1), entry(daysAgo(0), 1, 1, null)], AS_OF);
    expect(s).toMatchObject({ light: "red", decision: "back_off" });
    expect(s.reasons[0]).toMatchObject({ code: "TOO_MUCH_PAIN", dates: [daysAgo(1)] });
    expect(s.reasons[0]!.text).toContain(daysAgo(1));
  });

  it("backs off when acceptable pain has not settled by the next morning", () => {
    // The morning before the run scored 1, so the morning after must be back to 2 or less; it was 4.
    const s = painStatus([entry(daysAgo(3), null, null, 1), entry(daysAgo(2), 3, 4, 4)], AS_OF);
    expect(s).toMatchObject({ light: "red", decision: "back_off" });
    const reason = s.reasons.find((r) => r.code === "DID_NOT_SETTLE");
    expect(reason?.dates).toEqual([daysAgo(2)]);
    expect(reason?.text).toContain("back to 2 or less");
  });

  it("counts a morning back at the runner's usual level above 2 as settled", () => {
    const s = painStatus([entry(daysAgo(3), null, null, 3), entry(daysAgo(2), 3, 4, 3)], AS_OF);
    expect(s).toMatchObject({ light: "amber", decision: "hold" });
    expect(s.reasons.map((r) => r.code)).not.toContain("DID_NOT_SETTLE");
  });

  it("backs off when pain has climbed two weeks running into the acceptable band", () => {
    const s = painStatus([entry(daysAgo(18), 1, 1, 0), entry(daysAgo(11), 2, 2, 0), entry(daysAgo(4), 3, 3, 1)], AS_OF);
    expect(s.risingWeeks).toBe(2);
    expect(s.windows.slice(0, 3).map((w) => w.mean)).toEqual([3, 2, 1]);
    expect(s).toMatchObject({ light: "red", decision: "back_off" });
    const climb = s.reasons.find((r) => r.code === "CLIMBING");
    expect(climb?.text).toContain("1 → 2 → 3");
  });

  it("ignores a climb that stays within 0-2", () => {
    const s = painStatus([entry(daysAgo(18), 0, 0, 0), entry(daysAgo(11), 1, 1, 0), entry(daysAgo(4), 2, 2, 1)], AS_OF);
    expect(s.risingWeeks).toBe(2);
    expect(s).toMatchObject({ light: "green", decision: "progress" });
  });

  it("holds rather than backs off once a flare has eased for a few days", () => {
    const eased = painStatus([entry(daysAgo(5), 7, 6, 2), entry(daysAgo(3), 2, 2, 1), entry(daysAgo(1), 1, 2, 0)], AS_OF);
    expect(eased).toMatchObject({ light: "amber", decision: "hold" });
    expect(eased.reasons.map((r) => r.code)).toEqual(["TOO_MUCH_PAIN", "EASING_AFTER_FLARE"]);

    const fresh = painStatus([entry(daysAgo(1), 7, 6, 2), entry(daysAgo(0), 2, 2, null)], AS_OF);
    expect(fresh.decision).toBe("back_off");
  });

  it("asks for the morning score after yesterday's run", () => {
    const s = painStatus([entry(daysAgo(1), 1, 2, null)], AS_OF);
    expect(s.decision).toBe("progress");
    expect(s.reasons.map((r) => r.code)).toEqual(["ALL_SAFE", "MORNING_PENDING"]);
  });

  it("only looks at entries up to asOf", () => {
    const s = painStatus([entry(daysAgo(-1), 9, 9, 9), entry(daysAgo(1), 1, 1, 1)], AS_OF);
    expect(s.decision).toBe("progress");
  });
});

const score = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 }) });
const maybe = fc.option(score, { nil: null, freq: 4 });
const history = fc
  .uniqueArray(
    fc.record({ ago: fc.integer({ min: 0, max: 40 }), during: maybe, after: maybe, nextMorning: maybe }),
    { selector: (e) => e.ago, maxLength: 25 },
  )
  .map((xs) => xs.map((x) => entry(daysAgo(x.ago), x.during, x.after, x.nextMorning)));

describe("pain-monitoring properties", () => {
  it("never says progress when a day in the last week went above 5", () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 6, max: 10 }), fc.integer({ min: 0, max: 2 }), (h, ago, high, slot) => {
        const scores: (number | null)[] = [null, null, null];
        scores[slot] = high;
        const bad = entry(daysAgo(ago), scores[0]!, scores[1]!, scores[2]!);
        const s = painStatus([...h.filter((e) => e.date !== bad.date), bad], AS_OF);
        expect(s.decision).not.toBe("progress");
      }),
    );
  });

  it("never turns a green light red by adding a green day", () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 0, max: 40 }),
        fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.option(fc.integer({ min: 0, max: 2 }), { nil: null })),
        (h, ago, [during, after, nextMorning]) => {
          fc.pre(painStatus(h, AS_OF).light === "green");
          fc.pre(!h.some((e) => e.date === daysAgo(ago)));
          const s = painStatus([...h, entry(daysAgo(ago), during, after, nextMorning)], AS_OF);
          expect(s.light).not.toBe("red");
          expect(s.light).toBe("green");
        },
      ),
    );
  });

  it("keeps the decision in step with the light, whatever the order of entries", () => {
    const decisionFor = { green: "progress", amber: "hold", red: "back_off", none: "hold" } as const;
    fc.assert(
      fc.property(history, (h) => {
        const s = painStatus(h, AS_OF);
        expect(s.decision).toBe(decisionFor[s.light]);
        expect(s.reasons.length).toBeGreaterThan(0);
        expect(painStatus([...h].reverse(), AS_OF)).toEqual(s);
      }),
    );
  });
});
