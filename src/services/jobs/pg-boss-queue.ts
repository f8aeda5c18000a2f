/**
 * The PostgreSQL queue: pg-boss (https://github.com/timgit/pg-boss, v10 for Node 20) in its own
 * schema "pgboss" of the app's database, through the app's connection pool. Any number of
 * instances take jobs with SELECT … FOR UPDATE SKIP LOCKED, so a job is active on one instance
 * at a time; a job failed (by us, when its instance went silent, or by pg-boss once it outlives
 * `expireInSeconds`) goes back to "retry" and the next polling instance takes it.
 */
import { CompiledQuery, sql } from "kysely";
import type { Kysely, Transaction } from "kysely";
import PgBoss from "pg-boss";
import type { Schema } from "../../store/schema.js";
import type { JobHandler, JobQueue } from "./job-queue.js";

export interface PgBossQueueOptions {
  /** How often an idle instance asks for work. */
  pollingIntervalSeconds?: number;
  /** A backstop: a job active longer than this is failed and retried even if its instance beats. */
  expireInSeconds?: number;
  /** How many times a job is run again after its instance died. */
  retryLimit?: number;
  onError?: (err: unknown) => void;
}

export const PGBOSS_SCHEMA = "pgboss";

/**
 * pg-boss sends some commands as one text (BEGIN; …; COMMIT). Should one fail, the connection
 * would go back to the pool inside an aborted transaction, so a failed command is rolled back on
 * the connection that ran it before the connection is released.
 */
function poolExecutor(db: Kysely<Schema>): PgBoss.Db {
  return {
    executeSql: (text, values) =>
      db.connection().execute(async (conn) => {
        try {
          const res = await conn.executeQuery(CompiledQuery.raw(text, (values as unknown[] | undefined) ?? []));
          return { rows: res.rows as never[] };
        } catch (err) {
          await conn.executeQuery(CompiledQuery.raw("ROLLBACK")).catch(() => undefined);
          throw err;
        }
      }),
  };
}

function trxExecutor(trx: Transaction<Schema>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const res = await trx.executeQuery(CompiledQuery.raw(text, (values as unknown[] | undefined) ?? []));
      return { rows: res.rows as never[] };
    },
  };
}

/**
 * pg-boss installs its schema under its own advisory lock, yet two instances starting at once
 * still collide: the waiter's catalog snapshot predates the lock, so it fails on a duplicate
 * pg_namespace key; and two create_queue calls for a new queue deadlock on the tables they
 * alter (both found by test/multi-instance). Setup therefore runs one instance at a time per
 * database, under a session lock of ours held on one connection.
 */
async function oneAtATime<T>(db: Kysely<Schema>, setup: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('kneewise.pgboss.setup'))`.execute(conn);
    try {
      return await setup();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('kneewise.pgboss.setup'))`.execute(conn);
    }
  });
}

export function createPgBossQueue(db: Kysely<Schema>, opts: PgBossQueueOptions = {}): JobQueue {
  const boss = new PgBoss({
    db: poolExecutor(db),
    schema: PGBOSS_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: false,
  });
  boss.on("error", (err) => opts.onError?.(err));
  const names = new Set<string>();
  const running = new Set<Promise<void>>();
  let started = false;
  let closed = false;

  return {
    kind: "pg-boss",
    retriesAbandonedJobs: true,
    get started() {
      return started && !closed;
    },
    async start() {
      await oneAtATime(db, () => boss.start());
      started = true;
    },
    async work<T extends object>(name: string, handler: JobHandler<T>) {
      await oneAtATime(db, () => boss.createQueue(name, {
        name,
        policy: "standard",
        retryLimit: opts.retryLimit ?? 3,
        retryDelay: 0,
        expireInSeconds: opts.expireInSeconds ?? 12 * 3600,
        retentionMinutes: 7 * 24 * 60,
      }));
      names.add(name);
      await boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async (jobs) => {
        for (const job of jobs) {
          const run = handler(job.data, { id: job.id });
          running.add(run);
          try {
            await run;
          } finally {
            running.delete(run);
          }
        }
      });
    },
    async send<T extends object>(name: string, data: T, { id, trx }: { id: string; trx?: Transaction<Schema> }) {
      if (closed) throw new Error("The job queue is closed.");
      await boss.send(name, data, { id, ...(trx === undefined ? {} : { db: trxExecutor(trx) }) });
    },
    async retry(name: string, id: string, { trx }: { trx?: Transaction<Schema> } = {}) {
      const conn = trx === undefined ? {} : { db: trxExecutor(trx) };
      await boss.fail(name, id, { message: "its server instance stopped answering" }, conn);
      const job = await boss.getJobById(name, id, { includeArchive: false, ...conn });
      return job !== null && (job.state === "retry" || job.state === "created");
    },
    async idle() {
      await Promise.all([...running]);
    },
    async close() {
      if (closed) return;
      closed = true;
      // Stop fetching first and let the running job end here: handing a live import to another
      // instance would run it twice at once.
      for (const name of names) await boss.offWork(name);
      await Promise.all([...running]);
      await boss.stop({ graceful: true, close: false, wait: true, timeout: 5000 });
    },
  };
}
