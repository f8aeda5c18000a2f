/**
 * The two ends of the walk-run return (issue 16): the way in, gated by entry criteria read
 * against the runner's last knee assessment, and the stop, counted from the red days in the pain
 * diary. The rules themselves are pure, in src/core/plan/return-to-run.ts; this file reads what
 * they need and keeps src/services/plans/ small.
 */
import { CONDITION_LABELS, RED_FLAG_LABELS } from "../core/assessment/index.js";
import { DomainError } from "../core/errors.js";
import { redDays } from "../core/pain/index.js";
import { addDays } from "../core/plan/dates.js";
import { ENTRY_CRITERIA, returnEntryCriteria, unmetEntryCriteria } from "../core/plan/index.js";
import type { LastAssessmentFacts, ReturnEntry } from "../core/plan/index.js";
import { returnEntryBody } from "../contracts/plans.js";
import type { ReturnEntryBody, ReturnEntryView } from "../contracts/plans.js";
import { assessments } from "../store/index.js";
import type { App } from "./app.js";
import { listPainEntries, toPainModel } from "./pain.js";

/** What createPlan stores of the entry check, so the plan remembers what the runner confirmed. */
export interface StoredReturnEntry {
  confirmed: string[];
  suspected: boolean;
  clearance_needed: boolean;
  assessment_id: string | null;
  at: string;
}

function labelOf(labels: Readonly<Record<string, string>>, id: string): string {
  return labels[id] ?? id.replace(/_/g, " ");
}

/** The runner's latest saved assessment as the entry criteria read it; null without one. */
async function lastAssessment(
  app: App,
  userId: string,
): Promise<{ id: string; facts: LastAssessmentFacts } | null> {
  const [row] = await assessments.listAssessments(app.database.db, userId, 1);
  if (!row) return null;
  const result = JSON.parse(row.result_json) as { red_flags?: unknown; triage?: unknown };
  const flags = Array.isArray(result.red_flags)
    ? result.red_flags.filter((f): f is string => typeof f === "string")
    : [];
  const redFlags = flags.map((id) => ({ id, label: labelOf(RED_FLAG_LABELS, id) }));
  // Some rules that send a runner to urgent or emergency care have no id in the contract's closed
  // red_flag list (possible_knee_dislocation, for one): the level itself then asks for clearance.
  if (redFlags.length === 0 && (result.triage === "urgent" || result.triage === "emergency"))
    redFlags.push({ id: `triage_${result.triage}`, label: `the last knee check said ${result.triage} care` });
  return {
    id: row.id,
    facts: {
      date: row.created_at.slice(0, 10),
      redFlags,
      topCondition:
        row.top_condition === null
          ? null
          : { id: row.top_condition, label: labelOf(CONDITION_LABELS, row.top_condition) },
    },
  };
}

function view(
  entry: ReturnEntry,
  assessment: { id: string; facts: LastAssessmentFacts } | null,
): ReturnEntryView {
  return {
    criteria: entry.criteria.map((c) => ({ code: c.code, label: c.label, why: c.why })),
    clearance_needed: entry.clearanceNeeded,
    clearance_reasons: entry.clearanceReasons,
    clearance: { ...ENTRY_CRITERIA.clinician_clearance, code: "clinician_clearance" },
    assessment: assessment === null ? null : { id: assessment.id, date: assessment.facts.date },
  };
}

/**
 * What this runner must confirm before the walk-run return can start; the last check's day in
 * `locale`'s style (YYYY-MM-DD without one).
 */
export async function returnEntryFor(app: App, userId: string, locale?: string): Promise<ReturnEntryView> {
  const last = await lastAssessment(app, userId);
  return view(returnEntryCriteria(last?.facts ?? null, false, locale), last);
}

/**
 * Checks the runner's ticks against the criteria for them; throws PLAN_ENTRY_NOT_MET, naming what
 * is missing, when any criterion shown is not confirmed.
 */
export async function checkReturnEntry(
  app: App,
  userId: string,
  body: ReturnEntryBody | undefined,
): Promise<StoredReturnEntry> {
  const given = returnEntryBody.parse(body ?? {});
  const last = await lastAssessment(app, userId);
  const entry = returnEntryCriteria(last?.facts ?? null, given.suspected);
  const confirmed = Object.fromEntries(given.confirmed.map((c) => [c, true]));
  const unmet = unmetEntryCriteria(entry, confirmed);
  if (unmet.length > 0) {
    throw new DomainError(
      "PLAN_ENTRY_NOT_MET",
      "The walk-run return can start once every entry criterion is met and ticked.",
      {
        fields: unmet.map((c) => ({
          path: `entry.confirmed.${c.code}`,
          message: `Not confirmed yet: ${c.label}`,
        })),
      },
    );
  }
  return {
    confirmed: entry.criteria.map((c) => c.code),
    suspected: given.suspected,
    clearance_needed: entry.clearanceNeeded,
    assessment_id: last?.id ?? null,
    at: app.now().toISOString(),
  };
}

/** The red diary days from `from` to `to` (local dates, inclusive); the day before is read for its morning score. */
export async function redDiaryDays(
  app: App,
  userId: string,
  from: string,
  to: string,
): Promise<string[]> {
  if (from > to) return [];
  const entries = await listPainEntries(app, userId, { from: addDays(from, -1), to });
  return redDays(entries.map(toPainModel), from, to);
}
