/** Use cases behind the upload endpoints: receive an upload, queue its import, report on it. */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import { DomainError } from "../../core/errors.js";
import { importJobs, uploadParts } from "../../store/index.js";
import type { ImportJobRow } from "../../store/index.js";
import type { App } from "../app.js";
import { INTERRUPTED_MESSAGE, STALE_AFTER_MS } from "./job-runner.js";
import type { ImportJobData, ImportJobRunner } from "./job-runner.js";
import { receiveUpload } from "./receive-upload.js";
import { databaseUploadStore, diskUploadStore, uploadDir } from "./upload-store.js";
import type { ImportProgress, ImportSummary } from "./run-import.js";

export const DEFAULT_UPLOAD_LIMIT_BYTES = 2 * 1024 ** 3;

export interface ImportJobView {
  id: string;
  /** "interrupted": failed because the server running it stopped (INTERRUPTED_MESSAGE). */
  status: "queued" | "running" | "done" | "failed" | "interrupted";
  filesTotal: number;
  filesDone: number;
  /** From the last progress report while running; from the summary once ended. */
  counts: { imported: number; duplicates: number; skipped: number; failed: number };
  ratePerS: number | null;
  etaS: number | null;
  summary: ImportSummary | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

function toView(row: ImportJobRow): ImportJobView {
  const data = row.summary_json === null ? {} : (JSON.parse(row.summary_json) as { progress?: ImportProgress; summary?: ImportSummary });
  // Summaries stored before warnings existed have none.
  const summary = data.summary === undefined ? null : { ...data.summary, warnings: data.summary.warnings ?? [], moreWarnings: data.summary.moreWarnings ?? 0 };
  const counts =
    summary !== null
      ? { imported: summary.imported, duplicates: summary.duplicates, skipped: summary.skipped, failed: summary.failed.length }
      : { imported: data.progress?.imported ?? 0, duplicates: data.progress?.duplicates ?? 0, skipped: data.progress?.skipped ?? 0, failed: data.progress?.failed ?? 0 };
  return {
    id: row.id,
    status: row.status === "failed" && row.error === INTERRUPTED_MESSAGE ? "interrupted" : row.status,
    filesTotal: row.files_total,
    filesDone: row.files_done,
    counts,
    ratePerS: row.status === "running" ? (data.progress?.ratePerS ?? null) : null,
    etaS: row.status === "running" ? (data.progress?.etaS ?? null) : null,
    summary,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface UploadRequest {
  body: Readable;
  contentType: string;
  fileName: string | undefined;
  limitBytes: number;
}

/**
 * Receives the upload where the runner keeps uploads (the data folder, or upload_parts on
 * PostgreSQL so any instance can run the job), then records a queued job and queues it in one
 * transaction: the job exists in the queue exactly when its row does.
 */
export async function startUploadImport(app: App, runner: ImportJobRunner, userId: string, upload: UploadRequest): Promise<ImportJobView> {
  const { db } = app.database;
  const id = randomUUID();
  const dir = uploadDir(runner.dataDir, id);
  const inDatabase = runner.uploadsIn === "database";
  const discard = () => (inDatabase ? uploadParts.deleteUploadParts(db, id) : fs.rm(dir, { recursive: true, force: true }));
  let files;
  try {
    files = await receiveUpload(upload.body, {
      contentType: upload.contentType,
      fileName: upload.fileName,
      store: inDatabase ? databaseUploadStore(db, id, app.now) : diskUploadStore(dir),
      limitBytes: upload.limitBytes,
    });
  } catch (err) {
    await discard();
    throw err;
  }
  const now = app.now().toISOString();
  try {
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await importJobs.insertImportJob(trx, {
        id,
        user_id: userId,
        status: "queued",
        files_total: files.length,
        files_done: 0,
        summary_json: null,
        error: null,
        created_at: now,
        updated_at: now,
        claimed_by: null,
        heartbeat_at: now,
      });
      const job: ImportJobData = inDatabase
        ? { jobId: id, userId, upload: "database" }
        : { jobId: id, userId, upload: "disk", files: files.map((f) => ({ no: f.no, name: f.name })) };
      await runner.submit(job, trx);
      return inserted;
    });
    return toView(row);
  } catch (err) {
    await discard();
    throw err;
  }
}

/**
 * The caller's own job; another user's is not found. A job whose runner went silent is failed
 * when no other instance can take it over (in-process queue); with a retrying queue it stays
 * queued or running: another instance picks it up again.
 */
export async function getImportJob(
  app: App,
  runner: JobLiveness,
  userId: string,
  id: string,
): Promise<ImportJobView> {
  const row = await importJobs.findImportJob(app.database.db, userId, id);
  if (!row) throw new DomainError("IMPORT_NOT_FOUND", "There is no such import.");
  return toView(await settleSilent(app, runner, row));
}

type JobLiveness = Pick<ImportJobRunner, "queue"> & Partial<Pick<ImportJobRunner, "staleAfterMs">>;

/** Ends a job whose runner went silent when nobody else can take it over; the row as it now is. */
async function settleSilent(app: App, runner: JobLiveness, row: ImportJobRow): Promise<ImportJobRow> {
  if ((row.status === "running" || row.status === "queued") && !runner.queue.retriesAbandonedJobs) {
    const lastSign = Date.parse(row.heartbeat_at ?? row.updated_at);
    if (app.now().getTime() - lastSign > (runner.staleAfterMs ?? STALE_AFTER_MS)) {
      await importJobs.updateImportJob(app.database.db, row.id, { status: "failed", error: INTERRUPTED_MESSAGE, updated_at: app.now().toISOString() });
      return { ...row, status: "failed", error: INTERRUPTED_MESSAGE };
    }
  }
  return row;
}

/**
 * The runner's own imports, newest first: running, done, failed and interrupted, each with its
 * counts, so a page opened after a restart still shows what happened to an upload.
 */
export async function listImportJobs(app: App, runner: JobLiveness, userId: string, limit: number): Promise<ImportJobView[]> {
  const rows = await importJobs.listUserImportJobs(app.database.db, userId, limit);
  const views: ImportJobView[] = [];
  for (const row of rows) views.push(toView(await settleSilent(app, runner, row)));
  return views;
}
