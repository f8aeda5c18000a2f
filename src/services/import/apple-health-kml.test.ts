/**
 * Apple Health exports (export.zip and its unpacked folder), KMZ files and a Google Takeout
 * fitness export through the whole import: built here from the formats' published layouts.
 */
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeZip } from "../../../bench/import-data/zip-writer.js";
import { importFixture, runGpx, runTcx, syntheticRun } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths } from "./run-import.js";

let fx: ImportFixture;
beforeEach(async () => {
  fx = await importFixture();
});
afterEach(() => fx.close());

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const rowsOf = () => fx.app.database.db.selectFrom("activities").selectAll().where("user_id", "=", fx.userId).orderBy("start_utc").execute();
const run = (p: string, workers = 0) => importPaths(fx.app, fx.userId, [{ path: p }], { dataDir: fx.dataDir, workers });

// 2021-03-11 06:30 UTC, 20 minutes: the route GPX of syntheticRun(10) covers it.
const routed = syntheticRun(10, 1200);
const orphan = syntheticRun(20, 900);

function exportXml(): string {
  const steps = Array.from(
    { length: 2000 },
    (_, i) => `<Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" unit="count" startDate="2021-03-11 09:00:00 +0100" endDate="2021-03-11 09:01:00 +0100" value="${i}"/>`,
  ).join("\n ");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ENTITY boom "&boom;&boom;">
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2021-04-01 10:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexMale"/>
 ${steps}
 <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Watch" unit="count/min" startDate="2021-03-11 06:00:00 +0100" endDate="2021-03-11 06:00:00 +0100" value="51"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="20" durationUnit="min" totalDistance="4.1" totalDistanceUnit="km" sourceName="Apple Watch" startDate="2021-03-11 07:30:00 +0100" endDate="2021-03-11 07:50:00 +0100">
  <MetadataEntry key="HKIndoorWorkout" value="0"/>
  <WorkoutRoute sourceName="Apple Watch" startDate="2021-03-11 07:30:00 +0100" endDate="2021-03-11 07:50:00 +0100">
   <FileReference path="/workout-routes/route_2021-03-11_7.50am.gpx"/>
  </WorkoutRoute>
 </Workout>
 ${steps}
 <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="35" durationUnit="min" sourceName="Apple Watch" startDate="2021-03-12 18:00:00 +0100" endDate="2021-03-12 18:36:00 +0100">
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2021-03-12 18:00:00 +0100" endDate="2021-03-12 18:36:00 +0100" sum="3.1" unit="km"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2021-03-12 18:00:00 +0100" endDate="2021-03-12 18:36:00 +0100" average="104" minimum="80" maximum="121" unit="count/min"/>
 </Workout>
 <Workout workoutActivityType="HKWorkoutActivityTypeFunctionalStrengthTraining" duration="30" durationUnit="min" sourceName="iPhone" startDate="2021-03-13 19:00:00 +0100" endDate="2021-03-13 19:30:00 +0100"/>
</HealthData>
`;
}

/** `stem`: Apple names the file in the phone's language ("exportación.xml" beside "exportación_cda.xml"). */
function exportEntries(stem = "export"): { name: string; data: Uint8Array; deflate?: boolean }[] {
  return [
    { name: `apple_health_export/${stem}.xml`, data: enc(exportXml()), deflate: true },
    { name: `apple_health_export/${stem}_cda.xml`, data: enc(`<?xml version="1.0"?><ClinicalDocument/>`), deflate: true },
    { name: "apple_health_export/workout-routes/route_2021-03-11_7.50am.gpx", data: runGpx(routed, "Route 2021-03-11 7:50am"), deflate: true },
    { name: "apple_health_export/workout-routes/route_2021-03-21_7.45am.gpx", data: runGpx(orphan, "Route 2021-03-21 7:45am"), deflate: true },
  ];
}

async function expectAppleImport(input: string, workers = 0): Promise<void> {
  const s = await run(input, workers);
  expect(s.failed).toEqual([]);
  // Three workouts, and the one route no workout references; the referenced route is not an activity of its own.
  expect(s.imported).toBe(4);
  const rows = await rowsOf();
  expect(rows.map((r) => [r.source, r.sport, r.start_utc, r.utc_offset_min, r.distance_m])).toEqual([
    ["apple_health", "run", "2021-03-11T06:30:00.000Z", 60, 4100],
    ["apple_health", "walk", "2021-03-12T17:00:00.000Z", 60, 3100],
    ["apple_health", "strength", "2021-03-13T18:00:00.000Z", 60, 0],
    ["gpx", "run", new Date(orphan.startMs).toISOString(), null, expect.any(Number)],
  ]);
  const [runRow, walkRow] = rows;
  expect(runRow!.device).toBe("Apple Watch");
  // The route's samples are the run's stream.
  expect((JSON.parse(runRow!.stream_json) as { t: number[] }).t.length).toBeGreaterThan(50);
  expect([walkRow!.avg_hr, walkRow!.max_hr]).toEqual([104, 121]);

  // A second import recognises every workout.
  const again = await run(input);
  expect(again.imported).toBe(0);
  expect(again.failed).toEqual([]);
  expect((await rowsOf()).length).toBe(4);
}

describe("an Apple Health export", () => {
  it("gives each workout once, with its route merged, from export.zip", async () => {
    const file = path.join(fx.workDir, "export.zip");
    writeZip(file, exportEntries());
    await expectAppleImport(file);
  });

  it("gives the same from the unpacked apple_health_export folder", async () => {
    const dir = path.join(fx.workDir, "unpacked");
    for (const e of exportEntries()) {
      const p = path.join(dir, e.name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, e.data);
    }
    // In parse workers, as a real import runs.
    await expectAppleImport(path.join(dir, "apple_health_export"), 2);
  });

  it("keeps each workout as an original that imports again on its own", async () => {
    const file = path.join(fx.workDir, "export.zip");
    writeZip(file, exportEntries());
    await run(file);
    const originals = await fx.app.database.db.selectFrom("original_files").select(["file_name", "bytes_gz"]).where("user_id", "=", fx.userId).orderBy("file_name").execute();
    const workoutFiles = originals.filter((o) => o.file_name.startsWith("apple_health_export/workouts/"));
    expect(workoutFiles).toHaveLength(3);
    // The kept original of the run, given back to a fresh account under its own name, is the same run with its route.
    const other = await importFixture();
    try {
      const copy = path.join(other.workDir, path.basename(workoutFiles[0]!.file_name));
      fs.writeFileSync(copy, gunzipSync(workoutFiles[0]!.bytes_gz));
      const s = await importPaths(other.app, other.userId, [{ path: copy }], { dataDir: other.dataDir, workers: 0 });
      expect(s.failed).toEqual([]);
      expect(s.imported).toBe(1);
      const rows = await other.app.database.db.selectFrom("activities").selectAll().where("user_id", "=", other.userId).execute();
      expect(rows.map((r) => [r.source, r.sport, r.start_utc])).toEqual([["apple_health", "run", "2021-03-11T06:30:00.000Z"]]);
      expect((JSON.parse(rows[0]!.stream_json) as { t: number[] }).t.length).toBeGreaterThan(50);
    } finally {
      await other.close();
    }
  });

  it("reads an export.xml larger than one file may hold, a chunk at a time, whatever its name's language", async () => {
    const file = path.join(fx.workDir, "exportar.zip");
    writeZip(file, exportEntries("exportación"));
    // Each route fits the limit; export.xml is well past it.
    const maxFileBytes = Math.max(runGpx(routed).length, runGpx(orphan).length) + 1;
    expect(enc(exportXml()).length).toBeGreaterThan(2 * maxFileBytes);
    const s = await importPaths(fx.app, fx.userId, [{ path: file }], { dataDir: fx.dataDir, workers: 0, limits: { maxFileBytes } });
    expect(s.failed).toEqual([]);
    expect(s.imported).toBe(4);
  });
});

const kml = (startIso: string, name: string, type: string): string => {
  const t0 = Date.parse(startIso);
  const n = 60;
  const whens = Array.from({ length: n }, (_, i) => `<when>${new Date(t0 + i * 10_000).toISOString()}</when>`).join("\n");
  const coords = Array.from({ length: n }, (_, i) => `<gx:coord>-3.7 ${(40.4 + i * 0.0003).toFixed(5)} 650</gx:coord>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2" xmlns:opentracks="http://opentracksapp.com/xmlschemas/v1">
<Document><name>${name}</name>
<Placemark><name>${name}</name><ExtendedData><Data name="type"><value>${type}</value></Data></ExtendedData>
<gx:MultiTrack><gx:Track>
${whens}
${coords}
</gx:Track></gx:MultiTrack></Placemark>
</Document></kml>`;
};

describe("KMZ and a Google Takeout fitness export", () => {
  it("imports a KMZ as one activity file, from its doc.kml", async () => {
    const file = path.join(fx.workDir, "Evening ride.kmz");
    writeZip(file, [
      { name: "doc.kml", data: enc(kml("2024-05-01T17:00:00Z", "Evening ride", "cycling")), deflate: true },
      { name: "files/icon.png", data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
    ]);
    const s = await run(file);
    expect(s.failed).toEqual([]);
    expect(s.imported).toBe(1);
    const rows = await rowsOf();
    expect(rows.map((r) => [r.source, r.sport, r.name, r.start_utc, r.device])).toEqual([
      ["kml", "ride", "Evening ride", "2024-05-01T17:00:00.000Z", "OpenTracks"],
    ]);
  });

  it("fails a KMZ with no KML inside, by name", async () => {
    const file = path.join(fx.workDir, "empty.kmz");
    writeZip(file, [{ name: "files/icon.png", data: new Uint8Array([1, 2, 3]) }]);
    const s = await run(file);
    expect(s.failed).toEqual([expect.objectContaining({ code: "KMZ_NO_KML" })]);
  });

  it("picks up the activity files of a Takeout zip, KML and KMZ among them", async () => {
    const r = syntheticRun(30, 1500);
    const file = path.join(fx.workDir, "takeout-20240501T000000Z-001.zip");
    const nested = path.join(fx.workDir, "inner.kmz");
    writeZip(nested, [{ name: "doc.kml", data: enc(kml("2024-04-02T06:00:00Z", "Hill repeats", "running")), deflate: true }]);
    writeZip(file, [
      { name: "Takeout/Fit/Activities/2021-03-31T06_30_00.000Z_PT25M_Running.tcx", data: runTcx(r), deflate: true },
      { name: "Takeout/Fit/Daily activity metrics/2021-03-31.csv", data: enc("Start time,End time,Move Minutes count\n00:00:00.000+01:00,00:15:00.000+01:00,3\n") },
      { name: "Takeout/OpenTracks/Walk in the woods.kml", data: enc(kml("2024-04-01T09:00:00Z", "Walk in the woods", "walking")), deflate: true },
      { name: "Takeout/OpenTracks/Hill repeats.kmz", data: new Uint8Array(fs.readFileSync(nested)) },
      { name: "Takeout/archive_browser.html", data: enc("<html></html>") },
    ]);
    const s = await run(file);
    expect(s.failed).toEqual([]);
    expect(s.imported).toBe(3);
    const rows = await rowsOf();
    expect(rows.map((r) => [r.source, r.sport])).toEqual([
      ["tcx", "run"],
      ["kml", "walk"],
      ["kml", "run"],
    ]);
  });
});
