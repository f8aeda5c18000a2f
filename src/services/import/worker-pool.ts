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
import { isGzip } from "./file-kind.js";
import { gzipDeclaredSize } from "./gunzip-into.js";
import type { ParseOutcome, ParseTask } from "./parse-task.js";
import { runParseTask } from "./parse-task.js";

export interface ParsePool {
  /** Parses one file; resolves in completion order, not submission order. */
  parse(task: ParseTask): Promise<ParseOutcome>;
  readonly size: number;
  /** Unpacked bytes of the files now with the workers (parsed or queued), as estimated. */
  readonly sentBytes: number;
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

/**
 * The most unpacked bytes handed to the workers at once (being parsed or waiting in their queues).
 * A file costs about three times its unpacked size while parsed, so two workers each on a file
 * near maxFileBytes would pass the import's 400 MB budget: a file goes to a worker only while the
 * files already with the workers and it add up to at most this, or when the workers are idle.
 * Everyday files (a few MB) never wait for it.
 */
export const PARSE_BUDGET_BYTES = 48 * 1024 * 1024;

/**
 * What a file will unpack to: a zip entry's declared size (the worker stops there), a gzip's
 * trailer (capped where the worker stops unpacking; a trailer can lie, but the worker still
 * stops at maxFileBytes), or its own size.
 */
export function unpackedEstimate(task: ParseTask): number {
  if (task.inflateTo !== undefined) return task.inflateTo;
  const n = task.bytes.byteLength;
  if (!task.gz && !isGzip(task.bytes)) return n;
  return Math.max(n, Math.min(gzipDeclaredSize(task.bytes), task.limits.maxFileBytes));
}

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
      sentBytes: 0,
      parse: (task) => Promise.resolve(runParseTask(task, known)),
      ready: () => Promise.resolve(0),
      close: () => Promise.resolve(),
    };
  }
  const spec = workerSpec();
  interface Job {
    task: ParseTask;
    /** unpackedEstimate(task), counted in `sentBytes` while the job is with a worker. */
    cost: number;
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
  let sentBytes = 0;
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
    sentBytes += job.cost;
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
      // Past the budget the next file waits; alone, any file goes (it is within maxFileBytes).
      if (sentBytes > 0 && sentBytes + waiting[0]!.cost > PARSE_BUDGET_BYTES) return;
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
      const job = slot.jobs.shift();
      if (job !== undefined) {
        sentBytes -= job.cost;
        job.resolve(outcome);
      }
      dispatch();
    });
    worker.on("error", (err) => {
      // The first file was being parsed when the worker died: it fails. The rest, sent as copies,
      // go back to the front of the line.
      const [job, ...queued] = slot.jobs;
      for (const j of slot.jobs) sentBytes -= j.cost;
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
    get sentBytes() {
      return sentBytes;
    },
    parse(task) {
      if (closed) return Promise.reject(new Error("The parse pool is closed."));
      if (!slots.some((s) => s.ready)) return Promise.resolve(runParseTask(task, known));
      return new Promise((resolve, reject) => {
        waiting.push({ task, cost: unpackedEstimate(task), resolve, reject });
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
