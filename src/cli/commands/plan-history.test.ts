import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIO } from "../../../test/cli-io.js";
import { createApp } from "../../services/app.js";
import { ensureLocalOwner } from "../../services/auth.js";
import { addManualActivity } from "../../services/manual-entry.js";
import { updateProfile } from "../../services/profile.js";
import { runCli } from "../run-cli.js";

describe("kneewise plan from the runner's own runs", () => {
  let dir: string;
  let dbFile: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-plan-history-"));
    dbFile = path.join(dir, "k.db");
    const app = await createApp({ db: dbFile, multiUser: false, version: "test" });
    const owner = await ensureLocalOwner(app);
    // Four complete weeks of 3 × 8 km = 24 km before the plan starts on Monday 2026-11-30, the
    // Monday after the test's today (2026-11-25).
    for (let week = 0; week < 4; week++) {
      for (const day of [0, 2, 4]) {
        const date = new Date(Date.UTC(2026, 10, 2 + week * 7 + day)).toISOString().slice(0, 10);
        await addManualActivity(app, owner.id, { sport: "run", date, distanceM: 8000, durationS: 2700 });
      }
    }
    await app.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("starts from the weekly distance the runner actually ran", async () => {
    const c = captureIO({ cwd: dir });
    const code = await runCli(
      ["plan", "--goal-weekly-km", "40", "--start", "2026-11-30", "--db", dbFile, "--json"],
      c.io,
      { version: "test" },
    );
    expect(c.stderr()).toBe("");
    expect(code).toBe(0);
    const plan = JSON.parse(c.stdout()) as { baseline_weekly_m: number; weeks: { distance_m: number }[] };
    expect(plan.baseline_weekly_m).toBe(24_000);
    // The first week rises at most 10% on that.
    expect(plan.weeks[0]?.distance_m).toBeLessThanOrEqual(26_400);
  });

  it("asks for the current distance when there are no runs", async () => {
    const empty = path.join(dir, "empty.db");
    const c = captureIO({ cwd: dir });
    const code = await runCli(["plan", "--goal-weekly-km", "40", "--db", empty], c.io, { version: "test" });
    expect(code).toBe(2);
    expect(c.stderr()).toMatch(/--current-weekly-km/);
  });
});

describe("kneewise plan in the runner's own weeks", () => {
  let dir: string;
  let dbFile: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-plan-weeks-"));
    dbFile = path.join(dir, "k.db");
    const app = await createApp({ db: dbFile, multiUser: false, version: "test" });
    const owner = await ensureLocalOwner(app);
    await updateProfile(app, owner.id, { weekStart: 0, units: "mi" });
    // Four Sunday-to-Saturday weeks of 3 × 8 km before Sunday 2026-11-29, the first day of the
    // week after the test's today (Wednesday 2026-11-25).
    for (let week = 0; week < 4; week++) {
      for (const day of [0, 2, 4]) {
        const date = new Date(Date.UTC(2026, 10, 1 + week * 7 + day)).toISOString().slice(0, 10);
        await addManualActivity(app, owner.id, { sport: "run", date, distanceM: 8000, durationS: 2700 });
      }
    }
    await app.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("starts on the first day of the runner's next week and keeps their weeks", async () => {
    const c = captureIO({ cwd: dir });
    const code = await runCli(["plan", "--goal-weekly-km", "40", "--db", dbFile, "--json"], c.io, { version: "test" });
    expect(c.stderr()).toBe("");
    expect(code).toBe(0);
    const plan = JSON.parse(c.stdout()) as { baseline_weekly_m: number; settings: { weekStart?: number }; weeks: { start: string }[] };
    expect(plan.settings.weekStart).toBe(0);
    expect(plan.weeks[0]?.start).toBe("2026-11-29");
    for (const w of plan.weeks) expect(new Date(`${w.start}T00:00:00Z`).getUTCDay()).toBe(0);
    // The weeks read from the runs are the runner's too: each Sunday-to-Saturday week held 24 km.
    expect(plan.baseline_weekly_m).toBe(24_000);
  });

  it("writes the table in the profile's units", async () => {
    const c = captureIO({ cwd: dir, env: { LANG: "en_GB.UTF-8" } });
    expect(await runCli(["plan", "--goal-weekly-km", "40", "--db", dbFile], c.io, { version: "test" })).toBe(0);
    expect(c.stdout()).toMatch(/^Week of\s+mi\s+type/m);
    expect(c.stdout()).toMatch(/^29 Nov 2026\s+\d+\.\d\s+build/m);
  });
});
