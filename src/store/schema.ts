import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Table types for the application. Migrations never import these (they are frozen and typed
 * Kysely<any>), so an old migration still runs after these change.
 * Timestamps are UTC ISO strings and booleans are 0/1 integers on both dialects, so the same
 * query returns the same values on SQLite and PostgreSQL.
 */
export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: "runner" | "coach" | "moderator" | "admin";
  is_local_owner: Generated<number>;
  settings_json: Generated<string>;
  created_at: string;
  /** Raised by triggers (migration 0012) on every write to what the training report reads. */
  data_version: Generated<number>;
  /** When the account proved it reads mail at `email` (migration 0013); null until then and after a change. */
  email_verified_at: Generated<string | null>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a copy of the database does not hand out live sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/** One stored activity. Streams and laps are JSON text: read whole, never queried inside. */
export interface ActivitiesTable {
  id: string;
  user_id: string;
  sport: string;
  start_utc: string;
  utc_offset_min: number | null;
  moving_s: number;
  elapsed_s: number;
  distance_m: number;
  elevation_gain_m: number | null;
  elevation_loss_m: number | null;
  avg_hr: number | null;
  max_hr: number | null;
  avg_cadence: number | null;
  device: string | null;
  gear: string | null;
  name: string | null;
  perceived_exertion: number | null;
  indoor: number;
  source: string;
  surface: string | null;
  shoe_id: string | null;
  /** [{startOffsetS, durationS, distanceM}] */
  laps_json: string;
  /** Column arrays: {"t":[…],"d":[…],"alt":[…],"hr":[…],"cad":[…]}, null where a sample lacks a channel. */
  stream_json: string;
  source_file: string | null;
  /** The UTC start minute ("2024-03-01T06:30"): twins are looked up near it. */
  dedupe_key: string;
  created_at: string;
}

/** A pair of shoes. Dates are the runner's local dates (YYYY-MM-DD); retired pairs keep their history. */
export interface ShoesTable {
  id: string;
  user_id: string;
  name: string;
  brand: string | null;
  start_date: string | null;
  initial_distance_m: Generated<number>;
  limit_m: Generated<number>;
  /** JSON array of the sports this pair is the default for. */
  sports_json: Generated<string>;
  /** Local date the pair was retired, null while in use. */
  retired_at: string | null;
  created_at: string;
}

/** One overtraining check-in per user and local date; each item 0-3, higher is worse. */
export interface CheckinsTable {
  id: string;
  user_id: string;
  date: string;
  fatigue: number;
  irritability_low_mood: number;
  appetite: number;
  enthusiasm: number;
  headaches: number;
  general_aches: number;
  performance_drop: number;
  sleep: number;
  created_at: string;
}

/** Every file an import has read, by content hash, so that reading it again is recognised. */
export interface ImportFilesTable {
  id: string;
  user_id: string;
  sha256: string;
  file_name: string;
  status: "imported" | "duplicate" | "skipped" | "failed";
  code: string | null;
  message: string | null;
  activity_count: number;
  created_at: string;
  /** The upload job that read it (null from the command line): a retried job counts its own files. */
  job_id: string | null;
}

/** A runner's original file, gzip-compressed (stored as it came when it already was), once per content hash. */
export interface OriginalFilesTable {
  id: string;
  user_id: string;
  /** SHA-256 of the file as it was read (the same hash as import_files). */
  sha256: string;
  /** Its path inside what the runner gave (the export zip, the folder), e.g. "activities/123.fit.gz". */
  file_name: string;
  /** Size of the file as it was read. */
  size_bytes: number;
  bytes_gz: Buffer;
  created_at: string;
}

export interface ImportJobsTable {
  id: string;
  user_id: string;
  status: "queued" | "running" | "done" | "failed";
  files_total: number;
  files_done: number;
  summary_json: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  claimed_by: string | null;
  heartbeat_at: string | null;
}

