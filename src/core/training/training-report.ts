/**
 * The runner's current risk picture, built in one pass over the history: activities are parsed
 * and sorted once, daily totals are filled once, and every rule reads those arrays, so ten years
 * of daily runs cost a few milliseconds. Only activities whose local date is on or before asOf
 * count. The JSON shape is documented in ./README.md.
 */
import { acwrSeries, acwrWithheldReason, acwrZone, DEFAULT_ACWR_OPTIONS } from "./acwr.js";
import type { AcwrSeries } from "./acwr.js";
import { resolveConfig } from "./config.js";
import type { TrainingConfig } from "./config.js";
import { dailyTotals } from "./daily-totals.js";
import type { DailyTotals } from "./daily-totals.js";
import { checkWeekStart, dateOfDay, dayOfDate, weekStartOf } from "./local-day.js";
import { dayWriter } from "../format/dates.js";
import type { DayWriter } from "../format/dates.js";
import { weekMonotony } from "./monotony.js";
import { checkinTrend } from "./overtraining.js";
import { prepareActivities } from "./prepared-activity.js";
import type { PreparedActivity } from "./prepared-activity.js";
import { limitAbove, longestRunLimitM } from "./load-rules.js";
import { baselineOf, rampThresholdPct, weeklyRamps } from "./ramp.js";
import type { WeeklyRamp } from "./ramp.js";
import { runSpikes } from "./run-spike.js";
import type { RunSpike } from "./run-spike.js";
import { shoeMileage } from "./shoe-mileage.js";
import type { ShoeMileage } from "./shoe-mileage.js";
import { rotationWarning, shoeRotation } from "./shoe-rotation.js";
import type { ShoeRotation } from "./shoe-rotation.js";
import { detectNoVariety, detectTrainingErrors } from "./training-errors.js";
import { DomainError } from "../errors.js";
import type {
  AcwrFigures,
  Checkin,
  DistanceUnit,
  ReportAcwr,
  ReportRunLimit,
  ReportWarning,
  ReportWeek,
  RunnerProfile,
  Shoe,
  TrainingActivity,
  TrainingReport,
  WarningCode,
} from "./types.js";
import {
  formatDistance,
  formatDistanceDown,
  formatDuration,
  formatPct,
  makeWarning,
  round,
} from "./warnings.js";
import type { WeekVolume } from "./weekly-volume.js";
import { weeklyVolume } from "./weekly-volume.js";

export interface TrainingReportInput {
  activities: readonly TrainingActivity[];
  shoes: readonly Shoe[];
  checkins: readonly Checkin[];
  profile: RunnerProfile;
  /** The runner's local date the report is for, YYYY-MM-DD. */
  asOf: string;
  /** How many weeks (ending with the week holding asOf) the weekly table and series show. */
  weeks: number;
  /** 0 = Sunday ... 6 = Saturday; defaults to the profile's, then Monday. */
  weekStart?: number;
  /**
   * The reader's language tag (en-GB): the days the warnings name are written in its style
   * ("7 Dec 2026"); without one they stay YYYY-MM-DD. Every warning keeps its days as data too.
   */
  locale?: string;
  config?: Partial<TrainingConfig>;
}

/**
 * Most pressing first; ties keep the order the rules produced. The single-run spike leads: it is
 * the rule with the clearest evidence in runners (Frandsen 2025).
 */
const PRIORITY: readonly WarningCode[] = [
  "RUN_SPIKE",
  "OVERTRAINING_SIGNS",
  "RAMP_TWO_WEEK",
  "RAMP_WEEKLY",
  "ACWR_HIGH",
  "RESTART_AFTER_BREAK",
  "HILLS_DOWN",
  "HILLS_UP",
  "SPEED_NEW",
  "SURFACE_CHANGE",
  "SHOE_REPLACE",
  "MONOTONY_HIGH",
  "NO_VARIETY",
  "SHOE_ROTATE",
];

/** Recent enough to be part of the current picture. */
const CURRENT_DAYS = 14;

/** What every stage of the report reads: the settings resolved once from the input. */
interface ReportSettings {
  config: TrainingConfig;
  lastDay: number;
  weekStart: number;
  units: DistanceUnit;
  day: DayWriter;
}

