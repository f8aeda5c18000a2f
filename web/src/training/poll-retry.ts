import { ApiError } from "../api.js";

/** How often a running import is asked how far it got. */
export const POLL_MS = 1000;
/** The longest wait between two tries while the server does not answer. */
export const RETRY_MAX_MS = 30_000;

/**
 * No answer (the server is restarting, the laptop woke up) or a 5xx (a proxy in front of a
 * restarting instance) is worth asking again; a 4xx is an answer.
 */
export function isRetryable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status >= 500);
}

/** The wait before try `failures + 1`: doubling from 2 s, at most 30 s, for as long as it takes. */
export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_MAX_MS, POLL_MS * 2 ** Math.max(1, failures));
}
