import { useId } from "react";
import { unitLabel, unitWord } from "../../../src/contracts/format.js";
import type { WeeklyPoint } from "../../../src/contracts/pain.js";
import { shortDateText } from "../shell/dates.js";
import type { Units } from "../shell/session.js";
import { dayText, distanceValue } from "./format.js";

/**
 * Weekly distance (bars, left scale) against average pain (dots joined by a line, right scale
 * 0-10). Inline SVG so it prints; every value is also in the table below it, for screen readers
 * and for anyone who prefers numbers to shapes.
 */
export function PainChart({ weeks, units }: { weeks: readonly WeeklyPoint[]; units: Units }) {
  const id = useId();
  const width = 640;
  const height = 240;
  const left = 44;
  const right = 36;
  const top = 20;
  const bottom = 36;
  const plotH = height - top - bottom;
  const maxDist = Math.max(1, ...weeks.map((w) => distanceValue(w.distanceM, units)));
  const slot = (width - left - right) / Math.max(1, weeks.length);
  const bar = Math.max(4, slot * 0.55);
  const xMid = (i: number) => left + i * slot + slot / 2;
  const yDist = (v: number) => top + plotH - (v / maxDist) * plotH;
  const yPain = (p: number) => top + plotH - (p / 10) * plotH;
  const points = weeks.map((w, i) => (w.meanPain === null ? null : { x: xMid(i), y: yPain(w.meanPain), w })).filter((p) => p !== null);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
  const every = Math.max(1, Math.ceil(weeks.length / 8));
  return (
    <figure className="pain-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>Weekly distance and average pain</title>
        <desc id={`${id}-d`}>
          Bars show {unitWord(units)} run each week; the line shows the average pain score that week. The same numbers are in the table
          below.
        </desc>
        <line x1={left} y1={top + plotH} x2={width - right} y2={top + plotH} stroke="#1b1f23" />
        <text x={left - 6} y={top + 4} textAnchor="end" fontSize="11" fill="#1b1f23">
          {maxDist.toFixed(0)}
        </text>
        <text x={left - 6} y={top + plotH} textAnchor="end" fontSize="11" fill="#1b1f23">
          0
        </text>
        <text x={width - right + 6} y={top + 4} fontSize="11" fill="#a4161a">
          10
        </text>
        <text x={width - right + 6} y={top + plotH} fontSize="11" fill="#a4161a">
          0
        </text>
        {weeks.map((w, i) => {
          const v = distanceValue(w.distanceM, units);
          return (
            <g key={w.weekStart}>
              <rect x={xMid(i) - bar / 2} y={yDist(v)} width={bar} height={top + plotH - yDist(v)} fill="#b9d8c9" stroke="#0b6e4f" />
              {i % every === 0 ? (
                <text x={xMid(i)} y={height - bottom + 16} textAnchor="middle" fontSize="10" fill="#1b1f23">
                  {shortDateText(w.weekStart)}
                </text>
              ) : null}
            </g>
          );
        })}
        {path ? <path d={path} fill="none" stroke="#a4161a" strokeWidth="2.5" /> : null}
        {points.map((p) => (
          <circle key={p.w.weekStart} cx={p.x} cy={p.y} r="4.5" fill="#a4161a" />
        ))}
        <text x={left} y={12} fontSize="11" fill="#0b6e4f">
          Bars: {unitWord(units)} per week
        </text>
        <text x={width - right} y={12} textAnchor="end" fontSize="11" fill="#a4161a">
          Line: average pain (0-10)
        </text>
      </svg>
      <details>
        <summary>Show these numbers as a table</summary>
        <table className="pain-table">
          <caption>Weekly distance and pain</caption>
          <thead>
            <tr>
              <th scope="col">Week from</th>
              <th scope="col">Distance ({unitLabel(units)})</th>
              <th scope="col">Diary days</th>
              <th scope="col">Average pain</th>
              <th scope="col">Worst pain</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{dayText(w.weekStart)}</th>
                <td>{distanceValue(w.distanceM, units).toFixed(1)}</td>
                <td>{w.entries}</td>
                <td>{w.meanPain ?? "–"}</td>
                <td>{w.maxPain ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
