/**
 * Every kind of bad input the import issue lists: each is reported by name with a stable code,
 * the rest of the batch still imports, and nothing is written outside the data folder.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeZip } from "../../../bench/import-data/zip-writer.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { importFixture, runFit, runGpx, syntheticRun } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths } from "./run-import.js";
import type { ImportOptions } from "./run-import.js";

const corpus = (p: string) => fs.readFileSync(path.join(CORPUS_DIR, p));

let fx: ImportFixture;
beforeEach(async () => {
  fx = await importFixture();
});
afterEach(() => fx.close());

async function importOne(name: string, bytes: Uint8Array | string, opts: Partial<ImportOptions> = {}) {
  const file = path.join(fx.workDir, name);
  fs.writeFileSync(file, bytes);
  // A good file goes with every bad one: the batch must go on.
  const good = path.join(fx.workDir, "good.fit");
  fs.writeFileSync(good, runFit(syntheticRun(0)));
  const summary = await importPaths(fx.app, fx.userId, [{ path: file }, { path: good }], { dataDir: fx.dataDir, workers: 0, ...opts });
  // (Imported the first time, recognised when a test imports twice.)
  expect(summary.imported + summary.duplicates, "the good file still imports").toBeGreaterThanOrEqual(1);
  return summary;
}

const codes = (s: { failed: { code: string }[] }) => s.failed.map((f) => f.code);

describe("broken activity files", () => {
  it("reports a FIT file cut short before its first record as FIT_TRUNCATED", async () => {
    const s = await importOne("cut.fit", corpus("fit/fitparse__garmin-fenix-5-run.fit").subarray(0, 100));
    expect(s.failed).toEqual([{ file: path.join(fx.workDir, "cut.fit"), code: "FIT_TRUNCATED", message: expect.stringContaining("cut.fit") as string }]);
  });

  it("keeps what a FIT file cut in the middle recorded before the cut", async () => {
    const whole = corpus("fit/fitparse__activity-small-fenix2-run.fit");
    const s = await importOne("half.fit", whole.subarray(0, whole.length >> 1));
    expect(s).toMatchObject({ imported: 2, failed: [] });
  });

  it("reports a FIT file whose data no longer matches its CRC", async () => {
    const bytes = Buffer.from(corpus("fit/fitparse__garmin-fenix-5-run.fit"));
    for (let i = 200; i < 260; i++) bytes[i]! ^= 0x5a;
    const s = await importOne("flipped.fit", bytes);
    expect(codes(s)).toHaveLength(1);
    expect(codes(s)[0]).toMatch(/^FIT_(CORRUPT|BAD_CRC)$/);
  });

  it("keeps a FIT file whose only fault is a wrong CRC value, since every message decodes", async () => {
    const bytes = Buffer.from(corpus("fit/fitparse__garmin-fenix-5-run.fit"));
    bytes[bytes.length - 1]! ^= 0xff;
    const s = await importOne("crc.fit", bytes);
    expect(s).toMatchObject({ imported: 2, failed: [] });
  });

  it("reports a text file named .fit as not a FIT file", async () => {
    const s = await importOne("notes.fit", "Ran 10k by the canal, knee felt fine.\n");
    expect(codes(s)).toEqual(["FIT_NOT_FIT"]);
  });

  it("reports an empty file as EMPTY_FILE, whatever its name", async () => {
    expect(codes(await importOne("empty.fit", ""))).toEqual(["EMPTY_FILE"]);
    expect(codes(await importOne("empty.gpx.gz", gzipSync(Buffer.alloc(0))))).toEqual(["EMPTY_FILE"]);
  });

  it("reports a GPX file with no track points", async () => {
    const s = await importOne("nothing.gpx", '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg></trkseg></trk></gpx>');
    expect(codes(s)).toEqual(["GPX_NO_POINTS"]);
  });

  it("reports a GPX file whose coordinates are all NaN, and keeps the good points of one with a few", async () => {
    const pts = (lat: string, i: number) => `<trkpt lat="${lat}" lon="${lat === "NaN" ? "NaN" : "7.0"}"><time>2021-04-01T07:00:${String(i * 5).padStart(2, "0")}Z</time></trkpt>`;
    const bad = `<gpx version="1.1"><trk><trkseg>${["NaN", "NaN", "NaN"].map(pts).join("")}</trkseg></trk></gpx>`;
    expect(codes(await importOne("nan.gpx", bad))).toEqual(["GPX_NO_POINTS"]);
    const some = `<gpx version="1.1"><trk><trkseg>${["46.0", "NaN", "46.001", "46.002"].map(pts).join("")}</trkseg></trk></gpx>`;
    const s = await importOne("some-nan.gpx", some);
    expect(s).toMatchObject({ imported: 1, failed: [] });
    const gpx = await fx.app.database.db.selectFrom("activities").select("stream_json").where("source", "=", "gpx").execute();
    expect(gpx).toHaveLength(1);
  });

  it("never expands an XML entity bomb", async () => {
    const lol = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE gpx [${lol.join("")}]><gpx version="1.1"><trk><name>&lol9;</name><trkseg>` +
      `<trkpt lat="46.0" lon="7.0"><time>2021-04-01T07:00:00Z</time></trkpt><trkpt lat="46.01" lon="7.0"><time>2021-04-01T07:05:00Z</time></trkpt>` +
      "</trkseg></trk></gpx>";
    const s = await importOne("bomb.gpx", bomb);
    expect(s.failed).toEqual([]);
    const rows = await fx.app.database.db.selectFrom("activities").select("name").where("source", "=", "gpx").execute();
    expect(rows).toHaveLength(1);
    expect((rows[0]!.name ?? "").length).toBeLessThan(100);
  });
});

describe("hostile archives", () => {
  it("refuses a zip entry that unpacks to far more than its size as a zip bomb, reading nothing of it", async () => {
    const zip = path.join(fx.workDir, "bomb.zip");
    writeZip(zip, [
      { name: "activities/huge.fit", data: Buffer.alloc(64 * 1024 * 1024), deflate: true },
      { name: "activities/ok.fit", data: runFit(syntheticRun(5)) },
    ]);
    const s = await importPaths(fx.app, fx.userId, [{ path: zip }], { dataDir: fx.dataDir, workers: 0 });
    expect(codes(s)).toEqual(["ZIP_BOMB"]);
    expect(s.failed[0]!.file).toBe(`${zip}/activities/huge.fit`);
    expect(s.imported).toBe(1);
  });

  it("stops a gzip bomb inside an archive at the ratio limit", async () => {
    const s = await importOne("bomb.fit.gz", gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    expect(codes(s)).toEqual(["GZIP_BOMB"]);
  });

  it("stops reading an archive past the total size limit", async () => {
    const zip = path.join(fx.workDir, "big.zip");
    writeZip(zip, [1, 2, 3].map((i) => ({ name: `run${i}.fit`, data: runFit(syntheticRun(i)) })));
    const one = runFit(syntheticRun(1)).length;
    const s = await importPaths(fx.app, fx.userId, [{ path: zip }], { dataDir: fx.dataDir, workers: 0, limits: { maxTotalBytes: one * 2 + 10 } });
    expect(codes(s)).toEqual(["ARCHIVE_TOO_LARGE"]);
    expect(s.imported).toBe(2);
  });

  it("reads no entry whose name leaves the archive and writes nothing outside the data folder", async () => {
    const inner = path.join(fx.workDir, "inner.zip");
    writeZip(inner, [{ name: "../../escaped-inner.fit", data: runFit(syntheticRun(7)) }]);
    const zip = path.join(fx.workDir, "evil.zip");
    writeZip(zip, [
      { name: "../../../escaped.fit", data: runFit(syntheticRun(6)) },
      { name: "/etc/escaped-absolute.fit", data: runFit(syntheticRun(8)) },
      { name: "../nested-escape.zip", data: fs.readFileSync(inner) },
      { name: "folder/inner.zip", data: fs.readFileSync(inner) },
      { name: "folder/fine.fit", data: runFit(syntheticRun(9)) },
    ]);
    const before = listTree(path.dirname(fx.dataDir));
    const s = await importPaths(fx.app, fx.userId, [{ path: zip }], { dataDir: fx.dataDir, workers: 0 });
    expect(codes(s).sort()).toEqual(["UNSAFE_ENTRY_NAME", "UNSAFE_ENTRY_NAME", "UNSAFE_ENTRY_NAME", "UNSAFE_ENTRY_NAME"]);
    expect(s.imported).toBe(1);
    // Nothing new anywhere around the data folder but its own (now empty) tmp.
    const after = listTree(path.dirname(fx.dataDir)).filter((p) => !p.startsWith(fx.dataDir));
    expect(after).toEqual(before.filter((p) => !p.startsWith(fx.dataDir)));
    expect(fs.readdirSync(path.join(fx.dataDir, "tmp"))).toEqual([]);
  });

  it("reports random bytes named as a zip, a gzip or a FIT file clearly, and skips them under another name", async () => {
    const noise = randomBytes(2 * 1024 * 1024);
    expect(codes(await importOne("history.zip", noise))).toEqual(["ZIP_INVALID"]);
    expect(codes(await importOne("run.fit.gz", noise))).toEqual(["GZIP_INVALID"]);
    expect(codes(await importOne("run.fit", noise))).toEqual(["FIT_NOT_FIT"]);
    const s = await importOne("blob.bin", noise);
    expect(s).toMatchObject({ failed: [], skipped: 1 });
  });

  it("refuses a file larger than the one-file limit without reading it", async () => {
    const s = await importOne("huge.gpx", Buffer.alloc(3 * 1024 * 1024, 0x20), { limits: { maxFileBytes: 1024 * 1024 } });
    expect(codes(s)).toEqual(["FILE_TOO_LARGE"]);
  });

  it("reports a missing path by name", async () => {
    const missing = path.join(fx.workDir, "nope.fit");
    const s = await importPaths(fx.app, fx.userId, [{ path: missing }], { dataDir: fx.dataDir, workers: 0 });
    expect(s.failed).toEqual([{ file: missing, code: "FILE_NOT_FOUND", message: expect.any(String) as string }]);
  });
});

describe("a GPX twin with a tampered track", () => {
  it("is told apart from the FIT run when its distance differs by more than 5%", async () => {
    const r = syntheticRun(40, 1800);
    const gpx = Buffer.from(runGpx(r)).toString("utf8").replace(/<trkpt lat="([\d.]+)"/g, (_m, lat: string) => `<trkpt lat="${(Number(lat) * 1.0003).toFixed(7)}"`);
    fs.writeFileSync(path.join(fx.workDir, "a.fit"), runFit(r));
    fs.writeFileSync(path.join(fx.workDir, "b.gpx"), gpx);
    const s = await importPaths(fx.app, fx.userId, [{ path: fx.workDir }], { dataDir: fx.dataDir, workers: 0 });
    expect(s.imported + s.duplicates).toBe(2);
  });
});

function listTree(dir: string): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (!p.includes("kw-import-")) continue;
    out.push(p);
    if (d.isDirectory()) {
      try {
        out.push(...listTree(p));
      } catch {
        // Another test's folder may vanish while we look.
      }
    }
  }
  return out.sort();
}
