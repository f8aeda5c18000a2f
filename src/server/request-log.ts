/**
 * What the request log may say about a request. URLs are logged, and some carry a secret that
 * works on its own: a calendar feed (/calendar/<token>.ics), a link invitation (/invite/<token>,
 * /api/invites/link/<token>), a password-reset or verification link (?token=…). Logs travel
 * further than the database (terminals, journald, log shippers), so those parts are replaced
 * before a line is written.
 */
import { LogController } from "fastify";
import type { FastifyReply, FastifyRequest } from "fastify";

export const REDACTED = "[redacted]";

/** Paths whose next segment is a secret token, whatever it looks like. */
const TOKEN_PATHS = [
  /^(\/calendar\/)[^/?#]+?(\.ics)?$/,
  /^(\/invite\/)[^/?#]+/,
  /^(\/api\/invites\/link\/)[^/?#]+/,
];

/** Query parameters that carry credentials. */
const SECRET_PARAM = /token|secret|passw|^code$|^key$|api[_-]?key|^sig(nature)?$/i;

/**
 * Any other segment that looks like one of our tokens (32 random bytes in base64url are 43
 * characters) is a secret too: a route added later with a token in its path is covered before
 * anyone remembers to list it here. UUIDs (ids, 36 characters with dashes in fixed places) stay.
 */
const TOKEN_LIKE = /^[A-Za-z0-9_-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function redactSegment(segment: string): string {
  const dot = segment.lastIndexOf(".");
  const stem = dot > 0 ? segment.slice(0, dot) : segment;
  if (TOKEN_LIKE.test(stem) && !UUID.test(stem))
    return `${REDACTED}${dot > 0 ? segment.slice(dot) : ""}`;
  return segment;
}

/** A request URL with its secrets replaced by [redacted]; the rest stays readable. */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf("#");
  const withoutHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const q = withoutHash.indexOf("?");
  let path = q === -1 ? withoutHash : withoutHash.slice(0, q);
  const query = q === -1 ? null : withoutHash.slice(q + 1);

  let matched = false;
  for (const pattern of TOKEN_PATHS) {
    if (pattern.test(path)) {
      path = path.replace(
        pattern,
        (_m, prefix: string, ext: unknown) =>
          `${prefix}${REDACTED}${typeof ext === "string" ? ext : ""}`,
      );
      matched = true;
      break;
    }
  }
  if (!matched) path = path.split("/").map(redactSegment).join("/");
  if (query === null) return path;
  const params = query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq === -1) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        // A malformed escape: judge the name as written.
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join("&");
  return `${path}?${params}`;
}

/** Fastify's request serializer with the URL redacted (the other fields as Fastify logs them). */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export type RequestLogLevel = "info" | "debug";

/**
 * Fastify's request-lifecycle log lines, with the URL of a 404 redacted like every other, and the
 * per-request lines ("incoming request", "request completed") at a chosen level: debug keeps a
 * single-user terminal quiet while errors still show.
 */
export class RequestLogController extends LogController {
  constructor(private readonly requestLevel: RequestLogLevel) {
    super();
  }

  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log[this.requestLevel]({ req: request }, "incoming request");
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    if (error)
      reply.log.error(
        { res: reply, err: error, responseTime: reply.elapsedTime },
        "request errored",
      );
    else
      reply.log[this.requestLevel](
        { res: reply, responseTime: reply.elapsedTime },
        "request completed",
      );
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log[this.requestLevel](`Route ${request.method}:${redactUrl(request.url)} not found`);
  }
}
