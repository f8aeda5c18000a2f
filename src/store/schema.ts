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

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  activities: ActivitiesTable;
  import_files: ImportFilesTable;
  import_jobs: ImportJobsTable;
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
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ActivityRow = Selectable<ActivitiesTable>;
export type NewActivityRow = Insertable<ActivitiesTable>;
export type ImportFileRow = Selectable<ImportFilesTable>;
export type NewImportFileRow = Insertable<ImportFilesTable>;
export type ImportJobRow = Selectable<ImportJobsTable>;
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
