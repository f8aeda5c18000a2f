/**
 * The coach's roster: each athlete who shares their data, with their risk picture and an
 * attention score, most pressing first. One training report per athlete (tens of athletes, not
 * thousands), computed on each request from the athlete's own data as of their own today.
 */
import type { RosterEntry } from "../../contracts/sharing.js";
import type { TriageLevel } from "../../core/assessment/codes.js";
import { activities, assessments, painEntries, shares } from "../../store/index.js";
import type { ShareWithPerson } from "../../store/repositories/shares.js";
import type { App } from "../app.js";
import { localDateOf, trainingReport } from "../training-report.js";
import { attentionFor, byAttention } from "./attention.js";
import { requireSharing } from "./consent.js";
import { athleteView } from "./sharing.js";

/** Pain older than this is not "latest pain" on the roster. */
const PAIN_LOOKBACK_DAYS = 60;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function entryFor(app: App, share: ShareWithPerson): Promise<RosterEntry> {
  const { db } = app.database;
  const athleteId = share.athlete_id;
  // Three weeks shown is enough for the current warnings, which look back two weeks.
  const { report } = await trainingReport(app, athleteId, { weeks: 3 });
  const asOf = report.as_of;
  const [painRows, [assessment], latest] = await Promise.all([
    painEntries.listPainEntries(db, athleteId, { from: addDays(asOf, -PAIN_LOOKBACK_DAYS), to: addDays(asOf, 1) }),
    assessments.listAssessments(db, athleteId, 1),
    activities.listActivities(db, athleteId, {}, { key: "start_utc", dir: "desc" }, { limit: 1, offset: 0 }),
  ]);
  let latestPain: RosterEntry["latestPain"] = null;
  for (let i = painRows.length - 1; i >= 0 && latestPain === null; i--) {
    const row = painRows[i]!;
    const scores = [row.during, row.after, row.next_morning].filter((s): s is number => s !== null);
    if (scores.length > 0) latestPain = { score: Math.max(...scores), date: row.date };
  }
  const latestAssessment = assessment ? { triage: assessment.triage as TriageLevel, date: assessment.created_at.slice(0, 10) } : null;
  const live = report.shoes.filter((s) => !s.retired);
  const shoes = { worn: live.filter((s) => s.status === "replace").length, nearLimit: live.filter((s) => s.status === "replace_soon").length };
  const acwr = { ratio: report.acwr.rolling, zone: report.acwr.zone, withheld: report.acwr.withheld };
  const last = latest.rows[0];
  return {
    athlete: athleteView(share, { id: athleteId, display_name: share.person_name ?? "" }),
    asOf,
    lastActivityDate: last ? localDateOf(last.start_utc, last.utc_offset_min) : null,
    acwr,
    rampWarnings: report.warnings.filter((w) => w.code === "RAMP_WEEKLY").length,
    spikeWarnings: report.warnings.filter((w) => w.code === "RUN_SPIKE").length,
    warnings: report.warnings.length,
    shoes,
    latestPain,
    latestAssessment,
    attention: attentionFor({ asOf, acwr, warnings: report.warnings, shoes, latestPain, latestAssessment }),
  };
}

export async function coachRoster(app: App, coachId: string): Promise<RosterEntry[]> {
  requireSharing(app);
  const live = await shares.listActiveSharesOfCoach(app.database.db, coachId);
  const entries: RosterEntry[] = [];
  // One athlete at a time: each report already reads in parallel, and a pool of connections
  // is shared with every other request.
  for (const share of live) entries.push(await entryFor(app, share));
  return entries.sort(byAttention);
}