export function buildTrainingReport(input: TrainingReportInput): TrainingReport {
  const settings = reportSettings(input);
  const { config, lastDay, weekStart, units, day } = settings;

  const prepared = prepareActivities(input.activities, lastDay);
  const totals = dailyTotals(prepared, lastDay);
  const shownFromDay = weekStartOf(lastDay, weekStart) - 7 * (input.weeks - 1);
  const volume = weeklyVolume(prepared, lastDay, weekStart, shownFromDay);

  const threshold = rampThresholdPct(input.profile.experience, config);
  const ramps = weeklyRamps(volume, threshold, config.rampBaselineWeeks);
  const spikes = runSpikes(prepared, config.spikePct, config.spikeWindowDays);
  const runLimit = runLimitOf(prepared, lastDay, config, units, day);

  const weeks = weekTable(volume, input.weeks, spikes, ramps, threshold, settings);
  const shown = volume.slice(Math.max(0, volume.length - input.weeks));
  const seriesFrom = shown[0]?.startDay ?? lastDay;

  // The order the warnings are pushed in is the tie order of the priority sort.
  const warnings = currentLoadWarnings(spikes, ramps, volume.length, runLimit, settings);
  const acwr = acwrReport(totals, lastDay, seriesFrom, config, units, warnings);
  const monotony = monotonyRows(totals, shown);
  const monotonyHigh = monotonyWarning(totals, settings);
  if (monotonyHigh) warnings.push(monotonyHigh);

  const mileage = shoeMileage(input.shoes, prepared, lastDay, config);
  const rotation = shoeRotation(prepared, lastDay, config.rotationDays);
  warnings.push(...shoeWarnings(mileage, rotation, input.shoes, settings));
  warnings.push(...habitWarnings(prepared, totals.firstDay, settings));

  const checkins = checkinTrend(input.checkins, lastDay, config, day);
  if (checkins.warning) warnings.push(checkins.warning);

  return {
    as_of: input.asOf,
    week_start: weekStart,
    weeks,
    acwr,
    monotony,
    spikes: spikeRows(spikes, seriesFrom),
    run_limit: runLimit,
    shoes: shoeRows(mileage, rotation),
    checkins: checkins.report,
    warnings: byPriority(warnings),
  };
}

/** Resolves the config, the report's day, week start, units and day style; rejects a bad week count. */
function reportSettings(input: TrainingReportInput): ReportSettings {
  const config = resolveConfig(input.config);
  const lastDay = dayOfDate(input.asOf);
  const weekStart = checkWeekStart(input.weekStart ?? input.profile.weekStart ?? 1);
  if (!Number.isInteger(input.weeks) || input.weeks < 1) {
    throw new DomainError(
      "INVALID_WEEKS",
      `The number of weeks must be a whole number of at least 1, got ${input.weeks}.`,
    );
  }
  const units: DistanceUnit = input.profile.units ?? "km";
  return { config, lastDay, weekStart, units, day: dayWriter(input.locale) };
}

/** The weekly table: the last `count` weeks, each with the spikes and ramps flagged on it. */
function weekTable(
  volume: readonly WeekVolume[],
  count: number,
  spikes: readonly RunSpike[],
  ramps: readonly WeeklyRamp[],
  threshold: number,
  { config, lastDay, weekStart, units, day }: ReportSettings,
): ReportWeek[] {
  const firstWeekDay = volume[0]?.startDay ?? weekStartOf(lastDay, weekStart);
  const weekIndexOf = (runDay: number): number => (weekStartOf(runDay, weekStart) - firstWeekDay) / 7;
  const perWeek = new Map<number, ReportWarning[]>();
  const addToWeek = (index: number, w: ReportWarning): void => {
    const list = perWeek.get(index) ?? [];
    list.push(w);
    perWeek.set(index, list);
  };
  // Spikes first on their week: the lead rule.
  for (const s of spikes) addToWeek(weekIndexOf(s.run.day), spikeWarning(s, weekStart, units, day));
  for (const r of ramps) addToWeek(r.index, rampWarning(r, units, day));

  const shownFrom = Math.max(0, volume.length - count);
  return volume
    .slice(shownFrom)
    .map((w, k) => weekRow(volume, shownFrom + k, w, perWeek.get(shownFrom + k) ?? [], threshold, config));
}

/**
 * Current picture, one message per rule: the latest spike of the last 14 days (with the forward
 * limit), and the weekly change of the latest flagged week among the last two.
 */
