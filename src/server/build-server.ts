import fs from "node:fs";
import path from "node:path";
import Fastify from "fastify";
import type { FastifyInstance, FastifyServerOptions, RouteOptions } from "fastify";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import type { App } from "../services/app.js";
import { installAuthContext } from "./auth-context.js";
import { installErrorHandler } from "./errors.js";
import { fastifyTrustProxy, installSecurity } from "./security.js";
import type { HostPolicy, TrustProxySetting } from "./security.js";
import { RequestLogController, serializeRequest } from "./request-log.js";
import { isBuildFileRequest, isHashedBuildFile } from "./static-assets.js";
import { isWebRoute } from "../contracts/web-routes.js";
import type { RequestLogLevel } from "./request-log.js";
import { authRoutes } from "./routes/auth.js";
import { healthRoutes } from "./routes/health.js";
import { assessmentRoutes } from "./routes/assessments.js";
import { profileRoutes } from "./routes/profile.js";
import { loadSiteContent } from "../services/content.js";
import { learnRoutes } from "./routes/learn.js";
import { searchRoutes } from "./routes/search.js";
import { communityRoutes } from "./routes/community.js";
import { searchCommentsForSite } from "../services/community/index.js";
import { planRoutes } from "./routes/plans.js";
import { calendarRoutes } from "./routes/calendar.js";
import { trainingRoutes } from "./routes/training.js";
import { painRoutes } from "./routes/pain.js";
import { programmeRoutes } from "./routes/programmes.js";
import { activityRoutes } from "./routes/activities.js";
import { shoeOfferRoutes } from "./routes/shoes.js";
import { createImportRunner, importRoutes } from "./routes/imports.js";
import type { ImportJobRunner } from "../services/import/index.js";
import { sharingRoutes } from "./routes/sharing.js";
import { athleteRoutes } from "./routes/athletes.js";
import { adminRoutes } from "./routes/admin.js";
import { accountRoutes } from "./routes/account.js";
import { uploadTokenRoutes } from "./routes/upload-tokens.js";
import type { MailSettings } from "../services/account/mailer.js";
import { mapConfigRoutes } from "./routes/map-config.js";
import type { MapTileSettings } from "./map-tiles.js";

export interface ServerDeps {
  app: App;
  /** Folder of the built web app (dist/public); omitted or missing means API only. */
  webRoot?: string;
  /** pino options (a URL serializer that redacts secret tokens is added), or false for none. */
  logger?: FastifyServerOptions["logger"];
  /** "debug" keeps the per-request lines out of an info-level log (single-user terminals); default "info". */
  requestLogLevel?: RequestLogLevel;
  /**
   * Trust X-Forwarded-* from reverse proxies (Secure cookies and client addresses behind TLS):
   * a number of hops (true is one), or the proxies' addresses and CIDR ranges.
   */
  trustProxy?: TrustProxySetting;
  /** Host names answered besides loopback ones (DNS rebinding); see security.ts. */
  hosts?: HostPolicy;
  bodyLimit?: number;
  /** Runs upload imports; default pg-boss on PostgreSQL, in-process on SQLite. Closed with the server. */
  importRunner?: ImportJobRunner;
  /** How account emails (password-reset links) go out; omitted: they are written to the log. */
  mail?: MailSettings;
  /** Map tiles under activity routes (KNEEWISE_MAP_TILE_URL, map-tiles.ts); omitted or null: none. */
  mapTiles?: MapTileSettings | null;
  /** Called for every route as it is registered (the security suite's endpoint inventory). */
  onRoute?: (route: RouteOptions) => void;
}

/** Logger options with the request serializer that keeps secret tokens out of logged URLs. */
function withRedactedUrls(logger: ServerDeps["logger"]): FastifyServerOptions["logger"] {
  if (logger === undefined || logger === false) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, req: serializeRequest } };
}

/** Builds the HTTP server without listening, so tests drive it through inject(). */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const server = Fastify({
    logger: withRedactedUrls(deps.logger),
    logController: new RequestLogController(deps.requestLogLevel ?? "info"),
    trustProxy: fastifyTrustProxy(deps.trustProxy),
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
  });
  if (deps.onRoute) server.addHook("onRoute", deps.onRoute);
  installErrorHandler(server);
  installSecurity(server, { mode: deps.app.mode, hosts: deps.hosts, tileOrigin: deps.mapTiles?.origin });
  await server.register(fastifyCookie);
  installAuthContext(server, deps.app);
  const importRunner =
    deps.importRunner ?? createImportRunner(deps.app, { onError: (err) => server.log.error({ err }, "import job queue") });
  await server.register(healthRoutes(deps.app, { jobs: importRunner.queue }));
  await server.register(authRoutes(deps.app, deps.mail));
  await server.register(assessmentRoutes(deps.app));
  await server.register(trainingRoutes(deps.app));
  // Content is read and checked once, at startup; a broken content file stops the server here.
  const siteContent = loadSiteContent();
  await server.register(profileRoutes(deps.app, siteContent.catalogue.exercises));
  await server.register(learnRoutes(deps.app, siteContent));
  await server.register(searchRoutes(deps.app, siteContent, { searchComments: searchCommentsForSite }));
  await server.register(painRoutes(deps.app));
  await server.register(programmeRoutes(deps.app, siteContent.catalogue));
  await server.register(communityRoutes(deps.app));
  await server.register(planRoutes(deps.app));
  await server.register(calendarRoutes(deps.app));
  await server.register(activityRoutes(deps.app));
  await server.register(shoeOfferRoutes(deps.app));
  await server.register(importRoutes(deps.app, { runner: importRunner }));
  await server.register(sharingRoutes(deps.app, deps.mail));
  await server.register(athleteRoutes(deps.app));
  await server.register(adminRoutes(deps.app));
  await server.register(accountRoutes(deps.app, deps.mail));
  await server.register(uploadTokenRoutes(deps.app));
  await server.register(mapConfigRoutes(deps.mapTiles ?? null));

  const webRoot = deps.webRoot;
  if (webRoot !== undefined && fs.existsSync(path.join(webRoot, "index.html"))) {
    await server.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ["index.html"],
      // The .br and .gz copies the build writes beside each file (scripts/compress-assets.mjs).
      preCompressed: true,
      cacheControl: false,
      // Hashed build files never change under their name: cached for a year. The rest (the app
      // shell, the icon) is checked on every use, so a new version shows at once.
      setHeaders: (res, filePath) => {
        res.setHeader("cache-control", isHashedBuildFile(filePath) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
    // Client-side routes (/learn, /assess, …) all load the app shell.
    server.get("/*", (request, reply) => {
      if (request.url.startsWith("/api/")) {
        return reply.status(404).send({ error: { code: "NOT_FOUND", message: `No such endpoint: GET ${request.url}` } });
      }
      // A build file this instance lacks (another version's, mid-upgrade): 404, never the shell.
      if (isBuildFileRequest(request.url))
        return reply.status(404).header("cache-control", "no-store").type("text/plain; charset=utf-8").send("Not found: this file is not part of this version of kneewise.\n");
      // A path the app has no page for still loads the shell (which shows "not found"), as a 404.
      if (!isWebRoute(request.url)) reply.status(404);
      return reply.type("text/html").sendFile("index.html");
    });
  }
  return server;
}
