import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answers } from "../core/training/factories.test-helpers.js";
import { createTestDb, DIALECTS } from "../../test/db.js";
import type { TestDb } from "../../test/db.js";
import type { ManualActivityBody } from "../contracts/training.js";
import { trainingActivities } from "../store/index.js";
import { createApp } from "./app.js";
import type { App } from "./app.js";
import { signUp } from "./auth.js";
import { saveCheckin } from "./checkins.js";
import { addManualActivity, deleteManualActivity } from "./manual-entry.js";
import { updateProfile } from "./profile.js";
import { createShoe, setActivityGear } from "./shoes.js";
import { reportCacheStats, trainingReport } from "./training-report.js";

const AS_OF = "2024-06-30";
/** A check-in with no overtraining sign. */
const CALM = answers();

function run(date: string, km: number): ManualActivityBody {
  return { sport: "run", date, time: "07:00", distanceM: km * 1000, durationS: km * 360 };
}

const lastWeekKm = async (app: App, userId: string) =>
  ((await trainingReport(app, userId, { asOf: AS_OF, weeks: 2 })).report.weeks.at(-1)?.distance_m ??
    0) / 1000;

const version = async (app: App, userId: string) =>
  trainingActivities.trainingDataVersion(app.database.db, userId);

for (const dialect of DIALECTS) {
  describe(`the kept training report (${dialect})`, () => {
    let testDb: TestDb;
    let app: App;
    let other: App;
    let runner: string;
    let neighbour: string;
    const clock = { now: new Date("2024-06-30T12:00:00.000Z") };

    beforeEach(async () => {
      testDb = await createTestDb(dialect);
      app = await createApp(
        { db: testDb.spec, multiUser: true, version: "test" },
        { now: () => clock.now },
      );
      // A second instance on the same database, as behind a load balancer.
      other = await createApp(
        { db: testDb.spec, multiUser: true, version: "test" },
        { now: () => clock.now },
      );
      runner = (
        await signUp(app, {
          email: "runner@example.org",
          password: "a long enough password",
          displayName: "R",
        })
      ).id;
      neighbour = (
        await signUp(app, {
          email: "next@example.org",
          password: "a long enough password",
          displayName: "N",
        })
      ).id;
      clock.now = new Date("2024-06-30T12:00:00.000Z");
    });

    afterEach(async () => {
      await other.close();
      await app.close();
      await testDb.drop();
    });

    it("serves the kept report while the runner's data is unchanged, and a fresh copy to each caller", async () => {
      await addManualActivity(app, runner, run("2024-06-28", 8));
      const before = reportCacheStats(app);
      const first = await trainingReport(app, runner, { asOf: AS_OF, weeks: 4 });
      const again = await trainingReport(app, runner, { asOf: AS_OF, weeks: 4 });
      expect(reportCacheStats(app)).toMatchObject({ hits: before.hits + 1, misses: before.misses + 1 });
      expect(again).toEqual(first);
      // One caller changing its copy changes nobody else's.
      first.report.weeks.pop();
      expect((await trainingReport(app, runner, { asOf: AS_OF, weeks: 4 })).report.weeks).toHaveLength(again.report.weeks.length);
      // Another number of weeks is another report.
      await trainingReport(app, runner, { asOf: AS_OF, weeks: 2 });
      expect(reportCacheStats(app).misses).toBe(before.misses + 2);
    });

    it("shows a run logged, re-shod and deleted in the very next report", async () => {
      expect(await lastWeekKm(app, runner)).toBe(0);
      const logged = await addManualActivity(app, runner, run("2024-06-28", 8));
      expect(await lastWeekKm(app, runner)).toBe(8);
      const shoe = await createShoe(app, runner, { name: "Daily", startDate: "2024-01-01" });
      await setActivityGear(app, runner, logged.id, { shoeId: shoe.id });
      const shod = await trainingReport(app, runner, { asOf: AS_OF, weeks: 2 });
      expect(shod.report.shoes.find((s) => s.id === shoe.id)?.distance_m).toBe(8000);
      await deleteManualActivity(app, runner, logged.id);
      expect(await lastWeekKm(app, runner)).toBe(0);
    });

    it("shows a write made through another instance at once", async () => {
      expect(await lastWeekKm(app, runner)).toBe(0);
      expect(await lastWeekKm(other, runner)).toBe(0);
      await addManualActivity(other, runner, run("2024-06-27", 6));
      expect(await lastWeekKm(app, runner)).toBe(6);
      await saveCheckin(other, runner, "2024-06-29", { ...CALM, fatigue: 3 });
      const report = await trainingReport(app, runner, { asOf: AS_OF, weeks: 2 });
      expect(report.report.checkins.trend.map((c) => c.date)).toEqual(["2024-06-29"]);
    });

    it("raises the data version on every write the report reads, for that runner only", async () => {
      const seen = [await version(app, runner)];
      const logged = await addManualActivity(app, runner, run("2024-06-28", 5));
      seen.push(await version(app, runner));
      await createShoe(app, runner, { name: "Spare" });
      seen.push(await version(app, runner));
      await saveCheckin(app, runner, "2024-06-29", CALM);
      seen.push(await version(app, runner));
      await updateProfile(app, runner, { units: "mi" });
      seen.push(await version(app, runner));
      await app.database.db
        .updateTable("activities")
        .set({ name: "Renamed" })
        .where("id", "=", logged.id)
        .execute();
      seen.push(await version(app, runner));
      await app.database.db.deleteFrom("activities").where("user_id", "=", runner).execute();
      seen.push(await version(app, runner));
      for (let i = 1; i < seen.length; i++)
        expect(seen[i]).toBeGreaterThan(seen[i - 1] ?? Infinity);
      expect(await version(app, neighbour)).toBe(0);
      expect(await version(app, "no-such-user")).toBeNull();
    });

    it("follows the profile's units and the clock when no date is given", async () => {
      await addManualActivity(app, runner, run("2024-06-28", 8));
      expect((await trainingReport(app, runner, { weeks: 2 })).units).toBe("km");
      await updateProfile(app, runner, { units: "mi" });
      const today = await trainingReport(app, runner, { weeks: 2 });
      expect(today.units).toBe("mi");
      expect(today.report.as_of).toBe("2024-06-30");
      clock.now = new Date("2024-07-01T12:00:00.000Z");
      expect((await trainingReport(app, runner, { weeks: 2 })).report.as_of).toBe("2024-07-01");
    });
  });
}
