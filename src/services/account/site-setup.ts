/*
 * Who owns a multi-user site (issue 21, item 2).
 *
 * Signing up never makes an admin: on a public site the first to sign up may be anyone who found
 * the address before the operator did. The operator makes the first admin in one of two ways,
 * both of which need access to the server itself:
 *
 * - the setup link. A start that finds no admin prints a one-time link to the server's log (only
 *   its SHA-256 is stored; it works once, for SETUP_LINK_TTL_MS, and stops working as soon as the
 *   site has an admin). Whoever opens it while signed in becomes the admin.
 * - `kneewise admin grant EMAIL` on the server's command line.
 *
 * Sign-up itself may be open (the default), limited to invited addresses (`kneewise admin invite`),
 * or closed: `--signup` / KNEEWISE_SIGNUP, checked here for every way an account is made.
 */
import { randomBytes } from "node:crypto";
import { DomainError } from "../../core/errors.js";
import { roles, siteSetup, users } from "../../store/index.js";
import type { Schema } from "../../store/index.js";
import type { Kysely, Transaction } from "kysely";
import type { App, SignupMode } from "../app-context.js";
import { audit } from "../audit.js";
import { hashToken, normaliseEmail, toPublicUser } from "../auth.js";
import type { PublicUser } from "../auth.js";

export type { SignupMode } from "../app-context.js";

type Db = Kysely<Schema> | Transaction<Schema>;

export const SIGNUP_MODES: readonly SignupMode[] = ["open", "invite", "closed"];

/** How long a setup link works. A start after that, with still no admin, prints a new one. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60_000;

/** --signup or KNEEWISE_SIGNUP; unset is "open". */
export function parseSignupMode(value: string | undefined): SignupMode {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === "") return "open";
  if ((SIGNUP_MODES as readonly string[]).includes(v)) return v as SignupMode;
  throw new DomainError(
    "CONFIG_INVALID",
    `Sign-up must be open, invite or closed (--signup or KNEEWISE_SIGNUP), not "${value}".`,
  );
}

/**
 * Refuses an account for `email` that this site's sign-up setting does not allow. Called when a
 * sign-up is asked for and again when its account is made (the setting may have changed between).
 */
export async function checkSignUpAllowed(db: Db, app: App, rawEmail: string): Promise<void> {
  const mode = app.signup ?? "open";
  if (mode === "open") return;
  if (mode === "closed")
    throw new DomainError(
      "SIGNUP_CLOSED",
      "Sign-up is closed on this site: ask its administrator for an account.",
    );
  if (!(await siteSetup.isInvited(db, normaliseEmail(rawEmail))))
    throw new DomainError(
      "SIGNUP_INVITE_ONLY",
      "This site takes sign-ups from invited addresses only, and this address has no invitation: ask its administrator to invite you.",
    );
}

/** Inside the transaction that makes the account: checks the setting, and uses up the invitation. */
export async function takeSignUpPlace(trx: Db, app: App, rawEmail: string): Promise<void> {
  await checkSignUpAllowed(trx, app, rawEmail);
  await siteSetup.removeSignupInvite(trx, normaliseEmail(rawEmail));
}

/** Where a setup link lands: the web app's /setup page reads the token from the fragment, which no server log sees. */
export function setupLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/setup#token=${encodeURIComponent(token)}`;
}

export type SetupAnnouncement =
  | { kind: "not-needed" }
  | { kind: "printed"; link: string; expiresAt: string }
  | { kind: "pending"; expiresAt: string };

function newLink(app: App): {
  token: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
} {
  const token = randomBytes(32).toString("base64url");
  const now = app.now();
  return {
    token,
    tokenHash: hashToken(token),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SETUP_LINK_TTL_MS).toISOString(),
  };
}

/**
 * At start: on a multi-user site with no admin, makes the setup link unless a live one exists
 * (another instance, or an earlier start, printed it), and says what to log.
 */
export async function prepareSiteSetup(app: App, publicUrl: string): Promise<SetupAnnouncement> {
  if (app.mode !== "multi") return { kind: "not-needed" };
  const { db } = app.database;
  if ((await roles.countAdmins(db)) > 0) return { kind: "not-needed" };
  const link = newLink(app);
  if (await siteSetup.putSetupLinkUnlessLive(db, link, link.createdAt))
    return { kind: "printed", link: setupLink(publicUrl, link.token), expiresAt: link.expiresAt };
  const live = await siteSetup.findSetupLink(db);
  return { kind: "pending", expiresAt: live?.expires_at ?? link.expiresAt };
}

/** The log lines for an announcement: plain sentences, the link on a line of its own. */
export function setupAnnouncementLines(a: SetupAnnouncement): string[] {
  if (a.kind === "printed")
    return [
      `This site has no admin yet. To make your account the admin, sign up (or sign in), then open this link within 24 hours; it works once: ${a.link}`,
      "Or, on this server: kneewise admin grant YOUR-EMAIL",
    ];
  if (a.kind === "pending")
    return [
      `This site has no admin yet. A setup link was printed to the log when it was made; it works until ${a.expiresAt}. For a new one: kneewise admin setup-link. Or: kneewise admin grant YOUR-EMAIL`,
    ];
  return [];
}

