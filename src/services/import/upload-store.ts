/**
 * Where an upload waits for its import. On SQLite one process owns the data folder, so files go
 * under `<dataDir>/tmp/upload-<job>`. On PostgreSQL any instance may run the job, and instances
 * share the database, not a disk: the bytes go to upload_parts in 8 MiB chunks while they arrive,
 * and whichever instance runs the job writes them back to a folder of its own first.
 */
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { uploadParts } from "../../store/index.js";
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
