/** Use cases behind the upload endpoints: receive an upload, queue its import, report on it. */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { DomainError } from "../../core/errors.js";
import { importJobs } from "../../store/index.js";
import type { ImportJobRow } from "../../store/index.js";
import type { App } from "../app.js";
import { STALE_AFTER_MS } from "./job-runner.js";
import type { ImportJobRunner } from "./job-runner.js";
import { receiveUpload } from "./receive-upload.js";
import type { ImportProgress, ImportSummary } from "./run-import.js";

export const DEFAULT_UPLOAD_LIMIT_BYTES = 2 * 1024 ** 3;

export interface ImportJobView {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  filesTotal: number;
  filesDone: number;
  ratePerS: number | null;
  etaS: number | null;
  summary: ImportSummary | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

function toView(row: ImportJobRow): ImportJobView {
  const data = row.summary_json === null ? {} : (JSON.parse(row.summary_json) as { progress?: ImportProgress; summary?: ImportSummary });
  return {
    id: row.id,
    status: row.status,
    filesTotal: row.files_total,
    filesDone: row.files_done,
    ratePerS: data.progress?.ratePerS ?? null,
    etaS: data.progress?.etaS ?? null,
    summary: data.summary ?? null,
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
  dataDir: string;
}

/** Streams the upload to the data folder, records a queued job and hands it to the runner. */
export async function startUploadImport(app: App, runner: ImportJobRunner, userId: string, upload: UploadRequest): Promise<ImportJobView> {
  const id = randomUUID();
  const dir = path.join(upload.dataDir, "tmp", `upload-${id}`);
  let files;
  try {
    files = await receiveUpload(upload.body, { contentType: upload.contentType, fileName: upload.fileName, dir, limitBytes: upload.limitBytes });
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
  const now = app.now().toISOString();
  const row = await importJobs.insertImportJob(app.database.db, {
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
    heartbeat_at: null,
  });
  runner.enqueue({ jobId: id, userId, inputs: files.map((f) => ({ path: f.path, displayName: f.name })), cleanupDir: dir });
  return toView(row);
}

/** The caller's own job; another user's is not found. A job whose runner went silent is failed. */
export async function getImportJob(app: App, userId: string, id: string): Promise<ImportJobView> {
  const { db } = app.database;
  const row = await importJobs.findImportJob(db, userId, id);
  if (!row) throw new DomainError("IMPORT_NOT_FOUND", "There is no such import.");
  if (row.status === "running" || row.status === "queued") {
    const lastSign = Date.parse(row.heartbeat_at ?? row.updated_at);
    if (app.now().getTime() - lastSign > STALE_AFTER_MS) {
      const error = "The import was interrupted (the server stopped). Upload the files again: those already imported are recognised.";
      await importJobs.updateImportJob(db, id, { status: "failed", error, updated_at: app.now().toISOString() });
      return toView({ ...row, status: "failed", error });
    }
  }
  return toView(row);
}
