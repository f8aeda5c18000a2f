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
import { weekMonotony } from "./monotony.js";
import { checkinTrend } from "./overtraining.js";
import { prepareActivities } from "./prepared-activity.js";
import { rampThresholdPct, twoWeekRamps, weeklyRamps } from "./ramp.js";
import type { TwoWeekRamp, WeeklyRamp } from "./ramp.js";
import { runSpikes } from "./run-spike.js";
import type { RunSpike } from "./run-spike.js";
import { shoeMileage } from "./shoe-mileage.js";
import type { ShoeMileage } from "./shoe-mileage.js";
import { rotationWarning, shoeRotation } from "./shoe-rotation.js";
import { detectNoVariety, detectTrainingErrors } from "./training-errors.js";
import { DomainError } from "../errors.js";
import type {
  AcwrFigures,
  Checkin,
  DistanceUnit,
  ReportAcwr,
  ReportWarning,
  ReportWeek,
  RunnerProfile,
  Shoe,
  TrainingActivity,
  TrainingReport,
  WarningCode,
} from "./types.js";
import { formatDistance, formatDuration, formatPct, makeWarning, round } from "./warnings.js";
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
  config?: Partial<TrainingConfig>;
}

/** Most pressing first; ties keep the order the rules produced. */
const PRIORITY: readonly WarningCode[] = [
  "OVERTRAINING_SIGNS",
  "RUN_SPIKE",
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

export function buildTrainingReport(input: TrainingReportInput): TrainingReport {
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

  const prepared = prepareActivities(input.activities, lastDay);
  const totals = dailyTotals(prepared, lastDay);
  const shownFromDay = weekStartOf(lastDay, weekStart) - 7 * (input.weeks - 1);
  const volume = weeklyVolume(prepared, lastDay, weekStart, shownFromDay);
  const firstWeekDay = volume[0]?.startDay ?? weekStartOf(lastDay, weekStart);
  const weekIndexOf = (day: number): number => (weekStartOf(day, weekStart) - firstWeekDay) / 7;

  const threshold = rampThresholdPct(input.profile.experience, config);
  const ramps = weeklyRamps(volume, threshold);
  const twoWeek = twoWeekRamps(volume, config.twoWeekPct);
  const spikes = runSpikes(prepared, config.spikePct, config.spikeWindowDays);

  const perWeek = new Map<number, ReportWarning[]>();
  const addToWeek = (index: number, w: ReportWarning): void => {
    const list = perWeek.get(index) ?? [];
    list.push(w);
    perWeek.set(index, list);
  };
  for (const r of ramps) addToWeek(r.index, rampWarning(r, units));
  for (const r of twoWeek) addToWeek(r.index, twoWeekWarning(r, units));
  for (const s of spikes) addToWeek(weekIndexOf(s.run.day), spikeWarning(s, weekStart, units));

  const shownFrom = Math.max(0, volume.length - input.weeks);
  const shown = volume.slice(shownFrom);
  const weeks: ReportWeek[] = shown.map((w, k) =>
    weekRow(volume, shownFrom + k, w, perWeek.get(shownFrom + k) ?? []),
  );

  // Current picture: week-level warnings of the last two weeks, spikes of the last 14 days.
  const warnings: ReportWarning[] = [];
  for (let i = Math.max(0, volume.length - 2); i < volume.length; i++) {
    for (const w of perWeek.get(i) ?? []) if (w.code !== "RUN_SPIKE") warnings.push(w);
  }
  for (const s of spikes)
    if (s.run.day > lastDay - CURRENT_DAYS) warnings.push(spikeWarning(s, weekStart, units));

  const acwr = acwrReport(totals, lastDay, shown[0]?.startDay ?? lastDay, config, units, warnings);

  const monotony = [];
  for (const w of shown) {
    const m = weekMonotony(totals, w.startDay);
    if (!m) continue;
    monotony.push({
      start: dateOfDay(m.startDay),
      load: m.load,
      weekly_load: round(m.weeklyLoad, 1),
      monotony: m.monotony === null ? null : round(m.monotony, 3),
      strain: m.strain === null ? null : round(m.strain, 1),
    });
  }
  const latestMonotony = weekMonotony(totals, weekStartOf(lastDay, weekStart) - 7);
  if (
    latestMonotony &&
    (latestMonotony.uniform || (latestMonotony.monotony ?? 0) > config.monotonyHigh)
  ) {
    const start = dateOfDay(latestMonotony.startDay);
    warnings.push(
      makeWarning(
        "MONOTONY_HIGH",
        `Last week's training (from ${start}) was very much the same day after day` +
          (latestMonotony.monotony !== null
            ? ` (monotony ${latestMonotony.monotony.toFixed(1)})`
            : "") +
          ". Mixing hard, easy and rest days gives the body room to recover; 2.0 is a coaches' rule of thumb, not a proven limit.",
        {
          monotony: latestMonotony.monotony === null ? null : round(latestMonotony.monotony, 3),
          load: latestMonotony.load,
        },
        start,
      ),
    );
  }

  const mileage = shoeMileage(input.shoes, prepared, lastDay, config);
  const rotation = shoeRotation(prepared, lastDay, config.rotationDays);
  for (const m of mileage) {
    const w = shoeWarning(m, units);
    if (w) warnings.push(w);
  }
  const rotate = rotationWarning(rotation, input.shoes, lastDay, config);
  if (rotate) warnings.push(rotate);

  warnings.push(
    ...detectTrainingErrors(prepared, totals.firstDay, lastDay, config, units).warnings,
  );
  const noVariety = detectNoVariety(prepared, totals.firstDay, lastDay, config);
  if (noVariety) warnings.push(noVariety);

  const checkins = checkinTrend(input.checkins, lastDay, config);
  if (checkins.warning) warnings.push(checkins.warning);

  const rank = (w: ReportWarning): number => PRIORITY.indexOf(w.code);
  warnings.sort((a, b) => rank(a) - rank(b));

  const shoes = mileage
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

  return {
    as_of: input.asOf,
    week_start: weekStart,
    weeks,
    acwr,
    monotony,
    spikes: spikes
      .filter((s) => s.run.day >= (shown[0]?.startDay ?? lastDay))
      .map((s) => ({
        date: dateOfDay(s.run.day),
        activity_id: s.run.activity.id,
        distance_m: Math.round(s.run.distanceM),
        previous_longest_m: Math.round(s.previousLongestM),
        increase_pct: round(s.increasePct, 1),
      })),
    shoes,
    checkins: checkins.report,
    warnings,
  };
}

function weekRow(
  volume: readonly WeekVolume[],
  i: number,
  w: WeekVolume,
  warnings: ReportWarning[],
): ReportWeek {
  const prev = volume[i - 1];
  const prev2 = volume[i - 2];
  const pct = (before: number | undefined, after: number): number | null =>
    before !== undefined && before > 0 ? round(((after - before) * 100) / before, 1) : null;
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
    complete: w.complete,
    warnings,
  };
}

