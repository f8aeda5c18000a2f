/**
 * A runner shares their data with a coach or physio: by email (the invitation waits for an
 * account with that address, whose owner accepts it) or by a single-use link valid for
 * INVITE_LINK_DAYS (only its SHA-256 is stored). The runner sees who can see their data and since
 * when, changes the access, and revokes at once; the coach can leave. Every step is audited.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { DomainError } from "../../core/errors.js";
import { DEFAULT_SHARE_SCOPES, INVITE_LINK_DAYS, SHARE_ACCESS_LABELS, SHARE_SCOPE_LABELS } from "../../contracts/sharing.js";
import type {
  AthleteView,
  CoachInviteView,
  EmailInviteBody,
  LinkInvitePreview,
  LinkInviteResponse,
  ShareAccess,
  ShareChangeBody,
  ShareScope,
  ShareView,
} from "../../contracts/sharing.js";
import { shares, users } from "../../store/index.js";
import type { ShareRow, UserRow } from "../../store/index.js";
import type { ShareWithPerson } from "../../store/repositories/shares.js";
import { sendUnawaited } from "../account/mailer.js";
import type { MailDelivery } from "../account/mailer.js";
import type { App } from "../app.js";
import { normaliseEmail } from "../auth.js";
import { audit, requireActiveShare, requireSharing, scopesJson, scopesOf } from "./consent.js";

const DAY_MS = 86_400_000;
/** How long the runner still sees an invitation the invitee declined. */
export const DECLINED_SHOWN_DAYS = 30;

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function shareView(row: ShareWithPerson | ShareRow, nowIso: string): ShareView {
  const person = "person_name" in row && row.coach_id !== null && row.person_name !== null
    ? { id: row.coach_id, displayName: row.person_name, email: row.person_email ?? "" }
    : null;
  return {
    id: row.id,
    kind: row.invite_email !== null ? "email" : "link",
    access: row.access,
    scopes: scopesOf(row),
    status: row.status,
    inviteEmail: row.invite_email,
    inviteExpiresAt: row.invite_expires_at,
    expired: row.status === "pending" && row.invite_expires_at !== null && row.invite_expires_at <= nowIso,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
    coach: person,
  };
}

export function athleteView(share: ShareRow, athlete: Pick<UserRow, "id" | "display_name">): AthleteView {
  return {
    id: athlete.id,
    displayName: athlete.display_name,
    shareId: share.id,
    access: share.access,
    scopes: scopesOf(share),
    since: share.accepted_at ?? share.created_at,
  };
}

async function userOrThrow(app: App, userId: string): Promise<UserRow> {
  const user = await users.findUserById(app.database.db, userId);
  if (!user) throw new DomainError("NOT_SIGNED_IN", "Sign in to see this.");
  return user;
}

// ---------------------------------------------------------------------------------------------
// The runner's side.

/** Who can see the runner's data (active), the invitations still open (pending), and recent refusals (declined). */
export async function listMyShares(app: App, athleteId: string): Promise<ShareView[]> {
  requireSharing(app);
  const nowIso = app.now().toISOString();
  const declinedSince = new Date(app.now().getTime() - DECLINED_SHOWN_DAYS * DAY_MS).toISOString();
  return (await shares.listLiveSharesOfAthlete(app.database.db, athleteId, declinedSince)).map((r) => shareView(r, nowIso));
}

/**
 * How an email invitation reaches the invitee: the site's mailer (SMTP, or its log) and address.
 * A failed delivery is reported, and the invitation stands (it shows in the app anyway).
 */
export type InviteMail = MailDelivery;

/** The kinds of data in words, for an email or an audit-free sentence: "training load and shoes; knee checks". */
export function scopesInWords(scopes: readonly ShareScope[]): string {
  return scopes.map((s) => SHARE_SCOPE_LABELS[s].toLowerCase()).join("; ");
}

