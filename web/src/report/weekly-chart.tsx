import type { Units } from "../shell/session.js";
import { distanceValue, formatDistance, unitWord } from "../../../src/contracts/format.js";
import { dateText, shortDateText } from "../shell/dates.js";

/**
 * Weekly running distance as bars, in inline SVG so it prints sharply. Each bar carries its
 * value as text, and incomplete weeks are hatched and labelled, so nothing rests on colour.
 */
export function WeeklyChart({
  weeks,
  units,
}: {
  weeks: readonly { start: string; distance_m: number; complete: boolean }[];
  units: Units;
}) {
  const width = 640;
  const height = 220;
  const top = 24;
  const bottom = 40;
  const max = Math.max(1, ...weeks.map((w) => w.distance_m));
  const slot = width / Math.max(1, weeks.length);
  const bar = Math.max(4, slot * 0.6);
  const scale = (height - top - bottom) / max;
  const summary = weeks
    .map(
      (w) =>
        `${dateText(w.start)}: ${formatDistance(w.distance_m, units)}${w.complete ? "" : " (so far)"}`,
    )
    .join("; ");
  return (
    <svg
      className="weekly-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Weekly running distance. ${summary}`}
    >
      <defs>
        <pattern
          id="incomplete-week"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#0b6e4f" strokeWidth="3" />
        </pattern>
      </defs>
      <line
        x1="0"
        y1={height - bottom}
        x2={width}
        y2={height - bottom}
        stroke="#1b1f23"
        strokeWidth="1"
      />
      {weeks.map((w, i) => {
        const h = w.distance_m * scale;
        const x = i * slot + (slot - bar) / 2;
        const y = height - bottom - h;
        return (
          <g key={w.start}>
            <rect
              x={x}
              y={y}
              width={bar}
              height={h}
              fill={w.complete ? "#0b6e4f" : "url(#incomplete-week)"}
              stroke="#0b6e4f"
            />
            <text x={x + bar / 2} y={y - 6} textAnchor="middle" fontSize="11" fill="#1b1f23">
              {distanceValue(w.distance_m, units).toFixed(0)}
              {w.complete ? "" : "*"}
            </text>
            <text
              x={x + bar / 2}
              y={height - bottom + 16}
              textAnchor="middle"
              fontSize="10"
              fill="#1b1f23"
            >
              {shortDateText(w.start)}
            </text>
          </g>
        );
      })}
      <text x="0" y="14" fontSize="11" fill="#1b1f23">
        {unitWord(units)} per week (* = week still in progress)
      </text>
    </svg>
  );
}
