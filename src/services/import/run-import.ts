/**
 * The import pipeline: walk the inputs, parse on every core, drop twins, write in batches.
 *
 * Each batch is one transaction holding, for every file it covers, the file's record (by content
 * hash) together with the activities it gave and the original file, gzipped. A process killed
 * mid-import therefore leaves whole files or nothing; running the import again recognises the
 * finished files by hash and completes the rest.
 *
 * The main thread reads bytes and writes rows; everything else happens in the parse workers
 * (inflating zip entries, hashing, gunzip, parsing, JSON of the streams, gzipping originals), and
 * bytes travel both ways without copies. Reading waits while too many files are in flight, so memory
 * stays flat whatever the size of the export.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Updateable } from "kysely";
import { implausibility } from "../../importers/common/plausibility.js";
import { activities, importFiles, originalFiles } from "../../store/index.js";
import type { NewActivityRow, NewOriginalFileRow } from "../../store/index.js";
import type { ActivitiesTable, NewImportFileRow } from "../../store/schema.js";
import type { App } from "../app.js";
import { reassignShoes } from "../shoes.js";
import { storeImportedWellness } from "../wellness.js";
import { richness, toRecord } from "./activity-record.js";
import type { ActivityRecord } from "./activity-record.js";
import { boundRecordText } from "./bounded-text.js";
import { TwinIndex } from "./dedupe.js";
import type { TwinKey } from "./dedupe.js";
import { withLimits } from "./limits.js";
import type { ImportLimits } from "./limits.js";
import type { ParseOutcome, ParseTask } from "./parse-task.js";
import { stravaRowActivity } from "./parsers.js";
import { fileMessage, printable, printableFileName } from "./safe-message.js";
import { applyStravaRow } from "./strava-export.js";
import type { StravaContext } from "./strava-export.js";
import { walkSources } from "./walk-sources.js";
import type { ImportInput, SourceFile } from "./walk-sources.js";
import type { RawEntry } from "./zip-archive.js";
import { QUEUE_DEPTH, createParsePool, defaultPoolSize } from "./worker-pool.js";
import type { ParsePool } from "./worker-pool.js";

export interface FailedFile {
  /** The file's name as shown: printable, bounded. */
  file: string;
  code: string;
  /** Printable, bounded, and naming the file. */
  message: string;
}

/** A caveat on a file that was imported: same shape as a failure. */
export type FileWarning = FailedFile;

/** Warnings listed in a summary; past this many they are only counted. */
export const MAX_LISTED_WARNINGS = 200;

export interface ImportSummary {
  /** Files looked at: activity files and CSVs, and archives only when they are unreadable or empty. */
  files: number;
  /** Activities added. */
  imported: number;
  /** Activities already stored (from another file, or this file in an earlier import). */
  duplicates: number;
  /** Files read that hold no activity (settings, routes, other CSVs). */
  skipped: number;
  failed: FailedFile[];
  /** Caveats on files that were imported (FIT_BAD_CRC, an implausible activity left out, TEXT_SHORTENED): the first 200. */
  warnings: FileWarning[];
  /** Warnings past the first 200. */
  moreWarnings: number;
  /** The user's activities after the import. */
  activities: number;
  seconds: number;
}

/**
 * The import stopped part-way (the database went away, the disk filled): what it had counted by
 * then travels with the error, so `--json` still prints a summary and a job still shows its counts.
 * Files of committed batches are kept; running the import again completes the rest.
 */
export class ImportStoppedError extends Error {
  constructor(
    readonly summary: ImportSummary,
    override readonly cause: unknown,
  ) {
    super(`The import stopped: ${printable(cause instanceof Error ? cause.message : String(cause), 400)}`);
    this.name = "ImportStoppedError";
  }
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  imported: number;
  duplicates: number;
  skipped: number;
  failed: number;
  elapsedS: number;
  /** Files per second so far. */
  ratePerS: number;
  /** Seconds left at the current rate; null until there is a rate. */
  etaS: number | null;
}

