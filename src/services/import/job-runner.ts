/**
 * Runs import jobs in the background and records their progress in import_jobs, where any server
 * instance can read it. This in-process runner takes one job at a time (the parse pool already
 * uses every core); a PostgreSQL-backed queue can replace it behind the same interface, claiming
 * jobs with claimed_by and heartbeat_at.
 */
import fs from "node:fs/promises";
import os from "node:os";
import { importJobs } from "../../store/index.js";
import type { App } from "../app.js";
import { importPaths } from "./run-import.js";
import type { ImportOptions, ImportProgress } from "./run-import.js";
import type { ImportInput } from "./walk-sources.js";

export interface QueuedImport {
  jobId: string;
  userId: string;
  inputs: ImportInput[];
  /** A folder removed once the job ends (the uploaded files). */
  cleanupDir: string | null;
}

export interface ImportJobRunner {
  /** Accepts a job already recorded as queued; returns at once. */
  enqueue(job: QueuedImport): void;
  /** Resolves once every job accepted so far has ended. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** How often a running job proves it is alive, and after how long without a sign it is presumed dead. */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 120_000;
const PROGRESS_EVERY_MS = 400;

export function createInProcessJobRunner(
  app: App,
  opts: Pick<ImportOptions, "dataDir" | "workers" | "limits" | "batchFiles">,
): ImportJobRunner {
  const claimant = `${os.hostname()}:${process.pid}`;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  // Jobs waiting their turn here are alive too: their heartbeat keeps them from being presumed dead.
  const waiting = new Set<string>();
  let waitBeat: NodeJS.Timeout | null = null;
  const beatWaiting = (): void => {
    const stamp = app.now().toISOString();
    for (const id of waiting) void importJobs.updateImportJob(app.database.db, id, { heartbeat_at: stamp }).catch(() => undefined);
  };

  const run = async (job: QueuedImport): Promise<void> => {
    waiting.delete(job.jobId);
    if (waiting.size === 0 && waitBeat !== null) {
      clearInterval(waitBeat);
      waitBeat = null;
    }
    const { db } = app.database;
    const stamp = () => app.now().toISOString();
    await importJobs.updateImportJob(db, job.jobId, { status: "running", claimed_by: claimant, heartbeat_at: stamp(), updated_at: stamp() });
    let last: ImportProgress | null = null;
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const write = (p: ImportProgress): void => {
      lastWrite = Date.now();
      writing = writing
        .then(() =>
          importJobs.updateImportJob(db, job.jobId, {
            files_total: p.filesTotal,
            files_done: p.filesDone,
            summary_json: JSON.stringify({ progress: p }),
            heartbeat_at: stamp(),
            updated_at: stamp(),
          }),
        )
        .catch(() => undefined);
    };
    const beat = setInterval(() => {
      if (last !== null) write(last);
      else void importJobs.updateImportJob(db, job.jobId, { heartbeat_at: stamp() }).catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      const summary = await importPaths(app, job.userId, job.inputs, {
        ...opts,
        onProgress: (p) => {
          last = p;
          if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) write(p);
        },
      });
      clearInterval(beat);
      await writing;
      await importJobs.updateImportJob(db, job.jobId, {
        status: "done",
        files_total: summary.files,
        files_done: summary.files,
        summary_json: JSON.stringify({ summary }),
        heartbeat_at: stamp(),
        updated_at: stamp(),
      });
    } catch (err) {
      clearInterval(beat);
      await writing;
      await importJobs
        .updateImportJob(db, job.jobId, {
          status: "failed",
          error: `The import stopped: ${err instanceof Error ? err.message : String(err)}`,
          updated_at: stamp(),
        })
        .catch(() => undefined);
    } finally {
      if (job.cleanupDir !== null) await fs.rm(job.cleanupDir, { recursive: true, force: true });
    }
  };

  return {
    enqueue(job) {
      if (closed) throw new Error("The import runner is closed.");
      waiting.add(job.jobId);
      if (waitBeat === null) {
        waitBeat = setInterval(beatWaiting, HEARTBEAT_MS);
        waitBeat.unref();
      }
      chain = chain.then(() => run(job));
    },
    idle: () => chain,
    async close() {
      closed = true;
      await chain;
    },
  };
}
