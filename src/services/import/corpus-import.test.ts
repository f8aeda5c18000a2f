/**
 * The whole shared corpus through the real pipeline (worker threads, batches, dedupe), read from
 * ../shared/corpus and never copied: every activity a file yields is stored as its parser reads
 * it, every broken file is named with a stable code, and nothing is stored twice.
 */
import fs from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { implausibility } from "../../importers/common/plausibility.js";
import type { ActivityRow } from "../../store/index.js";
import { areTwins } from "./dedupe.js";
import type { TwinKey } from "./dedupe.js";
import { fileTypeFromName } from "./file-kind.js";
import { importFixture } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { PARSERS, readStravaCsv } from "./parsers.js";
import { importPaths } from "./run-import.js";
import type { ImportSummary } from "./run-import.js";

const NOT_ACTIVITY = new Set(["NOT_AN_ACTIVITY", "GPX_ROUTE_ONLY"]);

/** The corpus activities refused as implausible, and why: test files dated 1901 (gpxpy, gpxgo). */
const REFUSED: string[] = [
  "gpxgo__gpx-without-root-attributes.gpx IMPLAUSIBLE_DATE",
  "gpxgo__gpx-without-xml-declaration.gpx IMPLAUSIBLE_DATE",
  "gpxpy__Mojstrovka.gpx IMPLAUSIBLE_DATE",
];

function corpusFiles(): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) visit(p);
      else out.push(p);
    }
  };
  visit(CORPUS_DIR);
  return out.sort();
}

const activityFiles = corpusFiles().filter((f) => {
  const k = fileTypeFromName(f).kind;
  return k === "fit" || k === "gpx" || k === "tcx";
});

/** What the parser alone makes of a corpus file. */
function parseDirect(file: string) {
  const type = fileTypeFromName(file);
  let bytes = new Uint8Array(fs.readFileSync(file));
  if (type.gz) bytes = new Uint8Array(gunzipSync(bytes));
  return PARSERS[type.kind as "fit" | "gpx" | "tcx"](bytes, { fileName: path.basename(file) });
}

/** Activities no one could have recorded (dated 1901 by a test file, say) are left out. */
const plausible = (a: Parameters<typeof implausibility>[0]) => implausibility(a, Date.now()) === null;

const key = (r: Pick<ActivityRow, "start_utc" | "elapsed_s" | "moving_s" | "distance_m">): TwinKey => ({
  startMs: Date.parse(r.start_utc),
  elapsedS: r.elapsed_s,
  movingS: r.moving_s,
  distanceM: r.distance_m,
});

