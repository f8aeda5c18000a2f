/**
 * One error shape for the whole domain. The code is stable (clients and tests rely on it);
 * the message is for people. The server maps codes to HTTP statuses in exactly one place
 * (src/server/errors.ts); the CLI prints the message and exits non-zero.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
