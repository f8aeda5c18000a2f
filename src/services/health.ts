import { sql } from "kysely";
import { DomainError } from "../core/errors.js";
import { pendingMigrations } from "../store/index.js";
import type { App } from "./app.js";

export async function pingDatabase(app: App): Promise<void> {
  await sql`select 1`.execute(app.database.db);
}

/**
 * Ready for traffic: the database answers, every migration of this build has run and the job
 * queue has started (and is not shutting down). Throws NOT_READY naming what is missing.
 */
export async function checkReadiness(app: App, jobs: { kind: string; started: boolean }): Promise<{ queue: string }> {
  await pingDatabase(app);
  const pending = await pendingMigrations(app.database);
  if (pending.length > 0) throw new DomainError("NOT_READY", `The database still needs migration ${pending[0]}.`);
  if (!jobs.started) throw new DomainError("NOT_READY", `The ${jobs.kind} job queue is not running.`);
  return { queue: jobs.kind };
}