function rampWarning(r: WeeklyRamp, units: DistanceUnit): ReportWarning {
  const week = dateOfDay(r.startDay);
  const rises: string[] = [];
  if (r.distanceFlagged && r.distancePct !== null)
    rises.push(`${formatPct(r.distancePct)} more distance`);
  if (r.timeFlagged && r.timePct !== null) rises.push(`${formatPct(r.timePct)} more time`);
  return makeWarning(
    "RAMP_WEEKLY",
    `Week of ${week}: ${formatDistance(r.distanceM, units)} in ${formatDuration(r.timeS)}, ` +
      `${rises.join(" and ")} than the week before (${formatDistance(r.previousDistanceM, units)}, ${formatDuration(r.previousTimeS)}). ` +
      `We suggest staying at or below ${formatDistance(r.capDistanceM, units)} and ${formatDuration(r.capTimeS)} next week. ` +
      `A rise of about ${r.thresholdPct}% a week is a cautious guide rather than a proven safe limit.`,
    {
      distance_m: Math.round(r.distanceM),
      previous_distance_m: Math.round(r.previousDistanceM),
      duration_s: Math.round(r.timeS),
      previous_duration_s: Math.round(r.previousTimeS),
      distance_change_pct: r.distancePct === null ? null : round(r.distancePct, 1),
      duration_change_pct: r.timePct === null ? null : round(r.timePct, 1),
      threshold_pct: r.thresholdPct,
      cap_distance_m: r.capDistanceM,
      cap_duration_s: r.capTimeS,
    },
    week,
  );
}

