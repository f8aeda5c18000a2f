/**
 * Runs upload imports from the job queue and records their progress in import_jobs, where any
 * server instance can read it.
 *
 * - SQLite (embedded): the in-process queue, one job at a time; the upload waits in the data
 *   folder. A job whose process stopped is reported failed (nobody else will run it).
 * - PostgreSQL (any number of instances): pg-boss hands each job to one instance at a time; the
 *   upload waits in upload_parts. The running instance beats heartbeat_at; every instance looks
 *   for running jobs whose heartbeat went silent and hands them back to pg-boss, in the same
 *   transaction that sets them queued again, so the next polling instance runs them. Running an
 *   import again is safe: finished files are recognised by their hash and twins are dropped.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import { importJobs, uploadParts } from "../../store/index.js";
import type { ImportJobUpdate } from "../../store/index.js";
import type { App } from "../app.js";
import type { JobQueue } from "../jobs/index.js";
import { importPaths, ImportStoppedError } from "./run-import.js";
import { printable } from "./safe-message.js";
import type { ImportOptions, ImportProgress, ImportSummary } from "./run-import.js";
import { diskUploadInputs, materialiseDatabaseUpload, SWEEP_UPLOADS_EVERY_MS, sweepAbandonedUploads, uploadDir } from "./upload-store.js";

export const IMPORT_QUEUE = "import";

/** What a queued import job carries: the job row, its owner and where its upload waits. */
export interface ImportJobData {
  jobId: string;
  userId: string;
  /** "disk": files under the data folder of this process (SQLite); "database": upload_parts. */
  upload: "disk" | "database";
  /** The files of a disk upload, by their place in it. */
  files?: { no: number; name: string }[];
}

export interface ImportJobRunner {
  readonly queue: JobQueue;
  /** Where uploads wait (disk mode) and database uploads are written back before parsing. */
  readonly dataDir: string;
  /** Where this runner keeps uploads: on PostgreSQL any instance must be able to read them. */
  readonly uploadsIn: "disk" | "database";
  /** After how long without a heartbeat a job is presumed dead. */
  readonly staleAfterMs: number;
  /** Starts the queue and takes import jobs (and, on PostgreSQL, watches for silent ones). */
  start(): Promise<void>;
  /** Queues a job whose import_jobs row is written in `trx` (or already committed). */
  submit(job: ImportJobData, trx?: Parameters<JobQueue["send"]>[2]["trx"]): Promise<void>;
  /** Resolves once every job this instance has taken so far has ended. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface ImportRunnerOptions extends Pick<ImportOptions, "dataDir" | "workers" | "limits" | "batchFiles"> {
  /** How often a running job proves it is alive. */
  heartbeatMs?: number;
  /** After how long without a heartbeat a job is presumed dead (retried, or failed in-process). */
  staleAfterMs?: number;
  onError?: (err: unknown) => void;
}

/** How often a running job proves it is alive, and after how long without a sign it is presumed dead. */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 120_000;
const PROGRESS_EVERY_MS = 400;

export const INTERRUPTED_MESSAGE =
  "The import was interrupted (the server stopped). Upload the files again: those already imported are recognised.";