/** The email telling a coach or physio about an invitation: who, what they would see, where to answer. */
export function invitationMessage(
  runnerName: string,
  to: string,
  share: Pick<ShareView, "access" | "scopes">,
  publicUrl: string,
): { to: string; subject: string; text: string } {
  return {
    to,
    subject: `${runnerName} invites you to see their running on kneewise`,
    text: [
      "Hello,",
      "",
      `${runnerName} keeps their training and knee pain in kneewise and would like you, as their coach or physio, to see: ${scopesInWords(share.scopes)} (${SHARE_ACCESS_LABELS[share.access].toLowerCase()}).`,
      "",
      `To accept or decline, sign in to kneewise with this address (${to}), or create a coach or physio account with it, and open:`,
      "",
      `${publicUrl}/coach`,
      "",
      `Nothing is shared until you accept, and ${runnerName} can stop sharing at any time. If you do not know ${runnerName}, ignore this email.`,
    ].join("\n"),
  };
}

export async function inviteByEmail(app: App, athleteId: string, input: EmailInviteBody, mail?: InviteMail): Promise<ShareView> {
  requireSharing(app);
  const email = normaliseEmail(input.email);
  let runnerName = "";
  const view = await app.database.db.transaction().execute(async (trx) => {
    const me = await users.findUserById(trx, athleteId);
    if (!me) throw new DomainError("NOT_SIGNED_IN", "Sign in to share your data.");
    runnerName = me.display_name;
    if (me.email === email) throw new DomainError("CANNOT_SHARE_WITH_SELF", `${email} is your own address: invite your coach's or physio's email instead.`);
    if (await shares.findActiveShareWithEmail(trx, athleteId, email))
      throw new DomainError("SHARE_EXISTS", `${email} can already see your data.`);
    if (await shares.findPendingEmailInvite(trx, athleteId, email))
      throw new DomainError("SHARE_EXISTS", `You have already invited ${email}; the invitation is waiting to be accepted.`);
    const now = app.now().toISOString();
    const row = await shares.insertShare(trx, {
      id: randomUUID(),
      athlete_id: athleteId,
      coach_id: null,
      invite_email: email,
      invite_token_hash: null,
      invite_expires_at: null,
      access: input.access,
      scopes: scopesJson(input.scopes ?? DEFAULT_SHARE_SCOPES),
      status: "pending",
      created_at: now,
      accepted_at: null,
      revoked_at: null,
      revoked_by: null,
    });
    // The address is personal data of someone else: the audit keeps the share, not the email.
    await audit(trx, app, athleteId, "share.invited", `user:${athleteId}`, { shareId: row.id, kind: "email", access: row.access, scopes: scopesOf(row) });
    return shareView(row, now);
  });
  // Sent once the invitation is stored, and not awaited: a slow or failing mail server neither
  // holds up nor undoes it (the invitee also finds it in the app).
  if (mail !== undefined) sendUnawaited(mail, invitationMessage(runnerName, email, view, mail.publicUrl));
  return view;
}

export async function inviteByLink(
  app: App,
  athleteId: string,
  access: ShareAccess,
  scopes: readonly ShareScope[] = DEFAULT_SHARE_SCOPES,
): Promise<LinkInviteResponse> {
  requireSharing(app);
  const token = randomBytes(32).toString("base64url");
  const now = app.now();
  return app.database.db.transaction().execute(async (trx) => {
    const row = await shares.insertShare(trx, {
      id: randomUUID(),
      athlete_id: athleteId,
      coach_id: null,
      invite_email: null,
      invite_token_hash: hashInviteToken(token),
      invite_expires_at: new Date(now.getTime() + INVITE_LINK_DAYS * DAY_MS).toISOString(),
      access,
      scopes: scopesJson(scopes),
      status: "pending",
      created_at: now.toISOString(),
      accepted_at: null,
      revoked_at: null,
      revoked_by: null,
    });
    await audit(trx, app, athleteId, "share.invited", `user:${athleteId}`, { shareId: row.id, kind: "link", access, scopes: scopesOf(row) });
    return { share: shareView(row, now.toISOString()), token, path: `/invite/${token}` };
  });
}

/** One of the runner's own live shares, with the coach's name; another runner's is not found. */
async function ownLiveShare(app: App, athleteId: string, shareId: string): Promise<ShareWithPerson> {
  const row = (await shares.listLiveSharesOfAthlete(app.database.db, athleteId)).find((r) => r.id === shareId);
  if (!row) throw new DomainError("SHARE_NOT_FOUND", "You have no open share or invitation with this id.");
  return row;
}

/**
 * The runner changes what a live share or open invitation allows: the access, the kinds of data,
 * or both. The coach's next request already sees the change (every read checks the database).
 */
