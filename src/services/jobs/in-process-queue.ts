/** The embedded (SQLite) queue: jobs run one after another in this process, in the order sent. */
import type { JobHandler, JobQueue } from "./job-queue.js";

export function createInProcessQueue(opts: { onError?: (err: unknown) => void } = {}): JobQueue {
  const handlers = new Map<string, JobHandler<object>>();
  let chain: Promise<void> = Promise.resolve();
  let started = false;
  let closed = false;
  return {
    kind: "in-process",
    retriesAbandonedJobs: false,
    get started() {
      return started && !closed;
    },
    start() {
      started = true;
      return Promise.resolve();
    },
    work<T extends object>(name: string, handler: JobHandler<T>) {
      handlers.set(name, handler as JobHandler<object>);
      return Promise.resolve();
    },
    send<T extends object>(name: string, data: T, { id }: { id: string }) {
      if (closed) return Promise.reject(new Error("The job queue is closed."));
      const handler = handlers.get(name);
      if (handler === undefined) return Promise.reject(new Error(`No worker takes jobs of queue ${name}.`));
      // Starts after the caller's transaction (if any) has been committed: the chain runs later.
      chain = chain.then(() => handler(data, { id })).catch((err: unknown) => opts.onError?.(err));
      return Promise.resolve();
    },
    retry: () => Promise.resolve(false),
    idle: () => chain,
    async close() {
      closed = true;
      await chain;
    },
  };
}
