/**
 * Training errors, each judged against the runner's own baseline: the recent window (last 21
 * days by default) against the baseline window just before it (the 84 days before). A change
 * is only called when both windows hold enough running to compare; a runner with a short
 * history gets no verdict rather than a guess.
 */
import type { Sport } from "../activity.js";
import type { TrainingConfig } from "./config.js";
import { climbOf } from "./elevation.js";
import type { PreparedActivity } from "./prepared-activity.js";
import { isSpeedSession } from "./speed-work.js";
import type { DistanceUnit, ReportWarning, Surface } from "./types.js";
import { formatClimbRate, makeWarning, round } from "./warnings.js";

const MIN_RECENT_RUNS = 3;
const MIN_BASELINE_RUNS = 6;
const MIN_BASELINE_COVERED_DAYS = 28;
/** Distance with known climb (or known surface) needed in each window before comparing, metres. */
const MIN_MEASURED_M = 5_000;

/** Sports that count as cross-training or strength. Walking is daily life, not a training stimulus. */
export const VARIETY_SPORTS: readonly Sport[] = [
  "ride",
  "swim",
  "row",
  "strength",
  "hike",
  "other",
];

export interface WindowStats {
  days: number;
  runs: number;
  distanceM: number;
  gainM: number;
  gainKnownM: number;
  lossM: number;
  lossKnownM: number;
  speedSessions: number;
  surfaceM: Partial<Record<Surface, number>>;
  taggedM: number;
}

/** The surface a run was on: its tag, else what its sport implies, else unknown. */
export function surfaceOf(p: PreparedActivity): Surface | null {
  const tag = p.activity.surface;
  if (tag !== null) return tag;
  if (p.activity.sport === "treadmill") return "treadmill";
  if (p.activity.sport === "trail_run") return "trail";
  return null;
}

function emptyStats(days: number): WindowStats {
  return {
    days,
    runs: 0,
    distanceM: 0,
    gainM: 0,
    gainKnownM: 0,
    lossM: 0,
    lossKnownM: 0,
    speedSessions: 0,
    surfaceM: {},
    taggedM: 0,
  };
}

function addRun(s: WindowStats, p: PreparedActivity): void {
  s.runs++;
  s.distanceM += p.distanceM;
  const c = climbOf(p.activity);
  if (c.gainM !== null) {
    s.gainM += c.gainM;
    s.gainKnownM += p.distanceM;
  }
  if (c.lossM !== null) {
    s.lossM += c.lossM;
    s.lossKnownM += p.distanceM;
  }
  if (isSpeedSession(p.activity)) s.speedSessions++;
  const surface = surfaceOf(p);
  if (surface !== null) {
    s.surfaceM[surface] = (s.surfaceM[surface] ?? 0) + p.distanceM;
    s.taggedM += p.distanceM;
  }
}

export interface TrainingErrorResult {
  recent: WindowStats;
  baseline: WindowStats;
  /** False when the history is too short or thin to compare; no warnings then. */
  compared: boolean;
  warnings: ReportWarning[];
}

