/**
 * A stored plan in words, in the runner's units: the one place a plan's texts become sentences
 * (plan-text.ts holds the wording). The API, the CLI and the calendar feed all show plans
 * through these functions, so switching units changes every text at once.
 */
import { dayWriter } from "../format/dates.js";
import type { Units } from "../units.js";
import { renderText, renderTexts } from "./plan-text.js";
import type { PlanText } from "./plan-text.js";
import { stopReason } from "./return-to-run.js";
import type { ReturnPlan, ReturnStop } from "./return-to-run.js";
import type { Plan, PlanSession, RenderedPlan, RenderedSession } from "./types.js";

/** The text a session says, from its kind, its numbers and its variant. */
export function sessionText(s: PlanSession): PlanText {
  if (s.legacy_text !== undefined) return { key: "legacy", text: s.legacy_text };
  const distance_m = s.distance_m ?? 0;
  const minutes = Math.round((s.duration_s ?? 0) / 60);
  switch (s.kind) {
    case "easy":
      return { key: s.variant === "race_week" ? "race_week_run" : "easy_run", distance_m };
    case "long":
      return { key: "long_run", distance_m };
    case "quality":
      return { key: "quality_run", distance_m };
    case "race":
      return { key: "race_day", distance_m };
    case "cross":
      return { key: "cross", minutes };
    case "strength":
      return { key: "strength", programme: s.programme ?? "runner-strength", minutes };
    case "walk_run":
      return { key: "walk_run", stage: s.stage ?? 1 };
    case "rest":
      return { key: s.variant === "pre_race" ? "pre_race_rest" : s.variant === "post_race" ? "post_race_rest" : "rest" };
  }
}

export function renderSession(s: PlanSession, units: Units, locale?: string): RenderedSession {
  return {
    date: s.date,
    kind: s.kind,
    ...(s.distance_m !== undefined ? { distance_m: s.distance_m } : {}),
    ...(s.duration_s !== undefined ? { duration_s: s.duration_s } : {}),
    description: renderText(sessionText(s), units, locale),
    ...(s.programme !== undefined ? { programme: s.programme } : {}),
  };
}

/** The plan in words: distances in `units`, days in `locale`'s style (YYYY-MM-DD without one). */
export function renderPlan(plan: Plan, units: Units, locale?: string): RenderedPlan {
  return {
    ...plan,
    weeks: plan.weeks.map((w) => ({
      ...w,
      reason: renderTexts(w.reason, units, locale),
      sessions: w.sessions.map((s) => renderSession(s, units, locale)),
    })),
    warnings: plan.warnings.map(({ text, ...rest }) => ({ ...rest, message: renderText(text, units, locale) })),
    notes: plan.notes.map((n) => renderText(n, units, locale)),
  };
}

export type RenderedReturnPlan = Omit<ReturnPlan, "weeks" | "stages"> & {
  stages: ReturnPlan["stages"][number][];
  weeks: { start: string; sessions: RenderedSession[] }[];
};

/** A stop's reason with its red days in the reader's style; as stored when no locale is asked for. */
function renderStop(stop: ReturnStop, locale: string | undefined): ReturnStop {
  return locale === undefined ? stop : { ...stop, reason: stopReason(stop.red_days, dayWriter(locale)) };
}

export function renderReturnPlan(plan: ReturnPlan, units: Units, locale?: string): RenderedReturnPlan {
  return {
    ...plan,
    stopped: plan.stopped && renderStop(plan.stopped, locale),
    stops: plan.stops.map((s) => renderStop(s, locale)),
    stages: [...plan.stages],
    weeks: plan.weeks.map((w) => ({ start: w.start, sessions: w.sessions.map((s) => renderSession(s, units, locale)) })),
  };
}
