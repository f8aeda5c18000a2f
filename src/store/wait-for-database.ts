/*
 * Waiting for PostgreSQL at start (issue 21, item 3). On a boot, or after the database host
 * restarts, the service manager may start kneewise before PostgreSQL accepts connections; exiting at
 * once would leave a crash loop in the journal and, past systemd's start limit, a stopped service.
 * So a start that cannot reach the server tries again with backoff for a while, saying so in one
 * line each time, and only then gives up with one clear sentence. Errors that waiting cannot mend
 * (a wrong password, a database that does not exist) fail at once.
 */
import { DomainError } from "../core/errors.js";

export interface DatabaseWait {
  /** How long to keep trying, in total, before giving up (0: try once). */
  maxWaitMs: number;
  /** The pause after the first failure; each next pause doubles, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** What a server start waits (KNEEWISE_DB_WAIT_SECONDS changes the 60 s). */
export const DEFAULT_DATABASE_WAIT: DatabaseWait = {
  maxWaitMs: 60_000,
  firstDelayMs: 500,
  maxDelayMs: 8_000,
};
/** One try: a command someone runs by hand says at once that the database is not there. */
export const NO_WAIT: DatabaseWait = { maxWaitMs: 0, firstDelayMs: 0, maxDelayMs: 0 };

/** The wait from KNEEWISE_DB_WAIT_SECONDS (a whole number of seconds; 0 turns waiting off). */
export function databaseWaitFromEnv(env: Record<string, string | undefined>): DatabaseWait {
  const raw = env.KNEEWISE_DB_WAIT_SECONDS?.trim();
  if (raw === undefined || raw === "") return DEFAULT_DATABASE_WAIT;
  if (!/^\d+$/.test(raw))
    throw new DomainError(
      "CONFIG_INVALID",
      `KNEEWISE_DB_WAIT_SECONDS must be a whole number of seconds, not "${raw}".`,
    );
  return { ...DEFAULT_DATABASE_WAIT, maxWaitMs: Number(raw) * 1000 };
}

// Node's socket errors while the server is not up yet, or not yet reachable.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
// PostgreSQL's "cannot_connect_now" (starting up, shutting down, in recovery) and "too many connections".
const PG_TRANSIENT_CODES = new Set(["57P03", "53300"]);

/** True when trying again later may succeed: the server is not up or not reachable yet. */
export function isTransientConnectError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (NETWORK_CODES.has(e.code) || PG_TRANSIENT_CODES.has(e.code)))
    return true;
  // Node reports a name with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.length > 0)
    return e.errors.every(isTransientConnectError);
  const message = typeof e.message === "string" ? e.message : "";
  return /timeout exceeded when trying to connect|connection terminated|the database system is (starting up|shutting down)/i.test(
    message,
  );
}

export function reasonOf(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; errors?: unknown };
  if (typeof e.message === "string" && e.message !== "") return e.message.replace(/\.$/, "");
  if (Array.isArray(e.errors) && e.errors.length > 0) return reasonOf(e.errors[0]);
  return typeof e.code === "string" ? e.code : "no answer";
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Runs `attempt` until it succeeds, it fails with an error waiting cannot mend, or `wait.maxWaitMs`
 * has passed; `onRetry` hears one line before each pause. The last error is reported as
 * DB_UNREACHABLE naming `where` (never the URL: it may hold the password).
 */
export async function withDatabaseWait<T>(
  attempt: () => Promise<T>,
  opts: {
    where: string;
    wait: DatabaseWait;
    onRetry?: ((line: string) => void) | undefined;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<T> {
  const sleep =
    opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = Date.now();
  let delay = opts.wait.firstDelayMs;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      const reason = reasonOf(err);
      if (!isTransientConnectError(err))
        throw new DomainError(
          "DB_UNREACHABLE",
          `Cannot reach PostgreSQL at ${opts.where}: ${reason}.`,
        );
      const waited = Date.now() - started;
      if (waited + delay > opts.wait.maxWaitMs) {
        const after = tries > 1 ? ` after trying for ${seconds(waited)}` : "";
        throw new DomainError(
          "DB_UNREACHABLE",
          `Cannot reach PostgreSQL at ${opts.where}${after}: ${reason}. Check that PostgreSQL runs and that this host may connect to it.`,
        );
      }
      opts.onRetry?.(
        `PostgreSQL at ${opts.where} is not reachable yet (${reason}); trying again in ${seconds(delay)} (waited ${seconds(waited)} of ${seconds(opts.wait.maxWaitMs)}).`,
      );
      await sleep(delay);
      delay = Math.min(delay * 2, opts.wait.maxDelayMs);
    }
  }
}
