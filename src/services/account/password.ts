import { randomBytes } from "node:crypto";
import { DomainError } from "../../core/errors.js";
import { passwordResets, sessions, users } from "../../store/index.js";
import type { App } from "../app.js";
import { checkCurrentPassword, checkPassword, clearLoginFailures, hashPassword, hashToken, normaliseEmail, rememberDevice, startSession } from "../auth.js";
import type { SessionGrant } from "../auth.js";
import { enforceRateLimit } from "../rate-limit.js";
import type { RateRule } from "../rate-limit.js";
import { sendUnawaited } from "./mailer.js";
import type { MailDelivery } from "./mailer.js";

/*
 * Changing a password (knowing the current one) and resetting a forgotten one by a link sent
 * by email. Either way every other session of the account ends: whoever might have had the
 * old password, or a cookie, is out.
 */

/** How long a reset link works. */
export const RESET_TTL_MS = 60 * 60_000;

/**
 * Reset requests per address and per email. Per email keeps anyone from flooding a stranger's
 * inbox; per address keeps one client from walking through many emails.
 */
export const RESET_RULES = {
  perEmail: { name: "reset-email", limit: 3, windowMs: 60 * 60_000, noun: "password-reset requests for this address" },
  perAddress: { name: "reset-address", limit: 20, windowMs: 60 * 60_000, noun: "password-reset requests" },
} as const satisfies Record<string, RateRule>;

/** The one answer to every reset request, whether an account has the address or not. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses this email address, a link to choose a new password is on its way. It works once, for one hour.";

function multiUserOnly(app: App, what: string): void {
  if (app.mode !== "multi")
    throw new DomainError("MULTI_USER_ONLY", `This kneewise runs in single-user mode without passwords: there is no ${what}.`);
}

/** The site's mailer, its address for the link, and where a failed delivery is reported. */
export type ResetDeps = MailDelivery;

export async function requestPasswordReset(app: App, deps: ResetDeps, rawEmail: string, client: { ip?: string } = {}): Promise<void> {
  multiUserOnly(app, "password to reset");
  const email = normaliseEmail(rawEmail);
  const { db } = app.database;
  const now = app.now();
  if (client.ip) await enforceRateLimit(db, RESET_RULES.perAddress, client.ip, now);
  await enforceRateLimit(db, RESET_RULES.perEmail, email, now);
  const user = await users.findUserByEmail(db, email);
  if (!user?.password_hash) return;
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await passwordResets.deleteExpiredResetTokens(trx, now.toISOString());
    await passwordResets.expireUnusedResetTokens(trx, user.id, now.toISOString());
    await passwordResets.insertResetToken(trx, {
      id: hashToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + RESET_TTL_MS).toISOString(),
      used_at: null,
    });
  });
  const link = `${deps.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  // Not awaited (sendUnawaited): "has an account" must not answer slower than "has none".
  sendUnawaited(deps, {
    to: user.email,
    subject: "Choose a new kneewise password",
    text: [
      `Hello ${user.display_name},`,
      "",
      "Someone (we hope you) asked to choose a new password for your kneewise account. Open this link within an hour to do it:",
      "",
      link,
      "",
      "The link works once. If you did not ask for it, ignore this email: your password stays as it is.",
    ].join("\n"),
  });
}

/**
 * Sets the new password from a reset link. The link proves the account's owner, so the failed
 * sign-ins that strangers ran up against the account are forgotten (issue 19, item 8), and this
 * browser becomes known to it: the device token (its cookie's, or a new one) is returned to set.
 */
export async function confirmPasswordReset(
  app: App,
  token: string,
  password: string,
  client: { deviceToken?: string | undefined } = {},
): Promise<{ deviceToken: string }> {
  multiUserOnly(app, "password to reset");
  const { db } = app.database;
  const now = app.now().toISOString();
  const id = hashToken(token);
  const row = await passwordResets.findResetToken(db, id);
  if (!row) throw new DomainError("RESET_TOKEN_INVALID", "This password-reset link is not valid: ask for a new one.");
  if (row.used_at !== null) throw new DomainError("RESET_TOKEN_USED", "This password-reset link has been used already: ask for a new one.");
  if (row.expires_at <= now) throw new DomainError("RESET_TOKEN_EXPIRED", "This password-reset link has expired (links work for one hour): ask for a new one.");
  const user = await users.findUserById(db, row.user_id);
  if (!user) throw new DomainError("RESET_TOKEN_INVALID", "This password-reset link is not valid: ask for a new one.");
  checkPassword(password, { email: user.email });
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    // Two tabs racing with one link: only the first sets a password.
    if (!(await passwordResets.markResetTokenUsed(trx, id, now)))
      throw new DomainError("RESET_TOKEN_USED", "This password-reset link has been used already: ask for a new one.");
    await users.setPasswordHash(trx, user.id, passwordHash);
    await sessions.deleteUserSessions(trx, user.id);
  });
  await clearLoginFailures(app, user.email);
  return { deviceToken: await rememberDevice(app, client.deviceToken, user.id) };
}

/** Sets a new password and returns a fresh session; every other session of the account ends. */
export async function changePassword(app: App, userId: string, input: { currentPassword: string; newPassword: string }): Promise<SessionGrant> {
  multiUserOnly(app, "password to change");
  const { db } = app.database;
  const user = await users.findUserById(db, userId);
  if (!user?.password_hash) throw new DomainError("USER_NOT_FOUND", "This account no longer exists.");
  await checkCurrentPassword(app, user, input.currentPassword, "currentPassword");
  checkPassword(input.newPassword, { email: user.email, field: "newPassword" });
  if (input.newPassword === input.currentPassword)
    throw new DomainError("PASSWORD_UNCHANGED", "The new password is the same as the current one.", {
      fields: [{ path: "newPassword", message: "The new password is the same as the current one." }],
    });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await users.setPasswordHash(trx, user.id, passwordHash);
    await sessions.deleteUserSessions(trx, user.id);
  });
  return startSession(app, { ...user, password_hash: passwordHash });
}
