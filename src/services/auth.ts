import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { DomainError } from "../core/errors.js";
import { loginDevices, sessions, users } from "../store/index.js";
import type { UserRow } from "../store/index.js";
import type { App } from "./app-context.js";
import { clearRateLimits, enforceRateLimit, recordSlidingEvent, refuseWhenSlidingLimitReached, slidingLimitError } from "./rate-limit.js";
import type { RateRule } from "./rate-limit.js";
import { checkPasswordRules } from "./account/password-rules.js";
import { checkSignUpAllowed } from "./account/site-setup.js";

/**
 * Failed sign-ins are limited over sliding windows, in the database so that every instance sees
 * them. The tight limit is per account *and* address: someone guessing a runner's password from
 * their own machine locks only themselves out, not the runner at home. Wider limits per address
 * (one client trying many accounts) and per account from everywhere (many clients, one account)
 * stop spraying. A browser that signed in to the account before (its device cookie, see
 * login_devices) gets through all three with the right password, bounded only by its own limit,
 * and so does a runner who resets their password by email (the reset clears the counters).
 *
 * `perAccount` (a fixed window over every attempt) guards the current password asked for by
 * password change and account deletion, where the asker is already signed in.
 */
export const LOGIN_RULES = {
  perAccount: { name: "login-account", limit: 10, windowMs: 15 * 60_000, noun: "sign-in attempts" },
  perAccountAddress: { name: "login-pair", limit: 10, windowMs: 15 * 60_000, noun: "failed sign-ins to this account from your address" },
  perAddress: { name: "login-address", limit: 50, windowMs: 15 * 60_000, noun: "failed sign-ins from your address" },
  perAccountAnywhere: { name: "login-account-all", limit: 100, windowMs: 60 * 60_000, noun: "failed sign-ins to this account" },
  perDevice: { name: "login-device", limit: 10, windowMs: 15 * 60_000, noun: "failed sign-ins from this browser" },
} as const satisfies Record<string, RateRule>;

/** How long a browser stays known to an account after its last sign-in there. */
export const DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/** How long a session lives without use; each use slides it forward. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * How long a session lives at most, however often it is used: a token copied once (a shared
 * computer, a stolen backup) stops working by then, and signing in again costs one form.
 */
export const SESSION_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;
const LOCAL_OWNER_EMAIL = "owner@localhost";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow for attackers, ~30 ms for us.
// @node-rs/argon2 defaults to argon2id (a test checks the "$argon2id$" prefix).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface PublicUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRow["role"];
  localOwner: boolean;
  /** The account proved it reads mail at `email` (the local owner has nothing to prove). */
  emailVerified: boolean;
}

export function toPublicUser(row: Pick<UserRow, "id" | "email" | "display_name" | "role" | "is_local_owner" | "email_verified_at">): PublicUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    localOwner: row.is_local_owner === 1,
    emailVerified: row.email_verified_at !== null || row.is_local_owner === 1,
  };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The password rules (services/account/password-rules.ts); `email` is the account's address. */
