import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { importOrActivityIdParam, importUploadQuery } from "../../contracts/activities.js";
import type { ImportJob } from "../../contracts/activities.js";
import { DomainError } from "../../core/errors.js";
import {
  createInProcessJobRunner,
  dataDirFor,
  DEFAULT_UPLOAD_LIMIT_BYTES,
  getImportJob,
  startUploadImport,
} from "../../services/import/index.js";
import type { ImportJobRunner } from "../../services/import/index.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

export interface ImportRouteOptions {
  /** Largest upload accepted; default KNEEWISE_UPLOAD_LIMIT_BYTES or 2 GiB. */
  uploadLimitBytes?: number;
  /** Where uploads and unpacked archives go (under tmp/); default the data folder. */
  dataDir?: string;
  runner?: ImportJobRunner;
}

/** Upload bodies pass through as streams: a whole export is never buffered in memory. */
const STREAMED_TYPES = [
  "application/octet-stream",
  "application/zip",
  "application/x-zip-compressed",
  "application/gzip",
  "application/x-gzip",
  "multipart/form-data",
];

export function importRoutes(app: App, opts: ImportRouteOptions = {}) {
  return function register(server: FastifyInstance): void {
    const dataDir = opts.dataDir ?? dataDirFor(app, process.env, process.cwd());
    const envLimit = Number(process.env.KNEEWISE_UPLOAD_LIMIT_BYTES);
    const limitBytes = opts.uploadLimitBytes ?? (Number.isFinite(envLimit) && envLimit > 0 ? envLimit : DEFAULT_UPLOAD_LIMIT_BYTES);
    const runner = opts.runner ?? createInProcessJobRunner(app, { dataDir });
    server.addHook("onClose", () => runner.close());

    // Registered inside this plugin only: other routes keep Fastify's buffered, size-limited parsers.
    server.addContentTypeParser(STREAMED_TYPES, (_request, payload, done) => done(null, payload));

    server.post("/api/imports", async (request, reply): Promise<ImportJob> => {
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
        fileName: query.name ?? (typeof header === "string" ? decodeURIComponent(header) : undefined),
        limitBytes,
        dataDir,
      });
      void reply.status(202);
      return job;
    });

    server.get("/api/imports/:id", async (request): Promise<ImportJob> => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      return getImportJob(app, user.id, id);
    });
  };
}