describe("importing every file of the shared corpus", () => {
  let fx: ImportFixture;
  let summary: ImportSummary;
  let rows: ActivityRow[];

  beforeAll(async () => {
    fx = await importFixture();
    summary = await importPaths(fx.app, fx.userId, [{ path: CORPUS_DIR }], { dataDir: fx.dataDir, workers: 2, batchFiles: 10 });
    rows = await fx.app.database.db.selectFrom("activities").selectAll().where("user_id", "=", fx.userId).execute();
  }, 180_000);
  afterAll(() => fx.close());

  it("stores each activity of each readable file exactly as its parser reads it", () => {
    let checked = 0;
    const refused: string[] = [];
    for (const file of activityFiles) {
      const parsed = parseDirect(file);
      const own = rows.filter((r) => r.source_file === file);
      for (const a of parsed.activities) {
        const k: TwinKey = { startMs: Date.parse(a.startUtc), elapsedS: a.elapsedS, movingS: a.movingS, distanceM: a.distanceM };
        if (!plausible(a)) {
          expect(own.some((r) => Date.parse(r.start_utc) === k.startMs), `${path.basename(file)} ${a.startUtc}`).toBe(false);
          refused.push(`${path.basename(file)} ${implausibility(a, Date.now())!.code}`);
          continue;
        }
        // Either this file's own row, or the twin it was merged into, holds the activity.
        expect(rows.some((r) => areTwins(key(r), k)), `${path.basename(file)} ${a.startUtc}`).toBe(true);
        const mine = own.find((r) => Date.parse(r.start_utc) === k.startMs);
        if (mine !== undefined) {
          expect(mine.distance_m).toBe(Math.round(a.distanceM));
          expect(mine.elapsed_s).toBe(Math.round(a.elapsedS));
          expect(mine.moving_s).toBe(Math.round(a.movingS));
          expect(mine.sport).toBe(a.sport);
          expect((JSON.parse(mine.stream_json) as { t: number[] }).t).toHaveLength(a.stream.length);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(refused).toEqual(REFUSED);
  });

  it("matches the totals the corpus sources publish, within 1%", () => {
    const by = (name: string) => rows.find((r) => r.source_file?.endsWith(name));
    // python-tcxparser: distance 4686.31103516 m, duration 1992.78 s.
    const tcx = by("tcxparser__test.tcx") ?? by("tcxparser__no_hr.tcx");
    expect(Math.abs(tcx!.distance_m - 4686.31) / 4686.31).toBeLessThan(0.01);
    expect(Math.abs(tcx!.elapsed_s - 1992.78) / 1992.78).toBeLessThan(0.01);
    // MANIFEST: Garmin Edge 500 ride of 92.6 km.
    expect(Math.abs(by("fitparse__garmin-edge-500-activity.fit")!.distance_m - 92_600) / 92_600).toBeLessThan(0.01);
    // python-fitparse test_speed: session avg_speed 5.86 m/s on the Wahoo ELEMNT ride.
    const elemnt = by("fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit")!;
    expect(Math.abs(elemnt.distance_m / elemnt.moving_s - 5.86) / 5.86).toBeLessThan(0.01);
  });

  it("names every file that yields nothing with its parser's code, and skips the ones that are not activities", () => {
    const failedCodes = new Map(summary.failed.map((f) => [f.file, f.code]));
    let broken = 0;
    for (const file of activityFiles) {
      const parsed = parseDirect(file);
      if (parsed.activities.some(plausible)) {
        expect(failedCodes.has(file), path.basename(file)).toBe(false);
        continue;
      }
      if (parsed.activities.length > 0) {
        expect(failedCodes.get(file), path.basename(file)).toMatch(/^IMPLAUSIBLE_/);
        continue;
      }
      const code = parsed.issues.find((i) => i.severity === "error")?.code;
      if (code !== undefined && NOT_ACTIVITY.has(code)) {
        expect(failedCodes.has(file), path.basename(file)).toBe(false);
      } else {
        expect(failedCodes.get(file), path.basename(file)).toBe(code);
        broken++;
      }
    }
    expect(broken).toBeGreaterThan(0);
    for (const f of summary.failed) expect(f.message.length).toBeGreaterThan(10);
    // The zip holding only a text file yields nothing and is said to.
    expect(summary.failed.map((f) => f.file).some((f) => f.includes("sometextfile"))).toBe(false);
    expect(summary.skipped).toBeGreaterThanOrEqual(4);
  });

  it("turns both Strava exports' rows into activities without storing a row twice", () => {
    const csvDir = path.join(CORPUS_DIR, "csv");
    const ids = new Set<string>();
    let withDate = 0;
    for (const f of fs.readdirSync(csvDir)) {
      const { rows: csvRows } = readStravaCsv(fs.readFileSync(path.join(csvDir, f), "utf8"));
      for (const r of csvRows) {
        ids.add(r.id);
        if (r.date !== null) withDate++;
      }
    }
    const fromCsv = rows.filter((r) => r.source === "strava_csv");
    expect(withDate).toBeGreaterThan(fromCsv.length);
    expect(fromCsv.length).toBeLessThanOrEqual(ids.size);
    // The 2025 export repeats the 2023 one: at least its 1,122 shared rows were recognised.
    expect(summary.duplicates).toBeGreaterThanOrEqual(1000);
    expect(summary.activities).toBe(rows.length);
    expect(summary.imported).toBe(rows.length);
  });

  it("recognises every file on a second import and adds nothing", async () => {
    const again = await importPaths(fx.app, fx.userId, [{ path: CORPUS_DIR }], { dataDir: fx.dataDir, workers: 0 });
    expect(again.imported).toBe(0);
    expect(again.activities).toBe(rows.length);
    expect(again.files).toBe(summary.files);
    expect(again.failed.map((f) => f.code).sort()).toEqual(summary.failed.map((f) => f.code).sort());
  }, 120_000);
});

describe("importing the corpus gzipped on the fly", () => {
  let plain: ImportFixture;
  let zipped: ImportFixture;
  afterAll(async () => {
    await plain.close();
    await zipped.close();
  });

  it("reads every .gz the same as the file it holds", async () => {
    plain = await importFixture();
    zipped = await importFixture();
    const gzDir = path.join(zipped.workDir, "gz");
    fs.mkdirSync(gzDir);
    const plainFiles: string[] = [];
    for (const file of activityFiles) {
      const name = path.basename(file);
      if (name.endsWith(".gz")) {
        fs.copyFileSync(file, path.join(gzDir, name));
      } else {
        fs.writeFileSync(path.join(gzDir, `${name}.gz`), gzipSync(fs.readFileSync(file)));
      }
      plainFiles.push(file);
    }
    const a = await importPaths(plain.app, plain.userId, plainFiles.map((p) => ({ path: p })), { dataDir: plain.dataDir, workers: 0 });
    const b = await importPaths(zipped.app, zipped.userId, [{ path: gzDir }], { dataDir: zipped.dataDir, workers: 0 });
    expect(b.imported).toBe(a.imported);
    expect(b.failed.map((f) => f.code).sort()).toEqual(a.failed.map((f) => f.code).sort());
    const shape = async (fx: ImportFixture) =>
      (await fx.app.database.db.selectFrom("activities").select(["start_utc", "distance_m", "elapsed_s", "sport"]).where("user_id", "=", fx.userId).orderBy("start_utc").orderBy("distance_m").execute());
    expect(await shape(zipped)).toEqual(await shape(plain));
  }, 180_000);
});
