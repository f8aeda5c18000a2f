/**
 * Watched folders (issue 20, item 4): files that appear or change under a folder (a watch mounted
 * over USB with its GARMIN/Activity folder, the sync folder of a companion app) are imported
 * without a click, by `kneewise watch DIR…` and `kneewise serve --watch DIR`.
 *
 * - What is noticed: a recursive fs.watch where the platform has one, and a full rescan every
 *   `rescanMs` whatever happens (fs.watch misses events on network and FAT mounts, and a folder
 *   unmounted and mounted again loses its watch); the first scan at start finds what arrived
 *   while nothing was watching.
 * - When a file is taken: once its size and modification time stayed the same over two checks
 *   `settleMs` apart, so a file still being copied waits. A file read too early anyway (a copier
 *   that sets the final size first) fails as truncated and is read again once it changes.
 * - Idempotent: the import recognises files it already has by content hash and activities by
 *   their twins (dedupe.ts), so the first scan after a restart only costs reading the files.
 * - One import at a time, one batch per check: the caller gets a summary per batch.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importJobs } from "../../store/index.js";
import type { App } from "../app.js";
import { baseName, fileTypeFromName, isIgnorable } from "./file-kind.js";
import { HEARTBEAT_MS, importAsJob } from "./job-runner.js";
import { formatFileProblem } from "./progress-line.js";
import { ImportStoppedError } from "./run-import.js";
import type { ImportOptions, ImportSummary } from "./run-import.js";
import type { ImportInput } from "./walk-sources.js";

export const DEFAULT_SETTLE_MS = 2_000;
export const DEFAULT_RESCAN_MS = 30_000;

/** What one check imported: the files, and the summary or the reason the import stopped. */
export interface WatchBatch {
  files: readonly string[];
  summary: ImportSummary | null;
  error: unknown;
}

export interface FolderWatchOptions {
  dirs: readonly string[];
  /** Imports one batch of settled files (the CLI: importPaths; serve: recordedImport, an import job). */
  importBatch: (inputs: readonly ImportInput[]) => Promise<ImportSummary>;
  onBatch?: (batch: WatchBatch) => void;
  /** A folder that cannot be read or watched: reported, and tried again at the next rescan. */
  onProblem?: (message: string) => void;
  /** How long a file must stay unchanged before it is read. */
  settleMs?: number;
  rescanMs?: number;
  /** false: no fs.watch, rescans only (the fallback, and its test). */
  useFsWatch?: boolean;
  /** false: nothing runs by itself; the caller drives scan() and check() (tests). */
  timers?: boolean;
}

export interface FolderWatch {
  /** Resolves once the first scan's files were imported. */
  readonly ready: Promise<void>;
  /** Walks every folder and notes files new or changed since they were last imported. */
  scan(): Promise<void>;
  /** Looks at the noted files again and imports, as one batch, those that stayed unchanged. */
  check(): Promise<void>;
  /** Files noted and not yet imported. */
  pendingCount(): number;
  close(): Promise<void>;
}

/** Size and modification time: a file whose stamp changed was written to. */
type Stamp = string;

interface Candidate {
  stamp: Stamp;
  /** Checks in a row that found the same stamp. */
  unchanged: number;
}

/** Whether a name may hold activities: the kinds the import reads, never hidden or temporary files. */
export function isWatchedFileName(name: string): boolean {
  const base = baseName(name);
  if (isIgnorable(name) || base.startsWith("~") || /\.(part|partial|tmp|crdownload)$/i.test(base))
    return false;
  return fileTypeFromName(name).kind !== "unknown";
}

async function stampOf(file: string): Promise<Stamp | null> {
  try {
    const st = await fs.promises.lstat(file);
    return st.isFile() ? `${st.size}:${st.mtimeMs}` : null;
  } catch {
    // Gone between the event and the look (a temporary file renamed): nothing to import.
    return null;
  }
}

/** Every file under `dir` that may hold activities; hidden folders and symbolic links are not followed. */
async function listFiles(dir: string, out: string[]): Promise<void> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      try {
        await listFiles(full, out);
      } catch {
        // A subfolder that went away or cannot be read: the rest of the tree still counts.
      }
    } else if (e.isFile() && isWatchedFileName(full)) out.push(full);
  }
}

