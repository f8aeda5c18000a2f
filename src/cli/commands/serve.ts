import path from "node:path";
import { DomainError } from "../../core/errors.js";
import { createApp } from "../../services/app.js";
import { buildServer } from "../../server/build-server.js";
import type { CliIO } from "../io.js";
import { EXIT_OK } from "../io.js";
import { PACKAGE_ROOT } from "../version.js";
import { resolveDbSpec } from "../db-option.js";
import { mailSettingsFromEnv } from "../../services/account/mailer.js";

export interface ServeOptions {
  port: number;
  host: string;
  db?: string | undefined;
  multiUser: boolean;
  trustProxy: boolean;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

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
  const app = await createApp({ db, multiUser, version: ctl.version, cwd: io.cwd });
  const server = await buildServer({
    app,
    webRoot: path.join(PACKAGE_ROOT, "dist", "public"),
    trustProxy: opts.trustProxy,
    logger: { level: io.env.KNEEWISE_LOG_LEVEL ?? "info" },
    mail,
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
  const url = `http://${shownHost === "127.0.0.1" ? "localhost" : shownHost}:${opts.port}`;
  io.stderr(`kneewise ${ctl.version} on ${url} (${app.database.dialect}: ${app.database.describe}, ${app.mode === "multi" ? "multi-user" : "single-user"})\n`);
  ctl.onListening?.(url);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    ctl.signal?.addEventListener("abort", stop, { once: true });
  });
  io.stderr("kneewise: shutting down\n");
  await server.close();
  await app.close();
  return EXIT_OK;
}
