/**
 * Values no one could have recorded are refused by name and reason, an account already holding one
 * keeps working, words are held to the typed limits, and messages never carry raw bytes (issue 19,
 * items 5, 11 and 13). On every dialect.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { ACTIVITY_NAME_MAX, GEAR_NAME_MAX } from "../../contracts/activities.js";
import { manualActivityBody, shoeCreateBody } from "../../contracts/training.js";
import { activities } from "../../store/index.js";
import { trainingReport } from "../training-report.js";
import { deleteActivity } from "./activity-queries.js";
import { importFixture, runFit, runGpx, stravaCsv, syntheticRun } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths } from "./run-import.js";
import type { ImportSummary } from "./run-import.js";

/** A start in any year, 0-99 included (Date.UTC would read 50 as 1950). */
function utcMs(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(6, 30);
  return d.getTime();
}

/** A GPX track of straight legs between points, each `stepS` seconds after the last. */
function gpxTrack(startMs: number, type: string, points: readonly [number, number][], stepS: number, name = "Track"): string {
  const pts = points
    .map(([lat, lon], i) => `<trkpt lat="${lat}" lon="${lon}"><time>${new Date(startMs + i * stepS * 1000).toISOString()}</time></trkpt>`)
    .join("");
  return `<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><name>${name}</name><type>${type}</type><trkseg>${pts}</trkseg></trk></gpx>`;
}

