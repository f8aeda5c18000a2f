import type { FastifyError, FastifyInstance } from "fastify";
import { ZodError } from "zod";
import { isDomainError } from "../core/errors.js";
import type { ErrorResponse } from "../contracts/errors.js";

/**
 * The one place where domain error codes become HTTP statuses. A code not listed is a 400:
 * domain errors are about the request. Anything that is not a DomainError is a 500 whose
 * details go to the log, never to the client.
 */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  NOT_SIGNED_IN: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  SIGNUP_DISABLED: 403,
  EMAIL_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  // Sharing and roles (src/services/coaching/).
  SHARING_UNAVAILABLE: 404,
  NOT_A_COACH: 403,
  OWN_INVITE: 403,
  NOTES_NOT_ALLOWED: 403,
  // A live share that does not hold this kind of data (issue 18, item 9).
  SCOPE_NOT_SHARED: 403,
  ADMIN_ONLY: 403,
  ROLE_CHANGE_FORBIDDEN: 403,
  SHARE_EXISTS: 409,
  LAST_ADMIN: 409,
  INVITE_EXPIRED: 410,
  CANNOT_SHARE_WITH_SELF: 400,
  PASSWORD_INCORRECT: 403,
  MULTI_USER_ONLY: 403,
  RESET_TOKEN_INVALID: 400,
  RESET_TOKEN_USED: 410,
  RESET_TOKEN_EXPIRED: 410,
  // Verified addresses (services/account/verification.ts).
  EMAIL_NOT_VERIFIED: 403,
  EMAIL_ALREADY_VERIFIED: 409,
  VERIFY_TOKEN_INVALID: 400,
  VERIFY_TOKEN_USED: 410,
  VERIFY_TOKEN_EXPIRED: 410,
  // Who owns the site and who may sign up (services/account/site-setup.ts).
  SIGNUP_CLOSED: 403,
  SIGNUP_INVITE_ONLY: 403,
  SETUP_TOKEN_INVALID: 400,
  SETUP_TOKEN_USED: 410,
  SETUP_TOKEN_EXPIRED: 410,
  SITE_HAS_ADMIN: 409,
  DB_UNREACHABLE: 503,
  NOT_READY: 503,
};

export function statusForCode(code: string): number {
  if (STATUS_BY_CODE[code] !== undefined) return STATUS_BY_CODE[code];
  if (code.endsWith("_NOT_FOUND")) return 404;
  return 400;
}

function body(code: string, message: string, fields?: { path: string; message: string }[]): ErrorResponse {
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function zodFields(err: ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

export function installErrorHandler(server: FastifyInstance): void {
  server.setErrorHandler((err: FastifyError | Error, request, reply) => {
    if (isDomainError(err)) {
      const fields = Array.isArray(err.details?.fields)
        ? (err.details.fields as { path: string; message: string }[])
        : undefined;
      const retryAfter = err.details?.retryAfterS;
      if (typeof retryAfter === "number") void reply.header("retry-after", String(retryAfter));
      return reply.status(statusForCode(err.code)).send(body(err.code, err.message, fields));
    }
    if (err instanceof ZodError) {
      return reply
        .status(400)
        .send(body("VALIDATION_FAILED", "Some fields are not valid.", zodFields(err)));
    }
    const fe = err as FastifyError;
    if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE")
      return reply.status(413).send(body("PAYLOAD_TOO_LARGE", "The request body is too large."));
    if (fe.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
      return reply.status(415).send(body("UNSUPPORTED_MEDIA_TYPE", "Send JSON (Content-Type: application/json)."));
    if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(body("BAD_REQUEST", "The request could not be read."));
    }
    request.log.error({ err }, "unhandled error");
    return reply.status(500).send(body("INTERNAL", "Something went wrong on our side. Please try again."));
  });

  server.setNotFoundHandler((request, reply) => {
    return reply.status(404).send(body("NOT_FOUND", `No such endpoint: ${request.method} ${request.url.split("?")[0]}`));
  });
}
