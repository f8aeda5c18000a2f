import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { listImportJobs } from "./import-jobs.js";
import { importFixture } from "./import.test-helpers.js";
import type { ImportFixture } from "./import.test-helpers.js";
import { importPaths, ImportStoppedError } from "./run-import.js";
import type { ImportSummary } from "./run-import.js";
import {
  describeWatchBatch,
  isWatchedFileName,
  recordedImport,
  watchFolders,
} from "./watch-folder.js";
import type { FolderWatch, FolderWatchOptions, WatchBatch } from "./watch-folder.js";
import type { ImportInput } from "./walk-sources.js";

const RUN_FIT = path.join(CORPUS_DIR, "fit", "ffp__running-with-developer-data.fit");
const RUN_GPX = path.join(CORPUS_DIR, "gpx", "togeojson__Friday-Evening-Run.gpx");

/** Waits for a condition by polling, at most ~20 s: a watcher that never gets there fails the test. */
async function waitUntil(what: string, cond: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe("watched folders", () => {
  let f: ImportFixture;
  let dir: string;
  let watches: FolderWatch[];
  beforeEach(async () => {
    f = await importFixture("sqlite");
    // A watch over USB: the files land two folders down.
    dir = path.join(f.workDir, "GARMIN");
    fs.mkdirSync(path.join(dir, "Activity"), { recursive: true });
    watches = [];
  });
  afterEach(async () => {
    for (const w of watches) await w.close();
    await f.close();
  });

  const activityCount = async (): Promise<number> => {
    const row = await f.app.database.db
      .selectFrom("activities")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", f.userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const plainImport = (inputs: readonly ImportInput[]): Promise<ImportSummary> =>
    importPaths(f.app, f.userId, inputs, { dataDir: f.dataDir, workers: 0 });

  function start(batches: WatchBatch[], opts: Partial<FolderWatchOptions> = {}): FolderWatch {
    const w = watchFolders({
      dirs: [dir],
      importBatch: plainImport,
      onBatch: (b) => batches.push(b),
      settleMs: 40,
      rescanMs: 150,
      ...opts,
    });
    watches.push(w);
    return w;
  }

  it("imports a file copied in, and the same file copied again adds nothing", async () => {
    const batches: WatchBatch[] = [];
    const w = start(batches, {
      importBatch: recordedImport(f.app, f.userId, { dataDir: f.dataDir, workers: 0 }),
      rescanMs: 60_000,
    });
    await w.ready;
    expect(batches).toEqual([]);

    fs.copyFileSync(RUN_FIT, path.join(dir, "Activity", "A1B2C3D4.FIT"));
    await waitUntil("the copied file is imported", () => batches.length === 1);
    expect(batches[0]!.files).toEqual([path.join("Activity", "A1B2C3D4.FIT")]);
    expect(batches[0]!.summary).toMatchObject({ imported: 1, failed: [] });
    expect(await activityCount()).toBe(1);

    // Copied over itself (a sync that writes every file again), and under a second name.
    fs.copyFileSync(RUN_FIT, path.join(dir, "Activity", "A1B2C3D4.FIT"));
    fs.copyFileSync(RUN_FIT, path.join(dir, "Activity", "copy of A1B2C3D4.fit"));
    await waitUntil(
      "both copies are looked at",
      () => batches.flatMap((b) => b.files).length === 3,
    );
    expect(batches.slice(1).reduce((n, b) => n + b.summary!.imported, 0)).toBe(0);
    expect(await activityCount()).toBe(1);

    // Each batch is an import job of the runner's, as an upload is.
    const jobs = await listImportJobs(
      f.app,
      { queue: { retriesAbandonedJobs: false } } as Parameters<typeof listImportJobs>[1],
      f.userId,
      10,
    );
    expect(jobs).toHaveLength(batches.length);
    expect(jobs.every((j) => j.status === "done")).toBe(true);
    expect(jobs.reduce((n, j) => n + j.counts.imported, 0)).toBe(1);
    expect(describeWatchBatch(batches[0]!)).toBe(
      `${path.join("Activity", "A1B2C3D4.FIT")}: 1 new, 0 already there`,
    );
  });

  it("finds new files by rescanning where there is no file-system watch", async () => {
    const batches: WatchBatch[] = [];
    const w = start(batches, { useFsWatch: false });
    await w.ready;
    fs.copyFileSync(RUN_GPX, path.join(dir, "Activity", "evening.gpx"));
    await waitUntil("the rescan finds the file", () => batches.length === 1);
    expect(batches[0]!.summary).toMatchObject({ imported: 1, failed: [] });
  });

  it("after a restart, imports what arrived while it was stopped, and nothing twice", async () => {
    fs.copyFileSync(RUN_FIT, path.join(dir, "Activity", "first.fit"));
    const before: WatchBatch[] = [];
    const first = start(before);
    await first.ready;
    expect(before.map((b) => b.summary?.imported)).toEqual([1]);
    await first.close();

    fs.copyFileSync(RUN_GPX, path.join(dir, "Activity", "while-stopped.gpx"));
    const after: WatchBatch[] = [];
    const second = start(after);
    await second.ready;
    expect(after).toHaveLength(1);
    expect(after[0]!.files).toEqual([
      path.join("Activity", "first.fit"),
      path.join("Activity", "while-stopped.gpx"),
    ]);
    expect(after[0]!.summary).toMatchObject({ imported: 1, failed: [] });
    expect(await activityCount()).toBe(2);
  });

  it("waits while a file is still being copied, then reads it whole", async () => {
    const batches: WatchBatch[] = [];
    const w = start(batches, { timers: false });
    await w.ready;
    const bytes = fs.readFileSync(RUN_FIT);
    const target = path.join(dir, "Activity", "growing.fit");
    fs.writeFileSync(target, bytes.subarray(0, bytes.length >> 1));
    await w.scan();
    await w.check();
    expect(w.pendingCount()).toBe(1);
    // The copy goes on: the next check sees it grew, and starts waiting again.
    fs.appendFileSync(target, bytes.subarray(bytes.length >> 1));
    await w.check();
    await w.check();
    expect(batches).toEqual([]);
    await w.check();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.summary).toMatchObject({ imported: 1, failed: [] });
    expect(w.pendingCount()).toBe(0);
    // Unchanged since: a rescan notes nothing new.
    await w.scan();
    expect(w.pendingCount()).toBe(0);
  });

  it("reports a file that cannot be read, and reads it again once it changes", async () => {
    const batches: WatchBatch[] = [];
    const w = start(batches, { timers: false });
    const target = path.join(dir, "Activity", "broken.fit");
    fs.writeFileSync(target, "this is not a FIT file");
    await w.scan();
    for (let i = 0; i < 2; i++) await w.check();
    expect(batches[0]!.summary!.failed.map((x) => x.code)).toEqual(["FIT_NOT_FIT"]);
    await w.scan();
    expect(w.pendingCount()).toBe(0);
    fs.copyFileSync(RUN_FIT, target);
    await w.scan();
    for (let i = 0; i < 2; i++) await w.check();
    expect(batches[1]!.summary).toMatchObject({ imported: 1, failed: [] });
  });

  it("records a batch whose import stopped as a failed job with the reason and what it had counted", async () => {
    // The database refuses every new activity, as a full disk would.
    await sql`create trigger kw_test_full before insert on activities begin select raise(abort, 'database or disk is full'); end`.execute(f.app.database.db);
    const batches: WatchBatch[] = [];
    const w = start(batches, {
      timers: false,
      importBatch: recordedImport(f.app, f.userId, { dataDir: f.dataDir, workers: 0 }),
    });
    fs.copyFileSync(RUN_FIT, path.join(dir, "Activity", "full.fit"));
    await w.scan();
    for (let i = 0; i < 2; i++) await w.check();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.error).toBeInstanceOf(ImportStoppedError);
    expect(batches[0]!.summary).toMatchObject({ files: 1, imported: 0, activities: 0 });
    expect(describeWatchBatch(batches[0]!)).toMatch(/full\.fit: .*\(the import stopped part-way\)$/);

    const jobs = await listImportJobs(
      f.app,
      { queue: { retriesAbandonedJobs: false } } as Parameters<typeof listImportJobs>[1],
      f.userId,
      10,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: "failed", counts: { imported: 0 }, summary: { files: 1 } });
    expect(jobs[0]!.error).toMatch(/^The import stopped: .*database or disk is full/);
    // Not marked imported: the next rescan takes the file again.
    await sql`drop trigger kw_test_full`.execute(f.app.database.db);
    await w.scan();
    for (let i = 0; i < 2; i++) await w.check();
    expect(batches[1]!.summary).toMatchObject({ imported: 1, failed: [] });
  });

  it("looks only at names the import reads", () => {
    expect(
      ["a.fit", "A.FIT", "b.gpx.gz", "c.tcx", "export.zip", "x/y/activities.csv"].every(
        isWatchedFileName,
      ),
    ).toBe(true);
    expect(
      [
        ".hidden.fit",
        "~a.fit",
        "run.fit.part",
        "photo.jpg",
        "notes.txt",
        ".syncthing.a.fit.tmp",
      ].some(isWatchedFileName),
    ).toBe(false);
  });
});