export function watchFolders(opts: FolderWatchOptions): FolderWatch {
  const dirs = opts.dirs.map((d) => path.resolve(d));
  const settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  const rescanMs = opts.rescanMs ?? DEFAULT_RESCAN_MS;
  const problem = opts.onProblem ?? (() => undefined);
  /** The stamp each file had when it was last imported (or found unreadable): unchanged, it is not read again. */
  const imported = new Map<string, Stamp>();
  const candidates = new Map<string, Candidate>();
  const watchers: fs.FSWatcher[] = [];
  const timers: NodeJS.Timeout[] = [];
  /** Folders that failed to scan last time: reported once until they work again. */
  const failingDirs = new Set<string>();
  let closed = false;

  const note = async (file: string): Promise<void> => {
    if (!isWatchedFileName(file)) return;
    const stamp = await stampOf(file);
    if (stamp === null) {
      candidates.delete(file);
      return;
    }
    if (imported.get(file) === stamp) return;
    const known = candidates.get(file);
    if (known?.stamp !== stamp) candidates.set(file, { stamp, unchanged: 0 });
  };

  const scan = async (): Promise<void> => {
    const present = new Set<string>();
    for (const dir of dirs) {
      const files: string[] = [];
      try {
        await listFiles(dir, files);
        failingDirs.delete(dir);
      } catch (err) {
        if (!failingDirs.has(dir))
          problem(
            `Cannot read the watched folder ${dir}: ${(err as Error).message}. It is looked at again every ${Math.round(rescanMs / 1000)} s.`,
          );
        failingDirs.add(dir);
        // Unmounted: keep what it had, so the same files are not read again when it comes back.
        for (const f of imported.keys()) if (f.startsWith(dir + path.sep)) present.add(f);
        continue;
      }
      for (const f of files) {
        present.add(f);
        await note(f);
      }
    }
    // Forget files that are gone: the map stays the size of the folders.
    for (const f of imported.keys()) if (!present.has(f)) imported.delete(f);
  };

  const runBatch = async (files: { file: string; stamp: Stamp }[]): Promise<void> => {
    const common = dirs.length === 1 ? dirs[0]! : null;
    const inputs = files.map(({ file }) => ({
      path: file,
      displayName: common ? path.relative(common, file) : file,
    }));
    let summary: ImportSummary | null = null;
    let error: unknown = null;
    try {
      summary = await opts.importBatch(inputs);
    } catch (err) {
      error = err;
      summary = err instanceof ImportStoppedError ? err.summary : null;
    }
    if (error === null) for (const f of files) imported.set(f.file, f.stamp);
    // A stopped import (database away, disk full) leaves its files to the next rescan.
    opts.onBatch?.({ files: inputs.map((i) => i.displayName), summary, error });
  };

  const settle = async (): Promise<void> => {
    const ready: { file: string; stamp: Stamp }[] = [];
    for (const [file, c] of [...candidates]) {
      const stamp = await stampOf(file);
      if (stamp === null) candidates.delete(file);
      else if (stamp !== c.stamp) candidates.set(file, { stamp, unchanged: 0 });
      // Two checks in a row: unchanged over at least one whole settle period.
      else if (++c.unchanged >= 2) {
        candidates.delete(file);
        if (imported.get(file) !== stamp) ready.push({ file, stamp });
      }
    }
    if (ready.length > 0 && !closed) {
      ready.sort((a, b) => a.file.localeCompare(b.file));
      await runBatch(ready);
    }
  };

  /** The check under way, if any: a second caller waits for it instead of starting another. */
  let checking: Promise<void> | null = null;
  const check = (): Promise<void> => {
    checking ??= settle().finally(() => {
      checking = null;
    });
    return checking;
  };

  const startFsWatch = (dir: string): void => {
    try {
      const w = fs.watch(dir, { recursive: true, persistent: false }, (_event, name) => {
        if (closed) return;
        if (name === null) void scan().catch((err: unknown) => problem(String(err)));
        else void note(path.join(dir, name.toString()));
      });
      w.on("error", (err) => {
        // The folder went away (a watch unplugged): rescans carry on, and find it when it is back.
        problem(
          `Stopped watching ${dir} for changes (${err.message}); it is still looked at every ${Math.round(rescanMs / 1000)} s.`,
        );
        w.close();
      });
      watchers.push(w);
    } catch (err) {
      // No recursive watch here (or the folder is missing yet): the rescans do the work.
      problem(
        `Cannot watch ${dir} for changes (${(err as Error).message}); it is looked at every ${Math.round(rescanMs / 1000)} s instead.`,
      );
    }
  };

  const first = (async () => {
    // Watch before the first scan, and before watchFolders returns: a file that lands while the
    // scan runs (or right after a caller is told the watch is on) is then never missed.
    if (opts.timers !== false && opts.useFsWatch !== false) for (const dir of dirs) startFsWatch(dir);
    await scan();
    if (opts.timers === false) return;
    timers.push(
      setInterval(() => void check().catch((err: unknown) => problem(String(err))), settleMs),
      setInterval(() => void scan().catch((err: unknown) => problem(String(err))), rescanMs),
    );
    // Ready once what the first scan found is in (files still being written hold it back).
    // Only the timer checks: two checks are always a settle period apart.
    while (!closed && (candidates.size > 0 || checking !== null)) {
      await new Promise((r) => setTimeout(r, Math.max(10, settleMs / 4)));
    }
  })();

  return {
    ready: first,
    scan,
    check,
    pendingCount: () => candidates.size,
    async close() {
      closed = true;
      for (const w of watchers) w.close();
      for (const t of timers) clearInterval(t);
      await first.catch(() => undefined);
      await checking;
    },
  };
}

