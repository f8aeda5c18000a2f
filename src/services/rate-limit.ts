import type { Kysely, Transaction } from "kysely";
import { DomainError } from "../core/errors.js";
import { rateLimits } from "../store/index.js";
import type { Schema } from "../store/index.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export interface RateRule {
  /** Part of the counter's key: one counter per rule and subject. */
  name: string;
  limit: number;
  windowMs: number;
  /** "comments", "reports": what the person is told they sent too many of. */
  noun: string;
}

const MINUTE = 60_000;

export const RATE_RULES = {
  comment: { name: "comment", limit: 5, windowMs: 10 * MINUTE, noun: "comments" },
  commentEdit: { name: "comment-edit", limit: 20, windowMs: 10 * MINUTE, noun: "edits" },
  report: { name: "report", limit: 10, windowMs: 60 * MINUTE, noun: "reports" },
  // Training reports that must be built (kept ones are free): a runner's dashboard needs a few a
  // minute, a script asking for every variant gets 429s instead of other runners' CPU time.
  reportBuild: { name: "report-build", limit: 30, windowMs: MINUTE, noun: "uncached report requests" },
} as const satisfies Record<string, RateRule>;

/** "Try again in 3 minutes.": the wait, rounded up to whole minutes. */
function tryAgainIn(retryAfterS: number): string {
  const minutes = Math.ceil(retryAfterS / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Counts one event for `subject` under `rule` and refuses it with RATE_LIMITED (429) past the
 * limit. Fixed windows counted in the database, so every server instance shares them. Called
 * inside the caller's transaction: a refused or failed action does not use up the allowance.
 */
export async function enforceRateLimit(
  db: Db,
  rule: RateRule,
  subject: string,
  now: Date,
): Promise<void> {
  const start = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  const key = `${rule.name}:${subject}`;
  const windowStart = new Date(start).toISOString();
  const count = await rateLimits.incrementCounter(db, key, windowStart);
  if (count === 1) await rateLimits.deleteOldWindows(db, key, windowStart);
  if (count > rule.limit) {
    const retryAfterS = Math.max(1, Math.ceil((start + rule.windowMs - now.getTime()) / 1000));
    throw new DomainError(
      "RATE_LIMITED",
      `You have sent ${rule.limit} ${rule.noun} in ${rule.windowMs === MINUTE ? "a minute" : `${rule.windowMs / MINUTE} minutes`}, the most we take. ${tryAgainIn(retryAfterS)}`,
      { retryAfterS },
    );
  }
}

/**
 * Sliding windows: the events of the last `windowMs`, whenever "now" is, counted in buckets of
 * a fifteenth of the window. A fixed window forgets everything at its boundary, so ten guesses
 * just before it and ten just after pass; here the oldest bucket only leaves once it is a whole
 * window old. Buckets are rows of the same rate_limits table, shared by every instance.
 */
const SLIDING_BUCKETS = 15;

function bucketMs(rule: RateRule): number {
  return Math.max(1000, Math.ceil(rule.windowMs / SLIDING_BUCKETS));
}

/** The events counted for `subject` under `rule` in the window ending now, and when one would leave it. */
async function slidingCount(db: Db, rule: RateRule, subject: string, now: Date): Promise<{ count: number; retryAfterS: number }> {
  const size = bucketMs(rule);
  // A bucket counts while any of it lies inside the window.
  const since = new Date(now.getTime() - rule.windowMs - size + 1).toISOString();
  const windows = await rateLimits.windowsSince(db, `${rule.name}:${subject}`, since);
  const count = windows.reduce((n, w) => n + w.count, 0);
  // Below the limit once enough of the oldest buckets have aged out.
  let left = count;
  let retryAt = now.getTime();
  for (const w of windows) {
    if (left < rule.limit) break;
    left -= w.count;
    retryAt = Date.parse(w.window_start) + size + rule.windowMs;
  }
  return { count, retryAfterS: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
}

/** Counts one event for `subject` under `rule` in its sliding window; returns the window as it now stands. */
export async function recordSlidingEvent(db: Db, rule: RateRule, subject: string, now: Date): Promise<{ count: number; retryAfterS: number }> {
  const size = bucketMs(rule);
  const key = `${rule.name}:${subject}`;
  const bucketStart = new Date(Math.floor(now.getTime() / size) * size).toISOString();
  await rateLimits.incrementCounter(db, key, bucketStart);
  await rateLimits.deleteOldWindows(db, key, new Date(now.getTime() - rule.windowMs - size).toISOString());
  return slidingCount(db, rule, subject, now);
}

/** The RATE_LIMITED error for a sliding rule, with the wait until its oldest event leaves the window. */
export function slidingLimitError(rule: RateRule, retryAfterS: number): DomainError {
  return new DomainError("RATE_LIMITED", `Too many ${rule.noun} in ${rule.windowMs / MINUTE} minutes. ${tryAgainIn(retryAfterS)}`, { retryAfterS });
}

/** Refuses with RATE_LIMITED when `subject` already has `rule.limit` events in the window; counts nothing. */
export async function refuseWhenSlidingLimitReached(db: Db, rule: RateRule, subject: string, now: Date): Promise<void> {
  const { count, retryAfterS } = await slidingCount(db, rule, subject, now);
  if (count >= rule.limit) throw slidingLimitError(rule, retryAfterS);
}

/** Counts one event and refuses it past the limit (sign-ups, resent links): enforceRateLimit, sliding. */
export async function enforceSlidingRateLimit(db: Db, rule: RateRule, subject: string, now: Date): Promise<void> {
  const { count, retryAfterS } = await recordSlidingEvent(db, rule, subject, now);
  if (count > rule.limit) throw slidingLimitError(rule, retryAfterS);
}

/** Forgets the counters of every subject of `rule` whose name starts with `subjectPrefix`. */
export async function clearRateLimits(db: Db, rule: RateRule, subjectPrefix: string): Promise<void> {
  await rateLimits.deleteKeysWithPrefix(db, `${rule.name}:${subjectPrefix}`);
}
