/**
 * Re-plans the weeks ahead from what actually happened. A week that fell well short, or knee
 * pain that rose, means the next weeks start again from the distance really run, so the ramp
 * is measured against the legs the runner has rather than the ones the plan hoped for.
 */
import { DomainError } from "../errors.js";
import { addDays, daysBetween, isIsoDate, weekStartOf } from "./dates.js";
import { MIN_BASELINE_M, schedulePlan, settingsFor, weekStartIn } from "./generate-plan.js";
import type { PainEntry } from "./return-to-run.js";
import { MAX_PAIN_TO_PROGRESS, SETTLED_MORNING, STEP_BACK_ABOVE } from "./return-to-run.js";
import type { AdaptWhy, PlanText } from "./plan-text.js";
import type { Plan, PlanWarning, PlanWeek } from "./types.js";

/** A week below this share of its planned distance counts as falling short. */
export const SHORTFALL_SHARE = 0.8;

export interface LoggedWeek {
  /** Any day of the week; it is matched to the first day of its week (the plan's week start). */
  weekStart: string;
  distanceM: number;
}

export interface PlanChange {
  /** The first day of the changed week. */
  week: string;
  before_m: number;
  after_m: number;
  why: PlanText;
}

export type PainTrend = "settled" | "rising" | "high";

/**
 * Pain over the seven days before `asOf`: "high" when any score went above 5/10 (too much in
 * the pain-monitoring model, Silbernagel 2007); "rising" when pain during or after a run went
 * above 3/10, a morning had not settled, or the average worst daily score rose by a point or
 * more on the week before (pain should not climb week to week in that model).
 */
export function painTrend(painLog: readonly PainEntry[], asOf: string): PainTrend {
  const inDays = (e: PainEntry, from: number, to: number) => {
    const ago = daysBetween(e.date, asOf);
    return ago >= from && ago <= to;
  };
  const recent = painLog.filter((e) => inDays(e, 1, 7));
  const earlier = painLog.filter((e) => inDays(e, 8, 14));
  const worst = (e: PainEntry) => Math.max(e.during, e.after, e.nextMorning ?? 0);
  if (recent.some((e) => worst(e) > STEP_BACK_ABOVE)) return "high";
  if (
    recent.some(
      (e) =>
        e.during > MAX_PAIN_TO_PROGRESS ||
        e.after > MAX_PAIN_TO_PROGRESS ||
        (e.nextMorning ?? 0) > SETTLED_MORNING,
    )
  )
    return "rising";
  const mean = (xs: PainEntry[]) => xs.reduce((sum, e) => sum + worst(e), 0) / xs.length;
  if (recent.length > 0 && earlier.length > 0 && mean(recent) - mean(earlier) >= 1) return "rising";
  return "settled";
}