/**
 * What a server start does: prepares the link and hands `log` its lines. A failure is logged, not
 * thrown: the site serves its runners all the same, and `kneewise admin setup-link` can try again.
 */
export async function announceSiteSetup(
  app: App,
  publicUrl: string,
  log: (line: string) => void,
): Promise<void> {
  let announcement: SetupAnnouncement;
  try {
    announcement = await prepareSiteSetup(app, publicUrl);
  } catch (err) {
    log(
      `The setup link for this site's first admin could not be made (${(err as Error).message}); run kneewise admin setup-link.`,
    );
    return;
  }
  for (const line of setupAnnouncementLines(announcement)) log(line);
}

/** `kneewise admin setup-link`: a new link (the old one stops working), while the site has no admin. */
export async function newSetupLink(
  app: App,
  publicUrl: string,
): Promise<{ link: string; expiresAt: string }> {
  if (app.mode !== "multi")
    throw new DomainError(
      "MULTI_USER_ONLY",
      "A single-user kneewise has no admin to set up: its owner is whoever uses this computer.",
    );
  const { db } = app.database;
  if ((await roles.countAdmins(db)) > 0)
    throw new DomainError(
      "SITE_HAS_ADMIN",
      "This site has an admin already: an admin changes roles on the People page, or run kneewise admin grant EMAIL.",
    );
  const link = newLink(app);
  await siteSetup.replaceSetupLink(db, link);
  return { link: setupLink(publicUrl, link.token), expiresAt: link.expiresAt };
}

/** The signed-in user opened the setup link: they become the site's admin, once. */
export async function claimSiteSetup(app: App, userId: string, token: string): Promise<PublicUser> {
  if (app.mode !== "multi")
    throw new DomainError("MULTI_USER_ONLY", "A single-user kneewise has no admin to set up.");
  const now = app.now().toISOString();
  const tokenHash = hashToken(token);
  return app.database.db.transaction().execute(async (trx) => {
    const link = await siteSetup.findSetupLink(trx);
    if (!link || link.token_hash !== tokenHash)
      throw new DomainError(
        "SETUP_TOKEN_INVALID",
        "This setup link is not valid: it may be mistyped, or a newer link has replaced it.",
      );
    if (link.used_at !== null)
      throw new DomainError("SETUP_TOKEN_USED", "This setup link has been used already.");
    if ((await roles.countAdmins(trx)) > 0)
      throw new DomainError(
        "SITE_HAS_ADMIN",
        "This site has an admin already: ask them to change your role.",
      );
    if (link.expires_at <= now)
      throw new DomainError(
        "SETUP_TOKEN_EXPIRED",
        "This setup link has expired: restart kneewise or run kneewise admin setup-link for a new one.",
      );
    const user = await users.findUserById(trx, userId);
    if (!user) throw new DomainError("NOT_SIGNED_IN", "Sign in to use the setup link.");
    if (!(await siteSetup.useSetupLink(trx, tokenHash, now)))
      throw new DomainError("SETUP_TOKEN_USED", "This setup link has been used already.");
    await roles.setUserRole(trx, user.id, "admin");
    await audit(trx, app, user.id, "role.changed", `user:${user.id}`, {
      from: user.role,
      to: "admin",
      by: "setup link",
    });
    return toPublicUser({ ...user, role: "admin" });
  });
}

/** `kneewise admin grant EMAIL`: whoever runs commands on the server may make an admin. */
export async function grantAdmin(app: App, rawEmail: string): Promise<PublicUser> {
  const email = normaliseEmail(rawEmail);
  return app.database.db.transaction().execute(async (trx) => {
    const user = await users.findUserByEmail(trx, email);
    if (!user || user.is_local_owner === 1)
      throw new DomainError(
        "USER_NOT_FOUND",
        `There is no account with the email address ${email}: sign up first, then run this again.`,
      );
    if (user.role === "admin") return toPublicUser(user);
    await roles.setUserRole(trx, user.id, "admin");
    await audit(trx, app, user.id, "role.changed", `user:${user.id}`, {
      from: user.role,
      to: "admin",
      by: "command line",
    });
    return toPublicUser({ ...user, role: "admin" });
  });
}

/** `kneewise admin invite EMAIL`: this address may sign up while sign-up is by invitation. */
export async function inviteToSignUp(
  app: App,
  rawEmail: string,
): Promise<{ email: string; added: boolean; hasAccount: boolean }> {
  const email = normaliseEmail(rawEmail);
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new DomainError("VALIDATION_FAILED", `"${rawEmail}" is not an email address.`);
  const { db } = app.database;
  if (await users.findUserByEmail(db, email)) return { email, added: false, hasAccount: true };
  return {
    email,
    added: await siteSetup.addSignupInvite(db, email, app.now().toISOString()),
    hasAccount: false,
  };
}

/** `kneewise admin uninvite EMAIL`: the address as stored, and whether it had an invitation. */
export async function withdrawSignUpInvite(
  app: App,
  rawEmail: string,
): Promise<{ email: string; removed: boolean }> {
  const email = normaliseEmail(rawEmail);
  return { email, removed: await siteSetup.removeSignupInvite(app.database.db, email) };
}
