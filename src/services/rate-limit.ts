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
} as const satisfies Record<string, RateRule>;

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
    const minutes = Math.ceil(retryAfterS / 60);
    throw new DomainError(
      "RATE_LIMITED",
      `You have sent ${rule.limit} ${rule.noun} in ${rule.windowMs / MINUTE} minutes, the most we take. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      { retryAfterS },
    );
  }
}