export async function changeShare(app: App, athleteId: string, shareId: string, change: ShareChangeBody): Promise<ShareView> {
  requireSharing(app);
  const row = await ownLiveShare(app, athleteId, shareId);
  const access = change.access ?? row.access;
  const scopes = scopesJson(change.scopes ?? scopesOf(row));
  return app.database.db.transaction().execute(async (trx) => {
    const audited = { shareId: row.id, coachId: row.coach_id };
    if (row.access !== access) {
      await shares.setShareAccess(trx, row.id, access);
      await audit(trx, app, athleteId, "share.access_changed", `user:${athleteId}`, { ...audited, from: row.access, to: access });
    }
    if (row.scopes !== scopes) {
      await shares.setShareScopes(trx, row.id, scopes);
      await audit(trx, app, athleteId, "share.scopes_changed", `user:${athleteId}`, { ...audited, from: scopesOf(row), to: scopesOf({ scopes }) });
    }
    return shareView({ ...row, access, scopes }, app.now().toISOString());
  });
}

/** Ends a share or withdraws an invitation; the coach's next request already gets nothing. */
export async function revokeShare(app: App, athleteId: string, shareId: string): Promise<ShareView> {
  requireSharing(app);
  const row = await ownLiveShare(app, athleteId, shareId);
  const now = app.now().toISOString();
  return app.database.db.transaction().execute(async (trx) => {
    if (!(await shares.revokeShare(trx, row.id, athleteId, now)))
      throw new DomainError("SHARE_NOT_FOUND", "You have no open share or invitation with this id.");
    await audit(trx, app, athleteId, "share.revoked", `user:${athleteId}`, { shareId: row.id, coachId: row.coach_id, was: row.status });
    return shareView({ ...row, status: "revoked", revoked_at: now, revoked_by: athleteId }, now);
  });
}

// ---------------------------------------------------------------------------------------------
// The coach's side.

function requireCoach(user: UserRow): void {
  if (user.role !== "coach")
    throw new DomainError("NOT_A_COACH", "Only a coach or physio account can accept an invitation: choose \"I am a coach or physio\" first.");
}

/**
 * Invitations are accepted (or declined) only by accounts that proved they read mail at their
 * address (issue 19, item 3): anyone can sign up with, or change to, an address they do not own.
 */
function requireVerifiedEmail(user: UserRow): void {
  if (user.email_verified_at === null)
    throw new DomainError(
      "EMAIL_NOT_VERIFIED",
      `Confirm your email address (${user.email}) before accepting invitations: open the link we emailed you, or ask for a new one on your account page.`,
    );
}

/**
 * Email invitations waiting for the signed-in account's address. None until the address is
 * verified: an invitation names the runner, which only the address's owner may learn.
 */
export async function listMyInvites(app: App, userId: string): Promise<CoachInviteView[]> {
  requireSharing(app);
  const me = await userOrThrow(app, userId);
  if (me.email_verified_at === null) return [];
  const rows = await shares.listPendingForEmail(app.database.db, me.email);
  return rows
    .filter((r) => r.athlete_id !== me.id)
    .map((r) => ({ id: r.id, athlete: { displayName: r.person_name ?? "" }, access: r.access, scopes: scopesOf(r), createdAt: r.created_at }));
}

async function accept(app: App, coach: UserRow, row: ShareRow, kind: "email" | "link"): Promise<AthleteView> {
  // Checked before the role, so a runner opening their own link hears the real reason.
  if (row.athlete_id === coach.id)
    throw new DomainError("OWN_INVITE", "This is your own invitation: send it to your coach or physio to accept.");
  requireCoach(coach);
  // Email invitations are bound to the address (the callers compare it); links are not, but
  // they too wait for a verified address.
  requireVerifiedEmail(coach);
  const now = app.now().toISOString();
  return app.database.db.transaction().execute(async (trx) => {
    if (await shares.findActiveShare(trx, coach.id, row.athlete_id))
      throw new DomainError("SHARE_EXISTS", "This runner already shares their data with you.");
    if (!(await shares.activateShare(trx, row.id, coach.id, now)))
      throw new DomainError("INVITE_NOT_FOUND", "This invitation has already been used or withdrawn.");
    await audit(trx, app, coach.id, "share.accepted", `user:${row.athlete_id}`, { shareId: row.id, kind, access: row.access, scopes: scopesOf(row) });
    const athlete = await users.findUserById(trx, row.athlete_id);
    return athleteView({ ...row, status: "active", coach_id: coach.id, accepted_at: now }, { id: row.athlete_id, display_name: athlete?.display_name ?? "" });
  });
}