function currentLoadWarnings(
  spikes: readonly RunSpike[],
  ramps: readonly WeeklyRamp[],
  weekCount: number,
  runLimit: ReportRunLimit | null,
  { lastDay, weekStart, units, day }: ReportSettings,
): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const recentSpikes = spikes.filter((s) => s.run.day > lastDay - CURRENT_DAYS);
  const latestSpike = recentSpikes.at(-1);
  if (latestSpike)
    warnings.push(spikeWarning(latestSpike, weekStart, units, day, { count: recentSpikes.length, runLimit }));
  const latestRamp = ramps.filter((r) => r.index >= weekCount - 2).at(-1);
  if (latestRamp) warnings.push(rampWarning(latestRamp, units, day));
  return warnings;
}

/** Monotony and strain of each shown week that has any training. */
function monotonyRows(totals: DailyTotals, shown: readonly WeekVolume[]): TrainingReport["monotony"] {
  const rows = [];
  for (const w of shown) {
    const m = weekMonotony(totals, w.startDay);
    if (!m) continue;
    rows.push({
      start: dateOfDay(m.startDay),
      load: m.load,
      weekly_load: round(m.weeklyLoad, 1),
      monotony: m.monotony === null ? null : round(m.monotony, 3),
      strain: m.strain === null ? null : round(m.strain, 1),
    });
  }
  return rows;
}

/** MONOTONY_HIGH for last week (the last whole week), or null when it was varied enough. */
function monotonyWarning(totals: DailyTotals, { config, lastDay, weekStart, day }: ReportSettings): ReportWarning | null {
  const latest = weekMonotony(totals, weekStartOf(lastDay, weekStart) - 7);
  if (!latest || !(latest.uniform || (latest.monotony ?? 0) > config.monotonyHigh)) return null;
  const start = dateOfDay(latest.startDay);
  return makeWarning(
    "MONOTONY_HIGH",
    `Last week's training (from ${day(start)}) was very much the same day after day` +
      (latest.monotony !== null ? ` (monotony ${latest.monotony.toFixed(1)})` : "") +
      ". Mixing hard, easy and rest days gives the body room to recover; 2.0 is a coaches' rule of thumb, not a proven limit.",
    {
      monotony: latest.monotony === null ? null : round(latest.monotony, 3),
      load: latest.load,
    },
    start,
  );
}

/** SHOE_REPLACE for each worn pair, then SHOE_ROTATE when one pair carries nearly every run. */
function shoeWarnings(
  mileage: readonly ShoeMileage[],
  rotation: ShoeRotation,
  shoes: readonly Shoe[],
  { config, lastDay, units, day }: ReportSettings,
): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  for (const m of mileage) {
    const w = shoeWarning(m, units, day);
    if (w) warnings.push(w);
  }
  const rotate = rotationWarning(rotation, shoes, lastDay, config);
  if (rotate) warnings.push(rotate);
  return warnings;
}

/** The training-error rules (hills, speed, surface...), then NO_VARIETY. */
function habitWarnings(
  prepared: readonly PreparedActivity[],
  firstDay: number,
  { config, lastDay, units }: ReportSettings,
): ReportWarning[] {
  const warnings = [...detectTrainingErrors(prepared, firstDay, lastDay, config, units).warnings];
  const noVariety = detectNoVariety(prepared, firstDay, lastDay, config);
  if (noVariety) warnings.push(noVariety);
  return warnings;
}

/** Sorts in place by PRIORITY (a stable sort: ties keep the order the rules produced). */
function byPriority(warnings: ReportWarning[]): ReportWarning[] {
  const rank = (w: ReportWarning): number => PRIORITY.indexOf(w.code);
  return warnings.sort((a, b) => rank(a) - rank(b));
}

/** Every pair with its mileage and its share of the recent runs: active pairs first, then by name. */
function shoeRows(
  mileage: readonly ShoeMileage[],
  rotation: ShoeRotation,
): TrainingReport["shoes"] {
  return mileage
    .map((m) => {
      const share = rotation.pairs.find((p) => p.shoeId === m.shoe.id);
      return {
        id: m.shoe.id,
        name: m.shoe.name,
        brand: m.shoe.brand,
        distance_m: Math.round(m.distanceM),
        limit_m: Math.round(m.limitM),
        status: m.status,
        forecast_date: m.forecastDay === null ? null : dateOfDay(m.forecastDay),
        retired: m.retired,
        runs_28d: share?.runs ?? 0,
        share_28d: share ? round(share.share, 3) : 0,
      };
    })
    .sort(
      (a, b) =>
        Number(a.retired) - Number(b.retired) ||
        a.name.localeCompare(b.name) ||
        (a.id < b.id ? -1 : 1),
    );
}

