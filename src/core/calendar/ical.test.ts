import { describe, it, expect } from "vitest";
import fc from "fast-check";
import ICAL from "ical.js";
import { generatePlan } from "../plan/generate-plan.js";
import { renderPlan, renderReturnPlan } from "../plan/render-plan.js";
import { generateReturnToRun } from "../plan/return-to-run.js";
import type { RenderedSession } from "../plan/types.js";
import type { CalendarSource } from "./ical.js";
import { escapeText, foldLine, planToICalendar, PRODID } from "./ical.js";

const OPTS = {
  calName: "kneewise plan",
  uidDomain: "runner-42.kneewise.local",
  dtstamp: "2025-03-01T08:30:00.000Z",
};

function parseEvents(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  return { cal, events: cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

const oneDay = (sessions: RenderedSession[]): CalendarSource => ({ weeks: [{ sessions }] });
const octets = (s: string) => new TextEncoder().encode(s).length;

describe("planToICalendar", () => {
  const stored = generatePlan({
    start: "2025-03-03",
    currentWeeklyM: 20_000,
    goal: { kind: "event", date: "2025-05-18", distanceM: 21_097 },
    beginner: false,
    returning: false,
  });
  const plan = renderPlan(stored, "km");
  const sessions = plan.weeks.flatMap((w) => w.sessions);
  const ics = planToICalendar(plan, OPTS);

  it("turns every session into an all-day event on its date with its description, read back by ical.js", () => {
    const { cal, events } = parseEvents(ics);
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toBe(PRODID);
    expect(cal.getFirstPropertyValue("x-wr-calname")).toBe("kneewise plan");
    expect(events).toHaveLength(sessions.length);
    events.forEach((ev, i) => {
      const s = sessions[i];
      if (!s) throw new Error("more events than sessions");
      expect(ev.startDate.isDate).toBe(true);
      expect(ev.startDate.toString()).toBe(s.date);
      const next = new Date(Date.parse(`${s.date}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(ev.endDate.toString()).toBe(next);
      expect(ev.description).toBe(s.description);
      expect(ev.summary.length).toBeGreaterThan(3);
      expect(ev.component.getFirstPropertyValue("dtstamp")?.toString()).toBe(
        "2025-03-01T08:30:00Z",
      );
    });
    const race = events.find((e) => e.summary.startsWith("Race"));
    expect(race?.startDate.toString()).toBe("2025-05-18");
    expect(race?.summary).toBe("Race 21.1 km");
  });

  it("writes titles and descriptions in miles for a runner who reads miles", () => {
    const { events } = parseEvents(planToICalendar(renderPlan(stored, "mi"), { ...OPTS, units: "mi" }));
    const race = events.find((e) => e.summary.startsWith("Race"));
    expect(race?.summary).toBe("Race 13.1 mi");
    expect(race?.description).toContain("Race day: 13.1 mi.");
    const runs = events.filter((e) => /run/i.test(e.summary));
    expect(runs.length).toBeGreaterThan(5);
    for (const ev of events) {
      expect(ev.summary).not.toMatch(/\d km\b/);
      expect(ev.description).not.toMatch(/\d km\b/);
    }
    for (const ev of runs) expect(ev.summary).toMatch(/\d+\.\d mi$/);
  });

  it("gives each event a unique UID that stays the same when the file is written again", () => {
    const uids = parseEvents(ics).events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.every((u) => u.endsWith("@runner-42.kneewise.local"))).toBe(true);
    const again = parseEvents(
      planToICalendar(plan, { ...OPTS, dtstamp: "2025-04-01T00:00:00Z" }),
    ).events.map((e) => e.uid);
    expect(again).toEqual(uids);
  });

  it("uses CRLF line endings and folds every line to 75 octets", () => {
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(ics.split("\r\n").some((l) => l.startsWith(" "))).toBe(true);
  });

  it("keeps commas, semicolons, backslashes, newlines and long non-ASCII text intact", () => {
    const hostile =
      "Warm-up; then 4 × 1 km, easy\\hard? No: easy.\nCool-down, stretch; done.\r\n" +
      "Échauffement : 10 min de footing très lent, puis récupération. ".repeat(4) +
      "膝の痛みに注意してください。".repeat(6) +
      "🏃‍♀️🦵 ".repeat(10);
    const { events } = parseEvents(
      planToICalendar(
        oneDay([{ date: "2025-12-31", kind: "easy", distance_m: 5000, description: hostile }]),
        OPTS,
      ),
    );
    expect(events[0]?.description).toBe(hostile.replace(/\r\n/g, "\n"));
    expect(events[0]?.startDate.toString()).toBe("2025-12-31");
    expect(events[0]?.endDate.toString()).toBe("2026-01-01");
  });

  it("round-trips any text through ical.js", () => {
    const text = fc
      .string({ unit: "binary", maxLength: 300 })
      // Control characters other than the newline are not allowed in iCalendar text.
      // eslint-disable-next-line no-control-regex
      .map((s) => s.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ""));
    fc.assert(
      fc.property(text, text, (description, calName) => {
        const out = planToICalendar(
          oneDay([{ date: "2024-02-29", kind: "strength", duration_s: 1500, description }]),
          { ...OPTS, calName },
        );
        for (const line of out.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
        const { cal, events } = parseEvents(out);
        expect(events[0]?.description ?? "").toBe(description);
        // ical.js leaves X- properties undecoded (their type is unknown to it), so compare escaped.
        expect(cal.getFirstPropertyValue("x-wr-calname") ?? "").toBe(escapeText(calName));
      }),
      { numRuns: 150 },
    );
  });

  it("exports a return-to-run plan's sessions too", () => {
    const back = generateReturnToRun({ start: "2025-03-03", painLog: [] });
    const { events } = parseEvents(planToICalendar(renderReturnPlan(back, "km"), OPTS));
    expect(events.map((e) => e.startDate.toString())).toEqual([
      "2025-03-03",
      "2025-03-05",
      "2025-03-07",
    ]);
    expect(events[0]?.summary).toBe("Walk-run 40 min");
  });

  it("rejects a DTSTAMP that is not a date-time", () => {
    expect(() => planToICalendar(plan, { ...OPTS, dtstamp: "yesterday" })).toThrow(/ISO 8601/);
  });
});

describe("text helpers", () => {
  it("escapes backslash first so that escapes are not doubled", () => {
    expect(escapeText("a\\,b;c\nd")).toBe("a\\\\\\,b\\;c\\nd");
  });

  it("folds without splitting a multi-byte character", () => {
    const folded = foldLine(`DESCRIPTION:${"é".repeat(100)}`);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (const line of folded.split("\r\n")) {
      const bytes = new TextEncoder().encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(decoder.decode(bytes)).toBe(line);
    }
    expect(
      folded
        .split("\r\n")
        .map((l, i) => (i === 0 ? l : l.slice(1)))
        .join(""),
    ).toBe(`DESCRIPTION:${"é".repeat(100)}`);
  });
});