export interface ImportOptions {
  /** The data folder: nested archives are unpacked in its tmp/ folder, nowhere else. */
  dataDir: string;
  limits?: Partial<ImportLimits>;
  /** Parse workers; 0 parses on the calling thread. Default: one per core. */
  workers?: number;
  /** Files per transaction. */
  batchFiles?: number;
  onProgress?: (p: ImportProgress) => void;
  /**
   * The upload job running this import. Its files are marked with it, so that when the job runs
   * again (another instance took it over) the files its first attempt finished count as imported
   * by it, not as duplicates: the job reports its totals across both attempts.
   */
  jobId?: string;
}

/**
 * An activity in the twin index: one per activity of the runner, so a 40,000-run export holds
 * 40,000 of them for the whole import. A class, so all share one shape: built as an object
 * spread ({ ...key, id, ... }), each got a hidden class of its own, about 0.5 kB apiece.
 */
class Indexed implements TwinKey {
  constructor(
    public startMs: number,
    public elapsedS: number,
    public movingS: number,
    public distanceM: number,
    public id: string,
    public richness: number,
    public sport: string,
    public name: string | null,
    public gear: string | null,
    public perceivedExertion: number | null,
    /** The row while it waits in the current batch; null once written. */
    public pending: NewActivityRow | null,
  ) {}
}

type ActivityPatch = Omit<Updateable<ActivitiesTable>, "id" | "user_id" | "created_at">;

interface Batch {
  inserts: NewActivityRow[];
  /** Index entries of the inserts, to mark written after the commit. */
  entries: Indexed[];
  updates: Map<string, ActivityPatch>;
  files: NewImportFileRow[];
  originals: NewOriginalFileRow[];
  originalBytes: number;
}

const emptyBatch = (): Batch => ({ inserts: [], entries: [], updates: new Map(), files: [], originals: [], originalBytes: 0 });

/** Gzipped originals beyond which a batch is written early, whatever its file count. */
const MAX_BATCH_ORIGINAL_BYTES = 32 * 1024 * 1024;

/** In-flight bytes beyond which reading waits for the workers: memory stays flat on any export. */
const MAX_INFLIGHT_BYTES = 64 * 1024 * 1024;

export async function importPaths(
  app: App,
  userId: string,
  inputs: readonly ImportInput[],
  opts: ImportOptions,
): Promise<ImportSummary> {
  return app.database.bulkWrites(() => runImport(app, userId, inputs, opts));
}

