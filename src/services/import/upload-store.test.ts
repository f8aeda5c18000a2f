import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { uploadParts } from "../../store/index.js";
import { importFixture } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { databaseUploadStore, materialiseDatabaseUpload, UPLOAD_PART_BYTES } from "./upload-store.js";

for (const dialect of DIALECTS) {
  describe(`an upload kept in the database on ${dialect}`, () => {
    let fx: ImportFixture;
    beforeEach(async () => {
      fx = await importFixture(dialect);
    });
    afterEach(() => fx.close());

    it("is stored in 8 MiB chunks as it arrives and written back byte for byte, file by file", async () => {
      const db = fx.app.database.db;
      const store = databaseUploadStore(db, "job-1", fx.app.now);
      const big = randomBytes(2 * UPLOAD_PART_BYTES + 12_345);
      const small = Buffer.from("<gpx></gpx>");
      const first = await store.open(1, "export.zip");
      // Socket-sized pieces of uneven length, across chunk edges.
      for (let at = 0; at < big.length; at += 65_521) await first.write(big.subarray(at, at + 65_521));
      await first.end();
      const second = await store.open(3, "walk.gpx");
      await second.write(small);
      await second.end();

      expect(await uploadParts.listUploadFiles(db, "job-1")).toEqual([
        { fileNo: 1, fileName: "export.zip", parts: 3 },
        { fileNo: 3, fileName: "walk.gpx", parts: 1 },
      ]);
      const dir = path.join(fx.workDir, "back");
      const inputs = await materialiseDatabaseUpload(db, "job-1", dir);
      expect(inputs.map((i) => i.displayName)).toEqual(["export.zip", "walk.gpx"]);
      expect(fs.readFileSync(inputs[0]!.path).equals(big)).toBe(true);
      expect(fs.readFileSync(inputs[1]!.path).equals(small)).toBe(true);

      await uploadParts.deleteUploadParts(db, "job-1");
      expect(await uploadParts.listUploadFiles(db, "job-1")).toEqual([]);
    });

    it("sweeps chunks of uploads no job is waiting for, once old enough", async () => {
      const db = fx.app.database.db;
      await uploadParts.insertUploadPart(db, { job_id: "cut-off", file_no: 1, part_no: 1, file_name: "a.fit", bytes: Buffer.from("x"), created_at: "2026-01-01T00:00:00.000Z" });
      await uploadParts.insertUploadPart(db, { job_id: "recent", file_no: 1, part_no: 1, file_name: "b.fit", bytes: Buffer.from("y"), created_at: "2026-01-03T00:00:00.000Z" });
      expect(await uploadParts.deleteOrphanUploadParts(db, "2026-01-02T00:00:00.000Z")).toBe(1);
      expect(await uploadParts.listUploadFiles(db, "recent")).toHaveLength(1);
    });
  });
}
