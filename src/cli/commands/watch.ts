/**
 * `kneewise watch DIR… [--db …] [--user EMAIL]`: imports the activity files that appear or change
 * under the folders (a watch mounted over USB with its GARMIN/Activity folder, the sync folder of
 * a companion app) until stopped, a summary line per batch. At start it imports what arrived
 * while it was not running; the import's dedupe makes files it already has cost only a read.
 * `kneewise serve --watch DIR` does the same beside the server (watchForServe).
 */
import fs from "node:fs";
import path from "node:path";
import { DomainError } from "../../core/errors.js";
import type { App } from "../../services/app.js";
import { ensureLocalOwner } from "../../services/auth.js";
import { dataDirFor, importPaths, resolveImportUser } from "../../services/import/index.js";
import {
  DEFAULT_RESCAN_MS,
  describeWatchBatch,
  recordedImport,
  watchFolders,
} from "../../services/import/watch-folder.js";
import type { FolderWatch } from "../../services/import/watch-folder.js";
import { EXIT_OK, EXIT_USAGE } from "../io.js";
import type { CliIO } from "../io.js";
import { openImportTarget, plural } from "./import.js";

export interface WatchCommandOptions {
  dirs: string[];
  db?: string | undefined;
  user?: string | undefined;
  /** Seconds between full rescans (the fallback where file-system events do not arrive). */
  rescanSeconds?: number | undefined;
  version: string;
}

export interface WatchControl {
  /** Stops the watch (tests); SIGINT and SIGTERM stop it too. */
  signal?: AbortSignal;
  /** Called once the first scan's files are in. */
  onReady?: () => void;
}

/** Parse workers as for `kneewise import`: KNEEWISE_IMPORT_WORKERS, else one per core. */
function workersFromEnv(env: Record<string, string | undefined>): { workers?: number } {
  const n = Number(env.KNEEWISE_IMPORT_WORKERS);
  return env.KNEEWISE_IMPORT_WORKERS && Number.isInteger(n) && n >= 0 ? { workers: n } : {};
}

function clock(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}:${String(d.getSeconds()).padStart(2, "0")}`;
}

/** A folder that is not there (yet) is still watched: a watch plugged in later mounts it. */
function missingFolders(dirs: readonly string[]): string[] {
  return dirs.filter((d) => {
    try {
      return !fs.statSync(d).isDirectory();
    } catch {
      return true;
    }
  });
}

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve();
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    if (signal?.aborted) stop();
    signal?.addEventListener("abort", stop, { once: true });
  });
}

export async function runWatch(
  opts: WatchCommandOptions,
  io: CliIO,
  ctl: WatchControl = {},
): Promise<number> {
  if (opts.dirs.length === 0) {
    io.stderr("watch: name at least one folder to watch.\n");
    return EXIT_USAGE;
  }
  const target = await openImportTarget("watch", opts, io, "runs these are");
  if (typeof target === "number") return target;
  const { app, user } = target;
  const dirs = opts.dirs.map((d) => path.resolve(io.cwd, d));
  try {
    const rescanMs =
      opts.rescanSeconds !== undefined ? opts.rescanSeconds * 1000 : DEFAULT_RESCAN_MS;
    for (const d of missingFolders(dirs))
      io.stderr(
        `watch: ${d} is not there yet; it is looked at every ${Math.round(rescanMs / 1000)} s.\n`,
      );
    const dataDir = dataDirFor(app, io.env, io.cwd);
    io.stderr(`kneewise: watching ${dirs.join(", ")} for activity files (Ctrl-C stops)\n`);
    const watch = watchFolders({
      dirs,
      rescanMs,
      importBatch: (inputs) =>
        importPaths(app, user.id, inputs, { dataDir, ...workersFromEnv(io.env) }),
      onBatch: (batch) => {
        io.stdout(`${clock()} ${describeWatchBatch(batch)}\n`);
        if (batch.summary !== null && batch.error === null && batch.summary.imported > 0)
          io.stdout(
            `${clock()} You now have ${plural(batch.summary.activities, "activity", "activities")}.\n`,
          );
      },
      onProblem: (message) => io.stderr(`watch: ${message}\n`),
    });
    const stopped = waitForStop(ctl.signal);
    await Promise.race([watch.ready, stopped]);
    ctl.onReady?.();
    await stopped;
    await watch.close();
    io.stderr("kneewise: stopped watching\n");
    return EXIT_OK;
  } finally {
    await app.close();
  }
}

/**
 * The watch beside `kneewise serve --watch DIR`: the local owner's runs in single-user mode, the
 * account named by --watch-user on a multi-user site. Each batch is an import job of the runner's
 * (it shows in the web app's import list) and a line in the server's output.
 */
export async function watchForServe(
  app: App,
  opts: { dirs: readonly string[]; user?: string | undefined },
  io: CliIO,
): Promise<FolderWatch> {
  if (app.mode === "multi" && opts.user === undefined)
    throw new DomainError(
      "USER_REQUIRED",
      "A multi-user site holds several runners: name whose runs the watched folders hold with --watch-user EMAIL.",
    );
  const user =
    opts.user === undefined ? await ensureLocalOwner(app) : await resolveImportUser(app, opts.user);
  const dirs = opts.dirs.map((d) => path.resolve(io.cwd, d));
  for (const d of missingFolders(dirs))
    io.stderr(
      `kneewise: watch: ${d} is not there yet; it is looked at every ${DEFAULT_RESCAN_MS / 1000} s.\n`,
    );
  io.stderr(`kneewise: watching ${dirs.join(", ")} for ${user.email}'s activity files\n`);
  return watchFolders({
    dirs,
    importBatch: recordedImport(app, user.id, {
      dataDir: dataDirFor(app, io.env, io.cwd),
      ...workersFromEnv(io.env),
    }),
    onBatch: (batch) => io.stderr(`kneewise: watch: ${describeWatchBatch(batch)}\n`),
    onProblem: (message) => io.stderr(`kneewise: watch: ${message}\n`),
  });
}
