/**
 * Whole exports as runners download them, built here from generated runs and corpus files: a
 * Strava bulk export (activities.csv beside activities/*.gz) and a Garmin Connect export (FIT
 * files in UploadedFiles zips nested in the export zip), plus twins from two sources, and archives
 * built to unpack to far more than they hold.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deflateRawSync } from "node:zlib";
import { repeatedGpx, writeOverlapZip } from "../../../bench/import-data/overlap-zip.js";
import { writeZip } from "../../../bench/import-data/zip-writer.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import {
  gz,
  importFixture,
  runFit,
  runGpx,
  runTcx,
  stravaCsv,
  syntheticRun,
} from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths } from "./run-import.js";

const corpus = (p: string) => new Uint8Array(fs.readFileSync(path.join(CORPUS_DIR, p)));

let fx: ImportFixture;
beforeEach(async () => {
  fx = await importFixture();
});
afterEach(() => fx.close());

const rowsOf = () =>
  fx.app.database.db
    .selectFrom("activities")
    .selectAll()
    .where("user_id", "=", fx.userId)
    .orderBy("start_utc")
    .execute();

function buildStravaExport(file: string): void {
  const r1 = syntheticRun(1, 1800);
  const r2 = syntheticRun(2, 1500);
  const r3 = syntheticRun(3, 1200);
  const csv = stravaCsv([
    {
      id: "101",
      dateMs: r1.startMs,
      name: "Tempo by the river",
      type: "Run",
      elapsedS: 1800,
      distanceM: 5000,
      filename: "activities/101.fit.gz",
      gear: "Pegasus 40",
      perceivedExertion: "6",
    },
    {
      id: "102",
      dateMs: r2.startMs,
      name: "Hill reps",
      type: "Trail Run",
      elapsedS: 1500,
      distanceM: 4000,
      filename: "activities/102.gpx.gz",
      gear: "Speedgoat",
      perceivedExertion: "",
    },
    {
      id: "103",
      dateMs: r3.startMs,
      name: "Easy shakeout",
      type: "Run",
      elapsedS: 1200,
      distanceM: 3500,
      filename: "activities/103.tcx.gz",
      gear: "",
      perceivedExertion: "3",
    },
    {
      id: "104",
      dateMs: Date.UTC(2021, 5, 1, 17, 0),
      name: "Treadmill intervals",
      type: "Run",
      elapsedS: 2400,
      distanceM: 7000,
      filename: "",
      gear: "Pegasus 40",
      perceivedExertion: "8",
    },
    {
      id: "105",
      dateMs: Date.UTC(2021, 5, 2, 17, 0),
      name: "Lost file",
      type: "Run",
      elapsedS: 3000,
      distanceM: 9000,
      filename: "activities/105.gpx.gz",
      gear: "",
      perceivedExertion: "",
    },
  ]);
  writeZip(file, [
    { name: "activities.csv", data: new TextEncoder().encode(csv), deflate: true },
    { name: "activities/101.fit.gz", data: gz(runFit(r1)) },
    { name: "activities/102.gpx.gz", data: gz(runGpx(r2, "Afternoon Run")) },
    { name: "activities/103.tcx.gz", data: gz(runTcx(r3)) },
    { name: "bikes.csv", data: new TextEncoder().encode("Bike Name,Bike Brand\n"), deflate: true },
    { name: "media/photo-1.jpg", data: new Uint8Array(2048) },
    { name: "profile.json", data: new TextEncoder().encode("{}") },
  ]);
}

describe("a Strava bulk export", () => {
  it("merges activities.csv with the files it names and keeps the rows that have no file", async () => {
    const file = path.join(fx.workDir, "export_12345.zip");
    buildStravaExport(file);
    const s = await importPaths(fx.app, fx.userId, [{ path: file }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    expect(s.failed).toEqual([]);
    expect(s.imported).toBe(5);
    expect(s.activities).toBe(5);
    const rows = await rowsOf();
    const byName = new Map(rows.map((r) => [r.name, r]));
    const tempo = byName.get("Tempo by the river")!;
    expect(tempo).toMatchObject({
      source: "fit",
      gear: "Pegasus 40",
      perceived_exertion: 6,
      sport: "run",
      utc_offset_min: 60,
    });
    expect((JSON.parse(tempo.stream_json) as { hr: unknown[] }).hr.length).toBeGreaterThan(100);
    // The runner called it a trail run on Strava; the GPX alone said running.
    expect(byName.get("Hill reps")).toMatchObject({
      source: "gpx",
      sport: "trail_run",
      gear: "Speedgoat",
    });
    expect(byName.get("Easy shakeout")).toMatchObject({ source: "tcx", perceived_exertion: 3 });
    expect(byName.get("Treadmill intervals")).toMatchObject({
      source: "strava_csv",
      distance_m: 7000,
      elapsed_s: 2400,
      perceived_exertion: 8,
    });
    expect(byName.get("Lost file")).toMatchObject({ source: "strava_csv", distance_m: 9000 });
  });

  it("reads every entry of an archive larger than its read-ahead window, small and large entries alike", async () => {
    // 14 plain GPX entries of about 300 kB span several 4 MiB windows; the 2-hour one is read on its own.
    const runs = Array.from({ length: 14 }, (_, i) => syntheticRun(40 + i, 1500));
    const long = syntheticRun(60, 7200);
    const file = path.join(fx.workDir, "big.zip");
    const entries = runs.map((r, i) => ({
      name: `runs/${i}.gpx`,
      data: runGpx(r, `Run ${i}`),
    }));
    entries.splice(7, 0, {
      name: "runs/long.gpx",
      data: runGpx(long, "Long run"),
    });
    expect(entries.reduce((n, e) => n + e.data.length, 0)).toBeGreaterThan(5 * 1024 * 1024);
    expect(entries[7]!.data.length).toBeGreaterThan(1024 * 1024);
    writeZip(file, entries);
    const s = await importPaths(fx.app, fx.userId, [{ path: file }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    expect(s.failed).toEqual([]);
    expect(s.imported).toBe(15);
    const rows = await rowsOf();
    expect(rows.find((r) => r.name === "Long run")?.elapsed_s).toBe(7200);
    expect(new Set(rows.map((r) => r.name))).toEqual(
      new Set([...runs.map((_, i) => `Run ${i}`), "Long run"]),
    );
  });

  it("adds nothing when the same export is imported again", async () => {
    const file = path.join(fx.workDir, "export.zip");
    buildStravaExport(file);
    const first = await importPaths(fx.app, fx.userId, [{ path: file }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    const before = await rowsOf();
    const again = await importPaths(fx.app, fx.userId, [{ path: file }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    expect(again).toMatchObject({
      imported: 0,
      duplicates: first.imported,
      failed: [],
      activities: first.activities,
    });
    expect(await rowsOf()).toEqual(before);
  });

  it("adds nothing when a copy of the export with a different zip layout is imported", async () => {
    const file = path.join(fx.workDir, "export.zip");
    buildStravaExport(file);
    await importPaths(fx.app, fx.userId, [{ path: file }], { dataDir: fx.dataDir, workers: 0 });
    const before = await rowsOf();
    // Unpacked and re-zipped under a folder: every file has new bytes around it, the same activities.
    const copy = path.join(fx.workDir, "copy.zip");
    const r1 = syntheticRun(1, 1800);
    writeZip(copy, [{ name: "strava/activities/101.fit.gz", data: gz(runFit(r1)), deflate: true }]);
    const again = await importPaths(fx.app, fx.userId, [{ path: copy }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    expect(again).toMatchObject({ imported: 0, duplicates: 1 });
    expect(await rowsOf()).toEqual(before);
  });
});

describe("a Garmin Connect export", () => {
  it("finds the FIT files in UploadedFiles zips nested wherever they sit, unpacking only under the data folder", async () => {
    const inner1 = path.join(fx.workDir, "inner1.zip");
    const inner2 = path.join(fx.workDir, "inner2.zip");
    writeZip(inner1, [
      {
        name: "fitparse__activity-small-fenix2-run.fit",
        data: corpus("fit/fitparse__activity-small-fenix2-run.fit"),
        deflate: true,
      },
      { name: "run-2021.fit", data: runFit(syntheticRun(10)), deflate: true },
    ]);
    writeZip(inner2, [
      {
        name: "2013-02-06.fit",
        data: corpus("fit/fitparse__2013-02-06-12-11-14.fit"),
        deflate: true,
      },
    ]);
    const outer = path.join(fx.workDir, "garmin-export.zip");
    writeZip(outer, [
      {
        name: "DI_CONNECT/DI-Connect-Fitness/runner_0_summarizedActivities.json",
        data: new TextEncoder().encode("[]"),
      },
      {
        name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip",
        data: fs.readFileSync(inner1),
      },
      {
        name: "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip",
        data: fs.readFileSync(inner2),
        deflate: true,
      },
    ]);
    const progress: number[] = [];
    const s = await importPaths(fx.app, fx.userId, [{ path: outer }], {
      dataDir: fx.dataDir,
      workers: 0,
      onProgress: (p) => progress.push(p.filesTotal),
    });
    expect(s).toMatchObject({ files: 3, imported: 3, failed: [] });
    // The total grows as nested archives are opened.
    expect(progress.at(-1)).toBe(3);
    const rows = await rowsOf();
    expect(rows.map((r) => r.source)).toEqual(["fit", "fit", "fit"]);
    expect(rows.every((r) => r.source_file?.includes("UploadedFiles_0-_Part"))).toBe(true);
    // The inner zips were unpacked to the data folder's tmp and removed afterwards.
    expect(fs.readdirSync(path.join(fx.dataDir, "tmp"))).toEqual([]);
  });
});

describe("twins from two sources", () => {
  it("stores a FIT file and its GPX twin once, keeping the FIT's richer record and the GPX's name", async () => {
    const r = syntheticRun(20, 2400);
    const dir = path.join(fx.workDir, "twins");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "a-run.gpx"), runGpx(r, "Sunday long run"));
    fs.writeFileSync(path.join(dir, "b-run.fit"), runFit(r));
    const s = await importPaths(fx.app, fx.userId, [{ path: dir }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    expect(s).toMatchObject({ imported: 1, duplicates: 1, activities: 1 });
    const [row] = await rowsOf();
    expect(row).toMatchObject({ source: "fit", name: "Sunday long run", utc_offset_min: 60 });
  });

  it("keeps the stored record when a poorer twin arrives in a later import", async () => {
    const r = syntheticRun(21, 2400);
    const fit = path.join(fx.workDir, "run.fit");
    const gpx = path.join(fx.workDir, "run.gpx");
    fs.writeFileSync(fit, runFit(r));
    fs.writeFileSync(gpx, runGpx(r, "Named later"));
    await importPaths(fx.app, fx.userId, [{ path: fit }], { dataDir: fx.dataDir, workers: 0 });
    const s = await importPaths(fx.app, fx.userId, [{ path: gpx }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    expect(s).toMatchObject({ imported: 0, duplicates: 1, activities: 1 });
    const [row] = await rowsOf();
    expect(row).toMatchObject({ source: "fit", name: "Named later", source_file: fit });
  });

  it("keeps two runs on the same morning apart when their distances differ", async () => {
    const a = syntheticRun(30, 1800);
    const b = { ...syntheticRun(31, 900), startMs: a.startMs + 60_000 };
    fs.writeFileSync(path.join(fx.workDir, "a.fit"), runFit(a));
    fs.writeFileSync(path.join(fx.workDir, "b.fit"), runFit(b));
    const s = await importPaths(fx.app, fx.userId, [{ path: fx.workDir }], {
      dataDir: fx.dataDir,
      workers: 0,
    });
    expect(s).toMatchObject({ imported: 2, duplicates: 0 });
  });
});

describe("archives that multiply their bytes", () => {
  it("refuses a zip whose twenty entries share one compressed payload, reading none of them", async () => {
    // Issue 19: twenty 200 MiB entries over one 2 MB payload cost 2.5 GB. Here 2 MiB each.
    const file = path.join(fx.workDir, "overlap.zip");
    writeOverlapZip(file, { entries: 20, payload: repeatedGpx(2 * 1024 * 1024) });
    const s = await importPaths(fx.app, fx.userId, [{ path: file }], { dataDir: fx.dataDir, workers: 0 });
    expect(s).toMatchObject({ files: 1, imported: 0, duplicates: 0, activities: 0 });
    expect(s.failed).toEqual([
      {
        file,
        code: "ZIP_OVERLAP",
        message: expect.stringContaining(`${file} is refused: its entries "activities/0.gpx" and "activities/1.gpx" share the same bytes`) as string,
      },
    ]);
  });

  it("refuses such a zip nested in an export by its path in the export, and imports the rest", async () => {
    const inner = path.join(fx.workDir, "inner.zip");
    writeOverlapZip(inner, { entries: 8, payload: repeatedGpx(512 * 1024), layout: "quoted" });
    const outer = path.join(fx.workDir, "export.zip");
    writeZip(outer, [
      { name: "activities/run.fit", data: runFit(syntheticRun(70)) },
      { name: "uploads/part1.zip", data: fs.readFileSync(inner) },
    ]);
    const s = await importPaths(fx.app, fx.userId, [{ path: outer }], { dataDir: fx.dataDir, workers: 0 });
    expect(s.imported).toBe(1);
    expect(s.failed.map((f) => [f.file, f.code])).toEqual([[`${outer}/uploads/part1.zip`, "ZIP_OVERLAP"]]);
  });

  it("refuses an archive of many small entries that together unpack to over 100 times its size", async () => {
    // Each 1 MiB entry is at the per-entry ratio floor, so no single one is checked; 80 of them
    // declare 80 MiB from about 80 kB.
    const zeros = new Uint8Array(1024 * 1024);
    const file = path.join(fx.workDir, "many.zip");
    writeZip(file, Array.from({ length: 80 }, (_, i) => ({ name: `activities/${i}.fit`, data: zeros, deflate: true })));
    expect(fs.statSync(file).size * 100).toBeLessThan(80 * zeros.length);
    const s = await importPaths(fx.app, fx.userId, [{ path: file }], { dataDir: fx.dataDir, workers: 0 });
    expect(s).toMatchObject({ files: 1, skipped: 0, imported: 0 });
    expect(s.failed).toEqual([{ file, code: "ZIP_BOMB", message: expect.stringMatching(/^.*many\.zip would unpack \d+ KiB into 80 MiB \(more than 100 times\): refused as a likely zip bomb/) as string }]);
  });

  it("refuses, unread, an entry that declares more than one activity file may hold, even at an ordinary ratio", async () => {
    // 60 MiB of track points deflates about 100 times: under the ratio limit, over the 32 MiB cap.
    const big = repeatedGpx(60 * 1024 * 1024);
    expect(big.length / deflateRawSync(big).length).toBeLessThan(200);
    const file = path.join(fx.workDir, "big-entry.zip");
    writeZip(file, [
      { name: "activities/huge.gpx", data: big, deflate: true },
      { name: "activities/run.fit", data: runFit(syntheticRun(71)) },
    ]);
    const s = await importPaths(fx.app, fx.userId, [{ path: file }], { dataDir: fx.dataDir, workers: 0 });
    expect(s.imported).toBe(1);
    expect(s.failed).toEqual([
      { file: `${file}/activities/huge.gpx`, code: "FILE_TOO_LARGE", message: `${file}/activities/huge.gpx unpacks to 60 MiB, more than the 32 MiB one file may hold.` },
    ]);
  });
});