/** The spikes on or after `fromDay` (the first shown week), as report rows. */
function spikeRows(spikes: readonly RunSpike[], fromDay: number): TrainingReport["spikes"] {
  return spikes
    .filter((s) => s.run.day >= fromDay)
    .map(spikeRecord);
}

/** One spike as the report's row, and as the RUN_SPIKE warning's data. */
function spikeRecord(s: RunSpike): TrainingReport["spikes"][number] {
  return {
    date: dateOfDay(s.run.day),
    activity_id: s.run.activity.id,
    distance_m: Math.round(s.run.distanceM),
    previous_longest_m: Math.round(s.previousLongestM),
    increase_pct: round(s.increasePct, 1),
    band: s.band?.band ?? null,
    hazard_ratio: s.band?.hazardRatio ?? null,
  };
}

function weekRow(
  volume: readonly WeekVolume[],
  i: number,
  w: WeekVolume,
  warnings: ReportWarning[],
  thresholdPct: number,
  config: TrainingConfig,
): ReportWeek {
  const prev = volume[i - 1];
  const prev2 = volume[i - 2];
  const pct = (before: number | undefined, after: number): number | null =>
    before !== undefined && before > 0 ? round(((after - before) * 100) / before, 1) : null;
  const b = baselineOf(volume, i, config.rampBaselineWeeks);
  const cross: ReportWeek["cross_training_min"] = {};
  for (const [sport, s] of Object.entries(w.crossTrainingS) as [
    keyof typeof w.crossTrainingS,
    number,
  ][]) {
    cross[sport] = Math.round(s / 60);
  }
  return {
    start: dateOfDay(w.startDay),
    distance_m: Math.round(w.distanceM),
    duration_s: Math.round(w.timeS),
    runs: w.runs,
    longest_m: Math.round(w.longestM),
    elevation_gain_m: Math.round(w.elevationGainM),
    cross_training_min: cross,
    change_pct: pct(prev?.distanceM, w.distanceM),
    duration_change_pct: pct(prev?.timeS, w.timeS),
    two_week_change_pct: pct(prev2?.distanceM, w.distanceM),
    baseline_weeks: b.weeks,
    baseline_average_m: b.weeks > 0 ? Math.round(b.averageDistanceM) : null,
    baseline_highest_m: b.weeks > 0 ? Math.round(b.highestDistanceM) : null,
    change_vs_average_pct: pct(b.averageDistanceM, w.distanceM),
    change_vs_highest_pct: pct(b.highestDistanceM, w.distanceM),
    // weeklyLimit on the same baseline: the limit the planner keeps to.
    guide_limit_m: b.highestDistanceM > 0 ? limitAbove(b.highestDistanceM, thresholdPct) : null,
    complete: w.complete,
    warnings,
  };
}

/** "the week before", "the 3 weeks before": the baseline in words. */
function baselineWords(weeks: number): string {
  return weeks === 1 ? "the week before" : `the ${weeks} weeks before`;
}

function rampWarning(r: WeeklyRamp, units: DistanceUnit, day: DayWriter): ReportWarning {
  const week = dateOfDay(r.startDay);
  const b = r.baseline;
  const before = baselineWords(b.weeks);
  const rises: string[] = [];
  if (r.distanceFlagged && r.distanceOverHighestPct !== null) {
    const average =
      b.weeks > 1 && r.distanceOverAveragePct !== null
        ? ` and ${formatPct(r.distanceOverAveragePct)} above their average (${formatDistance(b.averageDistanceM, units)})`
        : "";
    rises.push(
      `${formatDistance(r.distanceM, units)} is ${formatPct(r.distanceOverHighestPct)} above the highest of ${before} ` +
        `(${formatDistance(b.highestDistanceM, units)})${average}`,
    );
  }
  if (r.timeFlagged && r.timeOverHighestPct !== null)
    rises.push(
      `${formatDuration(r.timeS)} of running is ${formatPct(r.timeOverHighestPct)} more than the most of ${before} ` +
        `(${formatDuration(b.highestTimeS)})`,
    );
  return makeWarning(
    "RAMP_WEEKLY",
    `Week of ${day(week)}: ${rises.join("; ")}. ` +
      `Next week, we suggest staying at or below ${formatDistance(r.capDistanceM, units)} and ${formatDuration(r.capTimeS)}. ` +
      `Keeping within about ${r.thresholdPct}% of your recent highest week is a cautious guide, not a proven safe limit: ` +
      "in a study of 5,205 runners the change from one week to the next did not go with more injuries, " +
      "while single runs well past the recent longest did.",
    {
      distance_m: Math.round(r.distanceM),
      duration_s: Math.round(r.timeS),
      baseline_weeks: b.weeks,
      baseline_average_m: Math.round(b.averageDistanceM),
      baseline_highest_m: Math.round(b.highestDistanceM),
      baseline_highest_duration_s: Math.round(b.highestTimeS),
      distance_change_pct: r.distanceOverHighestPct === null ? null : round(r.distanceOverHighestPct, 1),
      distance_change_vs_average_pct:
        r.distanceOverAveragePct === null ? null : round(r.distanceOverAveragePct, 1),
      duration_change_pct: r.timeOverHighestPct === null ? null : round(r.timeOverHighestPct, 1),
      threshold_pct: r.thresholdPct,
      cap_distance_m: r.capDistanceM,
      cap_duration_s: r.capTimeS,
    },
    week,
  );
}

