/**
 * Sharing with coaches and physios, the coach's roster and notes, and role changes. A runner's
 * data is visible to a coach only through a live share the runner granted; an athlete the coach
 * may not see answers exactly like one that does not exist.
 */
import { z } from "zod";
import type { UserView } from "./auth.js";

export const SHARE_ACCESS = ["read", "notes"] as const;
export type ShareAccess = (typeof SHARE_ACCESS)[number];
export const SHARE_ACCESS_LABELS: Readonly<Record<ShareAccess, string>> = {
  read: "Read only",
  notes: "Read and keep notes",
};

/** A link invitation works once, for this long. */
export const INVITE_LINK_DAYS = 7;
export const NOTE_MAX = 4000;

const access = z.enum(SHARE_ACCESS, { error: "access must be read or notes." });
const id = z.string().min(1).max(100);

export const emailInviteBody = z
  .object({
    email: z.string().trim().email("Enter a valid email address.").max(254),
    access,
  })
  .strict();
export type EmailInviteBody = z.infer<typeof emailInviteBody>;

export const linkInviteBody = z.object({ access }).strict();
export type LinkInviteBody = z.infer<typeof linkInviteBody>;

export const shareAccessBody = z.object({ access }).strict();
export const shareIdParams = z.object({ id }).strict();
export const inviteTokenParams = z.object({ token: z.string().min(20).max(200) }).strict();
export const athleteParams = z.object({ athleteId: id }).strict();
export const athleteNoteParams = z.object({ athleteId: id, noteId: id }).strict();

export const noteBody = z
  .object({
    body: z.string().trim().min(1, "Write something in the note.").max(NOTE_MAX, `A note is at most ${NOTE_MAX} characters.`),
  })
  .strict();
export type NoteBody = z.infer<typeof noteBody>;

export const USER_ROLES = ["runner", "coach", "moderator", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const roleBody = z.object({ role: z.enum(USER_ROLES, { error: "role must be runner, coach, moderator or admin." }) }).strict();
/** What anyone may choose for themselves: "I run" or "I am a coach or physio". */
export const selfRoleBody = z.object({ role: z.enum(["runner", "coach"], { error: "role must be runner or coach." }) }).strict();
export const userIdParams = z.object({ userId: id }).strict();

/** People listed per page on the admin's people page. */
export const ADMIN_USERS_PAGE_SIZE = 50;
/** GET /api/admin/users: an optional search (part of an email or a name) and a page. */
export const adminUsersQuery = z
  .object({
    q: z.string().trim().max(200, "A search is at most 200 characters.").optional(),
    page: z.coerce.number({ error: "page must be a whole number from 1." }).int("page must be a whole number from 1.").min(1, "page must be a whole number from 1.").optional(),
  })
  .strict();

/** One account as an admin sees it: enough to find the person and change their role. */
export interface AdminUserView {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  createdAt: string;
}

export interface AdminUsersResponse {
  users: AdminUserView[];
  page: number;
  pages: number;
  total: number;
}

export interface PersonView {
  id: string;
  displayName: string;
  email: string;
}

/** One share as the runner sees it. */
export interface ShareView {
  id: string;
  kind: "email" | "link";
  access: ShareAccess;
  status: "pending" | "active" | "revoked" | "declined";
  /** The address invited by email, or null for a link. */
  inviteEmail: string | null;
  /** When a link invitation stops working; null for email invitations. */
  inviteExpiresAt: string | null;
  /** A pending link past its date: it no longer works. */
  expired: boolean;
  createdAt: string;
  /** Since when the coach can see the data (null while pending). */
  acceptedAt: string | null;
  revokedAt: string | null;
  coach: PersonView | null;
}

export interface SharingListResponse {
  shares: ShareView[];
}

export interface ShareResponse {
  share: ShareView;
}

/** The link secret is shown once, when the link is made; only its SHA-256 is kept. */
export interface LinkInviteResponse {
  share: ShareView;
  token: string;
  /** The page the coach opens: /invite/<token>. */
  path: string;
}

/** An invitation as the coach sees it. */
export interface CoachInviteView {
  id: string;
  athlete: { displayName: string };
  access: ShareAccess;
  createdAt: string;
}

export interface CoachInvitesResponse {
  invites: CoachInviteView[];
}

export interface LinkInvitePreview {
  athlete: { displayName: string };
  /** The viewer made this link: they cannot accept it themselves. */
  yours: boolean;
  access: ShareAccess;
  expiresAt: string;
}

/** What a coach may see of one athlete's share: who, since when, and how. */
export interface AthleteView {
  id: string;
  displayName: string;
  shareId: string;
  access: ShareAccess;
  since: string;
}

export interface AthleteResponse {
  athlete: AthleteView;
}

export interface AttentionReason {
  /** A stable code: TRIAGE, PAIN, RAMP, SPIKE, RESTART, SHOES, OVERTRAINING (ACWR and RAMP_TWO_WEEK are no longer given). */
  code: string;
  /** Short words for the roster, e.g. "pain 6/10 yesterday", "ACWR 1.7", "ramp +35%". */
  text: string;
  points: number;
}

export interface RosterEntry {
  athlete: AthleteView;
  /** The athlete's own today, as the report counts it. */
  asOf: string;
  lastActivityDate: string | null;
  acwr: { ratio: number | null; zone: "low" | "ok" | "high" | "very_high" | null; withheld: string | null };
  rampWarnings: number;
  spikeWarnings: number;
  warnings: number;
  shoes: { worn: number; nearLimit: number };
  latestPain: { score: number; date: string } | null;
  latestAssessment: { triage: "emergency" | "urgent" | "see_clinician" | "self_care"; date: string } | null;
  attention: { score: number; reasons: AttentionReason[] };
}

export interface RosterResponse {
  athletes: RosterEntry[];
}

export interface NoteView {
  id: string;
  body: string;
  createdAt: string;
  coach: { id: string; displayName: string };
}

export interface NotesResponse {
  notes: NoteView[];
}

export interface NoteResponse {
  note: NoteView;
}

export interface RoleResponse {
  user: UserView;
}
