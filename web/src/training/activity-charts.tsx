/**
 * Charts of one activity as inline SVG. Each has an accessible name and a description stating its
 * range and average in words, and a table of the same series (one row every few minutes), so no
 * number is only a line.
 */
import { useId } from "react";
import type { ActivityDetail } from "../../../src/contracts/activities.js";
import { climbLabel, climbValue, formatPaceValue, metresPerUnit, paceLabel } from "../../../src/contracts/format.js";
import type { Units } from "../shell/session.js";
import { formatDuration, paceS } from "./format.js";

const W = 640;
const H = 180;
const PAD = { right: 12, top: 12, bottom: 28 };
/** Room per character of a 12px tick label, generous, so the widest y-axis label is never cut. */
const TICK_CHAR_W = 7.5;
const TABLE_STEP_S = 300;

export interface Series {
  title: string;
  /** e.g. "bpm", "m", "/km" */
  unit: string;
  points: { t: number; v: number | null }[];
  format: (v: number) => string;
  /** Smaller is better (pace): drawn with the best at the top. */
  invert?: boolean;
  /**
   * The average to state, when it is not the mean of the samples: the pace's is the one of the
   * page's header (moving time over distance), so the page says one average.
   */
  average?: { value: number; label: string };
}

function stats(points: Series["points"]) {
  const vs = points.map((p) => p.v).filter((v): v is number => v !== null && Number.isFinite(v));
  if (vs.length === 0) return null;
  let min = vs[0]!;
  let max = vs[0]!;
  let sum = 0;
  for (const v of vs) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, avg: sum / vs.length };
}

export function LineChart({ series }: { series: Series }) {
  const id = useId();
  const s = stats(series.points);
  if (s === null) return null;
  const tMax = Math.max(1, series.points[series.points.length - 1]?.t ?? 1);
  const span = s.max - s.min || 1;
  const lo = s.min - span * 0.05;
  const hi = s.max + span * 0.05;
  const top = series.invert ? s.min : s.max;
  const bottom = series.invert ? s.max : s.min;
  // The left margin fits the widest y-axis label ("159 bpm", "10:32 /km"), so none is cut.
  const PAD_LEFT = 10 + Math.ceil(Math.max(series.format(top).length, series.format(bottom).length) * TICK_CHAR_W);
  const x = (t: number) => PAD_LEFT + (t / tMax) * (W - PAD_LEFT - PAD.right);
  const y = (v: number) => {
    const f = (v - lo) / (hi - lo);
    const g = series.invert ? f : 1 - f;
    return PAD.top + g * (H - PAD.top - PAD.bottom);
  };
  // Gaps in the data break the line rather than bridge it.
  const segments: string[] = [];
  let cur: string[] = [];
  for (const p of series.points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      if (cur.length > 1) segments.push(cur.join(" "));
      cur = [];
      continue;
    }
    cur.push(`${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`);
  }
  if (cur.length > 1) segments.push(cur.join(" "));
  const average = series.average ? `${series.average.label} ${series.format(series.average.value)}` : `average ${series.format(s.avg)}`;
  const summary = `${series.title}: from ${series.format(series.invert ? s.max : s.min)} to ${series.format(series.invert ? s.min : s.max)}, ${average}.`;
  const rows = series.points.filter((p, i) => i === 0 || Math.floor(p.t / TABLE_STEP_S) !== Math.floor((series.points[i - 1]?.t ?? 0) / TABLE_STEP_S));
  const avgY = series.average && Number.isFinite(series.average.value) && series.average.value >= lo && series.average.value <= hi ? y(series.average.value) : null;
  return (
    <figure className="chart activity-chart">
      <figcaption>
        <strong>{series.title}</strong> <span className="chart-summary">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{series.title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <line x1={PAD_LEFT} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
        <line x1={PAD_LEFT} x2={PAD_LEFT} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
        <text x={PAD_LEFT - 6} y={y(top) + 4} textAnchor="end" className="tick">
          {series.format(top)}
        </text>
        <text x={PAD_LEFT - 6} y={y(bottom) + 4} textAnchor="end" className="tick">
          {series.format(bottom)}
        </text>
        <text x={PAD_LEFT} y={H - 8} className="tick">
          0:00
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="tick">
          {formatDuration(tMax)}
        </text>
        {avgY === null ? null : <line x1={PAD_LEFT} x2={W - PAD.right} y1={avgY} y2={avgY} className="average" />}
        {segments.map((pts, i) => (
          <polyline key={i} points={pts} className="series" />
        ))}
      </svg>
      <details className="chart-table">
        <summary>{series.title}: show as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">{series.title}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.t}>
                <td>{formatDuration(p.t)}</td>
                <td>{p.v === null ? "–" : series.format(p.v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Metres of the rolling window the pace is smoothed over, so GPS jitter does not dominate. */
const PACE_WINDOW_M = 200;

/** The one average pace of the page: moving time over distance (the header says the same). */
export function averagePaceS(a: Pick<ActivityDetail, "movingS" | "distanceM">, units: Units): number | null {
  return paceS(a.movingS, a.distanceM, units);
}

/**
 * Pace smoothed over a rolling window of distance: at each point, the time taken over the last
 * PACE_WINDOW_M metres (or the distance so far, early on).
 */
function paceSeries(a: ActivityDetail, units: Units): Series | null {
  const per = metresPerUnit(units);
  const pts = a.stream;
  if (!pts.some((p) => p.d !== null && p.d > 0)) return null;
  const out: Series["points"] = [];
  let j = 0;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (p.d === null) {
      out.push({ t: p.t, v: null });
      continue;
    }
    // Move the window's start on while the rest still spans the window.
    while (j < i) {
      const next = pts[j + 1]!;
      if (pts[j]!.d === null || next.d === null || p.d - next.d >= PACE_WINDOW_M) j++;
      else break;
    }
    const q = pts[j]!;
    const dd = q.d === null ? 0 : p.d - q.d;
    const sPer = dd > 1 && p.t > q.t ? ((p.t - q.t) / dd) * per : null;
    // Standing still is not a pace: leave it out of the line.
    out.push({ t: p.t, v: sPer !== null && sPer < 30 * 60 ? sPer : null });
  }
  const avg = averagePaceS(a, units);
  return {
    title: "Pace",
    unit: paceLabel(units),
    points: out,
    format: (v) => formatPaceValue(v, units),
    invert: true,
    ...(avg === null ? {} : { average: { value: avg, label: "average (moving time)" } }),
  };
}

export function activitySeries(a: ActivityDetail, units: Units): Series[] {
  const list: (Series | null)[] = [
    paceSeries(a, units),
    { title: "Heart rate", unit: "bpm", points: a.stream.map((p) => ({ t: p.t, v: p.hr })), format: (v) => `${Math.round(v)} bpm` },
    {
      title: "Elevation",
      unit: climbLabel(units),
      points: a.stream.map((p) => ({ t: p.t, v: p.alt === null ? null : climbValue(p.alt, units) })),
      format: (v) => `${Math.round(v)} ${climbLabel(units)}`,
    },
    { title: "Cadence", unit: "spm", points: a.stream.map((p) => ({ t: p.t, v: p.cad })), format: (v) => `${Math.round(v)} steps/min` },
  ];
  return list.filter((s): s is Series => s !== null && s.points.some((p) => p.v !== null));
}