const BAND_WORDS = {
  "10-30": "runs 10-30% past the recent longest went with about 1.6 times the rate of overuse injuries (hazard ratio 1.64)",
  "30-100": "runs 30-100% past the recent longest went with about 1.5 times the rate of overuse injuries (hazard ratio 1.52)",
  "over-100": "runs more than twice the recent longest went with about 2.3 times the rate of overuse injuries (hazard ratio 2.28)",
} as const;

/** The forward form of the spike rule, as of the report's day. */
function runLimitOf(
  prepared: readonly PreparedActivity[],
  lastDay: number,
  config: TrainingConfig,
  units: DistanceUnit,
  day: DayWriter,
): ReportRunLimit | null {
  // The window of a run tomorrow: the 30 days ending with asOf. Of equally long runs the latest
  // counts (prepared is sorted by start): the limit holds while any of them is in the window.
  let longest: PreparedActivity | null = null;
  for (const p of prepared)
    if (p.run && p.day > lastDay - config.spikeWindowDays && (longest === null || p.distanceM >= longest.distanceM))
      longest = p;
  if (longest === null || longest.distanceM <= 0) return null;
  const limitM = longestRunLimitM(longest.distanceM, config.spikePct);
  const holdsUntil = longest.day + config.spikeWindowDays;
  const dropsSoon = holdsUntil < lastDay + 6;
  return {
    longest_m: Math.round(longest.distanceM),
    longest_date: dateOfDay(longest.day),
    limit_m: limitM,
    holds_until: dateOfDay(holdsUntil),
    window_days: config.spikeWindowDays,
    message:
      `Your longest run in the last ${config.spikeWindowDays} days is ${formatDistance(longest.distanceM, units)}; ` +
      `keep any run this week under ${formatDistanceDown(limitM, units)}.` +
      (dropsSoon
        ? ` After ${day(dateOfDay(holdsUntil))} that run is more than ${config.spikeWindowDays} days old, and the limit follows your longest run since.`
        : ""),
  };
}

function spikeWarning(
  s: RunSpike,
  weekStart: number,
  units: DistanceUnit,
  day: DayWriter,
  current?: { count: number; runLimit: ReportRunLimit | null },
): ReportWarning {
  const date = dateOfDay(s.run.day);
  const band = s.band ? BAND_WORDS[s.band.band] : null;
  const others =
    current && current.count > 1
      ? ` It is one of ${current.count} runs in the last ${CURRENT_DAYS} days that went more than 10% past the longest before them.`
      : "";
  return makeWarning(
    "RUN_SPIKE",
    `On ${day(date)} you ran ${formatDistance(s.run.distanceM, units)}, ${formatPct(s.increasePct)} further than your longest run ` +
      `of the 30 days before (${formatDistance(s.previousLongestM, units)}).` +
      (band ? ` In a study of 5,205 runners' watch data (Frandsen et al. 2025), ${band}.` : "") +
      others +
      (current?.runLimit ? ` ${current.runLimit.message}` : " Let your longest run grow by no more than 10% at a time."),
    {
      ...spikeRecord(s),
      ...(current ? { spikes_14d: current.count, limit_m: current.runLimit?.limit_m ?? null } : {}),
    },
    dateOfDay(weekStartOf(s.run.day, weekStart)),
  );
}

