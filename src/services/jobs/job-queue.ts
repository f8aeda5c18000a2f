/**
 * Background jobs behind one small interface: on PostgreSQL a pg-boss queue shared by every
 * server instance, on SQLite (one process owns the file) an in-process queue.
 */
import type { Transaction } from "kysely";
import type { Schema } from "../../store/schema.js";

export type JobHandler<T> = (data: T, job: { id: string }) => Promise<void>;

export interface JobQueue {
  readonly kind: "pg-boss" | "in-process";
  /**
   * True when a job whose instance died can be handed to another instance (pg-boss); false
   * when nobody else will ever run it (in-process), so it must be reported failed.
   */
  readonly retriesAbandonedJobs: boolean;
  /** True once start() has finished and until close(): the health check reports it. */
  readonly started: boolean;
  start(): Promise<void>;
  /** Takes jobs of `name`, one at a time per instance (the parse pool already uses every core). */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /**
   * Adds a job. With `trx` the job is written in the caller's transaction (pg-boss), so it exists
   * exactly when the caller's rows do; an in-process job starts once the caller has returned.
   */
  send<T extends object>(name: string, data: T, opts: { id: string; trx?: Transaction<Schema> }): Promise<void>;
  /**
   * Hands a job whose instance went silent back to the queue (inside `trx` when given); false
   * when its retries are used up or the queue cannot retry.
   */
  retry(name: string, id: string, opts?: { trx?: Transaction<Schema> }): Promise<boolean>;
  /** Resolves once every job this instance has taken so far has ended (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops taking jobs, lets the running one finish, then stops. */
  close(): Promise<void>;
}
