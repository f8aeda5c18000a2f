import { describe, it, expect } from "vitest";
import ICAL from "ical.js";
import type { CliIO } from "../io.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";
import type { PlanCommandOptions } from "./plan.js";
import { runPlan } from "./plan.js";

/** An in-process CliIO that records what the command prints and writes. */
function fakeIO(today = "2025-03-05", failWrites = false, env: Record<string, string> = { LANG: "en_GB.UTF-8" }) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const io: CliIO = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: () => Promise.resolve(""),
    readFile: (p) => Promise.reject(new Error(`no file ${p}`)),
    writeFile: (p, t) => {
      if (failWrites) return Promise.reject(new Error("disk full"));
      files.set(p, t);
      return Promise.resolve();
    },
    cwd: "/home/runner",
    env,
    isTTY: false,
    today: () => today,
  };
  return { io, out: () => out.join(""), err: () => err.join(""), files };
}

const base: PlanCommandOptions = {
  json: false,
  beginner: false,
  returnFromPain: false,
  currentWeeklyKm: 20,
};

interface JsonPlan {
  weeks: {
    start: string;
    distance_m: number;
    sessions: {
      date: string;
      kind: string;
      distance_m?: number;
      duration_s?: number;
      description: string;
    }[];
  }[];
  warnings: { code: string }[];
  settings: { rampRate: number };
}