/** True only when `claimant` names a process of this host that no longer runs. */
export function claimantIsGone(claimant: string | null): boolean {
  if (claimant === null) return false;
  const parts = claimant.split(":");
  if (parts.length < 3 || parts.slice(0, -2).join(":") !== os.hostname()) return false;
  const pid = Number(parts[parts.length - 2]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Where an import job's progress and end are written (the job runner: only while it holds the job). */
export interface ImportJobRowWriter {
  /** The job's id: its files are marked with it (ImportOptions.jobId). */
  id: string;
  update(patch: ImportJobUpdate): Promise<unknown>;
  end(patch: ImportJobUpdate): Promise<unknown>;
  /** A progress or failure write that did not go through. */
  onError: (err: unknown) => void;
}

/**
 * Runs an import as an import job: its progress (with a heartbeat) in the job's row at most every
 * PROGRESS_EVERY_MS, then its end: done with the summary, or failed with the reason and what it
 * had counted by then (the list still shows this job's counts). Used by the job runner for
 * uploads and by watched folders (recordedImport). Returns the summary, or throws what stopped
 * the import once its end is written.
 */
export async function importAsJob(
  app: App,
  userId: string,
  inputs: Parameters<typeof importPaths>[2],
  opts: Omit<ImportOptions, "onProgress" | "jobId">,
  row: ImportJobRowWriter,
): Promise<ImportSummary> {
  const stamp = () => app.now().toISOString();
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const write = (p: ImportProgress): void => {
    lastWrite = Date.now();
    writing = writing
      .then(() =>
        row.update({
          files_total: p.filesTotal,
          files_done: p.filesDone,
          summary_json: JSON.stringify({ progress: p }),
          heartbeat_at: stamp(),
          updated_at: stamp(),
        }),
      )
      .catch(row.onError);
  };
  try {
    const summary = await importPaths(app, userId, inputs, {
      ...opts,
      // A second attempt (another instance took the job over) counts the first one's files as its own.
      jobId: row.id,
      onProgress: (p) => {
        if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) write(p);
      },
    });
    await writing;
    await row.end({
      status: "done",
      files_total: summary.files,
      files_done: summary.files,
      summary_json: JSON.stringify({ summary }),
      heartbeat_at: stamp(),
      updated_at: stamp(),
    });
    return summary;
  } catch (err) {
    await writing;
    await row
      .end({
        status: "failed",
        error: err instanceof ImportStoppedError ? err.message : `The import stopped: ${printable(err instanceof Error ? err.message : String(err), 400)}`,
        // What it had counted when it stopped: the list still shows this job's counts.
        ...(err instanceof ImportStoppedError ? { summary_json: JSON.stringify({ summary: err.summary }) } : {}),
        updated_at: stamp(),
      })
      .catch(row.onError);
    throw err;
  }
}

export function createImportJobRunner(app: App, queue: JobQueue, opts: ImportRunnerOptions): ImportJobRunner {
  const { db } = app.database;
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  const staleAfterMs = opts.staleAfterMs ?? STALE_AFTER_MS;
  const onError = opts.onError ?? (() => undefined);
  // Unique per runner, not just per process: tests run two instances in one process.
  const claimant = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const stamp = () => app.now().toISOString();
  const uploadsIn = queue.retriesAbandonedJobs ? "database" : "disk";

  // Jobs of this instance that are alive: running here (beaten only while this instance holds
  // them), or, in-process, waiting their turn here.
  const alive = new Set<string>();
  const waiting = new Set<string>();
  let beat: NodeJS.Timeout | null = null;
  let watch: NodeJS.Timeout | null = null;
  let sweep: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> = Promise.resolve();
  // What crashed uploads and jobs left (chunks, folders), gone within the hour (upload-store.ts).
  const sweepUploads = (): Promise<unknown> =>
    (sweeping = sweeping
      .then(() =>
        sweepAbandonedUploads(db, opts.dataDir, app.now(), {
          live: (id) => alive.has(id) || waiting.has(id),
          trustJobRows: queue.retriesAbandonedJobs,
        }),
      )
      .catch(onError));

  const beatAlive = (): void => {
    for (const id of alive) void importJobs.updateClaimedImportJob(db, id, claimant, { heartbeat_at: stamp() }).catch(onError);
    for (const id of waiting) void importJobs.updateImportJob(db, id, { heartbeat_at: stamp() }).catch(onError);
  };

  const handle = async (data: ImportJobData): Promise<void> => {
    const dir = uploadDir(opts.dataDir, data.jobId);
    waiting.delete(data.jobId);
    try {
      if (!(await importJobs.claimImportJob(db, data.jobId, claimant, stamp()))) return; // ended before its instance could tell the queue
      alive.add(data.jobId);
      const inputs =
        data.upload === "disk" ? diskUploadInputs(dir, data.files ?? []) : await materialiseDatabaseUpload(db, data.jobId, dir);
      await runClaimed(data, inputs);
    } finally {
      alive.delete(data.jobId);
      await fs.rm(dir, { recursive: true, force: true });
    }
  };

  /** Runs the import of a claimed job; its end is written only while this instance still holds it. */
  const runClaimed = async (data: ImportJobData, inputs: Parameters<typeof importPaths>[2]): Promise<void> => {
    const row: ImportJobRowWriter = {
      id: data.jobId,
      update: (patch) => importJobs.updateClaimedImportJob(db, data.jobId, claimant, patch),
      // The end and the removal of the upload's chunks commit together: a job is never done with
      // its chunks left behind, nor without chunks while it may still be retried.
      end: (patch) =>
        db.transaction().execute(async (trx) => {
          const held = await importJobs.updateClaimedImportJob(trx, data.jobId, claimant, patch);
          if (held && data.upload === "database") await uploadParts.deleteUploadParts(trx, data.jobId);
        }),
      onError,
    };
    await importAsJob(app, data.userId, inputs, {
      dataDir: opts.dataDir,
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      ...(opts.limits === undefined ? {} : { limits: opts.limits }),
      ...(opts.batchFiles === undefined ? {} : { batchFiles: opts.batchFiles }),
    }, row).catch(() => undefined); // Its end, failed with the reason, is in the row.
  };

  /** Hands running jobs whose instance went silent back to the queue (PostgreSQL only). */
  const recoverSilentJobs = async (): Promise<void> => {
    const cutoff = new Date(app.now().getTime() - staleAfterMs).toISOString();
    const gaveUp: string[] = [];
    await db.transaction().execute(async (trx) => {
      for (const id of await importJobs.requeueSilentImportJobs(trx, cutoff, stamp())) {
        if (!(await queue.retry(IMPORT_QUEUE, id, { trx }))) gaveUp.push(id);
      }
    });
    for (const id of gaveUp) {
      await importJobs.updateImportJob(db, id, { status: "failed", error: INTERRUPTED_MESSAGE, updated_at: stamp() });
      await uploadParts.deleteUploadParts(db, id);
    }
  };

  /**
   * In-process (SQLite), a job whose process died is never run again: one left running by a
   * process of this host that is gone ends as interrupted when the server starts again, rather
   * than after two minutes of silence (a page polling it through the restart learns at once).
   */
  const interruptOrphans = async (): Promise<void> => {
    for (const row of await importJobs.listUnfinishedImportJobs(db)) {
      if (row.status === "running" && claimantIsGone(row.claimed_by)) {
        await importJobs.updateImportJob(db, row.id, { status: "failed", error: INTERRUPTED_MESSAGE, updated_at: stamp() });
      }
    }
  };

  let watching: Promise<void> = Promise.resolve();
  let starting: Promise<void> | null = null;
  return {
    queue,
    dataDir: opts.dataDir,
    uploadsIn,
    staleAfterMs,
    start() {
      starting ??= (async () => {
        if (!queue.retriesAbandonedJobs) await interruptOrphans();
        await queue.start();
        await queue.work<ImportJobData>(IMPORT_QUEUE, handle);
        await sweepUploads();
        sweep = setInterval(() => void sweepUploads(), SWEEP_UPLOADS_EVERY_MS);
        sweep.unref();
        beat = setInterval(beatAlive, heartbeatMs);
        beat.unref();
        if (queue.retriesAbandonedJobs) {
          watch = setInterval(() => {
            watching = watching.then(recoverSilentJobs).catch(onError);
          }, Math.max(250, Math.floor(staleAfterMs / 4)));
          watch.unref();
        }
      })();
      return starting;
    },
    async submit(job, trx) {
      // In-process, the job waits in this process: its heartbeat shows it is not abandoned.
      // Added before sending: the in-process handler may start before send() returns.
      if (!queue.retriesAbandonedJobs) waiting.add(job.jobId);
      try {
        await queue.send(IMPORT_QUEUE, job, { id: job.jobId, ...(trx === undefined ? {} : { trx }) });
      } catch (err) {
        waiting.delete(job.jobId);
        throw err;
      }
    },
    idle: () => queue.idle(),
    async close() {
      if (watch !== null) clearInterval(watch);
      if (sweep !== null) clearInterval(sweep);
      await sweeping;
      await watching;
      await queue.close();
      if (beat !== null) clearInterval(beat);
    },
  };
}