async function runImport(
  app: App,
  userId: string,
  inputs: readonly ImportInput[],
  opts: ImportOptions,
): Promise<ImportSummary> {
  const run = await ImportRun.begin(app, userId, opts);
  const tmpDir = path.join(opts.dataDir, "tmp", `import-${randomUUID()}`);
  const pool = createParsePool(opts.workers ?? defaultPoolSize(), new Set(run.settled.keys()));
  try {
    await parseSources(run, pool, inputs, tmpDir);
    run.addStravaLeftovers();
    await run.store.flush();
    // The new runs wear the pair their gear or sport points to, so shoe mileage counts them.
    if (run.store.wroteActivities) await reassignShoes(app.database.db, userId);
    run.progress();
  } catch (err) {
    throw run.stopped(err);
  } finally {
    await pool.close();
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
  return run.summary(await activities.countActivities(app.database.db, userId));
}

type SettledHashes = Awaited<ReturnType<typeof importFiles.listSettledHashes>>;

/** What is said about files: failures, and warnings on files imported, each printable, bounded and naming its file. */
class FileReport {
  readonly failed: FailedFile[] = [];
  readonly warnings: FileWarning[] = [];
  moreWarnings = 0;

  fail(file: string, code: string, message: string): void {
    this.failed.push({ file: printableFileName(file), code, message: fileMessage(file, message) });
  }

  warn(file: string, code: string, message: string): void {
    if (this.warnings.length >= MAX_LISTED_WARNINGS) this.moreWarnings++;
    else this.warnings.push({ file: printableFileName(file), code, message: fileMessage(file, message) });
  }

  /** A file's warnings from its reader, one per kind. */
  warnIssues(file: string, issues: ParseOutcome["issues"]): void {
    let seen: Set<string> | null = null;
    for (const i of issues) {
      if (i.severity !== "warning" || seen?.has(i.code)) continue;
      (seen ??= new Set()).add(i.code);
      this.warn(file, i.code, i.message);
    }
  }
}

/**
 * The runner's activities as a twin index, and what the import adds to them: new activities,
 * richer records over their twins, the files' rows and originals, written a batch (one
 * transaction) at a time.
 */
class ActivityStore {
  batch = emptyBatch();
  /** Files handled since the last flush. */
  batchFileCount = 0;
  wroteActivities = false;
  /** Activities inserted by committed batches. */
  committedInserts = 0;

  constructor(
    private readonly db: App["database"]["db"],
    private readonly userId: string,
    private readonly jobId: string | null,
    private readonly now: () => string,
    private readonly index: TwinIndex<Indexed>,
  ) {}

  fileRow(name: string, sha: string, status: NewImportFileRow["status"], activityCount: number, problem?: { code: string; message: string }): NewImportFileRow {
    return {
      id: randomUUID(),
      user_id: this.userId,
      sha256: sha,
      file_name: name.slice(-1000),
      status,
      code: problem?.code ?? null,
      message: problem === undefined ? null : fileMessage(name, problem.message),
      activity_count: activityCount,
      created_at: this.now(),
      job_id: this.jobId,
    };
  }

  keepOriginal(name: string, sha: string, gz: Uint8Array, sizeBytes: number): void {
    this.batch.originals.push({
      id: randomUUID(),
      user_id: this.userId,
      sha256: sha,
      file_name: name.slice(-1000),
      size_bytes: sizeBytes,
      bytes_gz: Buffer.from(gz.buffer, gz.byteOffset, gz.byteLength),
      created_at: this.now(),
    });
    this.batch.originalBytes += gz.byteLength;
  }

  private patchTwin(twin: Indexed, patch: ActivityPatch): void {
    if (twin.pending !== null) Object.assign(twin.pending, patch);
    else this.batch.updates.set(twin.id, { ...this.batch.updates.get(twin.id), ...patch });
  }

  /** Stores a record unless a twin is already there; keeps the richer one. True when added. */
  admit(rec: ActivityRecord, sourceFile: string): boolean {
    const key: TwinKey = { startMs: Date.parse(rec.start_utc), elapsedS: rec.elapsed_s, movingS: rec.moving_s, distanceM: rec.distance_m };
    const rich = richness({ source: rec.source, streamChars: rec.stream_json.length, lapsChars: rec.laps_json.length });
    const twin = this.index.findTwin(key);
    if (twin === undefined) {
      const row: NewActivityRow = { ...rec, id: randomUUID(), user_id: this.userId, surface: null, shoe_id: null, source_file: sourceFile.slice(-1000), created_at: this.now() };
      const entry = new Indexed(key.startMs, key.elapsedS, key.movingS, key.distanceM, row.id, rich, rec.sport, rec.name, rec.gear, rec.perceived_exertion, row);
      this.batch.inserts.push(row);
      this.batch.entries.push(entry);
      this.index.add(entry);
      return true;
    }
    // Words the runner gave (name, gear, effort) survive whichever record's samples are kept.
    const name = twin.name ?? rec.name;
    const gear = twin.gear ?? rec.gear;
    const pe = twin.perceivedExertion ?? rec.perceived_exertion;
    if (rich > twin.richness) {
      const sport = rec.sport === "other" ? twin.sport : rec.sport;
      this.patchTwin(twin, { ...rec, sport, name: rec.name ?? twin.name, gear: rec.gear ?? twin.gear, perceived_exertion: rec.perceived_exertion ?? twin.perceivedExertion, source_file: sourceFile.slice(-1000) });
      Object.assign(twin, { richness: rich, sport, name: rec.name ?? twin.name, gear: rec.gear ?? twin.gear, perceivedExertion: rec.perceived_exertion ?? twin.perceivedExertion });
    } else {
      const sport = twin.sport === "other" && rec.sport !== "other" ? rec.sport : twin.sport;
      if (name !== twin.name || gear !== twin.gear || pe !== twin.perceivedExertion || sport !== twin.sport) {
        this.patchTwin(twin, { name, gear, perceived_exertion: pe, sport });
        Object.assign(twin, { name, gear, perceivedExertion: pe, sport });
      }
    }
    return false;
  }

  /** Writes the batch so far in one transaction. */
  async flush(): Promise<void> {
    const b = this.batch;
    this.batch = emptyBatch();
    this.batchFileCount = 0;
    if (b.inserts.length === 0 && b.updates.size === 0 && b.files.length === 0) return;
    if (b.inserts.length > 0 || b.updates.size > 0) this.wroteActivities = true;
    // From here on these rows belong to the transaction: later twins update them by id.
    for (const entry of b.entries) entry.pending = null;
    await this.db.transaction().execute(async (trx) => {
      await activities.insertActivities(trx, b.inserts);
      for (const [id, patch] of b.updates) await activities.updateActivity(trx, this.userId, id, patch);
      await importFiles.insertImportFiles(trx, b.files);
      await originalFiles.insertOriginalFiles(trx, b.originals);
    });
    this.committedInserts += b.inserts.length;
  }
}

/** One import under way: its counts, what it says about files, and what it stores. */
class ImportRun {
  readonly counts = { files: 0, filesDone: 0, imported: 0, duplicates: 0, skipped: 0 };
  readonly report = new FileReport();
  readonly stravaContexts: StravaContext[] = [];
  /** Activities this job's earlier attempt inserted: if the import stops, part of what it did. */
  earlierAttempt = 0;

  private constructor(
    /** When the import began (before reading what the runner has). */
    readonly t0: number,
    readonly app: App,
    readonly userId: string,
    readonly opts: ImportOptions,
    readonly limits: ImportLimits,
    readonly batchFiles: number,
    readonly nowMs: number,
    readonly jobId: string | null,
    /** Hashes of the runner's files already read, with what they gave. */
    readonly settled: SettledHashes,
    /** The runner's activities when the import began. */
    readonly keyCount: number,
    readonly store: ActivityStore,
  ) {}

  /** Reads what the runner already has: the files read before, and the activities as a twin index. */
  static async begin(app: App, userId: string, opts: ImportOptions): Promise<ImportRun> {
    const t0 = performance.now();
    const limits = withLimits(opts.limits);
    const batchFiles = Math.max(1, opts.batchFiles ?? 100);
    const { db } = app.database;
    const now = () => app.now().toISOString();
    const nowMs = app.now().getTime();
    const jobId = opts.jobId ?? null;
    const settled = await importFiles.listSettledHashes(db, userId);
    const index = new TwinIndex<Indexed>();
    const keys = await activities.listActivityKeys(db, userId);
    for (const k of keys) {
      const rich = richness({ source: k.source, streamChars: k.stream_chars, lapsChars: k.laps_chars });
      index.add(new Indexed(Date.parse(k.start_utc), k.elapsed_s, k.moving_s, k.distance_m, k.id, rich, k.sport, k.name, k.gear, k.perceived_exertion, null));
    }
    const store = new ActivityStore(db, userId, jobId, now, index);
    return new ImportRun(t0, app, userId, opts, limits, batchFiles, nowMs, jobId, settled, keys.length, store);
  }

  progress(): void {
    if (this.opts.onProgress === undefined) return;
    const { counts } = this;
    const elapsedS = (performance.now() - this.t0) / 1000;
    const ratePerS = elapsedS > 0 ? counts.filesDone / elapsedS : 0;
    const left = Math.max(0, counts.files - counts.filesDone);
    this.opts.onProgress({
      filesDone: counts.filesDone,
      filesTotal: counts.files,
      imported: counts.imported,
      duplicates: counts.duplicates,
      skipped: counts.skipped,
      failed: this.report.failed.length,
      elapsedS,
      ratePerS,
      etaS: ratePerS > 0 ? left / ratePerS : null,
    });
  }

  summary(activityCount: number): ImportSummary {
    return {
      files: this.counts.files,
      imported: this.counts.imported,
      duplicates: this.counts.duplicates,
      skipped: this.counts.skipped,
      failed: this.report.failed,
      warnings: this.report.warnings,
      moreWarnings: this.report.moreWarnings,
      activities: activityCount,
      seconds: Math.round((performance.now() - this.t0) / 10) / 100,
    };
  }

  /**
   * The error for an import that stopped. Counted without asking the database, which may be what
   * failed; the batch being written when it stopped is not there, so only committed activities
   * count as imported.
   */
  stopped(err: unknown): ImportStoppedError {
    const committed = this.store.committedInserts;
    return new ImportStoppedError({ ...this.summary(this.keyCount + committed), imported: committed + this.earlierAttempt }, err);
  }

  /** Counts a file's parse outcome and queues what it gave for the batch. */
  handle(file: SourceFile, o: ParseOutcome, sizeBytes: number): void {
    const { counts, store, report } = this;
    counts.filesDone++;
    store.batchFileCount++;
    if (o.known) {
      // Its Strava row was merged into it the first time: no activity from the row alone.
      if (file.stravaRow !== null) file.strava?.used.add(file.stravaRow);
      const prior = this.settled.get(o.sha256 ?? "");
      if (prior?.status === "skipped") counts.skipped++;
      // Finished by an earlier attempt of this same job: its activities are this job's imports.
      else if (prior?.status === "imported" && this.jobId !== null && prior.jobId === this.jobId) {
        counts.imported += prior.activityCount;
        this.earlierAttempt += prior.activityCount;
      }
      else counts.duplicates += prior?.activityCount ?? 0;
      return;
    }
    if (o.failure !== null) {
      report.fail(file.name, o.failure.code, o.failure.message);
      if (o.sha256 !== null) store.batch.files.push(store.fileRow(file.name, o.sha256, "failed", 0, o.failure));
      return;
    }
    if (o.sha256 === null) throw new Error(`${file.name}: a parse outcome without a hash must be a failure.`);
    if (o.skipped !== null) {
      counts.skipped++;
      store.batch.files.push(store.fileRow(file.name, o.sha256, "skipped", 0, o.skipped));
      return;
    }
    let records = o.activities;
    if (file.stravaRow !== null && file.strava !== null) {
      records = applyStravaRow(records, file.stravaRow);
      file.strava.used.add(file.stravaRow);
    }
    let added = 0;
    report.warnIssues(file.name, o.issues);
    for (const rec of records) {
      const { record, cut } = boundRecordText(rec);
      if (cut !== null) report.warn(file.name, "TEXT_SHORTENED", `${cut}.`);
      if (store.admit(record, file.name)) added++;
    }
    counts.imported += added;
    counts.duplicates += records.length - added;
    store.batch.files.push(store.fileRow(file.name, o.sha256, added > 0 ? "imported" : "duplicate", records.length));
    // Kept even when its activities were twins: it is still the runner's file, and may be the
    // richer record the stored activity now holds.
    if (o.original !== null && records.length > 0) store.keepOriginal(file.innerName, o.sha256, o.original, sizeBytes);
  }

  /** Strava rows whose file gave nothing (none named, missing, unreadable) come from the row alone. */
  addStravaLeftovers(): void {
    const { counts, store, report } = this;
    for (const ctx of this.stravaContexts) {
      let added = 0;
      let total = 0;
      for (const row of ctx.rows) {
        if (ctx.used.has(row)) continue;
        const where = `${ctx.csvName} line ${row.line}`;
        if (row.date === null) {
          report.fail(where, "STRAVA_ROW_NO_DATE", `${where}: activity ${row.id} has no readable date.`);
          continue;
        }
        const activity = stravaRowActivity(row);
        const why = implausibility(activity, this.nowMs);
        if (why !== null) {
          report.fail(where, why.code, `${where}: activity ${row.id}: ${why.message}`);
          continue;
        }
        total++;
        const { record, cut } = boundRecordText(toRecord(activity));
        if (cut !== null) report.warn(where, "TEXT_SHORTENED", `${cut}.`);
        if (store.admit(record, where)) added++;
      }
      counts.imported += added;
      counts.duplicates += total - added;
      if (!this.settled.has(ctx.sha256)) {
        store.batch.files.push(store.fileRow(ctx.csvName, ctx.sha256, added > 0 ? "imported" : "duplicate", total));
        // The CSV holds the runner's own words (names, gear, effort): kept once any row was used.
        if (ctx.original !== null && (total > 0 || ctx.used.size > 0)) store.keepOriginal(ctx.original.innerName, ctx.sha256, ctx.original.gz, ctx.original.sizeBytes);
      }
    }
  }
}

/**
 * Walks the inputs and parses every file on the pool, handling each outcome as it comes; the
 * batch is written every `batchFiles` files (or sooner, past MAX_BATCH_ORIGINAL_BYTES of originals).
 */
async function parseSources(run: ImportRun, pool: ParsePool, inputs: readonly ImportInput[], tmpDir: string): Promise<void> {
  const { counts, store, report, limits, nowMs } = run;
  const inflight = new Set<Promise<void>>();
  let inflightBytes = 0;
  let nextId = 0;
  for await (const ev of walkSources(inputs, { limits, tmpDir })) {
    if (ev.type === "found") {
      counts.files += ev.count;
    } else if (ev.type === "strava") {
      run.stravaContexts.push(ev.context);
      counts.filesDone++;
    } else if (ev.type === "skipped") {
      counts.filesDone++;
      counts.skipped++;
      if (ev.sha256 !== null) store.batch.files.push(store.fileRow(ev.name, ev.sha256, "skipped", 0, ev));
    } else if (ev.type === "wellness") {
      // Resting heart rate and HRV by day: their own table, written at once (an upsert, so an
      // export imported again changes nothing); never a check-in.
      await storeImportedWellness(run.app.database.db, run.userId, ev.source, ev.days, run.app.now());
    } else if (ev.type === "failed") {
      counts.filesDone++;
      report.fail(ev.name, ev.code, ev.message);
      if (ev.sha256 !== null) store.batch.files.push(store.fileRow(ev.name, ev.sha256, "failed", 0, ev));
    } else {
      const file = ev.file;
      let raw: RawEntry;
      try {
        raw = await file.read();
      } catch (err) {
        counts.filesDone++;
        report.fail(file.name, "READ_FAILED", `${file.name} could not be read: ${(err as Error).message}`);
        run.progress();
        continue;
      }
      const size = raw.size;
      inflightBytes += size;
      const task: ParseTask = { id: nextId++, kind: file.type.kind, gz: file.type.gz, bytes: raw.bytes, fileName: file.name, limits, nowMs };
      if (raw.deflated) task.inflateTo = raw.size;
      const p: Promise<void> = pool
        .parse(task)
        .then(
          (o) => run.handle(file, o, size),
          (err: unknown) => {
            counts.filesDone++;
            report.fail(file.name, "PARSE_CRASHED", `${file.name} stopped the reader: ${err instanceof Error ? err.message : String(err)}`);
          },
        )
        .finally(() => {
          inflightBytes -= size;
          inflight.delete(p);
          run.progress();
        });
      inflight.add(p);
      // Each worker's queue full (see worker-pool.ts) and two more files read for it, so every
      // core stays busy while a batch is written.
      while (inflight.size > 0 && (inflight.size >= Math.max(2, pool.size * (QUEUE_DEPTH + 2)) || inflightBytes > MAX_INFLIGHT_BYTES)) {
        await Promise.race(inflight);
      }
    }
    if (store.batchFileCount >= run.batchFiles || store.batch.originalBytes >= MAX_BATCH_ORIGINAL_BYTES) await store.flush();
    run.progress();
  }
  await Promise.all(inflight);
}
