/**
 * Plans as stored rows hold them. Plans written before issue 17 kept sentences in km (a week's
 * "reason", each session's "description", each warning's "message", the notes, the "why" of a
 * change); this is the one path that reads them: each sentence becomes a "legacy" text, which
 * plan-text.ts shows in miles by rewriting the distances kneewise wrote into it. Plans written
 * since keep numbers only and pass through unchanged.
 */
import type { PlanText } from "./plan-text.js";
import type { ReturnPlan } from "./return-to-run.js";
import type { Plan, PlanSession, PlanWarning, PlanWeek } from "./types.js";

/** A session as an old row holds it: a description instead of a variant. */
type OldSession = PlanSession & { description?: string };
type OldWarning = Omit<PlanWarning, "text"> & { text?: PlanText; message?: string };
type OldWeek = Omit<PlanWeek, "reason" | "sessions"> & { reason: PlanText[] | string; sessions: OldSession[] };
type OldPlan = Omit<Plan, "weeks" | "warnings" | "notes"> & {
  weeks: OldWeek[];
  warnings: OldWarning[];
  notes: (PlanText | string)[];
};

function legacy(text: PlanText | string): PlanText {
  return typeof text === "string" ? { key: "legacy", text } : text;
}

function storedSession(s: OldSession): PlanSession {
  const { description, ...rest } = s;
  return description !== undefined && rest.legacy_text === undefined ? { ...rest, legacy_text: description } : rest;
}

function storedWarning(w: OldWarning): PlanWarning {
  const { message, text, ...rest } = w;
  return { ...rest, text: text ?? legacy(message ?? "") };
}

/** A build-up plan from its stored JSON, whichever form it was written in. */
export function readStoredPlan(json: string): Plan {
  const old = JSON.parse(json) as OldPlan;
  return {
    ...old,
    weeks: old.weeks.map((w) => ({
      ...w,
      reason: typeof w.reason === "string" ? [legacy(w.reason)] : w.reason,
      sessions: w.sessions.map(storedSession),
    })),
    warnings: old.warnings.map(storedWarning),
    notes: old.notes.map(legacy),
  };
}

/** A walk-run return from its stored JSON; plans stored before the stop existed have neither field. */
export function readStoredReturnPlan(json: string): ReturnPlan {
  const old = JSON.parse(json) as Omit<ReturnPlan, "weeks" | "stopped" | "stops"> &
    Partial<Pick<ReturnPlan, "stopped" | "stops">> & { weeks: { start: string; sessions: OldSession[] }[] };
  return {
    ...old,
    stages: [...old.stages],
    stopped: old.stopped ?? null,
    stops: old.stops ?? [],
    weeks: old.weeks.map((w) => ({ start: w.start, sessions: w.sessions.map(storedSession) })),
  };
}

/** One change as stored: its "why" is a text, or an old row's sentence (or a return plan's, which holds no distance). */
export function storedWhy(why: PlanText | string): PlanText {
  return legacy(why);
}
