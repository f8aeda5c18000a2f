/**
 * What the Today page reads, from the existing API only: the profile, the training report (run
 * limit, weeks, warnings, shoes), the pain diary's status and today's entry, today's check-in and
 * the active plan. Pure helpers below turn them into the page's few answers.
 */
import type { ActivePlanResponse, ActivePlanView, PlanSessionView } from "../../../src/contracts/plans.js";
import type { PainListResponse, PainStatusResponse } from "../../../src/contracts/pain.js";
import type { ProfileResponse } from "../../../src/contracts/profile.js";
import type { CheckinListResponse, ReportResponse, ReportShoe, ReportWarning, ReportWeek } from "../../../src/contracts/training.js";
import { api } from "../api.js";
import { painStatusPath } from "../pain/format.js";
import { inUnits } from "../plan/distance.js";
import { browserLocale } from "../shell/locale.js";
import type { Units } from "../shell/session.js";

export interface TodayData {
  today: string;
  profile: ProfileResponse;
  report: ReportResponse | null;
  pain: PainStatusResponse | null;
  painLoggedToday: boolean;
  checkedInToday: boolean;
  plan: ActivePlanView | null;
}

/** A part that fails (a module switched off, a busy server) leaves its card out, not the page. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

/** Today's texts (the pain reasons' days, the next session) follow the runner's units and locale. */
export async function loadToday(today: string, units: Units): Promise<TodayData> {
  // The profile decides between the first-run setup and Today; its failure (signed out) is the caller's.
  const profile = await api<ProfileResponse>("GET", "/api/profile");
  const q = `from=${today}&to=${today}`;
  const [report, pain, painToday, checkins, plan] = await Promise.all([
    orNull(api<ReportResponse>("GET", `/api/training/report?${new URLSearchParams({ asOf: today, weeks: "5", locale: browserLocale(), units }).toString()}`)),
    orNull(api<PainStatusResponse>("GET", painStatusPath(today, units))),
    orNull(api<PainListResponse>("GET", `/api/pain?${q}`)),
    orNull(api<CheckinListResponse>("GET", `/api/checkins?${q}`)),
    orNull(api<ActivePlanResponse>("GET", inUnits("/api/plans/active", units))),
  ]);
  return {
    today,
    profile,
    report,
    pain,
    painLoggedToday: (painToday?.entries ?? []).some((e) => e.date === today),
    checkedInToday: (checkins?.checkins ?? []).some((c) => c.date === today),
    plan: plan?.plan ?? null,
  };
}

/** Anything recorded: runs in the report's weeks, a recent run, a pair of shoes, a diary light, a plan. */
export function hasData(d: TodayData): boolean {
  const r = d.report?.report;
  const training =
    r !== undefined &&
    (r.run_limit !== null ||
      r.shoes.length > 0 ||
      r.weeks.some((w) => w.runs > 0 || Object.keys(w.cross_training_min).length > 0) ||
      r.checkins.trend.length > 0);
  return training || (d.pain !== null && d.pain.status.light !== "none") || d.plan !== null;
}

/** The week that contains today (the report's last, unfinished one). */
function currentWeek(weeks: readonly ReportWeek[], today: string): ReportWeek | null {
  const w = weeks.at(-1);
  return w !== undefined && w.start <= today ? w : null;
}

export interface SafeRun {
  /** The longest-run limit (longest of the last 30 days + 10%), metres; null without a recent run. */
  limitM: number | null;
  /** This week's guide and what is left of it, metres; null when the report has no guide yet. */
  guideM: number | null;
  doneM: number;
  leftM: number | null;
  /** The smaller of the two, metres; null when neither is known. */
  todayM: number | null;
}

export function safeRun(d: TodayData): SafeRun {
  const r = d.report?.report;
  const limitM = r?.run_limit?.limit_m ?? null;
  const week = r ? currentWeek(r.weeks, d.today) : null;
  const guideM = week?.guide_limit_m ?? null;
  const doneM = week?.distance_m ?? 0;
  const leftM = guideM === null ? null : Math.max(0, guideM - doneM);
  const known = [limitM, leftM].filter((x): x is number => x !== null);
  return { limitM, guideM, doneM, leftM, todayM: known.length > 0 ? Math.min(...known) : null };
}

/** The next session of the active plan from today on that is not a rest day. */
export function nextSession(plan: ActivePlanView | null, today: string): PlanSessionView | null {
  if (plan === null) return null;
  const sessions = plan.plan.weeks.flatMap((w) => w.sessions);
  return sessions.filter((s) => s.date >= today && s.kind !== "rest").sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0] ?? null;
}

/** Shoe warnings have their own card below; a run spike comes first, then the report's order. */
export function topWarnings(warnings: readonly ReportWarning[], n = 2): ReportWarning[] {
  const open = warnings.filter((w) => w.code !== "SHOE_REPLACE" && w.code !== "SHOE_ROTATE");
  const spikes = open.filter((w) => w.code === "RUN_SPIKE");
  return [...spikes, ...open.filter((w) => w.code !== "RUN_SPIKE")].slice(0, n);
}

export function shoesNearLimit(shoes: readonly ReportShoe[]): ReportShoe[] {
  return shoes.filter((s) => !s.retired && s.status !== "ok");
}
