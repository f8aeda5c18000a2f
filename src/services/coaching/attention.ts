/**
 * Who needs a coach's attention first: a pure score from one athlete's latest figures, with the
 * reasons in short words ("red-flag triage", "pain 6/10 yesterday", "run spike +32%", "week +18%").
 * The weights rank safety first (a red-flag triage outranks everything), then pain the runner
 * reports, then the load warnings of the guard (the single-run spike first: it is the rule with
 * the clearest evidence in runners, Frandsen et al. 2025; then the weekly change against the
 * runner's own four-week baseline), then shoes (a red flag scores more than every other reason
 * together). The acute:chronic ratio is no reason of its own: it describes the load, it does not
 * warn (Frandsen 2025 found a negative dose-response in runners; Impellizzeri 2020 on what a ratio
 * cannot tell), and the guard no longer raises ACWR_HIGH or RAMP_TWO_WEEK (warnings.ts).
 * Old signals fade out: pain counts for 7 days, an assessment for 30.
 *
 * A score of 0 is "fine" only where there was something to look at: what the runner does not
 * share, or never recorded, comes back as gaps ("no diary entry in the last 7 days", "pain not
 * shared"), and a runner with nothing recorded at all is flagged as such, never as calm.
 */
import type { Attention, AttentionReason, RosterEntry } from "../../contracts/sharing.js";
import type { AcwrZone, ReportWarning } from "../../contracts/training.js";

export const PAIN_RECENT_DAYS = 7;
export const ASSESSMENT_RECENT_DAYS = 30;
/** Pain older than this is not "latest pain" on the roster. */
export const PAIN_LOOKBACK_DAYS = 60;

export interface AttentionInput {
  /** The athlete's today. */
  asOf: string;
  /** Shown beside the roster as a description; it adds no points (see above). */
  acwr: { ratio: number | null; zone: AcwrZone | null };
  warnings: readonly Pick<ReportWarning, "code" | "data">[];
  shoes: { worn: number; nearLimit: number };
  latestPain: { score: number; date: string } | null;
  latestAssessment: { triage: "emergency" | "urgent" | "see_clinician" | "self_care"; date: string } | null;
  /**
   * Per kind the score reads: null when the runner does not share it, else whether anything of it
   * was recorded (runs: any activity; pain: a scored diary entry in PAIN_LOOKBACK_DAYS; assessments: any).
   */
  recorded: { runs: boolean | null; pain: boolean | null; assessments: boolean | null };
}

/** What the score could not look at, in the roster's short words. */
export function gapsOf(input: Pick<AttentionInput, "asOf" | "latestPain" | "recorded">): string[] {
  const { runs, pain, assessments } = input.recorded;
  const gaps: string[] = [];
  if (runs === null) gaps.push("training not shared");
  else if (!runs) gaps.push("no runs recorded");
  if (pain === null) gaps.push("pain not shared");
  else if (!pain || input.latestPain === null) gaps.push(`no pain recorded in the last ${PAIN_LOOKBACK_DAYS} days`);
  else if (daysBetween(input.latestPain.date, input.asOf) >= PAIN_RECENT_DAYS) gaps.push(`no diary entry in the last ${PAIN_RECENT_DAYS} days`);
  if (assessments === null) gaps.push("knee checks not shared");
  else if (!assessments) gaps.push("no knee check yet");
  return gaps;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

export function whenWords(date: string, asOf: string): string {
  const days = daysBetween(date, asOf);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

function pctText(v: unknown): string {
  return typeof v === "number" ? ` +${Math.round(v)}%` : "";
}

export function attentionFor(input: AttentionInput): Attention {
  const reasons: AttentionReason[] = [];
  const a = input.latestAssessment;
  if (a && daysBetween(a.date, input.asOf) <= ASSESSMENT_RECENT_DAYS) {
    if (a.triage === "emergency" || a.triage === "urgent")
      reasons.push({ code: "TRIAGE", text: `red-flag triage (${a.triage}) ${whenWords(a.date, input.asOf)}`, points: a.triage === "emergency" ? 300 : 200 });
    else if (a.triage === "see_clinician")
      reasons.push({ code: "TRIAGE", text: `assessment says see a clinician (${whenWords(a.date, input.asOf)})`, points: 30 });
  }
  const p = input.latestPain;
  if (p && daysBetween(p.date, input.asOf) < PAIN_RECENT_DAYS && p.score >= 3) {
    // Above 5 is the pain model's "back off" band; 3-5 is acceptable while it settles.
    const points = p.score >= 6 ? 50 + 5 * (p.score - 6) : 10 * (p.score - 2);
    reasons.push({ code: "PAIN", text: `pain ${p.score}/10 ${whenWords(p.date, input.asOf)}`, points });
  }
  const first = (code: string) => input.warnings.find((w) => w.code === code);
  const spike = first("RUN_SPIKE");
  if (spike) {
    // Graded by the study's bands: more than twice the recent longest had the highest hazard.
    const band = spike.data?.band;
    const points = band === "over-100" ? 30 : band === "30-100" ? 25 : 20;
    reasons.push({ code: "SPIKE", text: `run spike${pctText(spike.data?.increase_pct)} on the 30-day longest`, points });
  }
  const weekly = first("RAMP_WEEKLY");
  if (weekly)
    reasons.push({
      code: "RAMP",
      text: `week${pctText(weekly.data?.distance_change_pct ?? weekly.data?.duration_change_pct)} on the 4-week highest`,
      points: 15,
    });
  if (first("OVERTRAINING_SIGNS")) reasons.push({ code: "OVERTRAINING", text: "check-ins show overtraining signs", points: 15 });
  if (first("RESTART_AFTER_BREAK")) reasons.push({ code: "RESTART", text: "restarting after a break", points: 10 });
  if (input.shoes.worn > 0) reasons.push({ code: "SHOES", text: input.shoes.worn === 1 ? "worn-out shoes" : `${input.shoes.worn} worn-out pairs`, points: 10 });
  else if (input.shoes.nearLimit > 0) reasons.push({ code: "SHOES", text: "shoes near their limit", points: 3 });
  reasons.sort((x, y) => y.points - x.points);
  const nothingRecorded = Object.values(input.recorded).every((r) => r !== true);
  return { score: reasons.reduce((s, r) => s + r.points, 0), reasons, gaps: gapsOf(input), nothingRecorded };
}

/** Most attention first; equal scores by name, so the list does not jump between loads. */
export function byAttention(a: RosterEntry, b: RosterEntry): number {
  return b.attention.score - a.attention.score || a.athlete.displayName.localeCompare(b.athlete.displayName) || a.athlete.id.localeCompare(b.athlete.id);
}
