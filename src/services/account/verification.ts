/*
 * Email addresses proved by a single-use link (issue 19, items 3 and 8).
 *
 * Signing up stores the request and mails a link; the account is made when the link is opened,
 * already verified, and that browser is signed in. So sign-up answers the same, 202 "check your
 * email", whether or not the address is taken: the email says the rest (to a taken address, that
 * someone tried to sign up with it). Nobody can hold an address they do not read, and nobody
 * learns from sign-up or sign-in which addresses have accounts.
 *
 * An account that exists without a proved address (made before migration 0013, or after changing
 * its address) asks for a link from its account page. Until its address is proved it accepts no
 * coach's invitation (coaching/sharing.ts).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { DomainError } from "../../core/errors.js";
import { emailVerifications, users } from "../../store/index.js";
import type { EmailVerificationRow, UserRow } from "../../store/index.js";
import type { App } from "../app.js";
import { checkCurrentPassword, checkPassword, hashPassword, hashToken, normaliseEmail, startSession, toPublicUser } from "../auth.js";
import type { PublicUser, SessionGrant } from "../auth.js";
import { enforceSlidingRateLimit } from "../rate-limit.js";
import type { RateRule } from "../rate-limit.js";
import { sendUnawaited } from "./mailer.js";
import type { MailDelivery, MailMessage } from "./mailer.js";
import { checkSignUpAllowed, takeSignUpPlace } from "./site-setup.js";

/** How long a verification link works: long enough to find the email the next morning. */
export const VERIFY_TTL_MS = 24 * 60 * 60_000;

/**
 * Sign-ups per client address (one client cannot mint accounts or mail by the hundred) and per
 * email (nobody floods a stranger's inbox with "someone tried to sign up" notes).
 */
export const SIGNUP_RULES = {
  perAddress: { name: "signup-address", limit: 20, windowMs: 60 * 60_000, noun: "sign-ups from your address" },
  perEmail: { name: "signup-email", limit: 3, windowMs: 60 * 60_000, noun: "sign-ups with this email address" },
} as const satisfies Record<string, RateRule>;

/** Links a signed-in account may ask for again, per account. */
export const RESEND_RULE = { name: "verify-resend", limit: 3, windowMs: 60 * 60_000, noun: "verification emails" } as const satisfies RateRule;

/** The one answer to every sign-up, whether or not the address has an account. */
export const SIGNUP_REQUESTED_MESSAGE =
  "Check your email: we have sent a link to finish creating your account. It works once, for 24 hours. Nothing arrived? Look in your spam folder, or sign up again in a few minutes.";

function multiUserOnly(app: App, what: "signup" | "address" = "signup"): void {
  if (app.mode === "multi") return;
  if (what === "signup") throw new DomainError("SIGNUP_DISABLED", "This kneewise runs in single-user mode: there is nothing to sign up for.");
  throw new DomainError("MULTI_USER_ONLY", "This kneewise runs in single-user mode for you alone: there is no email address to confirm or change.");
}

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Where a link in an email lands: the account page reads the token from the fragment, which no server or log sees. */
export function verificationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/account#verify=${encodeURIComponent(token)}`;
}

export function signUpMessage(to: string, displayName: string, link: string): MailMessage {
  return {
    to,
    subject: "Finish creating your kneewise account",
    text: [
      `Hello ${displayName},`,
      "",
      "To finish creating your kneewise account with this address, open this link within 24 hours:",
      "",
      link,
      "",
      "The link works once and signs you in. If you did not sign up, ignore this email: no account is made without it.",
    ].join("\n"),
  };
}

export function addressTakenMessage(to: string, publicUrl: string): MailMessage {
  return {
    to,
    subject: "Someone tried to sign up to kneewise with your address",
    text: [
      "Hello,",
      "",
      "Someone (perhaps you) tried to create a kneewise account with this email address, but you already have one. Nothing has changed in your account.",
      "",
      `If it was you, sign in at ${publicUrl}/account, or choose a new password at ${publicUrl}/reset-password if you have forgotten it.`,
      "",
      "If it was not you, ignore this email.",
    ].join("\n"),
  };
}

