import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";
import { ensureLocalOwner, userForToken } from "../services/auth.js";
import type { PublicUser } from "../services/auth.js";
import type { App } from "../services/app.js";

export const SESSION_COOKIE = "kw_session";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user (the local owner in single-user mode), or null. */
    user: PublicUser | null;
  }
}

/**
 * Resolves who is asking before any route runs. Sessions live in the database, so any server
 * instance can serve any session. In single-user mode the local owner is always signed in.
 */
export function installAuthContext(server: FastifyInstance, app: App): void {
  server.decorateRequest("user", null);
  let owner: PublicUser | null = null;
  server.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    if (app.mode === "local") {
      owner ??= await ensureLocalOwner(app);
      request.user = owner;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.user = await userForToken(app, token);
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
