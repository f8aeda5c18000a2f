import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../core/errors.js";

/**
 * Headers every response carries. The CSP allows no inline script at all (the web app and the
 * server-rendered pages load their code from /assets), and no framing (clickjacking).
 * HSTS is only sent over TLS: on plain http it would be ignored, and on localhost it would pin
 * the browser to https for every other local project.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameOrigin(request: FastifyRequest, origin: string): boolean {
  try {
    const u = new URL(origin);
    return u.host === request.host && `${u.protocol}` === `${request.protocol}:`;
  } catch {
    return false;
  }
}

/**
 * CSRF defence for cookie-authenticated writes: a browser names the page that sent a request
 * in Origin (and Sec-Fetch-Site) on every POST, PUT, PATCH and DELETE. A write from another
 * site is refused; SameSite=Lax session cookies are the second line. Clients that are not
 * browsers (the CLI, scripts with a token) send neither header and carry no ambient cookie
 * to abuse.
 */
function checkCsrf(request: FastifyRequest): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const site = request.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") {
    throw new DomainError("CSRF_FAILED", "This request came from another site and was refused.");
  }
  const origin = request.headers.origin;
  if (origin !== undefined && (origin === "null" || !sameOrigin(request, origin))) {
    throw new DomainError("CSRF_FAILED", "This request came from another site and was refused.");
  }
}

export function installSecurity(server: FastifyInstance): void {
  server.addHook("onRequest", (request, _reply, done) => {
    checkCsrf(request);
    done();
  });
  server.addHook("onSend", (request, reply, payload, done) => {
    reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("permissions-policy", "geolocation=(), camera=(), microphone=()");
    if (request.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    done(null, payload);
  });
}