function shoeWarning(m: ShoeMileage, units: DistanceUnit, day: DayWriter): ReportWarning | null {
  if (m.retired || m.status === "ok") return null;
  const done = `${m.shoe.name} ${m.status === "replace" ? "has passed" : "is close to"} its limit: ${formatDistance(m.distanceM, units)} of ${formatDistance(m.limitM, units)}.`;
  const when =
    m.forecastDay !== null
      ? ` At your recent pace it reaches the limit around ${day(dateOfDay(m.forecastDay))}.`
      : "";
  return makeWarning(
    "SHOE_REPLACE",
    `${done}${when} Think about a new pair, and run in it alongside the old one for a while. The limit is a reminder: ` +
      "worn shoes have not been proven to cause injuries.",
    {
      shoe_id: m.shoe.id,
      distance_m: Math.round(m.distanceM),
      limit_m: Math.round(m.limitM),
      status: m.status,
      forecast_date: m.forecastDay === null ? null : dateOfDay(m.forecastDay),
    },
  );
}

function figuresAt(series: AcwrSeries, i: number, decimals: number): AcwrFigures {
  const ratio = (x: number | undefined): number | null =>
    x === undefined || Number.isNaN(x) ? null : round(x, 3);
  const rolling = ratio(series.rollingRatio[i]);
  return {
    rolling: {
      acute: round(series.rollingAcute[i] ?? 0, decimals),
      chronic: round(series.rollingChronic[i] ?? 0, decimals),
      ratio: rolling,
    },
    ewma: {
      acute: round(series.ewmaAcute[i] ?? 0, decimals),
      chronic: round(series.ewmaChronic[i] ?? 0, decimals),
      ratio: ratio(series.ewmaRatio[i]),
    },
    zone: rolling === null ? null : acwrZone(series.rollingRatio[i] ?? 0),
  };
}

function acwrReport(
  totals: DailyTotals,
  lastDay: number,
  seriesFrom: number,
  config: TrainingConfig,
  units: DistanceUnit,
  warnings: ReportWarning[],
): ReportAcwr {
  const options = { ...DEFAULT_ACWR_OPTIONS, minCoveredDays: config.acwrMinCoveredDays };
  const i = lastDay - totals.firstDay;
  const distance = acwrSeries(totals.runDistanceM, options);
  const duration = acwrSeries(totals.runTimeS, options);

  // Session-RPE only means something when most sessions carry an RPE: unlogged sessions would count as zero load.
  let sessions = 0;
  let withRpe = 0;
  for (let d = Math.max(0, i - options.chronicDays + 1); d <= i; d++) {
    sessions += totals.sessions[d] ?? 0;
    withRpe += totals.sessionsWithRpe[d] ?? 0;
  }
  const srpe =
    sessions > 0 && withRpe * 4 >= sessions * 3 ? acwrSeries(totals.srpe, options) : null;

  const withheld = acwrWithheldReason(distance, i, options.minCoveredDays);
  const byLoad = {
    distance: figuresAt(distance, i, 0),
    duration: figuresAt(duration, i, 0),
    srpe: srpe ? figuresAt(srpe, i, 1) : null,
  };

  // No warning from the ratio itself (Frandsen 2025: negative dose-response in runners): it is
  // shown as a trend with ACWR_MEANING and ACWR_CANNOT_TELL. Only a restart after a break is said.
  const covered = i >= 0 ? (distance.covered[i] ?? 0) : 0;
  const acute = distance.rollingAcute[i] ?? 0;
  if (covered >= options.minCoveredDays && acute > 0 && (distance.rollingChronic[i] ?? 0) === 0) {
    warnings.push(
      makeWarning(
        "RESTART_AFTER_BREAK",
        `You ran ${formatDistance(acute, units)} in the last 7 days after three weeks or more without running. ` +
          "After a break, start well below your old weekly distance and build back up over several weeks.",
        { acute_m: Math.round(acute) },
      ),
    );
  }

  const series = [];
  for (let day = Math.max(seriesFrom, totals.firstDay); day <= lastDay; day++) {
    const k = day - totals.firstDay;
    const r = distance.rollingRatio[k] ?? Number.NaN;
    const e = distance.ewmaRatio[k] ?? Number.NaN;
    series.push({
      date: dateOfDay(day),
      rolling: Number.isNaN(r) ? null : round(r, 3),
      ewma: Number.isNaN(e) ? null : round(e, 3),
      zone: Number.isNaN(r) ? null : acwrZone(r),
    });
  }

  return {
    rolling: byLoad.distance.rolling.ratio,
    ewma: withheld === null ? byLoad.distance.ewma.ratio : null,
    zone: byLoad.distance.zone,
    withheld,
    covered_days: covered,
    by_load: byLoad,
    series,
  };
}
