/**
 * A small pool of parse workers, one per core. The worker file sits beside this one: the built
 * `parse-worker.js` under dist/, or `parse-worker.ts` when running from source (tests, tsx),
 * where each worker first registers tsx's loader, since Node 20 does not hand a parent's
 * --import hooks to workers.
 */
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ParseOutcome, ParseTask } from "./parse-task.js";
import { runParseTask } from "./parse-task.js";

export interface ParsePool {
  /** Parses one file; resolves in completion order, not submission order. */
  parse(task: ParseTask): Promise<ParseOutcome>;
  readonly size: number;
  /** Resolves once every worker has started or failed to, with how many are running. */
  ready(): Promise<number>;
  close(): Promise<void>;
}

function workerSpec(): { source: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    const require = createRequire(here);
    const tsxApi = pathToFileURL(path.join(path.dirname(require.resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
    const target = new URL("./parse-worker.ts", here).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
    return { source: boot, eval: true };
  }
  return { source: new URL("./parse-worker.js", here), eval: false };
}

/**
 * Files sent ahead to each worker: the next file already waits in its queue when it finishes one,
 * so it never idles while the main thread is busy writing a batch or slow to wake. Writing a batch
 * of 100 files holds the main thread for about 12 ms, some eight files of a worker's work: with
 * four queued, the workers idled through part of every batch (3,000 runs: 2.55 s with 4, 2.44 s
 * with 10, no better with 20).
 */
export const QUEUE_DEPTH = 10;

/**
 * A parse makes mostly short-lived garbage: a smaller young generation is swept as cheaply (the
 * cost follows what survives) and keeps each worker's memory tens of MB lower. It also sets how
 * often the typed arrays a file leaves behind (its columns, a few hundred kB) are given back: they
 * are freed when a sweep finds them dead, so a nursery of 16 MB let a worker's C heap hold some
 * 50 MB of them (an import of 9,000 runs peaked at 360 MB, with 8 MB at 330 MB, no slower). Only
 * the nursery is bounded; a large file still gets all the old-generation heap it needs.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

export function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * `size` 0 parses on the calling thread. Otherwise, until the first worker has started (tens of
 * milliseconds from dist/, a second or two through tsx), tasks are parsed on the calling thread,
 * so a small import never waits for workers it does not need.
 */
export function createParsePool(size: number, known: ReadonlySet<string>): ParsePool {
  if (size <= 0) {
    return {
      size: 0,
      parse: (task) => Promise.resolve(runParseTask(task, known)),
      ready: () => Promise.resolve(0),
      close: () => Promise.resolve(),
    };
  }
  const spec = workerSpec();
  interface Job {
    task: ParseTask;
    resolve: (o: ParseOutcome) => void;
    reject: (e: Error) => void;
  }
  interface Slot {
    worker: Worker;
    ready: boolean;
    /** Sent to the worker, in order: the first is being parsed, the rest wait in its queue. */
    jobs: Job[];
  }
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let closed = false;
  let settled = 0;
  let onSettled: (() => void) | null = null;
  const allSettled = new Promise<void>((resolve) => (onSettled = resolve));
  const settle = (): void => {
    if (++settled === size) onSettled?.();
  };

  const send = (slot: Slot, job: Job): void => {
    // The file a worker starts on moves to it without a copy; the caller must not use the bytes
    // afterwards. Files queued behind it are copied (a memcpy, next to a parse), so that if the
    // worker dies on the first they can go to another worker.
    const buf = job.task.bytes.buffer;
    const transfer = slot.jobs.length === 0 && buf instanceof ArrayBuffer && job.task.bytes.byteLength === buf.byteLength ? [buf] : [];
    slot.jobs.push(job);
    slot.worker.postMessage(job.task, transfer);
  };
  /** Hands waiting files to the workers, the shortest queue first. */
  const dispatch = (): void => {
    while (waiting.length > 0) {
      let best: Slot | undefined;
      for (const slot of slots) {
        if (slot.ready && slot.jobs.length < QUEUE_DEPTH && (best === undefined || slot.jobs.length < best.jobs.length)) best = slot;
      }
      if (best === undefined) return;
      send(best, waiting.shift()!);
    }
  };

  const spawn = (): Slot => {
    const worker = new Worker(spec.source, { eval: spec.eval, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.postMessage({ known: [...known] });
    const slot: Slot = { worker, ready: false, jobs: [] };
    worker.on("message", (outcome: ParseOutcome | { ready: true }) => {
      if ("ready" in outcome) {
        slot.ready = true;
        settle();
        dispatch();
        return;
      }
      slot.jobs.shift()?.resolve(outcome);
      dispatch();
    });
    worker.on("error", (err) => {
      // The first file was being parsed when the worker died: it fails. The rest, sent as copies,
      // go back to the front of the line.
      const [job, ...queued] = slot.jobs;
      slot.jobs = [];
      job?.reject(err);
      waiting.unshift(...queued);
      // A worker that died on a file (out of memory, say) is replaced and the batch goes on.
      // One that never started is not: parsing falls back to this thread.
      const i = slots.indexOf(slot);
      if (!slot.ready) settle();
      if (i >= 0 && !closed && slot.ready) slots[i] = spawn();
      else if (i >= 0) slots.splice(i, 1);
      if (!slots.some((s) => s.ready)) {
        for (const w of waiting.splice(0)) w.resolve(runParseTask(w.task, known));
      } else dispatch();
    });
    return slot;
  };
  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    parse(task) {
      if (closed) return Promise.reject(new Error("The parse pool is closed."));
      if (!slots.some((s) => s.ready)) return Promise.resolve(runParseTask(task, known));
      return new Promise((resolve, reject) => {
        waiting.push({ task, resolve, reject });
        dispatch();
      });
    },
    async ready() {
      await allSettled;
      return slots.filter((s) => s.ready).length;
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
