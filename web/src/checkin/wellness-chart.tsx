/**
 * Resting heart rate and heart-rate variability an import brought in (Apple Health), drawn beside
 * the check-in scores over the same days. They are the device's figures, labelled as imported,
 * never mixed with what the runner answered; a trend to read beside the answers, not a diagnosis.
 */
import type { ImportedWellnessDay, WellnessSource } from "../../../src/contracts/training.js";
import { ChartFigure, GridLine } from "../load/charts.js";
import { addDays, shortDate } from "../load/format.js";
import { ColumnHeads } from "../shell/column-heads.js";

const W = 640;

const SOURCE_NAMES: Record<WellnessSource, string> = { apple_health: "Apple Health" };

type Metric = "restingHr" | "hrvSdnnMs";

const dayIndex = (from: string, date: string): number => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The last 7 days' mean against the days before them, when each side has at least 3 values. */
function comparison(days: ImportedWellnessDay[], metric: Metric, to: string): { recent: number; before: number } | null {
  const cut = addDays(to, -6);
  const recent = days.filter((d) => d.date >= cut).flatMap((d) => (d[metric] === null ? [] : [d[metric]]));
  const before = days.filter((d) => d.date < cut).flatMap((d) => (d[metric] === null ? [] : [d[metric]]));
  const r = recent.length >= 3 ? mean(recent) : null;
  const b = before.length >= 3 ? mean(before) : null;
  return r === null || b === null ? null : { recent: Math.round(r), before: Math.round(b) };
}

function metricSentence(days: ImportedWellnessDay[], metric: Metric, to: string): string | null {
  const count = days.filter((d) => d[metric] !== null).length;
  if (count === 0) return null;
  const [name, unit] = metric === "restingHr" ? ["Resting heart rate", "beats a minute"] : ["HRV (SDNN)", "ms"];
  const c = comparison(days, metric, to);
  return `${name} on ${count} ${count === 1 ? "day" : "days"}${c === null ? "" : `: ${c.recent} ${unit} on average over the last 7 days, ${c.before} in the days before`}.`;
}

export function ImportedWellnessChart({
  days,
  scores,
  from,
  to,
}: {
  /** Imported days, oldest first. */
  days: ImportedWellnessDay[];
  /** The runner's check-in scores by date, for the table. */
  scores: { date: string; score: number }[];
  from: string;
  to: string;
}) {
  const H = 250;
  const m = { l: 44, r: 12, t: 20, b: 30 };
  const gap = 26;
  const panelH = (H - m.t - m.b - gap) / 2;
  const span = Math.max(1, dayIndex(from, to));
  const x = (date: string) => m.l + ((W - m.l - m.r) * dayIndex(from, date)) / span;
  const sources = [...new Set(days.map((d) => SOURCE_NAMES[d.source] ?? d.source))].join(" and ");
  // One value per day for the chart: the first source's.
  const byDate = new Map<string, ImportedWellnessDay>();
  for (const d of days) if (d.date >= from && d.date <= to && !byDate.has(d.date)) byDate.set(d.date, d);
  const shown = [...byDate.values()];
  const summary =
    [`Imported from ${sources}, not typed by you.`, metricSentence(shown, "restingHr", to), metricSentence(shown, "hrvSdnnMs", to)].filter((s) => s !== null).join(" ") +
    " A rising resting heart rate or a falling HRV over several days can go with the signs above; read them together.";

  const scoreBy = new Map(scores.map((s) => [s.date, s.score]));
  const tableDates = [...new Set([...shown.map((d) => d.date), ...scores.map((s) => s.date)])].sort();

  const panel = (metric: Metric, top: number, label: string) => {
    const values = shown.flatMap((d) => (d[metric] === null ? [] : [{ date: d.date, v: d[metric] }]));
    const lo = values.length === 0 ? 0 : Math.max(0, Math.floor(Math.min(...values.map((p) => p.v)) / 5) * 5 - 5);
    const hi = values.length === 0 ? 10 : Math.ceil(Math.max(...values.map((p) => p.v)) / 5) * 5 + 5;
    const y = (v: number) => top + panelH * (1 - (v - lo) / (hi - lo));
    let d = "";
    let prev: string | null = null;
    for (const p of values) {
      // A line joins consecutive days only: a gap in the recordings stays a gap.
      d += `${prev !== null && addDays(prev, 1) === p.date ? "L" : "M"}${x(p.date).toFixed(1)},${y(p.v).toFixed(1)} `;
      prev = p.date;
    }
    return (
      <g>
        <text x={m.l} y={top - 3} className="axis">
          {label}
        </text>
        {[lo, hi].map((v) => (
          <GridLine key={v} y={y(v)} left={m.l} right={W - m.r} label={v} />
        ))}
        <path d={d} className="acwr-line" fill="none" />
        {values.map((p) => (
          <circle key={p.date} cx={x(p.date)} cy={y(p.v)} r={3} className="acwr-dot" />
        ))}
      </g>
    );
  };

  return (
    <ChartFigure
      title={`Resting heart rate and HRV (imported from ${sources})`}
      summary={summary}
      table={
        <table>
          <caption>Your check-in scores beside the imported resting heart rate and HRV</caption>
          <ColumnHeads names={["Day", "Check-in score (yours)", "Resting heart rate, beats a minute (imported)", "HRV (SDNN), ms (imported)"]} />
          <tbody>
            {tableDates.map((date) => {
              const w = byDate.get(date);
              return (
                <tr key={date}>
                  <th scope="row">{shortDate(date, true)}</th>
                  <td>{scoreBy.get(date) ?? "–"}</td>
                  <td>{w?.restingHr ?? "–"}</td>
                  <td>{w?.hrvSdnnMs ?? "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    >
      {(ids) => (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`} className="chart-svg">
          <title id={ids.title}>Imported resting heart rate and HRV</title>
          <desc id={ids.desc}>{summary}</desc>
          {panel("restingHr", m.t, "Resting heart rate, beats a minute (imported)")}
          {panel("hrvSdnnMs", m.t + panelH + gap, "HRV (SDNN), ms (imported)")}
          <text x={m.l} y={H - 8} className="axis">
            {shortDate(from)}
          </text>
          <text x={W - m.r} y={H - 8} textAnchor="end" className="axis">
            {shortDate(to)}
          </text>
        </svg>
      )}
    </ChartFigure>
  );
}