export function verifyAddressMessage(to: string, displayName: string, link: string): MailMessage {
  return {
    to,
    subject: "Confirm your email address for kneewise",
    text: [
      `Hello ${displayName},`,
      "",
      "Open this link within 24 hours to confirm that this address is yours. Coaches and physios can then share with you, and you can accept their invitations:",
      "",
      link,
      "",
      "The link works once. If you did not ask for it, ignore this email.",
    ].join("\n"),
  };
}

export function addressChangedMessage(to: string, displayName: string, newEmail: string, publicUrl: string): MailMessage {
  return {
    to,
    subject: "Your kneewise email address was changed",
    text: [
      `Hello ${displayName},`,
      "",
      `The email address of your kneewise account was changed from this one to ${newEmail}.`,
      "",
      `If you did not do this, tell the people who run this kneewise (${publicUrl}) at once: the account's emails, password-reset links among them, now go to the new address.`,
    ].join("\n"),
  };
}

/**
 * A sign-up: rate-limited, then the same 202 whatever the address. A new address gets a link
 * that makes the account; a taken one gets a note saying someone tried.
 */
export async function requestSignUp(
  app: App,
  mail: MailDelivery,
  input: { email: string; password: string; displayName: string },
  client: { ip?: string | undefined } = {},
): Promise<void> {
  multiUserOnly(app);
  const email = normaliseEmail(input.email);
  const displayName = input.displayName.trim();
  checkPassword(input.password, { email });
  const { db } = app.database;
  const now = app.now();
  await checkSignUpAllowed(db, app, email);
  if (client.ip) await enforceSlidingRateLimit(db, SIGNUP_RULES.perAddress, client.ip, now);
  await enforceSlidingRateLimit(db, SIGNUP_RULES.perEmail, email, now);
  // Hashed either way, so both answers take the same time.
  const passwordHash = await hashPassword(input.password);
  const existing = await users.findUserByEmail(db, email);
  if (existing) {
    sendUnawaited(mail, addressTakenMessage(existing.email, mail.publicUrl));
    return;
  }
  const token = await storeLink(app, now, { user_id: null, email, display_name: displayName, password_hash: passwordHash });
  sendUnawaited(mail, signUpMessage(email, displayName, verificationLink(mail.publicUrl, token)));
}

/** What opening a link did: made an account (and a session for it), or proved an account's address. */
export type Verified = { kind: "signup"; grant: SessionGrant } | { kind: "address"; user: PublicUser };

const used = () => new DomainError("VERIFY_TOKEN_USED", "This email link has been used already. If your account exists, sign in.");
const invalid = () => new DomainError("VERIFY_TOKEN_INVALID", "This email link is not valid: it may be mistyped, or meant for an address the account no longer uses.");

export async function confirmEmail(app: App, token: string): Promise<Verified> {
  multiUserOnly(app);
  const { db } = app.database;
  const now = app.now().toISOString();
  const id = hashToken(token);
  const row = await emailVerifications.findVerification(db, id);
  if (!row) throw invalid();
  if (row.used_at !== null) throw used();
  // A link for an address the account has since left proves nothing (its newer link took over).
  const owner = row.user_id === null ? undefined : await users.findUserById(db, row.user_id);
  if (row.user_id !== null && (!owner || owner.email !== row.email)) throw invalid();
  if (row.expires_at <= now)
    throw new DomainError("VERIFY_TOKEN_EXPIRED", "This email link has expired (links work for 24 hours): sign up again, or ask for a new link from your account page.");

  if (row.user_id === null) {
    const made = await db.transaction().execute(async (trx) => {
      if (!(await emailVerifications.markVerificationUsed(trx, id, now))) throw used();
      if (await users.findUserByEmail(trx, row.email))
        throw new DomainError("EMAIL_TAKEN", "An account with this email address exists already: sign in, or choose a new password if you have forgotten it.");
      // Signing up never makes an admin: the operator does (site-setup.ts).
      await takeSignUpPlace(trx, app, row.email);
      const role = "runner";
      const user = await users.insertUser(trx, {
        id: randomUUID(),
        email: row.email,
        display_name: row.display_name ?? row.email.split("@")[0]!,
        password_hash: row.password_hash,
        role,
        email_verified_at: now,
        created_at: now,
      });
      await emailVerifications.attachToUser(trx, id, user.id);
      return user;
    }).catch((err: unknown) => {
      // Two links for one address opened at once: the unique index decides.
      if (!(err instanceof DomainError) && /unique|duplicate/i.test((err as Error).message))
        throw new DomainError("EMAIL_TAKEN", "An account with this email address exists already: sign in.");
      throw err;
    });
    return { kind: "signup", grant: await startSession(app, made) };
  }

  const user = owner!;
  await db.transaction().execute(async (trx) => {
    if (!(await emailVerifications.markVerificationUsed(trx, id, now)))
      throw new DomainError("VERIFY_TOKEN_USED", "This email link has been used already.");
    if (!(await users.setEmailVerified(trx, user.id, row.email, now))) throw invalid();
  });
  return { kind: "address", user: toPublicUser({ ...user, email_verified_at: now }) };
}

