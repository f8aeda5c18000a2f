/**
 * What a coach reads of one athlete, each kind behind the runner's consent for it (issue 18,
 * item 9): the share must be live and hold the kind ("training", "activities", "pain", "diary",
 * "checkins", "programmes", "assessments"), checked in the database on every request. The data
 * comes from the same services the runner's own pages use.
 */
import type { ActivityDetail, ActivityListResponse } from "../../contracts/activities.js";
import type { AthletePainStatusResponse, PainEntryView, PainListQuery, PainStatusQuery } from "../../contracts/pain.js";
import type { ProgrammeSessionView } from "../../contracts/programmes.js";
import type { ShareScope } from "../../contracts/sharing.js";
import type { CheckinListResponse, ReportResponse, ShoeListResponse } from "../../contracts/training.js";
import type { App } from "../app.js";
import { listAssessmentHistory } from "../assessments.js";
import type { AssessmentSummaryView } from "../assessments.js";
import { listCheckins } from "../checkins.js";
import { getActivity, listActivities } from "../import/index.js";
import type { ActivityListQuery } from "../import/activity-queries.js";
import { listPainEntries, painStatusFor } from "../pain.js";
import { listProgrammeSessions } from "../programmes.js";
import { listShoes } from "../shoes.js";
import { trainingReport } from "../training-report.js";
import { requireScope, requireSharing, scopesOf } from "./consent.js";

/** Who asks about whom. */
export interface AthleteRead {
  coachId: string;
  athleteId: string;
}

/** The share holds this kind; returns every kind it holds, for answers that mix kinds. */
async function consented(app: App, who: AthleteRead, scope: ShareScope): Promise<ShareScope[]> {
  requireSharing(app);
  return scopesOf(await requireScope(app.database.db, who.coachId, who.athleteId, scope));
}

/**
 * The training report; builds count against the coach's own budget, as the runner's count against
 * theirs. The report reads the runner's check-ins too (their trend, OVERTRAINING_SIGNS naming the
 * worst items): without "checkins" shared it is built as if there were none, never trimmed
 * afterwards, so no part derived from them can slip through.
 */
export async function athleteReport(
  app: App,
  who: AthleteRead,
  q: { asOf?: string | undefined; weeks?: number | undefined; units?: "km" | "mi" | undefined; locale?: string | undefined },
): Promise<ReportResponse> {
  const scopes = await consented(app, who, "training");
  return trainingReport(app, who.athleteId, {
    asOf: q.asOf,
    weeks: q.weeks,
    units: q.units,
    locale: q.locale,
    budgetFor: who.coachId,
    checkins: scopes.includes("checkins"),
  });
}

export async function athleteShoes(app: App, who: AthleteRead, asOf?: string): Promise<ShoeListResponse> {
  await consented(app, who, "training");
  return listShoes(app, who.athleteId, asOf);
}

/**
 * The athlete's pain status; `q` as GET /api/pain/status takes it (asOf, units, locale), or a bare
 * asOf. "pain" shows the light and what decides it (SHARE_SCOPE_LABELS: "Pain today"); the
 * diary's patterns come only with "diary" too, and their running-distance, correlation and shoe
 * parts only with "training" as well: they are built from the runs, not trimmed from them.
 */
export async function athletePainStatus(app: App, who: AthleteRead, q?: PainStatusQuery | string): Promise<AthletePainStatusResponse> {
  const scopes = await consented(app, who, "pain");
  const runs = scopes.includes("training");
  const full = await painStatusFor(app, who.athleteId, q, { patternsFromRuns: runs });
  if (!scopes.includes("diary")) return { status: full.status, patterns: null, shoeNames: {} };
  if (runs) return full;
  const { patterns } = full;
  return {
    status: full.status,
    patterns: {
      ...patterns,
      weekly: patterns.weekly.map(({ distanceM: _distance, ...week }) => week),
      // Built without runs, the only check of them is "log your runs", which is not the coach's to do.
      checks: patterns.checks.filter((c) => c.text.key !== "no_runs"),
    },
    shoeNames: {},
  };
}

export async function athletePainDiary(app: App, who: AthleteRead, q: PainListQuery): Promise<PainEntryView[]> {
  await consented(app, who, "diary");
  return listPainEntries(app, who.athleteId, q);
}

export async function athleteAssessments(app: App, who: AthleteRead): Promise<AssessmentSummaryView[]> {
  await consented(app, who, "assessments");
  return listAssessmentHistory(app, who.athleteId);
}

export async function athleteCheckins(app: App, who: AthleteRead, range: { from?: string | undefined; to?: string | undefined }): Promise<CheckinListResponse> {
  await consented(app, who, "checkins");
  return listCheckins(app, who.athleteId, range);
}

export async function athleteProgrammeSessions(app: App, who: AthleteRead, q: { programme?: string | undefined }): Promise<ProgrammeSessionView[]> {
  await consented(app, who, "programmes");
  return listProgrammeSessions(app, who.athleteId, q);
}

export async function athleteActivities(app: App, who: AthleteRead, q: ActivityListQuery): Promise<Omit<ActivityListResponse, "limit" | "offset">> {
  await consented(app, who, "activities");
  return listActivities(app, who.athleteId, q);
}

/**
 * One activity, without where it was run: the runner shares their runs for the load, the laps and
 * the heart rate, not a map of their streets (a track's start is often their front door).
 */
export async function athleteActivity(app: App, who: AthleteRead, id: string): Promise<ActivityDetail> {
  await consented(app, who, "activities");
  const detail = await getActivity(app, who.athleteId, id);
  return { ...detail, stream: detail.stream.map((p) => ({ ...p, lat: null, lon: null })) };
}