function twoWeekWarning(r: TwoWeekRamp, units: DistanceUnit): ReportWarning {
  const week = dateOfDay(r.startDay);
  return makeWarning(
    "RAMP_TWO_WEEK",
    `Week of ${week}: ${formatDistance(r.distanceM, units)}, ${formatPct(r.changePct)} more than two weeks earlier ` +
      `(${formatDistance(r.baseDistanceM, units)}). In a study of new runners, rises above 30% over two weeks went with more ` +
      "knee and other overuse injuries. Hold this level for a week or two before adding more.",
    {
      distance_m: Math.round(r.distanceM),
      base_distance_m: Math.round(r.baseDistanceM),
      change_pct: round(r.changePct, 1),
    },
    week,
  );
}

function spikeWarning(s: RunSpike, weekStart: number, units: DistanceUnit): ReportWarning {
  const date = dateOfDay(s.run.day);
  return makeWarning(
    "RUN_SPIKE",
    `On ${date} you ran ${formatDistance(s.run.distanceM, units)}, ${formatPct(s.increasePct)} further than your longest run ` +
      `of the 30 days before (${formatDistance(s.previousLongestM, units)}). In a large study of runners' watch data, single runs ` +
      "well beyond the recent longest went with more overuse injuries. Lengthen your longest run in smaller steps.",
    {
      date,
      activity_id: s.run.activity.id,
      distance_m: Math.round(s.run.distanceM),
      previous_longest_m: Math.round(s.previousLongestM),
      increase_pct: round(s.increasePct, 1),
    },
    dateOfDay(weekStartOf(s.run.day, weekStart)),
  );
}

function shoeWarning(m: ShoeMileage, units: DistanceUnit): ReportWarning | null {
  if (m.retired || m.status === "ok") return null;
  const done = `${m.shoe.name} ${m.status === "replace" ? "has passed" : "is close to"} its limit: ${formatDistance(m.distanceM, units)} of ${formatDistance(m.limitM, units)}.`;
  const when =
    m.forecastDay !== null
      ? ` At your recent pace it reaches the limit around ${dateOfDay(m.forecastDay)}.`
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

const LOAD_WORDS = {
  distance: "distance",
  duration: "running time",
  srpe: "session effort (RPE x minutes)",
} as const;

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

  // One warning, about the load that rose most; the others that are also high are named in it.
  const high = (["distance", "duration", "srpe"] as const)
    .map((key) => ({ key, f: byLoad[key] }))
    .filter(
      (x): x is { key: "distance" | "duration" | "srpe"; f: AcwrFigures } =>
        x.f !== null && (x.f.zone === "high" || x.f.zone === "very_high"),
    )
    .sort((a, b) => (b.f.rolling.ratio ?? 0) - (a.f.rolling.ratio ?? 0));
  const top = high[0];
  const topRatio = top?.f.rolling.ratio ?? null;
  if (top && topRatio !== null) {
    const { key, f } = top;
    const fmt = (x: number): string =>
      key === "distance"
        ? formatDistance(x, units)
        : key === "duration"
          ? formatDuration(x)
          : `${Math.round(x)}`;
    const others = high.slice(1).map((x) => LOAD_WORDS[x.key]);
    warnings.push(
      makeWarning(
        "ACWR_HIGH",
        `Your ${LOAD_WORDS[key]} over the last 7 days (${fmt(f.rolling.acute)}) is ${topRatio.toFixed(2)} times your ` +
          `average week over the three weeks before (${fmt(f.rolling.chronic)})` +
          (others.length > 0 ? `, and your ${others.join(" and ")} rose sharply too` : "") +
          ". That is a sharp rise on what your legs are used to: plan a few easier days. " +
          "This ratio describes a trend and cannot predict an injury on its own.",
        {
          load: key,
          acute: f.rolling.acute,
          chronic: f.rolling.chronic,
          ratio: topRatio,
          zone: f.zone,
        },
      ),
    );
  }
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