/** A comment under an article. Deleting keeps the row (thread shape) and clears the body. */
export interface CommentsTable {
  id: string;
  article_slug: string;
  user_id: string;
  /** A top-level comment's id; replies are one level deep. */
  parent_id: string | null;
  body: string;
  status: "visible" | "pending" | "hidden";
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface CommentReportsTable {
  id: string;
  comment_id: string;
  user_id: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}

export interface UserBansTable {
  user_id: string;
  banned_by: string | null;
  reason: string;
  created_at: string;
}

/** Fixed-window counters in the database, shared by every server instance. */
export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

/** The search index of visible comments: one row per (stem, comment). */
export interface CommentTermsTable {
  term: string;
  /** The comment's created_at, so a term's newest comments are one index range. */
  created_at: string;
  comment_id: string;
}

export interface CommentVocabularyTable {
  term: string;
  /** The term's first two characters: prefix and typo candidates are one indexed lookup. */
  prefix: string;
  /** How many visible comments hold the term. */
  comments: number;
}

/** Who did what to whom: moderation now, sharing and role changes later. */
export interface AuditLogTable {
  id: string;
  actor_id: string | null;
  action: string;
  target: string;
  details_json: string;
  created_at: string;
}

/** Single-use password-reset links, by SHA-256 of their secret; valid for an hour. */
export interface PasswordResetTokensTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Single-use email links (migration 0013): a user's address to prove, or a sign-up waiting for its account. */
export interface EmailVerificationsTable {
  /** SHA-256 of the secret in the emailed link. */
  id: string;
  user_id: string | null;
  email: string;
  display_name: string | null;
  password_hash: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Browsers that signed in to an account before (SHA-256 of their device cookie). */
export interface LoginDevicesTable {
  id: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
}

/** A runner's training plan: a build-up plan or the walk-run return after pain. JSON as text. */
export interface PlansTable {
  id: string;
  user_id: string;
  kind: "build" | "return";
  input_json: string;
  plan_json: string;
  previous_plan_json: string | null;
  changes_json: Generated<string>;
  data_signature: string | null;
  created_at: string;
  updated_at: string;
  active: Generated<number>;
}

/** Secret calendar-subscription tokens, by SHA-256; revoked ones stay, marked, for the record. */
export interface CalendarTokensTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  revoked_at: string | null;
}

/** A saved knee assessment: the contract's input and result as JSON, triage copied out for lists. */
export interface AssessmentsTable {
  id: string;
  user_id: string;
  input_json: string;
  result_json: string;
  triage: string;
  top_condition: string | null;
  created_at: string;
}

/** One runner profile per user; lists are JSON arrays of codes from src/core/profile.ts. */
export interface ProfilesTable {
  user_id: string;
  experience: string;
  foot_type: string;
  surfaces_json: string;
  other_sports_json: string;
  weak_groups_json: string;
  tight_groups_json: string;
  week_start: Generated<number>;
  units: string;
  updated_at: string;
  /** Beats per minute, set by the runner (migration 0021); null when not given. */
  max_hr: number | null;
  threshold_hr: number | null;
}

/** One pain-diary day per runner (unique user_id + date); scores are 0-10 or null when not recorded. */
export interface PainEntriesTable {
  id: string;
  user_id: string;
  /** The runner's local date, YYYY-MM-DD. */
  date: string;
  during: number | null;
  after: number | null;
  next_morning: number | null;
  /** JSON array of assessment pain-location codes. */
  locations_json: string;
  /** JSON array of trigger codes. */
  triggers_json: string;
  notes: string;
  created_at: string;
  updated_at: string;
  /** 0/1, null when not asked (migration 0016): pain at night, swelling after the run, giving way. */
  night_pain: number | null;
  swelling: number | null;
  giving_way: number | null;
}

/** One logged session of an exercise programme. */
export interface ProgrammeSessionsTable {
  id: string;
  user_id: string;
  programme_slug: string;
  /** 1-based stage number. */
  stage: number;
  date: string;
  /** JSON array of {slug, sets, reps, holdSeconds}: what was actually done. */
  exercises_json: string;
  pain_during: number | null;
  notes: string;
  created_at: string;
}

/** A runner's consent for one coach or physio: an invitation until accepted, then live until revoked. */
export interface SharesTable {
  id: string;
  athlete_id: string;
  /** Null until accepted. */
  coach_id: string | null;
  /** Lower-cased address of an email invitation. */
  invite_email: string | null;
  /** SHA-256 of a link invitation's single-use secret. */
  invite_token_hash: string | null;
  invite_expires_at: string | null;
  access: "read" | "notes";
  /** declined: the invitee turned the email invitation down (revoked_at/by say when and who). */
  status: "pending" | "active" | "revoked" | "declined";
  created_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  /**
   * JSON array of the kinds of data shared (contracts SHARE_SCOPES); migration 0022. Left out of
   * an insert, the database gives what every share showed before: training, pain, assessments.
   */
  scopes: Generated<string>;
}

/** A coach's note about one runner; the runner can always read it. */
export interface CoachNotesTable {
  id: string;
  athlete_id: string;
  coach_id: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/** A chunk of an upload waiting for its import (PostgreSQL deployments; deleted when the job ends). */
export interface UploadPartsTable {
  job_id: string;
  /** 1-based: the n-th file of the upload. */
  file_no: number;
  /** 1-based: the n-th chunk of that file. */
  part_no: number;
  /** The name the runner's computer gave the file. */
  file_name: string;
  bytes: Uint8Array;
  created_at: string;
}

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  email_verifications: EmailVerificationsTable;
  login_devices: LoginDevicesTable;
  activities: ActivitiesTable;
  import_files: ImportFilesTable;
  import_jobs: ImportJobsTable;
  upload_parts: UploadPartsTable;
  original_files: OriginalFilesTable;
  assessments: AssessmentsTable;
  profiles: ProfilesTable;
  shoes: ShoesTable;
  checkins: CheckinsTable;
  comments: CommentsTable;
  comment_reports: CommentReportsTable;
  user_bans: UserBansTable;
  rate_limits: RateLimitsTable;
  comment_terms: CommentTermsTable;
  comment_vocabulary: CommentVocabularyTable;
  audit_log: AuditLogTable;
  plans: PlansTable;
  calendar_tokens: CalendarTokensTable;
  pain_entries: PainEntriesTable;
  programme_sessions: ProgrammeSessionsTable;
  shares: SharesTable;
  coach_notes: CoachNotesTable;
  site_setup_links: SiteSetupLinksTable;
  signup_invites: SignupInvitesTable;
  upload_tokens: UploadTokensTable;
  daily_wellness: DailyWellnessTable;
}

/** The one-time link that makes an account the site's first admin (migration 0017). */
export interface SiteSetupLinksTable {
  /** Always "first-admin": one live link per site. */
  slot: string;
  /** SHA-256 of the token; the token itself is only ever printed to the server's log. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Addresses that may sign up while sign-up is limited to invited addresses. */
export interface SignupInvitesTable {
  email: string;
  created_at: string;
}

/** Personal upload tokens (migration 0019): named keys that may only send and read imports. */
export interface UploadTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the secret; the secret itself is shown once, when the token is made. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export type UploadTokenRow = Selectable<UploadTokensTable>;

/**
 * Resting heart rate and HRV a device recorded, one row per user, local date and source (migration
 * 0020): imported, never typed, and apart from the check-ins so an import cannot overwrite those.
 */
export interface DailyWellnessTable {
  id: string;
  user_id: string;
  /** The runner's local date, YYYY-MM-DD. */
  date: string;
  /** Where the values came from: "apple_health". */
  source: string;
  /** Beats per minute: the day's mean resting heart rate. */
  resting_hr: number | null;
  /** Heart-rate variability, SDNN, whole milliseconds: the day's mean. */
  hrv_sdnn_ms: number | null;
  /** When an import last wrote the row. */
  imported_at: string;
}

export type DailyWellnessRow = Selectable<DailyWellnessTable>;
export type NewDailyWellnessRow = Insertable<DailyWellnessTable>;
export type UserRow = Selectable<UsersTable>;
export type SiteSetupLinkRow = Selectable<SiteSetupLinksTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type PasswordResetTokenRow = Selectable<PasswordResetTokensTable>;
export type EmailVerificationRow = Selectable<EmailVerificationsTable>;
export type LoginDeviceRow = Selectable<LoginDevicesTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type NewActivityRow = Insertable<ActivitiesTable>;
export type ImportFileRow = Selectable<ImportFilesTable>;
export type NewImportFileRow = Insertable<ImportFilesTable>;
export type ImportJobRow = Selectable<ImportJobsTable>;
export type NewOriginalFileRow = Insertable<OriginalFilesTable>;
export type ImportJobUpdate = Updateable<ImportJobsTable>;
export type ShoeRow = Selectable<ShoesTable>;
export type NewShoeRow = Insertable<ShoesTable>;
export type ShoeUpdate = Updateable<ShoesTable>;
export type CheckinRow = Selectable<CheckinsTable>;
export type NewCheckinRow = Insertable<CheckinsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NewCommentRow = Insertable<CommentsTable>;
export type CommentUpdate = Updateable<CommentsTable>;
export type CommentReportRow = Selectable<CommentReportsTable>;
export type UserBanRow = Selectable<UserBansTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type PlanRow = Selectable<PlansTable>;
export type NewPlanRow = Insertable<PlansTable>;
export type CalendarTokenRow = Selectable<CalendarTokensTable>;
export type PainEntryRow = Selectable<PainEntriesTable>;
export type ProgrammeSessionRow = Selectable<ProgrammeSessionsTable>;
export type ShareRow = Selectable<SharesTable>;
export type CoachNoteRow = Selectable<CoachNotesTable>;
