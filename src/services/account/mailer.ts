import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { DomainError } from "../../core/errors.js";

/** One plain-text email. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where account emails go: an SMTP server, or the server log when none is configured. */
export interface Mailer {
  /** "smtp" or "log": the log mailer writes secrets (reset links) to the log, so operators are told. */
  readonly kind: "smtp" | "log";
  send(message: MailMessage): Promise<void>;
}

/** The part of a pino logger the log mailer uses. */
export interface MailLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Without SMTP the message (and so the reset or verification link) goes to the server log:
 * whoever runs the server can pass it on. Only the operator reads that log, and the links are
 * single-use and short-lived. Written as a warning, so that a server logging only warnings
 * (KNEEWISE_LOG_LEVEL=warn) still shows the operator the mail it could not send.
 */
export function logMailer(log: MailLog): Mailer {
  return {
    kind: "log",
    send(message) {
      log.warn({ mail: { to: message.to, subject: message.subject, text: message.text } }, "email not sent (no KNEEWISE_SMTP_URL): here it is");
      return Promise.resolve();
    },
  };
}

/** Sends through nodemailer; `transport` is an SMTP URL ("smtps://user:pass@host:465") or a transport for tests. */
export function nodemailerMailer(transport: string | Transporter, from: string): Mailer {
  const transporter = typeof transport === "string" ? nodemailer.createTransport(transport) : transport;
  return {
    kind: "smtp",
    async send(message) {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

export interface MailSettings {
  /** Omitted: the server's own log (logMailer). */
  mailer?: Mailer;
  /** The site's address as runners reach it, for links in emails (no trailing slash). */
  publicUrl: string;
}

/**
 * Reads KNEEWISE_SMTP_URL, KNEEWISE_MAIL_FROM and KNEEWISE_PUBLIC_URL. The link's address is
 * never taken from a request's Host header, which an attacker chooses ("reset poisoning").
 */
export function mailSettingsFromEnv(env: Record<string, string | undefined>, fallbackUrl: string): MailSettings {
  const smtp = env.KNEEWISE_SMTP_URL?.trim();
  const publicUrl = (env.KNEEWISE_PUBLIC_URL?.trim() || fallbackUrl).replace(/\/+$/, "");
  try {
    const u = new URL(publicUrl);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http");
  } catch {
    throw new DomainError("CONFIG_INVALID", `KNEEWISE_PUBLIC_URL "${publicUrl}" is not an http:// or https:// address.`);
  }
  if (!smtp) return { publicUrl };
  const from = env.KNEEWISE_MAIL_FROM?.trim();
  if (!from) throw new DomainError("CONFIG_INVALID", "KNEEWISE_SMTP_URL is set but KNEEWISE_MAIL_FROM is not: set the address emails come from.");
  if (!env.KNEEWISE_PUBLIC_URL?.trim())
    throw new DomainError("CONFIG_INVALID", "KNEEWISE_SMTP_URL is set but KNEEWISE_PUBLIC_URL is not: set the address runners open kneewise at, for the links in emails.");
  return { mailer: nodemailerMailer(smtp, from), publicUrl };
}

/** The part of a pino logger mail delivery needs: MailLog, and errors. */
export interface MailErrorLog extends MailLog {
  error(obj: object, msg: string): void;
}

/**
 * What a route needs to send one kind of email: the configured mailer (or the log mailer), the
 * site's address for links, and where a failed delivery is reported (the request has already
 * been answered by then).
 */
export interface MailDelivery {
  mailer: Mailer;
  /** The site's address, for links (never the request's Host header). */
  publicUrl: string;
  /** Where a failed delivery is reported: the request has already been answered by then. */
  onMailError: (err: unknown) => void;
}

export function mailDelivery(mail: MailSettings | undefined, log: MailErrorLog, what: string): MailDelivery {
  return {
    mailer: mail?.mailer ?? logMailer(log),
    publicUrl: mail?.publicUrl ?? "http://localhost:3000",
    onMailError: (err: unknown) => log.error({ err }, `${what} could not be sent`),
  };
}

/**
 * Hands a message to the mailer without waiting for it, a failure going to `onMailError`. Where
 * an answer must not tell whether an address has an account (sign-up, password reset), waiting
 * for the SMTP server would make one answer slower than the other.
 */
export function sendUnawaited(mail: MailDelivery, message: MailMessage): void {
  mail.mailer.send(message).catch(mail.onMailError);
}
