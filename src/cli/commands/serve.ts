import path from "node:path";
import { DomainError } from "../../core/errors.js";
import { createApp, databaseWaitFromEnv } from "../../services/app.js";
import { buildServer } from "../../server/build-server.js";
import type { CliIO } from "../io.js";
import { EXIT_OK } from "../io.js";
import { PACKAGE_ROOT } from "../version.js";
import { resolveDbSpec } from "../db-option.js";
import { mailSettingsFromEnv } from "../../services/account/mailer.js";
import { announceSiteSetup, parseSignupMode } from "../../services/account/site-setup.js";
import { isLoopbackHostName, normaliseAllowedHost, parseTrustProxy } from "../../server/security.js";
import { mapTilesFromEnv } from "../../server/map-tiles.js";
import { watchForServe } from "./watch.js";

export interface ServeOptions {
  port: number;
  host: string;
  db?: string | undefined;
  multiUser: boolean;
  /** Bare flag (true): one proxy; "N": N proxies; "ADDR,CIDR,…": the proxies' addresses. */
  trustProxy?: boolean | string | undefined;
  /** --allowed-host, repeatable: more Host names to answer (DNS rebinding defence). */
  allowedHost?: string[] | undefined;
  /** --signup: open, invite or closed (default $KNEEWISE_SIGNUP, else open). */
  signup?: string | undefined;
  /** --watch, repeatable: folders whose new activity files are imported (see kneewise watch). */
  watch?: string[] | undefined;
  /** --watch-user: whose runs they are (multi-user); default the local owner. */
  watchUser?: string | undefined;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);
/** Listening on every address: which names reach the server is then unknown. */
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]"]);

function listOf(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * The Host names to answer besides loopback ones: --allowed-host and KNEEWISE_ALLOWED_HOSTS, and
 * in multi-user mode the address it listens on when that is one address (an address in Host
 * cannot be rebound). Listening on every address in multi-user mode needs KNEEWISE_PUBLIC_URL or
 * an allowed name: otherwise any name pointed at the server would be answered, or none would.
 */
export function hostPolicyFor(
  opts: Pick<ServeOptions, "host" | "allowedHost">,
  env: Record<string, string | undefined>,
  multiUser: boolean,
): { allowedHosts: string[]; publicUrl: string | undefined } {
  const allowedHosts = [...(opts.allowedHost ?? []), ...listOf(env.KNEEWISE_ALLOWED_HOSTS)].map(normaliseAllowedHost);
  const publicUrl = env.KNEEWISE_PUBLIC_URL?.trim() || undefined;
  if (multiUser) {
    if (WILDCARD_HOSTS.has(opts.host)) {
      if (publicUrl === undefined && allowedHosts.length === 0)
        throw new DomainError(
          "CONFIG_INVALID",
          `Listening on ${opts.host} in multi-user mode needs the name runners use: set KNEEWISE_PUBLIC_URL (e.g. https://kneewise.club.example) or pass --allowed-host NAME.`,
        );
    } else if (!isLoopbackHostName(opts.host) && !LOOPBACK_HOSTS.has(opts.host)) {
      allowedHosts.push(normaliseAllowedHost(opts.host.includes(":") ? `[${opts.host}]` : opts.host));
    }
  }
  return { allowedHosts, publicUrl };
}

/**
 * Starts the server and resolves with the exit code once it has shut down (SIGTERM/SIGINT,
 * or `signal` aborting in tests). Requests in flight finish before the database closes.
 */
export async function runServe(
  opts: ServeOptions,
  io: CliIO,
  ctl: { signal?: AbortSignal; onListening?: (url: string) => void; version: string },
): Promise<number> {
  const db = resolveDbSpec(opts.db, io);
  const isPg = /^postgres(ql)?:/i.test(db);
  const multiUser = opts.multiUser || isPg;
  if (!multiUser && !LOOPBACK_HOSTS.has(opts.host)) {
    // Single-user mode signs everyone in as the owner: only safe when nobody else can connect.
    throw new DomainError(
      "UNSAFE_HOST",
      `Single-user mode only listens on this computer (127.0.0.1); add --multi-user to listen on ${opts.host}.`,
    );
  }
  // Checked before opening anything: a half-configured SMTP stops the start with a clear message.
  const ownUrl = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host === "127.0.0.1" ? "localhost" : opts.host}:${opts.port}`;
  const mail = mailSettingsFromEnv(io.env, ownUrl);
  const hosts = hostPolicyFor(opts, io.env, multiUser);
  const trustProxy = parseTrustProxy(opts.trustProxy ?? io.env.KNEEWISE_TRUST_PROXY);
  const signup = parseSignupMode(opts.signup ?? io.env.KNEEWISE_SIGNUP);
  // Map tiles are off unless configured: a tile request tells the tile server where the run was.
  const mapTiles = mapTilesFromEnv(io.env);
  // A service started before PostgreSQL (at boot) waits for it, a line per retry, then gives up.
  const dbWait = databaseWaitFromEnv(io.env);
  const app = await createApp({ db, multiUser, version: ctl.version, cwd: io.cwd, signup, dbWait, log: (line) => io.stderr(`kneewise: ${line}\n`) });
  const server = await buildServer({
    app,
    webRoot: path.join(PACKAGE_ROOT, "dist", "public"),
    trustProxy,
    hosts,
    // On a laptop the terminal stays quiet (warnings and errors; a line per request only at
    // KNEEWISE_LOG_LEVEL=debug); a club's instances log every request for their operators.
    logger: { level: io.env.KNEEWISE_LOG_LEVEL ?? (app.mode === "local" ? "warn" : "info") },
    requestLogLevel: app.mode === "local" ? "debug" : "info",
    mail,
    mapTiles,
  });
  try {
    await server.listen({ port: opts.port, host: opts.host });
  } catch (err) {
    await server.close();
    await app.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new DomainError("PORT_IN_USE", `Port ${opts.port} is already in use: stop the other program or pass --port.`);
    if (code === "EACCES")
      throw new DomainError("PORT_DENIED", `Not allowed to listen on port ${opts.port}: choose a port above 1023.`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new DomainError("HOST_UNAVAILABLE", `Cannot listen on host ${opts.host}: it is not an address of this computer.`);
    throw err;
  }
  const shownHost = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  // The port really listened on (--port 0 picks a free one).
  const address = server.server.address();
  const port = address !== null && typeof address === "object" ? address.port : opts.port;
  const url = `http://${shownHost === "127.0.0.1" ? "localhost" : shownHost}:${port}`;
  io.stderr(`kneewise ${ctl.version} on ${url} (${app.database.dialect}: ${app.database.describe}, ${app.mode === "multi" ? "multi-user" : "single-user"})\n`);
  // A multi-user site with no admin: the one-time setup link, for the operator's eyes only.
  await announceSiteSetup(app, hosts.publicUrl ?? url, (line) => io.stderr(`kneewise: ${line}\n`));
  // After the listen: a runner may open the page while the first scan imports.
  const watch = opts.watch !== undefined && opts.watch.length > 0 ? await watchForServe(app, { dirs: opts.watch, user: opts.watchUser }, io).catch(async (err: unknown) => {
    await server.close();
    await app.close();
    throw err;
  }) : null;
  ctl.onListening?.(url);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    ctl.signal?.addEventListener("abort", stop, { once: true });
  });
  io.stderr("kneewise: shutting down\n");
  await watch?.close();
  await server.close();
  await app.close();
  return EXIT_OK;
}
