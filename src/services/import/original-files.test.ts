/**
 * The runner's original files are kept, gzipped, once per content, beside what the import made of
 * them (issue 7's export hands them back); and an import moves the new runs onto their shoes.
 */
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { writeZip } from "../../../bench/import-data/zip-writer.js";
import { DIALECTS } from "../../../test/db.js";
import { originalFiles } from "../../store/index.js";
import { createShoe, listShoes } from "../shoes.js";
import { gz, importFixture, runFit, runGpx, runTcx, stravaCsv, syntheticRun } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths } from "./run-import.js";

for (const dialect of DIALECTS) {
  describe(`original files (${dialect})`, () => {
    let fx: ImportFixture;
    afterEach(() => fx.close());

    const importOnce = (file: string, workers = 0) => importPaths(fx.app, fx.userId, [{ path: file }], { dataDir: fx.dataDir, workers });
    const db = () => fx.app.database.db;

    /** A zip holding a gzipped FIT (stored), a plain GPX and TCX (deflated), a broken FIT and a settings file. */
    function buildExport(file: string) {
      const fitGz = gz(runFit(syntheticRun(1, 900)));
      const gpx = runGpx(syntheticRun(2, 900));
      const tcx = runTcx(syntheticRun(3, 900));
      const broken = runFit(syntheticRun(4, 900)).slice(0, 10);
      writeZip(file, [
        { name: "activities/1.fit.gz", data: fitGz },
        { name: "activities/2.gpx", data: gpx, deflate: true },
        { name: "activities/3.tcx", data: tcx, deflate: true },
        { name: "activities/4.fit", data: broken, deflate: true },
        { name: "notes.txt.bin", data: new TextEncoder().encode("not an activity at all"), deflate: true },
      ]);
      return { fitGz, gpx, tcx };
    }

    it("keeps each file that gave activities once, by its name inside the export, and nothing of failed or skipped files", async () => {
      fx = await importFixture(dialect);
      const zip = path.join(fx.workDir, "export.zip");
      const { fitGz, gpx, tcx } = buildExport(zip);
      const s = await importOnce(zip, 2);
      expect(s.imported).toBe(3);
      expect(s.failed.map((f) => f.file)).toEqual([`${zip}/activities/4.fit`]);

      const kept = await originalFiles.listOriginalFiles(db(), fx.userId);
      expect(kept.map((k) => k.file_name).sort()).toEqual(["activities/1.fit.gz", "activities/2.gpx", "activities/3.tcx"]);
      const byName = new Map(kept.map((k) => [k.file_name, k]));
      expect(byName.get("activities/1.fit.gz")!.size_bytes).toBe(fitGz.length);
      expect(byName.get("activities/2.gpx")!.size_bytes).toBe(gpx.length);

      // An already gzipped file is kept byte for byte; the others are gzipped and come back whole.
      const fit = await originalFiles.readOriginalFile(db(), fx.userId, byName.get("activities/1.fit.gz")!.id);
      expect(Buffer.compare(fit!.bytes_gz, Buffer.from(fitGz))).toBe(0);
      const g = await originalFiles.readOriginalFile(db(), fx.userId, byName.get("activities/2.gpx")!.id);
      expect(Buffer.compare(gunzipSync(g!.bytes_gz), Buffer.from(gpx))).toBe(0);
      const t = await originalFiles.readOriginalFile(db(), fx.userId, byName.get("activities/3.tcx")!.id);
      expect(Buffer.compare(gunzipSync(t!.bytes_gz), Buffer.from(tcx))).toBe(0);
    }, 60_000);

    it("stores nothing new when the same files are imported again, even from a differently laid out archive", async () => {
      fx = await importFixture(dialect);
      const zip = path.join(fx.workDir, "export.zip");
      buildExport(zip);
      await importOnce(zip);
      const before = await originalFiles.listOriginalFiles(db(), fx.userId);
      await importOnce(zip);
      const copy = path.join(fx.workDir, "copy.zip");
      writeZip(copy, [{ name: "elsewhere/1.fit.gz", data: gz(runFit(syntheticRun(1, 900))), deflate: true }]);
      await importOnce(copy);
      expect(await originalFiles.listOriginalFiles(db(), fx.userId)).toEqual(before);
    }, 60_000);

    it("keeps a Strava activities.csv whose rows were used, and reads nothing of another user's files", async () => {
      fx = await importFixture(dialect);
      const r = syntheticRun(5, 900);
      const csv = stravaCsv([
        { id: "1", dateMs: r.startMs, name: "River loop", type: "Run", elapsedS: 900, distanceM: 2500, filename: "activities/1.fit.gz", gear: "", perceivedExertion: "" },
      ]);
      const zip = path.join(fx.workDir, "strava.zip");
      writeZip(zip, [
        { name: "activities.csv", data: new TextEncoder().encode(csv), deflate: true },
        { name: "activities/1.fit.gz", data: gz(runFit(r)) },
      ]);
      await importOnce(zip);
      const kept = await originalFiles.listOriginalFiles(db(), fx.userId);
      expect(kept.map((k) => k.file_name).sort()).toEqual(["activities.csv", "activities/1.fit.gz"]);
      const csvRow = kept.find((k) => k.file_name === "activities.csv")!;
      const back = await originalFiles.readOriginalFile(db(), fx.userId, csvRow.id);
      expect(gunzipSync(back!.bytes_gz).toString("utf8")).toBe(csv);
      expect(await originalFiles.readOriginalFile(db(), "someone-else", csvRow.id)).toBeUndefined();
    }, 60_000);

    it("leaves nothing behind for a file whose zip entry cannot be inflated", async () => {
      fx = await importFixture(dialect);
      const zip = path.join(fx.workDir, "damaged.zip");
      const tcx = runTcx(syntheticRun(6, 900));
      writeZip(zip, [{ name: "run.tcx", data: tcx, deflate: true }]);
      // Overwrite the middle of the deflate stream: the entry no longer inflates to what it declares.
      const bytes = fs.readFileSync(zip);
      bytes.fill(0xff, 200, 400);
      fs.writeFileSync(zip, bytes);
      const s = await importOnce(zip, 1);
      expect(s.imported).toBe(0);
      expect(s.failed).toEqual([expect.objectContaining({ file: `${zip}/run.tcx`, code: "READ_FAILED" })]);
      expect(await originalFiles.listOriginalFiles(db(), fx.userId)).toEqual([]);
    }, 60_000);
  });

  describe(`an import and the runner's shoes (${dialect})`, () => {
    let fx: ImportFixture;
    afterEach(() => fx.close());

    it("puts imported runs on the pair meant for running, whose mileage then counts them", async () => {
      fx = await importFixture(dialect);
      const shoe = await createShoe(fx.app, fx.userId, { name: "Daily trainer", defaultForSports: ["run"] });
      expect(shoe.distanceM).toBe(0);
      fs.writeFileSync(path.join(fx.workDir, "a.fit"), runFit(syntheticRun(1, 1200)));
      fs.writeFileSync(path.join(fx.workDir, "b.fit"), runFit(syntheticRun(2, 1500)));
      const s = await importPaths(fx.app, fx.userId, [{ path: fx.workDir }], { dataDir: fx.dataDir, workers: 0 });
      expect(s.imported).toBe(2);
      // From a folder, an original is named by its path inside the folder.
      expect((await originalFiles.listOriginalFiles(fx.app.database.db, fx.userId)).map((k) => k.file_name).sort()).toEqual(["a.fit", "b.fit"]);

      const rows = await fx.app.database.db.selectFrom("activities").select(["shoe_id", "distance_m", "sport"]).where("user_id", "=", fx.userId).execute();
      expect(rows.map((r) => [r.sport, r.shoe_id])).toEqual([["run", shoe.id], ["run", shoe.id]]);
      const total = rows.reduce((sum, r) => sum + r.distance_m, 0);
      expect(total).toBeGreaterThan(0);
      const listed = await listShoes(fx.app, fx.userId, "2021-12-31");
      expect(listed.shoes.find((x) => x.id === shoe.id)!.distanceM).toBe(total);
    }, 60_000);
  });
}