export function checkPassword(password: string, opts: { email?: string; field?: string } = {}): void {
  checkPasswordRules(password, opts);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * Asks a signed-in account for its current password (changing the password or the address,
 * deleting the account), counted under LOGIN_RULES.perAccount so that a borrowed session cannot
 * guess it. Refuses with PASSWORD_INCORRECT, `message` on the form's `field`.
 */
export async function checkCurrentPassword(
  app: App,
  user: Pick<UserRow, "email" | "password_hash">,
  password: string | undefined,
  field: string,
  message = "The current password is not right.",
): Promise<void> {
  await enforceRateLimit(app.database.db, LOGIN_RULES.perAccount, user.email, app.now());
  if (!user.password_hash || !password || !(await verify(user.password_hash, password)))
    throw new DomainError("PASSWORD_INCORRECT", message, { fields: [{ path: field, message }] });
}

/** Signs a user out everywhere: after a password change or reset, and before deleting them. */
export async function revokeAllSessions(app: App, userId: string): Promise<number> {
  return sessions.deleteUserSessions(app.database.db, userId);
}

/**
 * Makes an account at once, its address unverified: for benchmarks, tests and tools that run on
 * the server itself. Sign-up over HTTP goes through requestSignUp (account/verification.ts),
 * which makes the account only when the emailed link is opened.
 */
export async function signUp(
  app: App,
  input: { email: string; password: string; displayName: string },
): Promise<PublicUser> {
  if (app.mode !== "multi")
    throw new DomainError("SIGNUP_DISABLED", "This kneewise runs in single-user mode: there is nothing to sign up for.");
  const email = normaliseEmail(input.email);
  checkPassword(input.password, { email });
  const { db } = app.database;
  if (await users.findUserByEmail(db, email))
    throw new DomainError("EMAIL_TAKEN", "An account with this email address already exists.");
  await checkSignUpAllowed(db, app, email);
  const passwordHash = await hash(input.password, ARGON2_OPTIONS);
  // Signing up never makes an admin: the operator does (account/site-setup.ts).
  const role = "runner";
  try {
    const row = await users.insertUser(db, {
      id: randomUUID(),
      email,
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      role,
      created_at: app.now().toISOString(),
    });
    return toPublicUser(row);
  } catch (err) {
    // Two sign-ups racing for one address: the unique index decides.
    if (/unique|duplicate/i.test((err as Error).message))
      throw new DomainError("EMAIL_TAKEN", "An account with this email address already exists.");
    throw err;
  }
}

export interface SessionGrant {
  token: string;
  expiresAt: Date;
  user: PublicUser;
}

export async function startSession(app: App, user: UserRow): Promise<SessionGrant> {
  const token = randomBytes(32).toString("base64url");
  const now = app.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await sessions.insertSession(app.database.db, {
    id: hashToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    last_seen_at: now.toISOString(),
  });
  return { token, expiresAt, user: toPublicUser(user) };
}

/** Who is signing in from where: the client's address and the browser's device cookie, if any. */
export interface LoginClient {
  ip?: string | undefined;
  deviceToken?: string | undefined;
}

/** A session, and the device cookie to (re)set so this browser is known next time. */
export interface LoginGrant extends SessionGrant {
  deviceToken: string;
}

export async function logIn(app: App, input: { email: string; password: string }, client: LoginClient = {}): Promise<LoginGrant> {
  const email = normaliseEmail(input.email);
  const { db } = app.database;
  const now = app.now();
  const row = await users.findUserByEmail(db, email);
  const deviceId = client.deviceToken ? hashToken(client.deviceToken) : null;
  const knownDevice = row !== undefined && deviceId !== null && (await loginDevices.isKnownDevice(db, deviceId, row.id));
  const address = client.ip ?? "-";
  // Which counters this attempt answers to: a known browser only to its own.
  const rules: [RateRule, string][] = knownDevice
    ? [[LOGIN_RULES.perDevice, `${deviceId}|${email}`]]
    : [
        [LOGIN_RULES.perAccountAddress, `${email}|${address}`],
        [LOGIN_RULES.perAccountAnywhere, `${email}|`],
        ...(client.ip ? ([[LOGIN_RULES.perAddress, client.ip]] as [RateRule, string][]) : []),
      ];
  for (const [rule, subject] of rules) await refuseWhenSlidingLimitReached(db, rule, subject, now);
  const ok = row?.password_hash
    ? await verify(row.password_hash, input.password)
    : // Spend the same time as a real check so response times do not reveal which emails exist.
      (await hash(input.password, ARGON2_OPTIONS), false);
  if (!row || !ok) {
    // Every counter counts the failure; the first one that reaches a limit already says so,
    // since the next attempt would be refused anyway.
    let reached: DomainError | undefined;
    for (const [rule, subject] of rules) {
      const { count, retryAfterS } = await recordSlidingEvent(db, rule, subject, now);
      if (count >= rule.limit) reached ??= slidingLimitError(rule, retryAfterS);
    }
    throw reached ?? new DomainError("LOGIN_FAILED", "The email address or password is not right.");
  }
  const deviceToken = await rememberDevice(app, client.deviceToken, row.id);
  return { ...(await startSession(app, row)), deviceToken };
}

/**
 * Marks this browser as known to the account (after a sign-in, or a password reset by email):
 * its device cookie's token, or a new one when it has none. Returns the token to (re)set.
 */
export async function rememberDevice(app: App, deviceToken: string | undefined, userId: string): Promise<string> {
  const token = deviceToken ?? randomBytes(32).toString("base64url");
  const { db } = app.database;
  const now = app.now();
  await loginDevices.forgetDevicesUnusedSince(db, userId, new Date(now.getTime() - DEVICE_TTL_MS).toISOString());
  await loginDevices.rememberDevice(db, hashToken(token), userId, now.toISOString());
  return token;
}

/** Lifts the failed-sign-in limits of an account (its owner proved who they are by email). */
export async function clearLoginFailures(app: App, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const { db } = app.database;
  await clearRateLimits(db, LOGIN_RULES.perAccountAddress, `${email}|`);
  await clearRateLimits(db, LOGIN_RULES.perAccountAnywhere, `${email}|`);
}

export async function logOut(app: App, token: string): Promise<void> {
  await sessions.deleteSession(app.database.db, hashToken(token));
}

/** A live session: its user, the user's data version, and the new expiry when this use slid it. */
export interface SignedIn {
  user: PublicUser;
  /** users.data_version read with the session: lets the dashboard skip a second round trip. */
  dataVersion: number;
  /** Set when this request moved the expiry forward: the cookie should follow. */
  renewedUntil: Date | null;
}

/** The session behind a token, sliding its expiry; null when absent or expired. */
export async function sessionForToken(app: App, token: string): Promise<SignedIn | null> {
  const { db } = app.database;
  const id = hashToken(token);
  // The session and its user in one query: this runs before every signed-in request.
  const found = await sessions.findSessionWithUser(db, id);
  if (!found) return null;
  const { session, user } = found;
  const now = app.now();
  const endOfLife = Date.parse(session.created_at) + SESSION_MAX_AGE_MS;
  if (session.expires_at <= now.toISOString() || endOfLife <= now.getTime()) {
    await sessions.deleteSession(db, id);
    return null;
  }
  let renewedUntil: Date | null = null;
  // Write at most once a minute per session: reads stay reads under load.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    renewedUntil = new Date(Math.min(now.getTime() + SESSION_TTL_MS, endOfLife));
    await sessions.touchSession(db, id, now.toISOString(), renewedUntil.toISOString());
  }
  return { user: toPublicUser(user), dataVersion: Number(user.data_version), renewedUntil };
}

/** The user behind a session token, sliding its expiry; null when absent or expired. */
export async function userForToken(app: App, token: string): Promise<PublicUser | null> {
  return (await sessionForToken(app, token))?.user ?? null;
}

/** In the embedded single-user mode, one owner account holds every record. */
export async function ensureLocalOwner(app: App): Promise<PublicUser> {
  const { db } = app.database;
  const existing = await users.findLocalOwner(db);
  if (existing) return toPublicUser(existing);
  const row = await users.insertUser(db, {
    id: randomUUID(),
    email: LOCAL_OWNER_EMAIL,
    display_name: "Runner",
    password_hash: null,
    role: "admin",
    is_local_owner: 1,
    // No address to prove: the owner is whoever sits at this computer.
    email_verified_at: app.now().toISOString(),
    created_at: app.now().toISOString(),
  });
  return toPublicUser(row);
}

export async function getUser(app: App, id: string): Promise<PublicUser | null> {
  const row = await users.findUserById(app.database.db, id);
  return row ? toPublicUser(row) : null;
}