export function detectTrainingErrors(
  prepared: readonly PreparedActivity[],
  firstDay: number,
  lastDay: number,
  config: TrainingConfig,
  units: DistanceUnit,
): TrainingErrorResult {
  const recentStart = lastDay - config.recentDays + 1;
  const baseStart = Math.max(recentStart - config.baselineDays, firstDay);
  const recent = emptyStats(config.recentDays);
  const baseline = emptyStats(Math.max(0, recentStart - baseStart));
  for (const p of prepared) {
    if (!p.run || p.day < baseStart) continue;
    addRun(p.day >= recentStart ? recent : baseline, p);
  }
  const warnings: ReportWarning[] = [];
  const compared =
    recent.runs >= MIN_RECENT_RUNS &&
    baseline.runs >= MIN_BASELINE_RUNS &&
    baseline.days >= MIN_BASELINE_COVERED_DAYS;
  if (!compared) return { recent, baseline, compared, warnings };

  const hills = (kind: "up" | "down"): void => {
    const [r, rKnown, b, bKnown] =
      kind === "up"
        ? [recent.gainM, recent.gainKnownM, baseline.gainM, baseline.gainKnownM]
        : [recent.lossM, recent.lossKnownM, baseline.lossM, baseline.lossKnownM];
    if (rKnown < MIN_MEASURED_M || bKnown < MIN_MEASURED_M) return;
    const recentRate = (r * 1000) / rKnown;
    const baseRate = (b * 1000) / bKnown;
    if (
      recentRate >= baseRate * config.hillRatio &&
      recentRate - baseRate >= config.hillMinDeltaMPerKm
    ) {
      const data = { recent_m_per_km: round(recentRate, 1), baseline_m_per_km: round(baseRate, 1) };
      warnings.push(
        kind === "up"
          ? makeWarning(
              "HILLS_UP",
              `Your recent runs climb ${formatClimbRate(recentRate, units)}, against ${formatClimbRate(baseRate, units)} before. ` +
                "Uphill running loads the front of the knee and the tendons more; add hills a little at a time and keep some runs flat.",
              data,
            )
          : makeWarning(
              "HILLS_DOWN",
              `Your recent runs descend ${formatClimbRate(recentRate, units)}, against ${formatClimbRate(baseRate, units)} before. ` +
                "Running downhill brakes with the thigh muscles and is hard on the knee; shorten your stride, slow down on descents and build them up gradually.",
              data,
            ),
      );
    }
  };
  hills("up");
  hills("down");

  const recentRate = (recent.speedSessions * 7) / recent.days;
  const baseRate = baseline.days > 0 ? (baseline.speedSessions * 7) / baseline.days : 0;
  if (
    recent.speedSessions >= config.speedMinSessions &&
    recentRate >= baseRate * config.speedRateFactor
  ) {
    warnings.push(
      makeWarning(
        "SPEED_NEW",
        `${recent.speedSessions} of your recent runs look like speed work (fast repeats), more than you did before ` +
          `(${round(recentRate, 1)} a week now, ${round(baseRate, 1)} before). Faster running raises the load on knees and tendons: ` +
          "keep to one hard session a week at first, with an easy day after it.",
        {
          recent_sessions: recent.speedSessions,
          recent_per_week: round(recentRate, 2),
          baseline_per_week: round(baseRate, 2),
        },
      ),
    );
  }

  if (recent.taggedM >= MIN_MEASURED_M && baseline.taggedM >= MIN_MEASURED_M) {
    let best: { surface: Surface; rise: number; recentShare: number; baseShare: number } | null =
      null;
    for (const [surface, m] of Object.entries(recent.surfaceM) as [Surface, number][]) {
      const recentShare = m / recent.taggedM;
      const baseShare = (baseline.surfaceM[surface] ?? 0) / baseline.taggedM;
      const rise = recentShare - baseShare;
      if (rise >= config.surfaceShareRise && (best === null || rise > best.rise))
        best = { surface, rise, recentShare, baseShare };
    }
    if (best) {
      const label = best.surface.replace("_", " ");
      warnings.push(
        makeWarning(
          "SURFACE_CHANGE",
          `${Math.round(best.recentShare * 100)}% of your recent running was on ${label}, against ${Math.round(best.baseShare * 100)}% before. ` +
            "A new surface changes how the legs take the load; mix it in gradually" +
            (best.surface === "cambered_road" || best.surface === "track"
              ? ", and on a camber or a track switch sides or directions so one leg does not always take the slope or the bend."
              : "."),
          {
            surface: best.surface,
            recent_share: round(best.recentShare, 3),
            baseline_share: round(best.baseShare, 3),
          },
        ),
      );
    }
  }
  return { recent, baseline, compared, warnings };
}

/**
 * NO_VARIETY: running in each of the last `noVarietyWeeks` weeks on average, and no
 * cross-training or strength session at all in that time. More weekly hours of other sports
 * went with fewer injuries in 264 runners (Malisoux 2015: HR 0.848 per hour; observational).
 */
export function detectNoVariety(
  prepared: readonly PreparedActivity[],
  firstDay: number,
  lastDay: number,
  config: TrainingConfig,
): ReportWarning | null {
  const days = config.noVarietyWeeks * 7;
  const start = lastDay - days + 1;
  if (firstDay > start) return null;
  let runs = 0;
  let other = 0;
  for (const p of prepared) {
    if (p.day < start) continue;
    if (p.run) runs++;
    else if (VARIETY_SPORTS.includes(p.activity.sport)) other++;
  }
  if (other > 0 || runs < config.noVarietyWeeks) return null;
  return makeWarning(
    "NO_VARIETY",
    `In the last ${config.noVarietyWeeks} weeks you ran ${runs} times and did no other training. ` +
      "A weekly strength session for the hips and thighs, or some cycling or swimming, keeps fitness up while giving the knees a change of load.",
    { weeks: config.noVarietyWeeks, runs },
  );
}
