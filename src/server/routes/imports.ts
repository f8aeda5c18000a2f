import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { importJobListQuery, importOrActivityIdParam, importUploadQuery } from "../../contracts/activities.js";
import type { ImportJob, ImportJobList } from "../../contracts/activities.js";
import { DomainError } from "../../core/errors.js";
import {
  createImportJobRunner,
  dataDirFor,
  DEFAULT_UPLOAD_LIMIT_BYTES,
  getImportJob,
  listImportJobs,
  startUploadImport,
} from "../../services/import/index.js";
import type { ImportJobRunner } from "../../services/import/index.js";
import { createJobQueue } from "../../services/jobs/index.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

export interface ImportRouteOptions {
  /** Largest upload accepted; default KNEEWISE_UPLOAD_LIMIT_BYTES or 2 GiB. */
  uploadLimitBytes?: number;
  /** Where uploads and unpacked archives go (under tmp/); default the data folder. */
  dataDir?: string;
  /** Started when the routes register and closed with the server; default createImportRunner(). */
  runner?: ImportJobRunner;
}

function secondsFromEnv(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
}

/**
 * The import runner a server uses: pg-boss on PostgreSQL, in-process on SQLite. Heartbeat and
 * silence limits come from KNEEWISE_JOB_HEARTBEAT_SECONDS and KNEEWISE_JOB_STALE_SECONDS, parse
 * workers and batch size from KNEEWISE_IMPORT_WORKERS and KNEEWISE_IMPORT_BATCH_FILES (as for
 * `kneewise import`).
 */
export function createImportRunner(
  app: App,
  opts: { dataDir?: string; env?: Record<string, string | undefined>; onError?: (err: unknown) => void } = {},
): ImportJobRunner {
  const env = opts.env ?? process.env;
  const onError = opts.onError ?? (() => undefined);
  const heartbeatMs = secondsFromEnv(env.KNEEWISE_JOB_HEARTBEAT_SECONDS);
  const staleAfterMs = secondsFromEnv(env.KNEEWISE_JOB_STALE_SECONDS);
  const workers = Number(env.KNEEWISE_IMPORT_WORKERS);
  const batchFiles = Number(env.KNEEWISE_IMPORT_BATCH_FILES);
  return createImportJobRunner(app, createJobQueue(app.database, { onError }), {
    dataDir: opts.dataDir ?? dataDirFor(app, env, process.cwd()),
    onError,
    ...(env.KNEEWISE_IMPORT_WORKERS && Number.isInteger(workers) && workers >= 0 ? { workers } : {}),
    ...(env.KNEEWISE_IMPORT_BATCH_FILES && Number.isInteger(batchFiles) && batchFiles > 0 ? { batchFiles } : {}),
    ...(heartbeatMs === undefined ? {} : { heartbeatMs }),
    ...(staleAfterMs === undefined ? {} : { staleAfterMs }),
  });
}

/** Upload bodies pass through as streams: a whole export is never buffered in memory. */
/** X-File-Name carries the name URL-encoded (headers are ASCII); a broken escape is the client's mistake, not a 500. */
function fileNameHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new DomainError("VALIDATION_FAILED", "X-File-Name must be the file name URL-encoded (as encodeURIComponent writes it).");
  }
}

const STREAMED_TYPES = [
  "application/octet-stream",
  "application/zip",
  "application/x-zip-compressed",
  "application/gzip",
  "application/x-gzip",
  "multipart/form-data",
  // The types phone apps give a file they send as the whole body (HTTP Shortcuts, Tasker take
  // them from the file): the name, not the type, says what the file is.
  "application/vnd.ant.fit",
  "application/fit",
  "application/gpx+xml",
  "application/vnd.garmin.tcx+xml",
];

export function importRoutes(app: App, opts: ImportRouteOptions = {}) {
  return async function register(server: FastifyInstance): Promise<void> {
    const envLimit = Number(process.env.KNEEWISE_UPLOAD_LIMIT_BYTES);
    const limitBytes = opts.uploadLimitBytes ?? (Number.isFinite(envLimit) && envLimit > 0 ? envLimit : DEFAULT_UPLOAD_LIMIT_BYTES);
    const runner =
      opts.runner ??
      createImportRunner(app, {
        ...(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir }),
        onError: (err) => server.log.error({ err }, "import job queue"),
      });
    // Every instance takes jobs from the queue as soon as it is up, not only the one that got the upload.
    await runner.start();
    server.addHook("onClose", () => runner.close());

    // Registered inside this plugin only: other routes keep Fastify's buffered, size-limited parsers.
    server.addContentTypeParser(STREAMED_TYPES, (_request, payload, done) => done(null, payload));

    // Personal upload tokens (Authorization: Bearer) may send runs and follow their imports: config.uploadToken.
    server.post("/api/imports", { config: { uploadToken: true } }, async (request, reply): Promise<ImportJob> => {
      const user = requireUser(request);
      const query = importUploadQuery.parse(request.query);
      if (!(request.body instanceof Readable)) {
        throw new DomainError(
          "UNSUPPORTED_MEDIA_TYPE",
          "Send the files as the request body (application/octet-stream or application/zip) or as multipart/form-data.",
        );
      }
      const header = request.headers["x-file-name"];
      const job = await startUploadImport(app, runner, user.id, {
        body: request.body,
        contentType: request.headers["content-type"] ?? "application/octet-stream",
        fileName: query.name ?? (typeof header === "string" ? fileNameHeader(header) : undefined),
        limitBytes,
      });
      void reply.status(202);
      return job;
    });

    // The runner's own imports, newest first, with their counts: a page opened after a restart
    // finds an upload that was running, and what became of it.
    server.get("/api/imports", { config: { uploadToken: true } }, async (request): Promise<ImportJobList> => {
      const user = requireUser(request);
      const { limit } = importJobListQuery.parse(request.query);
      return { imports: await listImportJobs(app, runner, user.id, limit) };
    });

    server.get("/api/imports/:id", { config: { uploadToken: true } }, async (request): Promise<ImportJob> => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      return getImportJob(app, runner, user.id, id);
    });
  };
}
