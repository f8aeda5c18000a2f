import type { Kysely } from "kysely";
import type { DialectName } from "../../store/index.js";
import type { Schema } from "../../store/schema.js";
import { createInProcessQueue } from "./in-process-queue.js";
import type { JobQueue } from "./job-queue.js";
import { createPgBossQueue } from "./pg-boss-queue.js";
import type { PgBossQueueOptions } from "./pg-boss-queue.js";

export type { JobHandler, JobQueue } from "./job-queue.js";
export { createInProcessQueue } from "./in-process-queue.js";
export { createPgBossQueue, PGBOSS_SCHEMA } from "./pg-boss-queue.js";
export type { PgBossQueueOptions } from "./pg-boss-queue.js";

/** pg-boss on PostgreSQL (many instances share it), the in-process queue on SQLite. */
export function createJobQueue(database: { db: Kysely<Schema>; dialect: DialectName }, opts: PgBossQueueOptions = {}): JobQueue {
  return database.dialect === "postgres" ? createPgBossQueue(database.db, opts) : createInProcessQueue(opts);
}
