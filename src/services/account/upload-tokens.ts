/**
 * Personal upload tokens (issue 20, item 3): a runner makes named tokens for a phone automation,
 * a watch companion app or a script, which then send runs with `Authorization: Bearer <secret>`.
 *
 * The secret is 32 random bytes shown once; the database keeps only its SHA-256 (for a secret of
 * 256 random bits a fast hash is enough: there is nothing to guess from it), so a copy of the
 * database lets nobody upload. What a token may reach is decided per route (auth-context.ts): the
 * imports, nothing else.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { UPLOAD_TOKENS_MAX } from "../../contracts/upload-tokens.js";
import type { UploadTokenView } from "../../contracts/upload-tokens.js";
import { DomainError } from "../../core/errors.js";
import { uploadTokens, users } from "../../store/index.js";
import type { UploadTokenRow } from "../../store/index.js";
import type { App } from "../app.js";
import { hashToken, toPublicUser } from "../auth.js";
import type { PublicUser } from "../auth.js";
import { enforceRateLimit } from "../rate-limit.js";
import type { RateRule } from "../rate-limit.js";

/** Secrets start with this, so that secret scanners and people recognise one pasted by mistake. */
export const UPLOAD_TOKEN_PREFIX = "kwu_";

/**
 * Requests per token and minute. A phone sends a run and polls its import a few times; a script
 * sending a whole folder file by file stays well under. Counted in the database (every instance
 * shares the count), for every request made with the token, refused ones included.
 */
export const UPLOAD_TOKEN_RATE: RateRule = {
  name: "upload-token",
  limit: 60,
  windowMs: 60_000,
  noun: "requests with this upload token",
};

/** last_used_at is written at most this often per token: reads stay reads under polling. */
const TOUCH_EVERY_MS = 60_000;

function toView(row: UploadTokenRow): UploadTokenView {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

export async function listUploadTokens(app: App, userId: string): Promise<UploadTokenView[]> {
  return (await uploadTokens.listUploadTokens(app.database.db, userId)).map(toView);
}

/** Makes a token; its secret is in the answer and nowhere else, ever. */
export async function createUploadToken(
  app: App,
  userId: string,
  name: string,
): Promise<{ token: UploadTokenView; secret: string }> {
  const { db } = app.database;
  const secret = `${UPLOAD_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row: UploadTokenRow = {
    id: randomUUID(),
    user_id: userId,
    name: name.trim(),
    token_hash: hashToken(secret),
    created_at: app.now().toISOString(),
    last_used_at: null,
  };
  await db.transaction().execute(async (trx) => {
    if ((await uploadTokens.countUploadTokens(trx, userId)) >= UPLOAD_TOKENS_MAX)
      throw new DomainError(
        "UPLOAD_TOKEN_LIMIT",
        `You have ${UPLOAD_TOKENS_MAX} upload tokens, the most one account may hold. Revoke one you no longer use first.`,
      );
    await uploadTokens.insertUploadToken(trx, row);
  });
  return { token: toView(row), secret };
}

/** Revokes one of the runner's tokens at once: its next request answers 401. */
export async function revokeUploadToken(app: App, userId: string, id: string): Promise<void> {
  if (!(await uploadTokens.deleteUploadToken(app.database.db, userId, id)))
    throw new DomainError(
      "UPLOAD_TOKEN_NOT_FOUND",
      "You have no upload token with this id (it may be revoked already).",
    );
}

export interface TokenHolder {
  user: PublicUser;
  tokenId: string;
}

/**
 * The runner behind a bearer secret, counting the request against the token's rate limit;
 * null when no token has this secret (never made, or revoked).
 */
export async function authenticateUploadToken(
  app: App,
  secret: string,
): Promise<TokenHolder | null> {
  const { db } = app.database;
  const row = await uploadTokens.findUploadTokenByHash(db, hashToken(secret));
  if (!row) return null;
  const user = await users.findUserById(db, row.user_id);
  if (!user) return null;
  const now = app.now();
  await enforceRateLimit(db, UPLOAD_TOKEN_RATE, row.id, now);
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS)
    await uploadTokens.touchUploadToken(db, row.id, now.toISOString());
  return { user: toPublicUser(user), tokenId: row.id };
}