/**
 * The invitee turns an email invitation down: it leaves their list, and the runner sees it as
 * declined (for DECLINED_SHOWN_DAYS) and may invite someone else, or the same person again.
 */
export async function declineEmailInvite(app: App, userId: string, shareId: string): Promise<void> {
  requireSharing(app);
  const me = await userOrThrow(app, userId);
  const row = await shares.findShare(app.database.db, shareId);
  if (!row || row.status !== "pending" || row.invite_email !== me.email || row.athlete_id === me.id)
    throw new DomainError("INVITE_NOT_FOUND", "There is no open invitation with this id for your email address.");
  // Someone merely claiming the address must not turn the real invitee's invitation down.
  requireVerifiedEmail(me);
  await app.database.db.transaction().execute(async (trx) => {
    if (!(await shares.declineShare(trx, row.id, me.id, app.now().toISOString())))
      throw new DomainError("INVITE_NOT_FOUND", "This invitation has already been used or withdrawn.");
    await audit(trx, app, me.id, "share.declined", `user:${row.athlete_id}`, { shareId: row.id });
  });
}

export async function acceptEmailInvite(app: App, coachId: string, shareId: string): Promise<AthleteView> {
  requireSharing(app);
  const coach = await userOrThrow(app, coachId);
  const row = await shares.findShare(app.database.db, shareId);
  // An invitation to someone else's address is not found, whoever asks: the invitation is bound
  // to its address, and accept() then asks for that address to be verified.
  if (!row || row.status !== "pending" || (row.invite_email !== coach.email && row.athlete_id !== coach.id))
    throw new DomainError("INVITE_NOT_FOUND", "There is no open invitation with this id for your email address.");
  return accept(app, coach, row, "email");
}

async function pendingLink(app: App, token: string): Promise<ShareRow> {
  const row = await shares.findPendingByTokenHash(app.database.db, hashInviteToken(token));
  if (!row) throw new DomainError("INVITE_NOT_FOUND", "This invitation link is not valid: it has been used, withdrawn, or mistyped.");
  if (row.invite_expires_at !== null && row.invite_expires_at <= app.now().toISOString())
    throw new DomainError("INVITE_EXPIRED", `This invitation link has expired (links work for ${INVITE_LINK_DAYS} days): ask the runner for a new one.`);
  return row;
}

/** What a link grants, so the coach knows what they accept. */
export async function previewLinkInvite(app: App, viewerId: string, token: string): Promise<LinkInvitePreview> {
  requireSharing(app);
  const row = await pendingLink(app, token);
  const athlete = await users.findUserById(app.database.db, row.athlete_id);
  return { athlete: { displayName: athlete?.display_name ?? "" }, yours: row.athlete_id === viewerId, access: row.access, scopes: scopesOf(row), expiresAt: row.invite_expires_at ?? "" };
}

export async function acceptLinkInvite(app: App, coachId: string, token: string): Promise<AthleteView> {
  requireSharing(app);
  const coach = await userOrThrow(app, coachId);
  const row = await pendingLink(app, token);
  return accept(app, coach, row, "link");
}

/** The coach stops seeing the runner's data. */
export async function leaveShare(app: App, coachId: string, athleteId: string): Promise<void> {
  requireSharing(app);
  const now = app.now().toISOString();
  await app.database.db.transaction().execute(async (trx) => {
    const share = await requireActiveShare(trx, coachId, athleteId);
    await shares.revokeShare(trx, share.id, coachId, now);
    await audit(trx, app, coachId, "share.left", `user:${athleteId}`, { shareId: share.id });
  });
}

/** The athlete as the coach sees them, after the consent check. */
export async function athleteForCoach(app: App, coachId: string, athleteId: string): Promise<AthleteView> {
  requireSharing(app);
  const share = await requireActiveShare(app.database.db, coachId, athleteId);
  const athlete = await users.findUserById(app.database.db, athleteId);
  if (!athlete) throw new DomainError("ATHLETE_NOT_FOUND", "There is no athlete with this id among the runners who share their data with you.");
  return athleteView(share, athlete);
}
