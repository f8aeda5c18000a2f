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

/**
 * What kinds of data a runner agrees to show one coach or physio (issue 18, item 9). Each athlete
 * read checks its own kind on the server; a kind not shared is refused, never answered empty.
 */
export const SHARE_SCOPES = ["training", "activities", "pain", "diary", "checkins", "programmes", "assessments"] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];
export const SHARE_SCOPE_LABELS: Readonly<Record<ShareScope, string>> = {
  training: "Training load and shoes",
  activities: "Runs and other activities, one by one",
  pain: "Pain today (the traffic light and latest score)",
  diary: "Pain diary, every entry",
  checkins: "Daily check-ins",
  programmes: "Exercise sessions logged",
  assessments: "Knee checks",
};
/**
 * What every share showed before runners chose (migration 0022 gives existing shares exactly
 * this), and what an invitation that names no scopes shares.
 */
export const DEFAULT_SHARE_SCOPES: readonly ShareScope[] = ["training", "pain", "assessments"];

const SCOPES_EXPECTED = `scopes must be a list of: ${SHARE_SCOPES.join(", ")}.`;
/** At least one kind, each known, no repeats kept, in the order of SHARE_SCOPES. */
export const shareScopes = z
  .array(z.enum(SHARE_SCOPES, { error: SCOPES_EXPECTED }), { error: SCOPES_EXPECTED })
  .min(1, "scopes: choose at least one kind of data to share (to share nothing, stop sharing instead).")
  .max(20, "scopes: at most 20 entries.")
  .transform((list) => SHARE_SCOPES.filter((s) => list.includes(s)));

/** A link invitation works once, for this long. */
export const INVITE_LINK_DAYS = 7;
export const NOTE_MAX = 4000;

const access = z.enum(SHARE_ACCESS, { error: "access must be read or notes." });
const id = z.string().min(1).max(100);

export const emailInviteBody = z
  .object({
    email: z.string().trim().email("Enter a valid email address.").max(254),
    access,
    scopes: shareScopes.optional(),
  })
  .strict();
export type EmailInviteBody = z.infer<typeof emailInviteBody>;

export const linkInviteBody = z.object({ access, scopes: shareScopes.optional() }).strict();
export type LinkInviteBody = z.infer<typeof linkInviteBody>;

/** The runner changes what a share allows: the access, the scopes, or both. */
export const shareChangeBody = z
  .object({ access: access.optional(), scopes: shareScopes.optional() })
  .strict()
  .refine((b) => b.access !== undefined || b.scopes !== undefined, { message: "Send access, scopes or both.", path: ["access"] });
export type ShareChangeBody = z.infer<typeof shareChangeBody>;
export const shareIdParams = z.object({ id }).strict();
export const inviteTokenParams = z.object({ token: z.string().min(20).max(200) }).strict();
export const athleteParams = z.object({ athleteId: id }).strict();
export const athleteNoteParams = z.object({ athleteId: id, noteId: id }).strict();
export const athleteActivityParams = z.object({ athleteId: id, activityId: id }).strict();

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
  /** The kinds of data the coach sees, in the order of SHARE_SCOPES. */
  scopes: ShareScope[];
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
  /** What the coach would see on accepting. */
  scopes: ShareScope[];
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
  scopes: ShareScope[];
  expiresAt: string;
}

/** What a coach may see of one athlete's share: who, since when, and how. */
export interface AthleteView {
  id: string;
  displayName: string;
  shareId: string;
  access: ShareAccess;
  /** What the runner shares with this coach now; every other kind is refused (SCOPE_NOT_SHARED). */
  scopes: ShareScope[];
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

/** The load figures of a roster row; only when the runner shares "training". */
export interface RosterTraining {
  lastActivityDate: string | null;
  acwr: { ratio: number | null; zone: "low" | "ok" | "high" | "very_high" | null; withheld: string | null };
  rampWarnings: number;
  spikeWarnings: number;
  warnings: number;
  /** pairs: the pairs in use; 0 means none recorded, which is not "fine". */
  shoes: { pairs: number; worn: number; nearLimit: number };
}

/**
 * One roster row. A part the runner does not share is null under `shared` false; a part shared
 * with nothing recorded says so (latestPain null with pain shared: no diary entries yet).
 */
export interface RosterEntry {
  athlete: AthleteView;
  /** The athlete's own today, as the report counts it. */
  asOf: string;
  /** Null when "training" is not shared. */
  training: RosterTraining | null;
  /** Null when not recorded in the last 60 days, or when "pain" is not shared (see athlete.scopes). */
  latestPain: { score: number; date: string } | null;
  /** Null when none saved, or when "assessments" is not shared. */
  latestAssessment: { triage: "emergency" | "urgent" | "see_clinician" | "self_care"; date: string } | null;
  attention: Attention;
}

/**
 * Who needs a coach first. `gaps` are what the score could not look at, in short words ("no runs
 * recorded", "pain not shared"): a score of 0 with gaps is "nothing to go on", not "fine".
 */
export interface Attention {
  score: number;
  reasons: AttentionReason[];
  gaps: string[];
  /** Nothing shared was ever recorded: no run, no diary entry, no knee check. */
  nothingRecorded: boolean;
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
