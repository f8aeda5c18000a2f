/**
 * A stored plan in words, in the runner's units: the one place a plan's texts become sentences
 * (plan-text.ts holds the wording). The API, the CLI and the calendar feed all show plans
 * through these functions, so switching units changes every text at once.
 */
import type { Units } from "../units.js";
import { renderText, renderTexts } from "./plan-text.js";
import type { PlanText } from "./plan-text.js";
import type { ReturnPlan } from "./return-to-run.js";
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

export function renderSession(s: PlanSession, units: Units): RenderedSession {
  return {
    date: s.date,
    kind: s.kind,
    ...(s.distance_m !== undefined ? { distance_m: s.distance_m } : {}),
    ...(s.duration_s !== undefined ? { duration_s: s.duration_s } : {}),
    description: renderText(sessionText(s), units),
    ...(s.programme !== undefined ? { programme: s.programme } : {}),
  };
}

export function renderPlan(plan: Plan, units: Units): RenderedPlan {
  return {
    ...plan,
    weeks: plan.weeks.map((w) => ({
      ...w,
      reason: renderTexts(w.reason, units),
      sessions: w.sessions.map((s) => renderSession(s, units)),
    })),
    warnings: plan.warnings.map(({ text, ...rest }) => ({ ...rest, message: renderText(text, units) })),
    notes: plan.notes.map((n) => renderText(n, units)),
  };
}

export type RenderedReturnPlan = Omit<ReturnPlan, "weeks" | "stages"> & {
  stages: ReturnPlan["stages"][number][];
  weeks: { start: string; sessions: RenderedSession[] }[];
};

export function renderReturnPlan(plan: ReturnPlan, units: Units): RenderedReturnPlan {
  return {
    ...plan,
    stages: [...plan.stages],
    weeks: plan.weeks.map((w) => ({ start: w.start, sessions: w.sessions.map((s) => renderSession(s, units)) })),
  };
}
