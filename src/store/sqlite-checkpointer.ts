/**
 * Checkpoints of an SQLite WAL on a thread of their own, for bulk writes.
 *
 * In WAL mode a commit that finds more than 1,000 pages in the log copies them into the database
 * file and syncs it, inside that commit, on the thread that writes. An import writes hundreds of
 * megabytes (activities and the original files), so its thread spent as long in checkpoints as in
 * the writes themselves, and the parse workers waited for it. While bulk writes run, the writing
 * connection leaves checkpoints alone and this thread, with a connection of its own, runs a
 * passive checkpoint (never blocking a writer or a reader) every few hundred milliseconds.
 *
 * Nothing changes for safety: what a commit makes durable and when is the same, and a process
 * that dies leaves a longer log that SQLite checkpoints when the file is next opened.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The worker, as CommonJS source: it needs no loader, from src/ or dist/ alike. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or closing: the next round, or the writer itself afterwards, does it.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage("stopped");
});
parentPort.postMessage("started");
`;

const EVERY_MS = 250;

/** SQLite's default: a commit checkpoints once the log holds this many pages. */
export const DEFAULT_WAL_AUTOCHECKPOINT = 1000;

export interface Checkpointer {
  /** Stops the thread after one last checkpoint. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` on another thread. Resolves once that thread has opened the file,
 * or with null when it could not (then the writer keeps checkpointing, as before).
 */
export function startCheckpointer(file: string): Promise<Checkpointer | null> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, everyMs: EVERY_MS },
  });
  return new Promise((resolve) => {
    let started = false;
    worker.once("error", () => {
      if (!started) resolve(null);
    });
    worker.once("message", () => {
      started = true;
      resolve({
        stop: () =>
          new Promise<void>((done) => {
            worker.once("message", () => void worker.terminate().then(() => done()));
            worker.once("error", () => done());
            worker.postMessage("stop");
          }),
      });
    });
  });
}
