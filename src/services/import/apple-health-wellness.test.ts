/**
 * Resting heart rate and HRV from an Apple Health export (issue 20, item 1): stored by local day in
 * daily_wellness, once however often the export is imported, never over a check-in the runner typed,
 * and listed beside the check-ins.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeZip } from "../../../bench/import-data/zip-writer.js";
import { DIALECTS } from "../../../test/db.js";
import { listCheckins, saveCheckin } from "../checkins.js";
import { listImportedWellness, storeImportedWellness } from "../wellness.js";
import { importFixture } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths } from "./run-import.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const record = (type: string, at: string, value: number, unit: string): string =>
  `<Record type="HKQuantityTypeIdentifier${type}" sourceName="Watch" unit="${unit}" startDate="${at}" endDate="${at}" value="${value}"/>`;
const resting = (at: string, v: number) => record("RestingHeartRate", at, v, "count/min");
const hrv = (at: string, v: number) => record("HeartRateVariabilitySDNN", at, v, "ms");

function exportXml(extra: string[] = []): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
]>
<HealthData locale="en_GB">
 <ExportDate value="2021-04-01 10:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexMale"/>
 ${[
   resting("2021-03-10 06:00:00 +0100", 52),
   resting("2021-03-10 22:00:00 +0100", 55),
   // 00:30 local on the 11th is still the 10th in UTC: the day is the runner's.
   resting("2021-03-11 00:30:00 +0100", 49),
   hrv("2021-03-10 03:00:00 +0100", 48.4),
   hrv("2021-03-10 04:00:00 +0100", 61.2),
   hrv("2021-03-12 03:00:00 -0700", 70),
   // A recording fault: no one rests at 400 beats a minute.
   resting("2021-03-13 06:00:00 +0100", 400),
   `<Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2021-03-10 09:00:00 +0100" endDate="2021-03-10 09:01:00 +0100" value="80"/>`,
   ...extra,
 ].join("\n ")}
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="20" durationUnit="min" totalDistance="4.1" totalDistanceUnit="km" sourceName="Apple Watch" startDate="2021-03-11 07:30:00 +0100" endDate="2021-03-11 07:50:00 +0100"/>
</HealthData>
`;
}

for (const dialect of DIALECTS) {
  describe(`resting heart rate and HRV from an Apple Health export on ${dialect}`, () => {
    let fx: ImportFixture;
    beforeEach(async () => {
      fx = await importFixture(dialect);
    });
    afterEach(() => fx.close());

    const zip = (name: string, xml: string): string => {
      const file = path.join(fx.workDir, name);
      writeZip(file, [{ name: "apple_health_export/export.xml", data: enc(xml), deflate: true }]);
      return file;
    };
    const run = (p: string) => importPaths(fx.app, fx.userId, [{ path: p }], { dataDir: fx.dataDir, workers: 0 });
    const stored = () =>
      fx.app.database.db
        .selectFrom("daily_wellness")
        .select(["date", "source", "resting_hr", "hrv_sdnn_ms"])
        .where("user_id", "=", fx.userId)
        .orderBy("date")
        .execute();

    it("stores one value per local day, and the same rows however often the export is imported", async () => {
      const file = zip("export.zip", exportXml());
      const s = await run(file);
      expect(s.failed).toEqual([]);
      expect(s.imported).toBe(1);
      const expected = [
        { date: "2021-03-10", source: "apple_health", resting_hr: 54, hrv_sdnn_ms: 55 },
        { date: "2021-03-11", source: "apple_health", resting_hr: 49, hrv_sdnn_ms: null },
        { date: "2021-03-12", source: "apple_health", resting_hr: null, hrv_sdnn_ms: 70 },
      ];
      expect(await stored()).toEqual(expected);

      const again = await run(file);
      expect(again.imported).toBe(0);
      expect(await stored()).toEqual(expected);
    });

    it("takes a newer export's values for a day, and keeps a value it does not have", async () => {
      await run(zip("export.zip", exportXml()));
      // The newer export has another resting value on the 11th, and no HRV on the 10th any more.
      const newer = exportXml([resting("2021-03-11 07:00:00 +0100", 53)]).replace(/^.*HeartRateVariabilitySDNN.*"2021-03-10.*$/gm, "");
      expect(newer.match(/HeartRateVariabilitySDNN/g)).toHaveLength(1);
      await run(zip("newer.zip", newer));
      const rows = await stored();
      expect(rows.find((r) => r.date === "2021-03-11")).toMatchObject({ resting_hr: 51 });
      expect(rows.find((r) => r.date === "2021-03-10")).toMatchObject({ resting_hr: 54, hrv_sdnn_ms: 55 });
    });

    it("never writes a check-in, and lists the imported values beside the typed answers", async () => {
      const answers = { fatigue: 2, irritability_low_mood: 1, appetite: 0, enthusiasm: 1, headaches: 0, general_aches: 2, performance_drop: 1, sleep: 2 };
      await saveCheckin(fx.app, fx.userId, "2021-03-10", answers);
      await run(zip("export.zip", exportXml()));

      const list = await listCheckins(fx.app, fx.userId, { from: "2021-03-10", to: "2021-03-11" });
      expect(list.checkins).toEqual([expect.objectContaining({ date: "2021-03-10", answers, score: 9 })]);
      expect(list.imported).toEqual([
        { date: "2021-03-10", source: "apple_health", restingHr: 54, hrvSdnnMs: 55 },
        { date: "2021-03-11", source: "apple_health", restingHr: 49, hrvSdnnMs: null },
      ]);
      const checkins = await fx.app.database.db.selectFrom("checkins").select("date").where("user_id", "=", fx.userId).execute();
      expect(checkins).toEqual([{ date: "2021-03-10" }]);
    });

    it("stores an unpacked export's days too, and thousands of days in chunks", async () => {
      const dir = path.join(fx.workDir, "apple_health_export");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "export.xml"), exportXml());
      await run(dir);
      expect((await stored()).length).toBe(3);

      const days = Array.from({ length: 1300 }, (_, i) => ({
        date: new Date(Date.UTC(2015, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
        restingHr: 50 + (i % 10),
        hrvSdnnMs: i % 3 === 0 ? null : 40.6,
      }));
      // Out-of-range values and a malformed day are left out.
      days.push({ date: "2019-02-30x", restingHr: 50, hrvSdnnMs: null }, { date: "2019-06-01", restingHr: 5, hrvSdnnMs: 0 });
      expect(await storeImportedWellness(fx.app.database.db, fx.userId, "apple_health", days, new Date())).toBe(1300);
      const listed = await listImportedWellness(fx.app.database.db, fx.userId, { from: "2015-01-01", to: "2018-12-31" });
      expect(listed.length).toBe(1300);
      expect(listed[1]).toEqual({ date: "2015-01-02", source: "apple_health", restingHr: 51, hrvSdnnMs: 41 });
    });
  });
}