describe("kneewise plan", () => {
  it("prints the plan as JSON, starting on the Monday after today", async () => {
    const t = fakeIO("2025-03-05");
    const code = await runPlan({ ...base, json: true, goalWeeklyKm: 30 }, t.io);
    expect(code).toBe(EXIT_OK);
    const plan = JSON.parse(t.out()) as JsonPlan;
    expect(plan.weeks[0]?.start).toBe("2025-03-10");
    expect(plan.weeks[0]?.distance_m).toBe(22_000);
    expect(plan.weeks.at(-1)?.distance_m).toBeLessThanOrEqual(30_000);
    expect(plan.weeks.some((w) => w.distance_m === 30_000)).toBe(true);
    const s = plan.weeks[0]?.sessions[1];
    expect(s).toMatchObject({ date: "2025-03-11", kind: "easy" });
    expect(typeof s?.description).toBe("string");
    expect(t.err()).toBe("");
  });

  it("starts on the next Monday even when today is a Monday, and honours --start", async () => {
    const monday = fakeIO("2025-03-03");
    await runPlan({ ...base, json: true, goalWeeklyKm: 25 }, monday.io);
    expect((JSON.parse(monday.out()) as JsonPlan).weeks[0]?.start).toBe("2025-03-10");
    const given = fakeIO("2025-03-03");
    await runPlan({ ...base, json: true, goalWeeklyKm: 25, start: "2025-04-02" }, given.io);
    expect((JSON.parse(given.out()) as JsonPlan).weeks[0]?.start).toBe("2025-03-31");
  });

  it("plans to an event and uses the careful ramp for a runner coming back from pain", async () => {
    const t = fakeIO();
    const code = await runPlan(
      { ...base, json: true, eventDate: "2025-06-01", eventKm: 10, returnFromPain: true },
      t.io,
    );
    expect(code).toBe(EXIT_OK);
    const plan = JSON.parse(t.out()) as JsonPlan;
    expect(plan.settings.rampRate).toBe(0.05);
    const race = plan.weeks.flatMap((w) => w.sessions).find((x) => x.kind === "race");
    expect(race).toMatchObject({ date: "2025-06-01", distance_m: 10_000 });
  });

  it("prints a readable table in kilometres with the reasons, warnings and notes", async () => {
    const t = fakeIO();
    const code = await runPlan({ ...base, eventDate: "2025-04-06", eventKm: 42.2 }, t.io);
    expect(code).toBe(EXIT_OK);
    const text = t.out();
    expect(text).toMatch(/^Week of\s+km\s+type\s+why$/m);
    expect(text).toMatch(/^10 Mar 2025\s+22\.0\s+build\s+Up from your current 20\.0 km a week: 10% above/m);
    expect(text).toMatch(/Tue, 11 Mar 2025\s+Easy run \d+\.\d km/);
    expect(text).toMatch(/Strength 25 min \(runner-strength\)/);
    expect(text).toMatch(/Warnings:\n {2}- The race on 6 Apr 2025 is too close/);
    expect(text).toMatch(/^Goal: 42\.2 km race on 6 Apr 2025,/m);
    expect(text.replace(/--event-date \S+/g, "")).not.toMatch(/\d{4}-\d\d-\d\d/);
    expect(text).toMatch(/Rising at most 10% above your recent highest week/);
    expect(text).toMatch(/Notes:/);
  });

  it("writes the table's days in the locale the environment asks for, and keeps JSON days as YYYY-MM-DD", async () => {
    const us = fakeIO("2025-03-05", false, { LANG: "en_US.UTF-8" });
    await runPlan({ ...base, eventDate: "2025-04-06", eventKm: 42.2 }, us.io);
    expect(us.out()).toMatch(/^Mar 10, 2025\s+22\.0\s+build/m);
    expect(us.out()).toMatch(/Tue, Mar 11, 2025\s+Easy run/);
    expect(us.out()).toMatch(/The race on Apr 6, 2025 is too close/);
    const json = fakeIO("2025-03-05", false, { LANG: "en_US.UTF-8" });
    await runPlan({ ...base, json: true, eventDate: "2025-04-06", eventKm: 42.2 }, json.io);
    expect((JSON.parse(json.out()) as { warnings: { message: string }[] }).warnings[0]?.message).toContain("The race on 2025-04-06 is too close");
  });

  it("writes the calendar file with --ics, without rest days, and keeps stdout pure JSON", async () => {
    const t = fakeIO();
    const code = await runPlan({ ...base, json: true, goalWeeklyKm: 24, ics: "plan.ics" }, t.io);
    expect(code).toBe(EXIT_OK);
    const plan = JSON.parse(t.out()) as JsonPlan;
    const ics = t.files.get("plan.ics") ?? "";
    const events = new ICAL.Component(ICAL.parse(ics) as unknown[]).getAllSubcomponents("vevent");
    const sessions = plan.weeks.flatMap((w) => w.sessions).filter((x) => x.kind !== "rest");
    expect(plan.weeks.flatMap((w) => w.sessions).some((x) => x.kind === "rest")).toBe(true);
    expect(events).toHaveLength(sessions.length);
    expect(t.err()).toBe(`Wrote ${sessions.length} sessions to plan.ics.\n`);
  });

  it("puts rest days in the calendar file when asked", async () => {
    const t = fakeIO();
    const code = await runPlan({ ...base, json: true, goalWeeklyKm: 24, ics: "plan.ics", restDaysInCalendar: true }, t.io);
    expect(code).toBe(EXIT_OK);
    const plan = JSON.parse(t.out()) as JsonPlan;
    const events = new ICAL.Component(ICAL.parse(t.files.get("plan.ics") ?? "") as unknown[]).getAllSubcomponents("vevent");
    expect(events).toHaveLength(plan.weeks.flatMap((w) => w.sessions).length);
  });

  it("starts today with --start today, planning only the days from today", async () => {
    const t = fakeIO("2025-03-05");
    expect(await runPlan({ ...base, json: true, goalWeeklyKm: 25, start: "today" }, t.io)).toBe(EXIT_OK);
    const plan = JSON.parse(t.out()) as JsonPlan;
    expect(plan.weeks[0]?.start).toBe("2025-03-03");
    expect(plan.weeks[0]?.sessions[0]?.date).toBe("2025-03-05");
    expect(plan.weeks.flatMap((w) => w.sessions).every((x) => x.date >= "2025-03-05")).toBe(true);
  });

  it("says first when the race is too close and names the options that fix it", async () => {
    const t = fakeIO();
    expect(await runPlan({ ...base, json: true, eventDate: "2025-04-06", eventKm: 42.195 }, t.io)).toBe(EXIT_OK);
    const plan = JSON.parse(t.out()) as JsonPlan & { warnings: { code: string; safe_date: string | null; shorter_distance_m: number | null }[] };
    expect(plan.warnings[0]).toMatchObject({ code: "EVENT_TOO_CLOSE", shorter_distance_m: 5_000 });
    expect(plan.warnings[0]?.safe_date).toMatch(/^2025-\d\d-\d\d$/);
    const table = fakeIO();
    await runPlan({ ...base, eventDate: "2025-04-06", eventKm: 42.195 }, table.io);
    // The sentence reads in the runner's style; the option it offers keeps the date as typed.
    expect(table.out()).toMatch(new RegExp(`^Too close: The race on 6 Apr 2025 .*\\(try --event-date ${plan.warnings[0]?.safe_date ?? ""}, or --event-km 5\\)`));
  });

  it("writes every text, the table and the calendar in miles with --units mi", async () => {
    const t = fakeIO();
    expect(await runPlan({ ...base, eventDate: "2025-04-06", eventKm: 42.195, units: "mi", ics: "/tmp/plan.ics" }, t.io)).toBe(EXIT_OK);
    const text = t.out();
    expect(text).toMatch(/^Too close: The race on 6 Apr 2025 .* a 26\.2 mi race asks for/);
    expect(text).toMatch(/Week of\s+mi\s+type/);
    expect(text).toContain("From 12.4 mi a week");
    // Only the options keep km, as their names say.
    expect(text.replace(/--event-km \d+/g, "")).not.toMatch(/\bkm\b/);
    expect(t.files.get("/tmp/plan.ics")).toContain("Race day: 26.2 mi.");
  });

  it("takes the runner's units from their profile when it reads their runs", async () => {
    const t = fakeIO();
    const reader = () => Promise.resolve({ weeklyM: 20_000, runs: [], units: "mi" as const });
    expect(await runPlan({ ...base, currentWeeklyKm: undefined, goalWeeklyKm: 30 }, t.io, reader)).toBe(EXIT_OK);
    expect(t.out()).toContain("Goal: 18.6 mi a week");
    expect(t.out()).not.toMatch(/\d km\b/);
  });

  it("reports a calendar file that cannot be written", async () => {
    const t = fakeIO("2025-03-05", true);
    expect(await runPlan({ ...base, goalWeeklyKm: 24, ics: "/nope/plan.ics" }, t.io)).toBe(
      EXIT_FAILURE,
    );
    expect(t.err()).toMatch(/could not write \/nope\/plan\.ics: disk full/);
  });

  const usage: [string, PlanCommandOptions, RegExp][] = [
    ["no goal", { ...base }, /no goal given/],
    ["units other than km or mi", { ...base, goalWeeklyKm: 30, units: "miles" }, /--units must be km or mi \(got "miles"\)/],
    ["both goals", { ...base, goalWeeklyKm: 30, eventDate: "2025-06-01", eventKm: 10 }, /not both/],
    ["an event date without a distance", { ...base, eventDate: "2025-06-01" }, /go together/],
    ["an event distance without a date", { ...base, eventKm: 10 }, /go together/],
    [
      "a negative goal",
      { ...base, goalWeeklyKm: -3 },
      /--goal-weekly-km must be a positive number/,
    ],
    [
      "a goal that is not a number",
      { ...base, goalWeeklyKm: Number.NaN },
      /--goal-weekly-km must be a positive number/,
    ],
    [
      "a zero current distance",
      { ...base, goalWeeklyKm: 30, currentWeeklyKm: 0 },
      /--current-weekly-km must be a positive/,
    ],
    [
      "an impossible date",
      { ...base, eventDate: "2025-02-29", eventKm: 5 },
      /--event-date must be a real date/,
    ],
    [
      "a badly written start",
      { ...base, goalWeeklyKm: 30, start: "10/03/2025" },
      /--start must be a real date/,
    ],
    [
      "a start in the past",
      { ...base, goalWeeklyKm: 30, start: "2025-03-03" },
      /--start 2025-03-03 is a day already past/,
    ],
    [
      "an event before the start",
      { ...base, eventDate: "2025-03-07", eventKm: 5 },
      /the event on 7 Mar 2025 is before the plan starts on 10 Mar 2025/,
    ],
    [
      "no current distance",
      { ...base, currentWeeklyKm: undefined, goalWeeklyKm: 30 },
      /no runs in the last weeks to start from.*--current-weekly-km/,
    ],
    [
      "a current distance under 1 km",
      { ...base, currentWeeklyKm: 0.5, goalWeeklyKm: 30 },
      /walk-run/,
    ],
    [
      "an event too far away",
      { ...base, eventDate: "2029-01-01", eventKm: 5 },
      /more than two years away/,
    ],
  ];
  for (const [what, opts, message] of usage) {
    it(`refuses ${what} with a clear message and exit code 2`, async () => {
      const t = fakeIO();
      expect(await runPlan(opts, t.io)).toBe(EXIT_USAGE);
      expect(t.err()).toMatch(message);
      expect(t.err()).toMatch(/^kneewise plan: /);
      expect(t.out()).toBe("");
    });
  }
});