export function adaptPlan(
  previous: Plan,
  logged: readonly LoggedWeek[],
  painLog: readonly PainEntry[],
  asOf: string,
): { plan: Plan; changes: PlanChange[] } {
  if (!isIsoDate(asOf))
    throw new DomainError("PLAN_BAD_DATE", `"${asOf}" is not a date in the form YYYY-MM-DD.`);
  const weekStart = weekStartIn(previous.settings);
  const thisWeek = weekStartOf(asOf, weekStart);
  const past = previous.weeks.filter((w) => daysBetween(w.start, thisWeek) > 0);
  const ahead = previous.weeks.filter((w) => daysBetween(w.start, thisWeek) <= 0);
  if (ahead.length === 0) return { plan: previous, changes: [] };

  const done = new Map<string, number>();
  for (const l of logged) {
    const start = weekStartOf(l.weekStart, weekStart);
    done.set(start, (done.get(start) ?? 0) + Math.max(0, l.distanceM));
  }
  const lastWeek = addDays(thisWeek, -7);
  const lastPlanned = past.find((w) => w.start === lastWeek);
  const lastDone = done.get(lastWeek) ?? 0;
  const shortfall =
    lastPlanned !== undefined && lastDone < SHORTFALL_SHARE * lastPlanned.distance_m;
  const pain = painTrend(painLog, asOf);
  if (!shortfall && pain === "settled") return { plan: previous, changes: [] };

  // The level to build on: what was run last week, but one missed week does not wipe out a
  // month of running (half the four-week average at least), and never above the plan's own level.
  const recentDone = [1, 2, 3, 4].map((k) => done.get(addDays(thisWeek, -7 * k)) ?? 0);
  const monthMean = recentDone.reduce((a, b) => a + b, 0) / recentDone.length;
  const plannedLevel = lastNonLighter(past)?.distance_m ?? previous.baseline_weekly_m;
  const actualLevel = lastPlanned ? Math.max(lastDone, Math.floor(monthMean / 2)) : plannedLevel;
  const levelM = Math.max(MIN_BASELINE_M, Math.round(Math.min(plannedLevel, actualLevel)));

  const fellShort = shortfall && lastPlanned !== undefined;
  const why: AdaptWhy = {
    planned_m: fellShort ? lastPlanned.distance_m : null,
    done_m: fellShort && done.has(lastWeek) ? lastDone : null,
    share_pct:
      fellShort && lastPlanned.distance_m > 0 ? Math.round((lastDone / lastPlanned.distance_m) * 100) : 0,
    pain,
    level_m: levelM,
  };

  const painful = pain !== "settled";
  const settings = painful
    ? settingsFor({ ...previous.settings, returning: true })
    : previous.settings;
  const openWith =
    pain === "high"
      ? { percent: 50, reason: { key: "cut_to_half", why } satisfies PlanText }
      : pain === "rising"
        ? { percent: 75, reason: { key: "eased_week", why } satisfies PlanText }
        : undefined;
  // A plan that began mid-week this very week is re-planned from its first day, not before it.
  const firstDate = previous.weeks[0]?.sessions[0]?.date;
  const from = firstDate !== undefined && daysBetween(thisWeek, firstDate) > 0 ? firstDate : undefined;
  const rest = schedulePlan({
    goal: previous.goal,
    settings,
    startWeek: thisWeek,
    ...(from ? { from } : {}),
    baselineM: levelM,
    levelM,
    buildsSinceLighter: shortfall ? 0 : trailingBuilds(past),
    ...(openWith ? { openWith } : {}),
  });
  const first = rest.weeks[0];
  if (first && !openWith) first.reason.unshift({ key: "replanned", why });

  const warnings: PlanWarning[] = [...rest.warnings];
  if (pain === "high")
    warnings.push({
      code: "PAIN_HIGH",
      text: { key: "pain_high" },
    });

  const plan: Plan = {
    ...previous,
    settings,
    weeks: [...past, ...rest.weeks],
    warnings,
    target_weekly_m: rest.target_weekly_m,
  };
  return { plan, changes: diff(ahead, rest.weeks, why) };
}

function lastNonLighter(weeks: readonly PlanWeek[]): PlanWeek | undefined {
  return [...weeks].reverse().find((w) => !w.lighter);
}

function trailingBuilds(weeks: readonly PlanWeek[]): number {
  let n = 0;
  for (let i = weeks.length - 1; i >= 0 && !weeks[i]?.lighter; i--) n++;
  return n;
}

function diff(before: readonly PlanWeek[], after: readonly PlanWeek[], why: AdaptWhy): PlanChange[] {
  const starts = [...new Set([...before, ...after].map((w) => w.start))].sort();
  const changes: PlanChange[] = [];
  for (const week of starts) {
    const b = before.find((w) => w.start === week);
    const a = after.find((w) => w.start === week);
    const before_m = b?.distance_m ?? 0;
    const after_m = a?.distance_m ?? 0;
    if (before_m === after_m && b?.phase === a?.phase) continue;
    const note = !b ? "added" : !a ? "dropped" : null;
    changes.push({ week, before_m, after_m, why: { key: "change", why, note } });
  }
  return changes;
}
