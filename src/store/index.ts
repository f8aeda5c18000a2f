export {
  openDatabase,
  migrateToLatest,
  pendingMigrations,
  isPostgresUrl,
  DEFAULT_SQLITE_PATH,
  NEWER_DATABASE_WARNING,
  migrationsUnknownHere,
} from "./database.js";
export type { Database, DialectName, OpenOptions } from "./database.js";
export { DEFAULT_DATABASE_WAIT, databaseWaitFromEnv } from "./wait-for-database.js";
export type { DatabaseWait } from "./wait-for-database.js";
export type { Schema, UserRow, SessionRow } from "./schema.js";
export * as users from "./repositories/users.js";
export * as sessions from "./repositories/sessions.js";
export type { PasswordResetTokenRow } from "./schema.js";
export * as passwordResets from "./repositories/password-resets.js";
export type { EmailVerificationRow, LoginDeviceRow } from "./schema.js";
export * as emailVerifications from "./repositories/email-verifications.js";
export * as loginDevices from "./repositories/login-devices.js";
export type { SiteSetupLinkRow } from "./schema.js";
export * as siteSetup from "./repositories/site-setup.js";
export type {
  ActivityRow,
  NewActivityRow,
  ImportFileRow,
  NewImportFileRow,
  ImportJobRow,
  ImportJobUpdate,
} from "./schema.js";
export * as activities from "./repositories/activities.js";
export * as importFiles from "./repositories/import-files.js";
export * as importJobs from "./repositories/import-jobs.js";
export * as uploadParts from "./repositories/upload-parts.js";
export type { NewOriginalFileRow } from "./schema.js";
export * as originalFiles from "./repositories/original-files.js";
export type { PlanRow, NewPlanRow, CalendarTokenRow } from "./schema.js";
export * as plans from "./repositories/plans.js";
export * as calendarTokens from "./repositories/calendar-tokens.js";
export type { UploadTokenRow } from "./schema.js";
export * as uploadTokens from "./repositories/upload-tokens.js";
export type { ShoeRow, NewShoeRow, ShoeUpdate, CheckinRow, NewCheckinRow } from "./schema.js";
export * as shoes from "./repositories/shoes.js";
export * as checkins from "./repositories/checkins.js";
export type { DailyWellnessRow, NewDailyWellnessRow } from "./schema.js";
export * as dailyWellness from "./repositories/daily-wellness.js";
export * as trainingActivities from "./repositories/manual-activities.js";
export type { AssessmentRow, NewAssessmentRow } from "./repositories/assessments.js";
export * as assessments from "./repositories/assessments.js";
export type { ProfileRow, NewProfileRow } from "./repositories/profiles.js";
export * as profiles from "./repositories/profiles.js";
export type {
  CommentRow,
  NewCommentRow,
  CommentReportRow,
  UserBanRow,
  AuditLogRow,
} from "./schema.js";
export * as comments from "./repositories/comments.js";
export * as moderation from "./repositories/moderation.js";
export * as rateLimits from "./repositories/rate-limits.js";
export * as auditLog from "./repositories/audit-log.js";
export type { PainEntryRow, ProgrammeSessionRow } from "./schema.js";
export * as painEntries from "./repositories/pain-entries.js";
export * as programmeSessions from "./repositories/programme-sessions.js";
export type { ShareRow, CoachNoteRow } from "./schema.js";
export * as shares from "./repositories/shares.js";
export * as coachNotes from "./repositories/coach-notes.js";
export * as roles from "./repositories/roles.js";
