import { createHash, randomBytes, randomUUID } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { DomainError } from "../core/errors.js";
import { sessions, users } from "../store/index.js";
import type { UserRow } from "../store/index.js";
import type { App } from "./app.js";
import { enforceRateLimit } from "./rate-limit.js";
import type { RateRule } from "./rate-limit.js";
import { checkPasswordRules } from "./account/password-rules.js";

/**
 * Sign-in attempts are counted per account and per client address, in the database so that
 * every instance sees them. Past the limit the account is locked for the rest of the window:
 * slow enough to make password guessing pointless, short enough that a runner who mistyped
 * can try again after a coffee.
 */
export const LOGIN_RULES = {
  perAccount: { name: "login-account", limit: 10, windowMs: 15 * 60_000, noun: "sign-in attempts" },
  perAddress: { name: "login-address", limit: 50, windowMs: 15 * 60_000, noun: "sign-in attempts" },
} as const satisfies Record<string, RateRule>;

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
}

export function toPublicUser(row: Pick<UserRow, "id" | "email" | "display_name" | "role" | "is_local_owner">): PublicUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    localOwner: row.is_local_owner === 1,
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

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/** Signs a user out everywhere: after a password change or reset, and before deleting them. */
export async function revokeAllSessions(app: App, userId: string): Promise<number> {
  return sessions.deleteUserSessions(app.database.db, userId);
}

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
  const passwordHash = await hash(input.password, ARGON2_OPTIONS);
  // The first account of a new site administers it.
  const role = (await users.countUsers(db)) === 0 ? "admin" : "runner";
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

export async function logIn(
  app: App,
  input: { email: string; password: string },
  client: { ip?: string } = {},
): Promise<SessionGrant> {
  const email = normaliseEmail(input.email);
  const now = app.now();
  await enforceRateLimit(app.database.db, LOGIN_RULES.perAccount, email, now);
  if (client.ip) await enforceRateLimit(app.database.db, LOGIN_RULES.perAddress, client.ip, now);
  const row = await users.findUserByEmail(app.database.db, email);
  const bad = new DomainError("LOGIN_FAILED", "The email address or password is not right.");
  if (!row?.password_hash) {
    // Spend the same time as a real check so response times do not reveal which emails exist.
    await hash(input.password, ARGON2_OPTIONS);
    throw bad;
  }
  if (!(await verify(row.password_hash, input.password))) throw bad;
  return startSession(app, row);
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
    created_at: app.now().toISOString(),
  });
  return toPublicUser(row);
}

export async function getUser(app: App, id: string): Promise<PublicUser | null> {
  const row = await users.findUserById(app.database.db, id);
  return row ? toPublicUser(row) : null;
}
