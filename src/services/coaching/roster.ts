/**
 * The coach's roster: each athlete who shares their data, with their risk picture and an
 * attention score, most pressing first. One training report per athlete who shares "training"
 * (tens of athletes, not thousands), from the athlete's own data as of their own today.
 */
import type { RosterEntry, RosterTraining, ShareScope } from "../../contracts/sharing.js";
import type { TriageLevel } from "../../core/assessment/codes.js";
import { activities, assessments, painEntries, shares } from "../../store/index.js";
import type { ShareWithPerson } from "../../store/repositories/shares.js";
import type { App } from "../app.js";
import { localDateOf, trainingReport } from "../training-report.js";
import { attentionFor, byAttention, PAIN_LOOKBACK_DAYS } from "./attention.js";
import { requireSharing, scopesOf } from "./consent.js";
import { athleteView } from "./sharing.js";

type Report = Awaited<ReturnType<typeof trainingReport>>["report"];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The report's warnings a coach may see: OVERTRAINING_SIGNS is read from the check-ins, so it
 * counts only where the runner shares those too. (The roster reads the runner's own kept report
 * rather than building a second one without check-ins; this warning is all it takes from them.)
 */
function warningsFor(report: Report, checkins: boolean): Report["warnings"] {
  return checkins ? report.warnings : report.warnings.filter((w) => w.code !== "OVERTRAINING_SIGNS");
}

/** The load side of a row, from a three-week report (enough for the warnings, which look back two). */
async function trainingOf(app: App, athleteId: string, report: Report, warnings: Report["warnings"]): Promise<RosterTraining> {
  const latest = await activities.listActivities(app.database.db, athleteId, {}, { key: "start_utc", dir: "desc" }, { limit: 1, offset: 0 });
  const live = report.shoes.filter((s) => !s.retired);
  const last = latest.rows[0];
  return {
    lastActivityDate: last ? localDateOf(last.start_utc, last.utc_offset_min) : null,
    acwr: { ratio: report.acwr.rolling, zone: report.acwr.zone, withheld: report.acwr.withheld },
    rampWarnings: warnings.filter((w) => w.code === "RAMP_WEEKLY").length,
    spikeWarnings: warnings.filter((w) => w.code === "RUN_SPIKE").length,
    warnings: warnings.length,
    shoes: { pairs: live.length, worn: live.filter((s) => s.status === "replace").length, nearLimit: live.filter((s) => s.status === "replace_soon").length },
  };
}

/** The latest scored diary day within PAIN_LOOKBACK_DAYS, or null. */
async function latestPainOf(app: App, athleteId: string, asOf: string): Promise<RosterEntry["latestPain"]> {
  const rows = await painEntries.listPainEntries(app.database.db, athleteId, { from: addDays(asOf, -PAIN_LOOKBACK_DAYS), to: addDays(asOf, 1) });
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const scores = [row.during, row.after, row.next_morning].filter((s): s is number => s !== null);
    if (scores.length > 0) return { score: Math.max(...scores), date: row.date };
  }
  return null;
}

async function latestAssessmentOf(app: App, athleteId: string): Promise<RosterEntry["latestAssessment"]> {
  const [row] = await assessments.listAssessments(app.database.db, athleteId, 1);
  return row ? { triage: row.triage as TriageLevel, date: row.created_at.slice(0, 10) } : null;
}

/**
 * One row, from only what the runner shares with this coach: a kind not shared is neither read
 * nor scored. With "training" the report fixes the athlete's today (asOf, in the zone of their
 * latest run); without it the row is as of the server's today, since the runner's today would
 * tell the coach where their latest run was.
 */
async function entryFor(app: App, share: ShareWithPerson): Promise<RosterEntry> {
  const athleteId = share.athlete_id;
  const scopes: ShareScope[] = scopesOf(share);
  const has = (s: ShareScope) => scopes.includes(s);
  const report = has("training") ? (await trainingReport(app, athleteId, { weeks: 3 })).report : null;
  const warnings = report ? warningsFor(report, has("checkins")) : [];
  const asOf = report ? report.as_of : app.now().toISOString().slice(0, 10);
  const [training, latestPain, latestAssessment] = await Promise.all([
    report ? trainingOf(app, athleteId, report, warnings) : null,
    has("pain") ? latestPainOf(app, athleteId, asOf) : null,
    has("assessments") ? latestAssessmentOf(app, athleteId) : null,
  ]);
  const attention = attentionFor({
    asOf,
    acwr: training?.acwr ?? { ratio: null, zone: null },
    warnings,
    shoes: training?.shoes ?? { worn: 0, nearLimit: 0 },
    latestPain,
    latestAssessment,
    recorded: {
      runs: training ? training.lastActivityDate !== null : null,
      pain: has("pain") ? latestPain !== null : null,
      assessments: has("assessments") ? latestAssessment !== null : null,
    },
  });
  return {
    athlete: athleteView(share, { id: athleteId, display_name: share.person_name ?? "" }),
    asOf,
    training,
    latestPain,
    latestAssessment,
    attention,
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
