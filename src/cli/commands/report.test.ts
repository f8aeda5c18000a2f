import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIO } from "../../../test/cli-io.js";
import { createTestDb } from "../../../test/db.js";
import type { TestDb } from "../../../test/db.js";
import type { TrainingReport } from "../../core/training/index.js";
import { createApp } from "../../services/app.js";
import { addManualActivity } from "../../services/manual-entry.js";
import { createShoe } from "../../services/shoes.js";
import { updateProfile } from "../../services/profile.js";
import { signUp } from "../../services/auth.js";
import { runCli } from "../run-cli.js";

const run = async (args: string[]) => {
  // A British locale, so the dates read the same on any machine.
  const cap = captureIO({ env: { LANG: "en_GB.UTF-8" } });
  const code = await runCli(["report", ...args], cap.io, { version: "0.0.0-test" });
  return { code, out: cap.stdout(), err: cap.stderr() };
};

describe("kneewise report", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    // The embedded single-user database, as `kneewise serve` leaves it: one local owner.
    const app = await createApp({ db: db.spec, multiUser: false, version: "test" });
    const owner = await app.database.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    await createShoe(app, owner.id, { name: "Daily", brand: "Acme", defaultForSports: ["run"], limitM: 640_000 });
    const runOn = (date: string, km: number) =>
      addManualActivity(app, owner.id, { sport: "run", date, time: "07:00", distanceM: km * 1000, durationS: km * 360 });
    for (const date of ["2024-03-04", "2024-03-06", "2024-03-08", "2024-03-11", "2024-03-13", "2024-03-15"]) await runOn(date, 10);
    for (const date of ["2024-03-18", "2024-03-19", "2024-03-21", "2024-03-23"]) await runOn(date, 9);
    await app.close();
  });
  afterAll(() => db.drop());

  it("prints the documented JSON with the ramp on its week", async () => {
    const { code, out } = await run(["--json", "--db", db.spec, "--as-of", "2024-03-24", "--weeks", "3"]);
    expect(code).toBe(0);
    const report = JSON.parse(out) as TrainingReport;
    expect(report.as_of).toBe("2024-03-24");
    expect(report.weeks.map((w) => [w.start, w.distance_m, w.runs, w.change_pct])).toEqual([
      ["2024-03-04", 30_000, 3, null],
      ["2024-03-11", 30_000, 3, 0],
      ["2024-03-18", 36_000, 4, 20],
    ]);
    // 36 km against a highest (and average) of 30 km in the two weeks before: +20%, once.
    expect(report.warnings.filter((w) => w.code === "RAMP_WEEKLY").map((w) => w.week)).toEqual(["2024-03-18"]);
    expect(report.weeks[2]).toMatchObject({ baseline_weeks: 2, baseline_highest_m: 30_000, guide_limit_m: 33_000 });
    // The longest run of the last 30 days is 10 km: the forward limit is 11 km.
    expect(report.run_limit).toMatchObject({ longest_m: 10_000, longest_date: "2024-03-15", limit_m: 11_000 });
    expect(report.run_limit?.message).toBe(
      "Your longest run in the last 30 days is 10.0 km; keep any run this week under 11.0 km.",
    );
    expect(report.shoes).toEqual([
      expect.objectContaining({ name: "Daily", distance_m: 96_000, limit_m: 640_000, status: "ok" }),
    ]);
  });

  it("prints a readable report with the weeks, shoes and warnings linked to their articles", async () => {
    const { code, out } = await run(["--db", db.spec, "--as-of", "2024-03-24", "--weeks", "3"]);
    expect(code).toBe(0);
    expect(out).toMatch(/18 Mar 2024\s+36\.0 km/);
    expect(out).toContain("Training report as of 24 Mar 2024");
    // The forward spike limit comes first, before the weekly table.
    const limitAt = out.indexOf("keep any run this week under 11.0 km");
    expect(limitAt).toBeGreaterThan(0);
    expect(limitAt).toBeLessThan(out.indexOf("Weekly volume"));
    expect(out).toMatch(/18 Mar 2024\s+36\.0 km.*\+20%\s+33\.0 km/);
    expect(out).toContain("What it cannot tell:");
    expect(out).not.toContain("ACWR_HIGH");
    expect(out).toContain("RAMP_WEEKLY (week of 18 Mar 2024)");
    expect(out).toContain("Read more: /learn/ten-percent-rule");
    expect(out).toMatch(/Acme Daily\s+96\.0 km\s+640\.0 km\s+ok/);
  });

  it("shows miles when asked", async () => {
    const { out } = await run(["--db", db.spec, "--as-of", "2024-03-24", "--weeks", "1", "--units", "mi"]);
    // 36 km is 22.4 miles.
    expect(out).toMatch(/18 Mar 2024\s+22\.4 mi/);
    // 10 km = 6.2 mi; 11 km = 6.84 mi, rounded down so the limit never lets a spike through.
    expect(out).toContain("Your longest run in the last 30 days is 6.2 mi; keep any run this week under 6.8 mi.");
    expect(out).not.toMatch(/\d km/);
  });

  it("shows miles, climbing in feet, for a runner whose profile counts in miles", async () => {
    const app = await createApp({ db: db.spec, multiUser: true, version: "test" });
    const owner = await app.database.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
    await updateProfile(app, owner.id, { units: "mi" });
    await app.close();
    try {
      const { code, out } = await run(["--db", db.spec, "--as-of", "2024-03-24", "--weeks", "3"]);
      expect(code).toBe(0);
      expect(out).toMatch(/18 Mar 2024\s+22\.4 mi\s+3 h 36 min\s+4\s+5\.6 mi\s+0 ft\s+\+20%\s+20\.5 mi/);
      expect(out).toMatch(/Acme Daily\s+59\.7 mi\s+397\.7 mi\s+ok/);
      expect(out).toContain("keep any run this week under 6.8 mi");
      expect(out).not.toMatch(/\d km\b|\/km\b/);
    } finally {
      const back = await createApp({ db: db.spec, multiUser: true, version: "test" });
      await updateProfile(back, owner.id, { units: "km" });
      await back.close();
    }
  });

  it("answers a usage error with exit code 2 and a sentence", async () => {
    for (const args of [
      ["--as-of", "2024-13-01"],
      ["--weeks", "0"],
      ["--weeks", "two"],
      ["--units", "furlongs"],
      ["--user", "nobody@example.org"],
    ]) {
      const { code, err } = await run(["--db", db.spec, ...args]);
      expect(code, args.join(" ")).toBe(2);
      expect(err).toMatch(/^kneewise report: /);
    }
  });

  it("asks which runner when a shared database holds several", async () => {
    const shared = await createTestDb("sqlite");
    const app = await createApp({ db: shared.spec, multiUser: true, version: "test" });
    await signUp(app, { email: "ada@example.org", password: "a long enough password", displayName: "Ada" });
    await signUp(app, { email: "bob@example.org", password: "a long enough password", displayName: "Bob" });
    await app.close();
    try {
      const ambiguous = await run(["--db", shared.spec]);
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.err).toContain("--user");
      const chosen = await run(["--db", shared.spec, "--user", "bob@example.org", "--json", "--as-of", "2024-03-24"]);
      expect(chosen.code).toBe(0);
      expect((JSON.parse(chosen.out) as TrainingReport).weeks).toEqual([]);
    } finally {
      await shared.drop();
    }
  });
});