/**
 * Stores a new link (its hash only) for a waiting sign-up (no user_id) or an account's address,
 * whose older unused links stop working; expired links are forgotten on the way. Returns the token.
 */
async function storeLink(app: App, now: Date, holder: Pick<EmailVerificationRow, "user_id" | "email" | "display_name" | "password_hash">): Promise<string> {
  const token = newToken();
  await app.database.db.transaction().execute(async (trx) => {
    await emailVerifications.deleteExpiredVerifications(trx, now.toISOString());
    if (holder.user_id !== null) await emailVerifications.expireUnusedForUser(trx, holder.user_id, now.toISOString());
    await emailVerifications.insertVerification(trx, {
      id: hashToken(token),
      ...holder,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + VERIFY_TTL_MS).toISOString(),
      used_at: null,
    });
  });
  return token;
}

async function sendAddressLink(app: App, mail: MailDelivery, user: UserRow): Promise<void> {
  const token = await storeLink(app, app.now(), { user_id: user.id, email: user.email, display_name: null, password_hash: null });
  sendUnawaited(mail, verifyAddressMessage(user.email, user.display_name, verificationLink(mail.publicUrl, token)));
}

/** A new link for the signed-in account's address (older ones stop working); a few an hour. */
export async function resendVerification(app: App, mail: MailDelivery, userId: string): Promise<void> {
  multiUserOnly(app, "address");
  const { db } = app.database;
  const user = await users.findUserById(db, userId);
  if (!user) throw new DomainError("NOT_SIGNED_IN", "Sign in to see this.");
  if (user.email_verified_at !== null)
    throw new DomainError("EMAIL_ALREADY_VERIFIED", `${user.email} is verified already.`);
  await enforceSlidingRateLimit(db, RESEND_RULE, user.id, app.now());
  await sendAddressLink(app, mail, user);
}

const takenByAnother = () =>
  new DomainError("EMAIL_TAKEN", "Another account uses this email address.", { fields: [{ path: "email", message: "Another account uses this email address." }] });

/**
 * Moves the account to another address, which is unverified until its link is opened: being
 * able to type an address proves nothing. Asks for the password, as a password change does.
 */
export async function changeEmail(app: App, mail: MailDelivery, userId: string, input: { email: string; password: string }): Promise<PublicUser> {
  multiUserOnly(app, "address");
  const { db } = app.database;
  const user = await users.findUserById(db, userId);
  if (!user?.password_hash) throw new DomainError("USER_NOT_FOUND", "This account no longer exists.");
  await checkCurrentPassword(app, user, input.password, "password");
  const email = normaliseEmail(input.email);
  if (email === user.email) throw new DomainError("EMAIL_UNCHANGED", `${email} is already your address.`, { fields: [{ path: "email", message: "This is already your address." }] });
  await enforceSlidingRateLimit(db, RESEND_RULE, user.id, app.now());
  if (await users.findUserByEmail(db, email))
    throw takenByAnother();
  try {
    await users.setEmail(db, user.id, email);
  } catch (err) {
    if (/unique|duplicate/i.test((err as Error).message))
      throw takenByAnother();
    throw err;
  }
  const moved = { ...user, email, email_verified_at: null };
  await sendAddressLink(app, mail, moved);
  // The old address hears of it: if someone else made the change, its owner knows at once.
  sendUnawaited(mail, addressChangedMessage(user.email, user.display_name, email, mail.publicUrl));
  return toPublicUser(moved);
}
