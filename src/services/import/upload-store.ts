/**
 * Where an upload waits for its import. On SQLite one process owns the data folder, so files go
 * under `<dataDir>/tmp/upload-<job>`. On PostgreSQL any instance may run the job, and instances
 * share the database, not a disk: the bytes go to upload_parts in 8 MiB chunks while they arrive,
 * and whichever instance runs the job writes them back to a folder of its own first.
 *
 * An instance that dies mid-upload, or mid-job, leaves its chunks or folder behind:
 * sweepAbandonedUploads, run by every job runner when it starts and every few minutes after,
 * removes them within the hour.
 */
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { importJobs, uploadParts } from "../../store/index.js";
import type { Schema } from "../../store/schema.js";
import type { ImportInput } from "./walk-sources.js";

export interface UploadSink {
  write(buf: Buffer): Promise<void>;
  end(): Promise<void>;
}

export interface UploadStore {
  /** A sink for the `no`-th file of the upload (1-based). */
  open(no: number, name: string): Promise<UploadSink>;
}

/** Chunk size in upload_parts: large enough for few rows, small enough to hold one in memory. */
export const UPLOAD_PART_BYTES = 8 * 1024 * 1024;

export function uploadDir(dataDir: string, jobId: string): string {
  return path.join(dataDir, "tmp", `upload-${jobId}`);
}

function filePath(dir: string, no: number): string {
  return path.join(dir, `part-${no}`);
}

export function diskUploadStore(dir: string): UploadStore {
  return {
    async open(no) {
      await fs.promises.mkdir(dir, { recursive: true });
      const out = fs.createWriteStream(filePath(dir, no), { flags: "wx" });
      return {
        async write(buf) {
          if (buf.length === 0) return;
          if (!out.write(buf)) await once(out, "drain");
        },
        async end() {
          out.end();
          await once(out, "close");
        },
      };
    },
  };
}

/** The files of a finished disk upload as import inputs. */
export function diskUploadInputs(dir: string, files: { no: number; name: string }[]): ImportInput[] {
  return files.map((f) => ({ path: filePath(dir, f.no), displayName: f.name }));
}

export function databaseUploadStore(db: Kysely<Schema>, jobId: string, now: () => Date): UploadStore {
  return {
    open(no, name) {
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let partNo = 0;
      const flush = async (): Promise<void> => {
        if (pendingBytes === 0) return;
        const bytes = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        partNo += 1;
        await uploadParts.insertUploadPart(db, { job_id: jobId, file_no: no, part_no: partNo, file_name: name, bytes, created_at: now().toISOString() });
      };
      return Promise.resolve({
        async write(buf) {
          // Written as the upload arrives: awaiting the insert is the back-pressure on the socket.
          let rest = buf;
          while (rest.length > 0) {
            const take = Math.min(rest.length, UPLOAD_PART_BYTES - pendingBytes);
            pending.push(rest.subarray(0, take));
            pendingBytes += take;
            rest = rest.subarray(take);
            if (pendingBytes === UPLOAD_PART_BYTES) await flush();
          }
        },
        end: flush,
      });
    },
  };
}

/**
 * Writes a database upload back to files under `dir` (this instance's data folder), one chunk in
 * memory at a time, and returns them as import inputs.
 */
export async function materialiseDatabaseUpload(db: Kysely<Schema>, jobId: string, dir: string): Promise<ImportInput[]> {
  await fs.promises.mkdir(dir, { recursive: true });
  const inputs: ImportInput[] = [];
  for (const file of await uploadParts.listUploadFiles(db, jobId)) {
    const target = filePath(dir, file.fileNo);
    // "w", not "wx": a retried job may find what an earlier attempt on this host left behind.
    const out = fs.createWriteStream(target, { flags: "w" });
    try {
      for (let part = 1; part <= file.parts; part++) {
        const bytes = await uploadParts.readUploadPart(db, jobId, file.fileNo, part);
        if (bytes === undefined) throw new Error(`chunk ${part} of upload file ${file.fileNo} is missing`);
        if (!out.write(bytes)) await once(out, "drain");
      }
    } finally {
      out.end();
      await once(out, "close");
    }
    inputs.push({ path: target, displayName: file.fileName });
  }
  return inputs;
}

/**
 * An upload silent this long is abandoned: a live one writes a chunk every 8 MiB (on disk, its
 * file's time moves with every write), so this is a client sending under 5 kB/s, or a dead one.
 */
export const ABANDONED_UPLOAD_AFTER_MS = 30 * 60_000;
/** How often each job runner sweeps: an abandoned upload is gone within 35 minutes of its last byte. */
export const SWEEP_UPLOADS_EVERY_MS = 5 * 60_000;

export interface UploadSweep {
  /** upload_parts rows removed. */
  parts: number;
  /** Upload folders removed from the data folder's tmp/. */
  folders: number;
}

/** The newest modification time in a folder of files (one level: an upload folder holds files). */
async function newestChange(dir: string): Promise<number> {
  let newest = (await fs.promises.stat(dir)).mtimeMs;
  for (const name of await fs.promises.readdir(dir)) {
    try {
      newest = Math.max(newest, (await fs.promises.stat(path.join(dir, name))).mtimeMs);
    } catch {
      // Removed meanwhile: the folder is in use or being cleaned.
    }
  }
  return newest;
}

/**
 * Removes what abandoned uploads left: chunks in upload_parts silent since before `now` less
 * ABANDONED_UPLOAD_AFTER_MS whose job is not waiting or running, and upload folders under
 * `<dataDir>/tmp` as quiet whose job is neither that nor `live` here. `live` names the jobs this
 * process is running or holding (on SQLite, where one process owns the data folder, a job row
 * still marked running after a crash is not live).
 */
export async function sweepAbandonedUploads(
  db: Kysely<Schema>,
  dataDir: string,
  now: Date,
  opts: { live: (jobId: string) => boolean; trustJobRows: boolean },
): Promise<UploadSweep> {
  const before = now.getTime() - ABANDONED_UPLOAD_AFTER_MS;
  const parts = await uploadParts.deleteOrphanUploadParts(db, new Date(before).toISOString());
  const tmp = path.join(dataDir, "tmp");
  let names: string[];
  try {
    names = (await fs.promises.readdir(tmp)).filter((n) => n.startsWith("upload-"));
  } catch {
    return { parts, folders: 0 };
  }
  const quiet: { dir: string; jobId: string }[] = [];
  for (const name of names) {
    const jobId = name.slice("upload-".length);
    const dir = path.join(tmp, name);
    if (opts.live(jobId)) continue;
    try {
      if ((await newestChange(dir)) < before) quiet.push({ dir, jobId });
    } catch {
      // Gone already.
    }
  }
  const needed = opts.trustJobRows ? await importJobs.unfinishedImportJobIds(db, quiet.map((q) => q.jobId)) : new Set<string>();
  let folders = 0;
  for (const q of quiet) {
    if (needed.has(q.jobId) || opts.live(q.jobId)) continue;
    await fs.promises.rm(q.dir, { recursive: true, force: true });
    folders++;
  }
  return { parts, folders };
}
