import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIO } from "../../../test/cli-io.js";
import type { ShoeOffer } from "../../contracts/shoes.js";
import { createApp } from "../../services/app.js";
import { stravaCsv } from "../../services/import/import.test-helpers.js";
import { updateProfile } from "../../services/profile.js";
import { runCli } from "../run-cli.js";

const VERSION = "9.9.9-test";
// A British locale, so the dates read the same on any machine.
const env = { KNEEWISE_IMPORT_WORKERS: "0", LANG: "en_GB.UTF-8" };
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-cli-shoes-"));
  const t0 = Date.UTC(2024, 3, 1, 6, 30);
  const row = (id: string, day: number, type: string, gear: string) => ({
    id, dateMs: t0 + day * 86_400_000, name: `${type} ${id}`, type, elapsedS: 2400, distanceM: 8000, filename: "", gear, perceivedExertion: "",
  });
  fs.mkdirSync(path.join(dir, "export"));
  fs.writeFileSync(
    path.join(dir, "export", "activities.csv"),
    stravaCsv([row("1", 0, "Run", "Pegasus 40"), row("2", 2, "Run", "Pegasus 40"), row("3", 4, "Trail Run", "Speedgoat 5"), row("4", 5, "Ride", "Kona Rove ST")]),
  );
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("kneewise import and the shoes the activities name", () => {
  it("lists the pairs it does not know with the command that adds them, and --json carries them", async () => {
    const c = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "export", "--db", "k.db"], c.io, { version: VERSION })).toBe(0);
    const out = c.stdout();
    expect(out).toContain("2 pairs of shoes in your activities are not in kneewise yet:");
    expect(out).toContain("  Pegasus 40: 16.0 km in 2 activities, 1 Apr 2024 to 3 Apr 2024");
    expect(out).toContain("  Speedgoat 5: 8.0 km in 1 activity, on 5 Apr 2024");
    expect(out).not.toContain("Kona");
    expect(out).toContain("kneewise import --add-shoes --db k.db export");

    const j = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "export", "--db", "k.db", "--json"], j.io, { version: VERSION })).toBe(0);
    const s = JSON.parse(j.stdout()) as { shoeOffers: ShoeOffer[]; shoesAdded: string[]; imported: number };
    expect(s.imported).toBe(0);
    expect(s.shoeOffers.map((o) => [o.gear, o.distanceM, o.activities])).toEqual([["Speedgoat 5", 8000, 1], ["Pegasus 40", 16000, 2]]);
    expect(s.shoesAdded).toEqual([]);
  });

  it("adds them with --add-shoes, and offers nothing after", async () => {
    const c = captureIO({ cwd: dir, env });
    expect(await runCli(["import", "export", "--db", "k.db", "--add-shoes"], c.io, { version: VERSION })).toBe(0);
    expect(c.stdout()).toContain("Added 2 pairs of shoes with their past runs: Speedgoat 5, Pegasus 40.");
    expect(c.stdout()).not.toContain("not in kneewise yet");
    const j = captureIO({ cwd: dir, env });
    await runCli(["import", "export", "--db", "k.db", "--json"], j.io, { version: VERSION });
    expect((JSON.parse(j.stdout()) as { shoeOffers: unknown[] }).shoeOffers).toEqual([]);
  });

  it("lists them in miles, with the dates in the locale the environment names, for a runner who counts in miles", async () => {
    expect(await runCli(["import", "export", "--db", "k.db"], captureIO({ cwd: dir, env }).io, { version: VERSION })).toBe(0);
    const app = await createApp({ db: path.join(dir, "k.db"), multiUser: true, version: VERSION });
    try {
      const owner = await app.database.db.selectFrom("users").select("id").executeTakeFirstOrThrow();
      await updateProfile(app, owner.id, { units: "mi" });
    } finally {
      await app.close();
    }
    const c = captureIO({ cwd: dir, env: { ...env, LANG: "en_US.UTF-8" } });
    expect(await runCli(["import", "export", "--db", "k.db"], c.io, { version: VERSION })).toBe(0);
    // 16 km is 9.9 miles; an American locale writes the month first.
    expect(c.stdout()).toContain("  Pegasus 40: 9.9 mi in 2 activities, Apr 1, 2024 to Apr 3, 2024");
    expect(c.stdout()).toContain("  Speedgoat 5: 5.0 mi in 1 activity, on Apr 5, 2024");
    expect(c.stdout()).not.toMatch(/\d km/);
  });
});