for (const dialect of DIALECTS) {
  describe(`implausible activities on ${dialect}`, () => {
    let fx: ImportFixture;
    beforeEach(async () => {
      fx = await importFixture(dialect);
    });
    afterEach(() => fx.close());

    const importFiles = async (files: Record<string, Uint8Array | string>): Promise<ImportSummary> => {
      const inputs = Object.entries(files).map(([name, bytes]) => {
        const file = path.join(fx.workDir, name);
        fs.writeFileSync(file, bytes);
        return { path: file, displayName: name };
      });
      return importPaths(fx.app, fx.userId, inputs, { dataDir: fx.dataDir, workers: 0 });
    };

    it("refuses a run dated in the year 0050, naming the file, and imports the rest", async () => {
      const s = await importFiles({ "ancient.gpx": runGpx({ startMs: utcMs(50, 6, 1), durationS: 1200, seed: 7 }), "good.fit": runFit(syntheticRun(0)) });
      expect(s.failed).toEqual([{ file: "ancient.gpx", code: "IMPLAUSIBLE_DATE", message: expect.stringMatching(/^ancient\.gpx: .*0050-06-01, before 1980/) as string }]);
      expect(s).toMatchObject({ imported: 1, activities: 1 });
    });

    it("refuses a start before 1980 and one after tomorrow, and takes one today", async () => {
      const now = fx.app.now().getTime();
      const s = await importFiles({
        "1979.gpx": runGpx({ startMs: Date.UTC(1979, 11, 31, 6), durationS: 1200, seed: 1 }),
        "future.gpx": runGpx({ startMs: now + 4 * 86_400_000, durationS: 1200, seed: 2 }),
        "today.gpx": runGpx({ startMs: now - 3_600_000, durationS: 1200, seed: 3 }),
      });
      expect(s.failed.map((f) => [f.file, f.code])).toEqual([
        ["1979.gpx", "IMPLAUSIBLE_DATE"],
        ["future.gpx", "IMPLAUSIBLE_DATE"],
      ]);
      expect(s.failed[1]!.message).toMatch(/in the future/);
      expect(s.imported).toBe(1);
    });

    it("refuses a run faster than anyone runs and a ride longer than anyone rides, but not a fast ride", async () => {
      const start = Date.UTC(2024, 4, 1, 6);
      const s = await importFiles({
        // 111 km in 20 minutes, on foot.
        "car.gpx": gpxTrack(start, "running", [[45, 7], [46, 7]], 1200),
        // 2,000 km in two days at 11.6 m/s: a ride no one rides in one go.
        "tour.gpx": gpxTrack(start + 86_400_000, "cycling", [[0, 10], [18, 10]], 172_800),
        // 50 km in 1 h 40 by bike (30 km/h): fine.
        "ride.gpx": gpxTrack(start + 4 * 86_400_000, "cycling", [[45, 7], [45.45, 7]], 6000),
      });
      expect(s.failed.map((f) => [f.file, f.code])).toEqual([
        ["car.gpx", "IMPLAUSIBLE_SPEED"],
        ["tour.gpx", "IMPLAUSIBLE_DISTANCE"],
      ]);
      expect(s.failed[0]!.message).toMatch(/^car\.gpx: .*averages 333\.\d km\/h/);
      expect(s.imported).toBe(1);
    });

    it("refuses a Strava row dated 1975 by its line, and keeps the others", async () => {
      const ok = syntheticRun(5);
      const csv = stravaCsv([
        { id: "1", dateMs: Date.UTC(1975, 0, 5, 7), name: "Old", type: "Run", elapsedS: 1800, distanceM: 5000, filename: "", gear: "", perceivedExertion: "" },
        { id: "2", dateMs: ok.startMs, name: "Fine", type: "Run", elapsedS: 1800, distanceM: 5000, filename: "", gear: "", perceivedExertion: "" },
      ]);
      const s = await importFiles({ "activities.csv": csv });
      expect(s.failed).toEqual([{ file: "activities.csv line 2", code: "IMPLAUSIBLE_DATE", message: expect.stringMatching(/^activities\.csv line 2: activity 1: .*1975-01-05/) as string }]);
      expect(s.imported).toBe(1);
    });

    it("keeps a FIT file whose CRC is wrong, with a FIT_BAD_CRC warning naming it", async () => {
      const bytes = Buffer.from(fs.readFileSync(path.join(CORPUS_DIR, "fit", "fitparse__garmin-fenix-5-run.fit")));
      bytes[bytes.length - 1]! ^= 0xff;
      const s = await importFiles({ "crc.fit": bytes });
      expect(s).toMatchObject({ imported: 1, failed: [] });
      expect(s.warnings).toEqual([{ file: "crc.fit", code: "FIT_BAD_CRC", message: expect.stringContaining("crc.fit") as string }]);
    });

    it("lets an account that already holds a year-0050 activity import, report and lose it", async () => {
      const good = await importFiles({ "first.fit": runFit(syntheticRun(0)) });
      expect(good.imported).toBe(1);
      // Stored by an earlier kneewise, before imports checked dates.
      const [row] = await fx.app.database.db.selectFrom("activities").selectAll().where("user_id", "=", fx.userId).execute();
      await activities.insertActivities(fx.app.database.db, [
        { ...row!, id: "bad-0050", start_utc: "0050-06-01T06:30:00.000Z", dedupe_key: "0050-06-01T06:30", source_file: "old.gpx" },
      ]);
      const s = await importFiles({ "next.fit": runFit(syntheticRun(1)) });
      expect(s).toMatchObject({ imported: 1, failed: [], activities: 3 });
      await expect(trainingReport(fx.app, fx.userId)).resolves.toBeDefined();
      await deleteActivity(fx.app, fx.userId, "bad-0050");
      expect(await activities.countActivities(fx.app.database.db, fx.userId)).toBe(2);
      await expect(deleteActivity(fx.app, "someone-else", row!.id)).rejects.toMatchObject({ code: "ACTIVITY_NOT_FOUND" });
    });
  });

  describe(`imported words and messages on ${dialect}`, () => {
    let fx: ImportFixture;
    beforeEach(async () => {
      fx = await importFixture(dialect);
    });
    afterEach(() => fx.close());

    it("holds the limits a runner types (shoe names, activity titles)", () => {
      expect(manualActivityBody.safeParse({ sport: "run", date: "2024-05-01", distanceM: 5000, durationS: 1800, name: "x".repeat(ACTIVITY_NAME_MAX + 1) }).success).toBe(false);
      expect(manualActivityBody.safeParse({ sport: "run", date: "2024-05-01", distanceM: 5000, durationS: 1800, name: "x".repeat(ACTIVITY_NAME_MAX) }).success).toBe(true);
      expect(shoeCreateBody.safeParse({ name: "x".repeat(GEAR_NAME_MAX + 1) }).success).toBe(false);
      expect(shoeCreateBody.safeParse({ name: "x".repeat(GEAR_NAME_MAX) }).success).toBe(true);
    });

    it("cuts a long name and gear to the typed limits, with a TEXT_SHORTENED warning", async () => {
      const r = syntheticRun(3);
      const long = "Long run by the river ".repeat(500);
      const gear = "Shoe ".repeat(100);
      const csv = stravaCsv([{ id: "9", dateMs: r.startMs, name: long, type: "Run", elapsedS: 1800, distanceM: 5000, filename: "", gear, perceivedExertion: "" }]);
      const gpx = path.join(fx.workDir, "named.gpx");
      fs.writeFileSync(gpx, runGpx(syntheticRun(4), `Tempo\u0007 ${"é".repeat(300)}`));
      const csvFile = path.join(fx.workDir, "activities.csv");
      fs.writeFileSync(csvFile, csv);
      const s = await importPaths(fx.app, fx.userId, [{ path: csvFile, displayName: "activities.csv" }, { path: gpx, displayName: "named.gpx" }], { dataDir: fx.dataDir, workers: 0 });
      expect(s).toMatchObject({ imported: 2, failed: [] });
      const rows = await fx.app.database.db.selectFrom("activities").select(["name", "gear"]).where("user_id", "=", fx.userId).orderBy("start_utc").execute();
      expect(rows[0]!.name).toBe(long.slice(0, ACTIVITY_NAME_MAX).trimEnd());
      expect(rows[0]!.gear).toBe(gear.slice(0, GEAR_NAME_MAX).trimEnd());
      expect(rows[1]!.name).toBe(`Tempo  ${"é".repeat(300)}`.slice(0, ACTIVITY_NAME_MAX));
      expect(s.warnings.filter((w) => w.code === "TEXT_SHORTENED")).toEqual([
        { file: "named.gpx", code: "TEXT_SHORTENED", message: `named.gpx: the name was cut from 307 to ${ACTIVITY_NAME_MAX} characters.` },
        { file: "activities.csv line 2", code: "TEXT_SHORTENED", message: expect.stringMatching(/^activities\.csv line 2: the name was cut from 10999 to 120 characters; the gear name was cut from 499 to 80 characters\.$/) as string },
      ]);
    });

    it("never echoes the raw bytes of a broken file, and names the file", async () => {
      const bytes = Buffer.from(`<?xml version="1.0"?><gpx><trk></tr\u0000\u0001\u001b[31m\u00ff${"\u0007".repeat(5000)}k></gpx>`, "latin1");
      const file = path.join(fx.workDir, "evil\u001b[2J.gpx");
      fs.writeFileSync(file, bytes);
      const s = await importPaths(fx.app, fx.userId, [{ path: file, displayName: "evil\u001b[2J.gpx" }], { dataDir: fx.dataDir, workers: 0 });
      expect(s.failed).toHaveLength(1);
      const f = s.failed[0]!;
      expect(f.file).toBe("evil\\x1b[2J.gpx");
      expect(f.message.startsWith("evil\\x1b[2J.gpx: ")).toBe(true);
      expect(f.message).toContain("\\x00\\x01\\x1b[31m");
      // eslint-disable-next-line no-control-regex
      expect(f.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
      expect(f.message.length).toBeLessThanOrEqual(700);
      const stored = await fx.app.database.db.selectFrom("import_files").select(["message"]).where("user_id", "=", fx.userId).execute();
      expect(stored.map((r) => r.message)).toEqual([f.message]);
    });
  });
}