/**
 * A watched folder's batch imported as an import job of the runner's, so that it shows in the
 * web app's import list with its counts and failures like an upload. The job runs here, not in
 * the queue: the files are on this server's disk.
 */
export function recordedImport(
  app: App,
  userId: string,
  opts: Omit<ImportOptions, "onProgress" | "jobId">,
): (inputs: readonly ImportInput[]) => Promise<ImportSummary> {
  return async (inputs) => {
    const { db } = app.database;
    const id = randomUUID();
    const stamp = () => app.now().toISOString();
    const now = stamp();
    await importJobs.insertImportJob(db, {
      id,
      user_id: userId,
      status: "running",
      files_total: inputs.length,
      files_done: 0,
      summary_json: null,
      error: null,
      created_at: now,
      updated_at: now,
      // Like the job runner's claimant: a restart after a crash finds this job's process gone.
      claimed_by: `${os.hostname()}:${process.pid}:watch`,
      heartbeat_at: now,
    });
    const ignore = (): void => undefined;
    // Beaten as the job runner beats its jobs, so the job never looks abandoned while it runs.
    const beat = setInterval(() => void importJobs.updateImportJob(db, id, { heartbeat_at: stamp() }).catch(ignore), HEARTBEAT_MS);
    beat.unref();
    try {
      return await importAsJob(app, userId, inputs, opts, {
        id,
        update: (patch) => importJobs.updateImportJob(db, id, patch),
        end: (patch) => importJobs.updateImportJob(db, id, patch),
        onError: ignore,
      });
    } finally {
      clearInterval(beat);
    }
  };
}

/** One line per batch, for a terminal or a log. */
export function describeWatchBatch(batch: WatchBatch): string {
  const n = batch.files.length;
  const what = n === 1 ? batch.files[0]! : `${n} files`;
  if (batch.summary === null)
    return `${what}: the import stopped: ${batch.error instanceof Error ? batch.error.message : String(batch.error)}`;
  const s = batch.summary;
  const parts = [`${s.imported} new`, `${s.duplicates} already there`];
  if (s.skipped > 0) parts.push(`${s.skipped} not activities`);
  if (s.failed.length > 0) parts.push(`${s.failed.length} could not be read`);
  const head = `${what}: ${parts.join(", ")}${batch.error === null ? "" : " (the import stopped part-way)"}`;
  return [head, ...s.failed.map(formatFileProblem)].join("\n");
}
