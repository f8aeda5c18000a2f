import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { importJobs, uploadParts } from "../../store/index.js";
import { createInProcessQueue } from "../jobs/index.js";
import { runFit, syntheticRun } from "./import.test-helpers.js";
import { importFixture } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { createImportJobRunner } from "./job-runner.js";
import { receiveUpload } from "./receive-upload.js";
import type { UploadStore } from "./upload-store.js";
import {
  ABANDONED_UPLOAD_AFTER_MS,
  databaseUploadStore,
  materialiseDatabaseUpload,
  sweepAbandonedUploads,
  UPLOAD_PART_BYTES,
  uploadDir,
} from "./upload-store.js";

const NOW = new Date("2026-01-10T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

/** A database store that also counts the files it was asked to open. */
function countingStore(inner: UploadStore): UploadStore & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    open(no, name) {
      opened.push(name);
      return inner.open(no, name);
    },
  };
}

/** A body as the upload route hands it over: the request stream, headers and all. */
function requestBody(chunks: Buffer[], headers: Record<string, string> = {}): Readable {
  return Object.assign(Readable.from(chunks), { headers });
}

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

  describe(`what an upload stores before it is known to be importable, on ${dialect}`, () => {
    let fx: ImportFixture;
    beforeEach(async () => {
      fx = await importFixture(dialect);
    });
    afterEach(() => fx.close());
    const partsOf = (job: string) => fx.app.database.db.selectFrom("upload_parts").select("part_no").where("job_id", "=", job).execute();

    it("refuses an upload whose declared length passes the limit before storing a byte", async () => {
      const store = countingStore(databaseUploadStore(fx.app.database.db, "too-big", fx.app.now));
      const body = requestBody([Buffer.from(runFit(syntheticRun(1)))], { "content-length": String(64 * 1024 * 1024) });
      await expect(receiveUpload(body, { contentType: "application/octet-stream", fileName: "export.zip", store, limitBytes: 32 * 1024 * 1024 })).rejects.toMatchObject({
        code: "PAYLOAD_TOO_LARGE",
      });
      expect(store.opened).toEqual([]);
      expect(await partsOf("too-big")).toEqual([]);
    });

    it("refuses a file no import can read from its name and first bytes, before any chunk of it is stored", async () => {
      // 20 MiB of photo: more than two chunks, which were written as they arrived.
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(20 * 1024 * 1024)]);
      const chunks = Array.from({ length: Math.ceil(jpeg.length / 65_536) }, (_, i) => jpeg.subarray(i * 65_536, (i + 1) * 65_536));
      const store = countingStore(databaseUploadStore(fx.app.database.db, "photo", fx.app.now));
      await expect(receiveUpload(requestBody(chunks), { contentType: "application/octet-stream", fileName: "holiday.jpg", store, limitBytes: 1024 ** 3 })).rejects.toMatchObject({
        code: "UPLOAD_NOT_IMPORTABLE",
        message: expect.stringMatching(/^holiday\.jpg is not a file kneewise can import/) as string,
      });
      expect(store.opened).toEqual([]);
      expect(await partsOf("photo")).toEqual([]);
    });

    it("takes activity files by name, and unnamed ones by their first bytes", async () => {
      const fit = Buffer.from(runFit(syntheticRun(2)));
      for (const [job, name, bytes] of [
        ["named", "run.fit", Buffer.from("not a FIT file at all")],
        ["unnamed", undefined, fit],
        ["strava", "12345.bin.gz", Buffer.from([0x1f, 0x8b, 8, 0])],
      ] as const) {
        const store = databaseUploadStore(fx.app.database.db, job, fx.app.now);
        const files = await receiveUpload(requestBody([bytes], { "content-length": String(bytes.length) }), { contentType: "application/octet-stream", fileName: name, store, limitBytes: 1024 ** 2 });
        expect(files).toEqual([{ no: 1, name: name ?? "upload", bytes: bytes.length }]);
        expect(await partsOf(job)).toHaveLength(1);
      }
    });
  });

  describe(`abandoned uploads on ${dialect}`, () => {
    let fx: ImportFixture;
    beforeEach(async () => {
      fx = await importFixture(dialect);
    });
    afterEach(() => fx.close());

    const part = (job: string, partNo: number, at: string) =>
      uploadParts.insertUploadPart(fx.app.database.db, { job_id: job, file_no: 1, part_no: partNo, file_name: "export.zip", bytes: Buffer.from("x"), created_at: at });
    const jobsWithParts = async () =>
      (await fx.app.database.db.selectFrom("upload_parts").select("job_id").distinct().orderBy("job_id").execute()).map((r) => r.job_id);
    const folder = (job: string, msAgo: number): string => {
      const dir = uploadDir(fx.dataDir, job);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "part-1"), "x");
      const t = new Date(NOW.getTime() - msAgo);
      fs.utimesSync(path.join(dir, "part-1"), t, t);
      fs.utimesSync(dir, t, t);
      return dir;
    };
    const running = (id: string) =>
      importJobs.insertImportJob(fx.app.database.db, {
        id,
        user_id: fx.userId,
        status: "running",
        files_total: 1,
        files_done: 0,
        summary_json: null,
        error: null,
        created_at: ago(3_600_000),
        updated_at: ago(3_600_000),
        claimed_by: "elsewhere:1",
        heartbeat_at: ago(60_000),
      });

    it("sweeps the chunks of an upload silent for half an hour, never those of one still arriving or of a job waiting or running", async () => {
      await part("crashed", 1, ago(2 * 3_600_000));
      await part("crashed", 2, ago(ABANDONED_UPLOAD_AFTER_MS + 60_000));
      // Started long ago, still arriving: its newest chunk is a minute old.
      await part("slow", 1, ago(2 * 3_600_000));
      await part("slow", 2, ago(60_000));
      await running("running-job");
      await part("running-job", 1, ago(2 * 3_600_000));
      const swept = await sweepAbandonedUploads(fx.app.database.db, fx.dataDir, NOW, { live: () => false, trustJobRows: true });
      expect(swept.parts).toBe(2);
      expect(await jobsWithParts()).toEqual(["running-job", "slow"]);
    });

    it("sweeps quiet upload folders whose job is not live, keeping fresh ones and those of live jobs", async () => {
      const crashed = folder("crashed", 2 * 3_600_000);
      const fresh = folder("fresh", 60_000);
      const here = folder("here", 2 * 3_600_000);
      const elsewhere = folder("elsewhere", 2 * 3_600_000);
      await running("elsewhere");
      const other = path.join(fx.dataDir, "tmp", "import-somewhere");
      fs.mkdirSync(other);
      // PostgreSQL: a job row running means another instance may be reading its folder.
      expect(await sweepAbandonedUploads(fx.app.database.db, fx.dataDir, NOW, { live: (id) => id === "here", trustJobRows: true })).toEqual({ parts: 0, folders: 1 });
      expect([crashed, fresh, here, elsewhere, other].map((d) => fs.existsSync(d))).toEqual([false, true, true, true, true]);
      // SQLite: one process owns the data folder; a row left running by a crash is not a live job.
      expect(await sweepAbandonedUploads(fx.app.database.db, fx.dataDir, NOW, { live: (id) => id === "here", trustJobRows: false })).toEqual({ parts: 0, folders: 1 });
      expect([fresh, here, elsewhere].map((d) => fs.existsSync(d))).toEqual([true, true, false]);
    });

    it("is swept by the import runner when it starts", async () => {
      const realAgo = (ms: number) => new Date(Date.now() - ms).toISOString();
      await part("crashed", 1, realAgo(2 * 3_600_000));
      const dir = uploadDir(fx.dataDir, "crashed-too");
      fs.mkdirSync(dir, { recursive: true });
      const t = new Date(Date.now() - 2 * 3_600_000);
      fs.utimesSync(dir, t, t);
      const runner = createImportJobRunner(fx.app, createInProcessQueue(), { dataDir: fx.dataDir });
      try {
        await runner.start();
        expect(await jobsWithParts()).toEqual([]);
        expect(fs.existsSync(dir)).toBe(false);
      } finally {
        await runner.close();
      }
    });
  });
}
