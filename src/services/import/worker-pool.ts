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
  interface Slot {
    worker: Worker;
    ready: boolean;
    busy: { task: ParseTask; resolve: (o: ParseOutcome) => void; reject: (e: Error) => void } | null;
  }
  const slots: Slot[] = [];
  const waiting: NonNullable<Slot["busy"]>[] = [];
  let closed = false;
  let settled = 0;
  let onSettled: (() => void) | null = null;
  const allSettled = new Promise<void>((resolve) => (onSettled = resolve));
  const settle = (): void => {
    if (++settled === size) onSettled?.();
  };

  const dispatch = (slot: Slot): void => {
    if (slot.busy !== null || !slot.ready) return;
    const next = waiting.shift();
    if (next === undefined) return;
    slot.busy = next;
    // The bytes move to the worker without a copy; the caller must not use them afterwards.
    const buf = next.task.bytes.buffer;
    const transfer = buf instanceof ArrayBuffer && next.task.bytes.byteLength === buf.byteLength ? [buf] : [];
    slot.worker.postMessage(next.task, transfer);
  };

  const spawn = (): Slot => {
    const worker = new Worker(spec.source, { eval: spec.eval });
    worker.postMessage({ known: [...known] });
    const slot: Slot = { worker, ready: false, busy: null };
    worker.on("message", (outcome: ParseOutcome | { ready: true }) => {
      if ("ready" in outcome) {
        slot.ready = true;
        settle();
        dispatch(slot);
        return;
      }
      const job = slot.busy;
      slot.busy = null;
      job?.resolve(outcome);
      dispatch(slot);
    });
    worker.on("error", (err) => {
      const job = slot.busy;
      slot.busy = null;
      job?.reject(err);
      // A worker that died on a file (out of memory, say) is replaced and the batch goes on.
      // One that never started is not: parsing falls back to this thread.
      const i = slots.indexOf(slot);
      if (!slot.ready) settle();
      if (i >= 0 && !closed && slot.ready) slots[i] = spawn();
      else if (i >= 0) slots.splice(i, 1);
      if (!slots.some((s) => s.ready)) {
        for (const w of waiting.splice(0)) w.resolve(runParseTask(w.task, known));
      }
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
        const idle = slots.find((s) => s.ready && s.busy === null);
        if (idle !== undefined) dispatch(idle);
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
