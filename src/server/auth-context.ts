import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { DEVICE_TTL_MS, ensureLocalOwner, sessionForToken } from "../services/auth.js";
import type { PublicUser } from "../services/auth.js";
import type { App } from "../services/app.js";
import { authenticateUploadToken } from "../services/account/upload-tokens.js";

export const SESSION_COOKIE = "kw_session";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user (the local owner in single-user mode), or null. */
    user: PublicUser | null;
    /** The signed-in user's data version, read with their session (null in single-user mode). */
    dataVersion: number | null;
    /** The personal upload token the request came with (Authorization: Bearer), or null. */
    uploadTokenId: string | null;
  }
  interface FastifyContextConfig {
    /** The route answers requests authenticated by a personal upload token; every other route refuses them (403). */
    uploadToken?: boolean;
  }
}

/** The secret of an `Authorization: Bearer <secret>` header, or null when there is none. */
export function bearerSecret(request: Pick<FastifyRequest, "headers">): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/**
 * A request with an upload token is that token's, and only that: the session cookie it might
 * also carry is ignored, the token must be live (401 otherwise), and the route must accept
 * tokens (403 otherwise). So a leaked token can send runs and read imports, never read a diary.
 */
async function authenticateBearer(app: App, request: FastifyRequest, reply: FastifyReply, secret: string): Promise<void> {
  const holder = await authenticateUploadToken(app, secret);
  if (!holder) {
    void reply.header("www-authenticate", 'Bearer error="invalid_token"');
    throw new DomainError("NOT_SIGNED_IN", "This upload token is not valid: it was revoked, or mistyped. Make a new one under Account, Upload tokens.");
  }
  if (request.routeOptions.config.uploadToken !== true) {
    throw new DomainError("FORBIDDEN", "An upload token may only send runs (POST /api/imports) and read their imports. Sign in for the rest.");
  }
  request.user = holder.user;
  request.uploadTokenId = holder.tokenId;
}

/**
 * Resolves who is asking before any route runs. Sessions live in the database, so any server
 * instance can serve any session. In single-user mode the local owner is always signed in.
 */
export function installAuthContext(server: FastifyInstance, app: App): void {
  server.decorateRequest("user", null);
  server.decorateRequest("dataVersion", null);
  server.decorateRequest("uploadTokenId", null);
  let owner: PublicUser | null = null;
  server.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/")) return;
    // In either mode: in single-user mode a token stands for the local owner, but stays limited to its routes.
    const secret = bearerSecret(request);
    if (secret !== null) return authenticateBearer(app, request, reply, secret);
    if (app.mode === "local") {
      owner ??= await ensureLocalOwner(app);
      request.user = owner;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const signedIn = await sessionForToken(app, token);
    if (!signedIn) return;
    request.user = signedIn.user;
    request.dataVersion = signedIn.dataVersion;
    // The session slid forward in the database: so does the cookie, or the browser would drop a
    // session that is still alive 30 days after sign-in.
    if (signedIn.renewedUntil !== null) setSessionCookie(request, reply, token, signedIn.renewedUntil);
  });
}

export function requireUser(request: FastifyRequest): PublicUser {
  if (!request.user) throw new DomainError("NOT_SIGNED_IN", "Sign in to see this.");
  return request.user;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    // Secure whenever the client reached us over TLS (directly or through a proxy we trust).
    secure: request.protocol === "https",
    path: "/",
    expires: expiresAt,
  });
}

/**
 * The browser's device cookie: set at each sign-in (and by a password reset), it marks the
 * browser as known to the accounts it signed in to, so failed sign-ins by strangers do not lock
 * it out (services/auth.ts, LOGIN_RULES). Sent only to the sign-in routes.
 */
export const DEVICE_COOKIE = "kw_device";

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: request.protocol === "https",
    path: "/api/auth",
    maxAge: Math.floor(DEVICE_TTL_MS / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    path: "/",
  });
}
