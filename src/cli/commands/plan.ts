/**
 * `kneewise plan`: a build-up plan from the current weekly distance to a weekly goal or an
 * event, printed as a table or JSON, and optionally written as an iCalendar file.
 */
import { planToICalendar, sessionSummary } from "../../core/calendar/ical.js";
import { isDomainError } from "../../core/errors.js";
import { formatDate, formatDateWithWeekday, formatDistance, formatWeeklyVolume, distanceValue, unitLabel } from "../../core/format/index.js";
import { daysBetween, isIsoDate, MONDAY, nextWeekStart } from "../../core/plan/dates.js";
import { generatePlan } from "../../core/plan/generate-plan.js";
import type { RecentRun } from "../../core/plan/generate-plan.js";
import { renderPlan } from "../../core/plan/render-plan.js";
import { forCalendar } from "../../core/plan/types.js";
import type { PlanGoal, RenderedPlan } from "../../core/plan/types.js";
import type { Units } from "../../core/units.js";
import type { CliIO } from "../io.js";
import { cliLocale } from "../locale.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";

export interface PlanCommandOptions {
  json: boolean;
  goalWeeklyKm?: number;
  eventDate?: string;
  eventKm?: number;
  /**
   * YYYY-MM-DD or "today": the first day planned, today or later. Default: the first day of next
   * week, as the profile numbers it when the runs are read, else Monday.
   */
  start?: string;
  currentWeeklyKm?: number;
  /** Put rest days in the --ics calendar too (by default they are left out). */
  restDaysInCalendar?: boolean;
  beginner: boolean;
  returnFromPain: boolean;
  ics?: string;
  /** Where the runner's history is, used when currentWeeklyKm is not given. */
  db?: string;
  user?: string;
  /** km or mi for every distance the plan says; default: the profile's when runs are read, else km. */
  units?: string;
}

/**
 * Reads the runner's usual weekly distance (metres) from their stored runs, null when there are
 * none, and the runs themselves, which the plan continues from under the guard's rules. Without
 * `start` the plan starts on the first day of the runner's next week (after `today`), as their
 * profile numbers weeks; the reader says which day that is.
 */
export type HistoryReader = (opts: {
  db?: string;
  user?: string;
  start?: string;
  today: string;
}) => Promise<{ weeklyM: number | null; runs: RecentRun[]; units?: Units; weekStart?: number; start?: string }>;

const GOAL_CHOICE =
  "choose one goal: --goal-weekly-km N, or --event-date YYYY-MM-DD with --event-km N.";

/** Returns an error message, or the goal and start date when the options make sense together. */
function validate(
  opts: PlanCommandOptions,
  today: string,
): string | { goal: PlanGoal; start: string | undefined; currentM: number | null } {
  const weekly = opts.goalWeeklyKm !== undefined;
  const event = opts.eventDate !== undefined || opts.eventKm !== undefined;
  if (weekly && event) return `give either a weekly goal or an event, not both: ${GOAL_CHOICE}`;
  if (!weekly && !event) return `no goal given: ${GOAL_CHOICE}`;
  if (opts.units !== undefined && opts.units !== "km" && opts.units !== "mi")
    return `--units must be km or mi (got "${opts.units}").`;
  if (event && (opts.eventDate === undefined || opts.eventKm === undefined))
    return "--event-date and --event-km go together: give the date and the distance of the event.";
  for (const [flag, value] of [
    ["--goal-weekly-km", opts.goalWeeklyKm],
    ["--event-km", opts.eventKm],
    ["--current-weekly-km", opts.currentWeeklyKm],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value <= 0))
      return `${flag} must be a positive number of kilometres (got ${String(value)}).`;
  }
  const given = opts.start === "today" ? today : opts.start;
  for (const [flag, value] of [
    ["--event-date", opts.eventDate],
    ["--start", given],
  ] as const) {
    if (value !== undefined && !isIsoDate(value))
      return `${flag} must be a real date written YYYY-MM-DD, or "today" for --start (got "${value}").`;
  }
  if (given !== undefined && daysBetween(today, given) < 0)
    return `--start ${given} is a day already past: start today (--start today) or later.`;
  const goal: PlanGoal =
    opts.eventDate !== undefined && opts.eventKm !== undefined
      ? { kind: "event", date: opts.eventDate, distanceM: Math.round(opts.eventKm * 1000) }
      : { kind: "weekly", weeklyM: Math.round((opts.goalWeeklyKm ?? 0) * 1000) };
  return {
    goal,
    start: given,
    currentM: opts.currentWeeklyKm === undefined ? null : Math.round(opts.currentWeeklyKm * 1000),
  };
}

