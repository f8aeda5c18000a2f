import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { ensureLocalOwner, sessionForToken } from "../services/auth.js";
import type { PublicUser } from "../services/auth.js";
import type { App } from "../services/app.js";

export const SESSION_COOKIE = "kw_session";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user (the local owner in single-user mode), or null. */
    user: PublicUser | null;
    /** The signed-in user's data version, read with their session (null in single-user mode). */
    dataVersion: number | null;
  }
}

/**
 * Resolves who is asking before any route runs. Sessions live in the database, so any server
 * instance can serve any session. In single-user mode the local owner is always signed in.
 */
export function installAuthContext(server: FastifyInstance, app: App): void {
  server.decorateRequest("user", null);
  server.decorateRequest("dataVersion", null);
  let owner: PublicUser | null = null;
  server.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/")) return;
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

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    path: "/",
  });
}