export async function runPlan(
  opts: PlanCommandOptions,
  io: CliIO,
  readHistory?: HistoryReader,
): Promise<number> {
  const checked = validate(opts, io.today());
  if (typeof checked === "string") {
    io.stderr(`kneewise plan: ${checked}\n`);
    return EXIT_USAGE;
  }
  let currentM = checked.currentM;
  let recentRuns: RecentRun[] | undefined;
  let units = opts.units as Units | undefined;
  let start = checked.start;
  let weekStart = MONDAY;
  if (currentM === null) {
    try {
      const read = readHistory
        ? await readHistory({
            ...(opts.db !== undefined ? { db: opts.db } : {}),
            ...(opts.user !== undefined ? { user: opts.user } : {}),
            ...(start !== undefined ? { start } : {}),
            today: io.today(),
          })
        : null;
      currentM = read?.weeklyM ?? null;
      recentRuns = read?.runs;
      units ??= read?.units;
      // The runs come from the runner's database: plan their weeks, as the web does.
      weekStart = read?.weekStart ?? MONDAY;
      start ??= read?.start;
    } catch (err) {
      if (!isDomainError(err)) throw err;
      io.stderr(`kneewise plan: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    if (currentM === null) {
      io.stderr(
        "kneewise plan: there are no runs in the last weeks to start from: import your runs, or give --current-weekly-km.\n",
      );
      return EXIT_USAGE;
    }
  }
  const first = start ?? nextWeekStart(io.today(), weekStart);
  if (checked.goal.kind === "event" && checked.goal.date < first) {
    const locale = cliLocale(io.env);
    const [event, starts] = [formatDate(checked.goal.date, locale), formatDate(first, locale)];
    io.stderr(`kneewise plan: the event on ${event} is before the plan starts on ${starts}; use --start to start earlier.\n`);
    return EXIT_USAGE;
  }
  let plan: RenderedPlan;
  let shownPlan: RenderedPlan;
  try {
    const stored = generatePlan({
      start: first,
      weekStart,
      currentWeeklyM: currentM,
      ...(recentRuns ? { recentRuns } : {}),
      goal: checked.goal,
      beginner: opts.beginner,
      returning: opts.returnFromPain,
    });
    // JSON and the calendar file keep days as YYYY-MM-DD for programs; the table reads in the runner's locale.
    plan = renderPlan(stored, units ?? "km");
    shownPlan = opts.json ? plan : renderPlan(stored, units ?? "km", cliLocale(io.env));
  } catch (err) {
    if (isDomainError(err) && err.code.startsWith("PLAN_")) {
      io.stderr(`kneewise plan: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }

  io.stdout(
    opts.json ? `${JSON.stringify(plan, null, 2)}\n` : renderTable(shownPlan, opts.returnFromPain, units ?? "km", cliLocale(io.env)),
  );

  if (opts.ics !== undefined) {
    const shown = forCalendar(plan, opts.restDaysInCalendar === true);
    const text = planToICalendar(shown, {
      units: units ?? "km",
      calName: "kneewise training plan",
      uidDomain: "plan.kneewise.local",
      dtstamp: `${io.today()}T00:00:00Z`,
    });
    try {
      await io.writeFile(opts.ics, text);
    } catch (err) {
      io.stderr(
        `kneewise plan: could not write ${opts.ics}: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      return EXIT_FAILURE;
    }
    const count = shown.weeks.reduce((n, w) => n + w.sessions.length, 0);
    // With --json, stdout carries only the JSON document.
    const note = `Wrote ${count} sessions to ${opts.ics}.\n`;
    if (opts.json) io.stderr(note);
    else io.stdout(note);
  }
  return EXIT_OK;
}

/** The options that take up a too-close warning's offers. */
function offerText(w: RenderedPlan["warnings"][number]): string {
  const offers: string[] = [];
  if (w.safe_date) offers.push(`--event-date ${w.safe_date}`);
  if (w.shorter_distance_m) offers.push(`--event-km ${(w.shorter_distance_m / 1000).toFixed(3).replace(/\.?0+$/, "")}`);
  return offers.length > 0 ? ` (try ${offers.join(", or ")})` : "";
}

function renderTable(plan: RenderedPlan, returning: boolean, units: Units, locale: string): string {
  const d = (m: number) => formatDistance(m, units);
  const goal =
    plan.goal.kind === "weekly"
      ? formatWeeklyVolume(plan.goal.weeklyM, units)
      : `${d(plan.goal.distanceM)} race on ${formatDate(plan.goal.date, locale)}, building towards ${formatWeeklyVolume(plan.target_weekly_m, units)}`;
  const close = plan.warnings.find((w) => w.code === "EVENT_TOO_CLOSE");
  const lines = [
    ...(close ? [`Too close: ${close.message}${offerText(close)}`, ""] : []),
    `Goal: ${goal}`,
    `From ${formatWeeklyVolume(plan.baseline_weekly_m, units)}, no week more than ${Math.round(plan.settings.rampRate * 100)}% above the highest of the four before it, no run more than 10% past the longest of the last 30 days, ${plan.settings.runDaysPerWeek} runs a week.`,
    "",
    `${"Week of".padEnd(13)}${unitLabel(units).padStart(6)}  ${"type".padEnd(8)}  why`,
  ];
  for (const w of plan.weeks) {
    lines.push(
      `${formatDate(w.start, locale).padEnd(13)}${distanceValue(w.distance_m, units).toFixed(1).padStart(6)}  ${w.phase.padEnd(8)}  ${w.reason}`,
    );
    for (const s of w.sessions)
      lines.push(
        `    ${formatDateWithWeekday(s.date, locale).padEnd(17)}  ${sessionSummary(s, units)}${s.programme ? ` (${s.programme})` : ""}`,
      );
  }
  if (plan.warnings.length > 0)
    lines.push("", "Warnings:", ...plan.warnings.map((w) => `  - ${w.message}${offerText(w)}`));
  const notes = [...plan.notes];
  if (returning)
    notes.push(
      "If running still hurts, start with the walk-run progression and come back to this plan once it is done.",
    );
  lines.push("", "Notes:", ...notes.map((n) => `  - ${n}`));
  return `${lines.join("\n")}\n`;
}
