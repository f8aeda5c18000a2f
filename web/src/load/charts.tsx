/**
 * The dashboard's charts: inline SVG that can be read without hovering (every bar and point that
 * matters carries its number), with a title and a description for screen readers, and the same
 * numbers as a table underneath. Meaning never rests on colour alone: bars over the ramp guide are
 * hatched and marked "!", zones are named on the chart.
 */
import { useId } from "react";
import type { ReactNode } from "react";
import type { AcwrDay, ReportShoe, ReportWeek } from "../../../src/contracts/training.js";
import { shoeWornPercent } from "../../../src/contracts/shoes.js";
import type { Units } from "../shell/session.js";
import { formatDistance, formatDuration, inUnits, pct, shortDate, unitLabel, ZONE_WORDS } from "./format.js";
import { ColumnHeads } from "../shell/column-heads.js";

const W = 640;

/** A horizontal grid line across the plot, with its value to the left of the axis. */
export function GridLine({ y, left, right, label }: { y: number; left: number; right: number; label: ReactNode }) {
  return (
    <g>
      <line x1={left} x2={right} y1={y} y2={y} className="grid" />
      <text x={left - 6} y={y + 4} textAnchor="end" className="axis">
        {label}
      </text>
    </g>
  );
}

/** A chart with its caption, its accessible name and description, and a table of the same data. */
export function ChartFigure({
  title,
  summary,
  children,
  table,
  className,
}: {
  title: string;
  summary: string;
  children: (ids: { title: string; desc: string }) => ReactNode;
  table: ReactNode;
  className?: string;
}) {
  const id = useId();
  const ids = { title: `${id}-title`, desc: `${id}-desc` };
  return (
    <figure className={`chart ${className ?? ""}`}>
      <figcaption>
        <strong>{title}</strong>
        <span className="chart-summary">{summary}</span>
      </figcaption>
      {children(ids)}
      <details className="chart-table">
        <summary>{title}: show as a table</summary>
        {table}
      </details>
    </figure>
  );
}

function niceMax(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

// ---------------------------------------------------------------- weekly volume

/**
 * Each week's guide comes from the report: the highest of the four weeks before it plus the
 * runner's guide, so a week back to normal after a cut-back week is under its line.
 */
export function VolumeChart({ weeks, thresholdPct, units }: { weeks: ReportWeek[]; thresholdPct: number; units: Units }) {
  const H = 280;
  const m = { l: 44, r: 8, t: 24, b: 44 };
  const n = Math.max(1, weeks.length);
  const limits = weeks.map((w) => w.guide_limit_m);
  const top = niceMax(Math.max(1, ...weeks.map((w) => inUnits(w.distance_m, units)), ...limits.map((l) => (l === null ? 0 : inUnits(l, units)))));
  const slot = (W - m.l - m.r) / n;
  const y = (v: number) => m.t + (H - m.t - m.b) * (1 - v / top);
  const labelEvery = n > 16 ? Math.ceil(n / 16) : 1;
  const over = weeks.map((w, i) => {
    const l = limits[i];
    return l !== null && l !== undefined && w.distance_m > l;
  });
  const flagged = weeks.filter((_, i) => over[i]);
  const last = weeks[weeks.length - 1];
  const summary =
    weeks.length === 0
      ? "No weeks to show yet."
      : `${weeks.length} weeks, the latest ${formatDistance(last?.distance_m ?? 0, units)}. ` +
        (flagged.length === 0
          ? `No week rose more than ${thresholdPct}% above the highest of the 4 weeks before it.`
          : `${flagged.length} ${flagged.length === 1 ? "week" : "weeks"} rose more than ${thresholdPct}% above the highest of the 4 weeks before: ${flagged.map((w) => shortDate(w.start)).join(", ")}.`) +
        " The guide is cautious, not a proven safe limit.";
  return (
    <ChartFigure
      title="Weekly running distance"
      summary={summary}
      table={
        <table>
          <caption>Weekly running distance, time and change</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Distance</th>
              <th scope="col">Time</th>
              <th scope="col">Runs</th>
              <th scope="col">Change</th>
              <th scope="col">Highest of 4 weeks before</th>
              <th scope="col">{thresholdPct}% guide</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w, i) => {
              const l = limits[i];
              return (
                <tr key={w.start}>
                  <th scope="row">{shortDate(w.start, true)}{w.complete ? "" : " (so far)"}</th>
                  <td>{formatDistance(w.distance_m, units)}</td>
                  <td>{formatDuration(w.duration_s)}</td>
                  <td>{w.runs}</td>
                  <td>{pct(w.change_pct)}</td>
                  <td>{w.baseline_highest_m === null ? "–" : formatDistance(w.baseline_highest_m, units)}</td>
                  <td>{l === null || l === undefined ? "–" : `${formatDistance(l, units)}${over[i] ? " (passed)" : ""}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    >
      {(ids) => (
        <>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`} className="chart-svg">
          <title id={ids.title}>Weekly running distance in {unitLabel(units)}</title>
          <desc id={ids.desc}>{summary}</desc>
          <defs>
            <pattern id="kw-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="bar-over-bg" />
              <line x1="0" y1="0" x2="0" y2="6" className="bar-over-line" strokeWidth="3" />
            </pattern>
          </defs>
          {[0, 0.5, 1].map((f) => (
            <GridLine key={f} y={y(top * f)} left={m.l} right={W - m.r} label={(top * f).toFixed(top * f >= 10 ? 0 : 1)} />
          ))}
          <text x={4} y={m.t - 8} className="axis">
            {unitLabel(units)}
          </text>
          {weeks.map((w, i) => {
            const v = inUnits(w.distance_m, units);
            const x = m.l + i * slot + slot * 0.18;
            const bw = slot * 0.64;
            const l = limits[i];
            return (
              <g key={w.start}>
                <rect x={x} y={y(v)} width={bw} height={Math.max(0, y(0) - y(v))} className={over[i] ? "bar bar-over" : w.complete ? "bar" : "bar bar-partial"} fill={over[i] ? "url(#kw-hatch)" : undefined} />
                {l !== null && l !== undefined ? (
                  <line x1={x - slot * 0.1} x2={x + bw + slot * 0.1} y1={y(inUnits(l, units))} y2={y(inUnits(l, units))} className="ramp-line" />
                ) : null}
                {n <= 26 ? (
                  <text x={x + bw / 2} y={y(v) - 4} textAnchor="middle" className="value">
                    {over[i] ? "! " : ""}
                    {v.toFixed(v >= 100 ? 0 : n > 16 ? 0 : 1)}
                  </text>
                ) : null}
                {i % labelEvery === 0 ? (
                  <text x={x + bw / 2} y={H - m.b + 16} textAnchor="middle" className="axis">
                    {shortDate(w.start)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
        <p className="chart-legend">
          <svg width="24" height="8" aria-hidden="true" className="chart-svg-inline">
            <line x1={0} x2={24} y1={4} y2={4} className="ramp-line" />
          </svg>{" "}
          Dashes: {thresholdPct}% above the highest of the 4 weeks before. Hatched bars marked ! rose more than that.
        </p>
        </>
      )}
    </ChartFigure>
  );
}

// ---------------------------------------------------------------- acute:chronic ratio

/** Bands that name where the ratio lies (Gabbett 2016); a description, not a risk scale. */
const ZONES = [
  { from: 0, to: 0.8, key: "low", label: "below" },
  { from: 0.8, to: 1.3, key: "ok", label: "usual" },
  { from: 1.3, to: 1.5, key: "high", label: "above" },
  { from: 1.5, to: 2, key: "very_high", label: "well above" },
] as const;

export function AcwrChart({ series, current, zone }: { series: AcwrDay[]; current: number | null; zone: AcwrDay["zone"] }) {
  const H = 240;
  const m = { l: 44, r: 92, t: 12, b: 32 };
  const top = 2;
  const n = Math.max(2, series.length);
  const x = (i: number) => m.l + ((W - m.l - m.r) * i) / (n - 1);
  const y = (v: number) => m.t + (H - m.t - m.b) * (1 - Math.min(v, top) / top);
  let d = "";
  series.forEach((p, i) => {
    if (p.rolling === null) return;
    const prev = series[i - 1];
    d += `${prev && prev.rolling !== null ? "L" : "M"}${x(i).toFixed(1)},${y(p.rolling).toFixed(1)} `;
  });
  const weekly = series.filter((_, i) => (series.length - 1 - i) % 7 === 0);
  const lastIndex = series.length - 1;
  const summary =
    current === null
      ? "No ratio yet."
      : `Now ${current.toFixed(2)}: ${zone ? ZONE_WORDS[zone] : "no zone"}. The last 7 days against your average week of the three weeks before; a trend, not a risk score.`;
  return (
    <ChartFigure
      title="Acute:chronic load over time"
      summary={summary}
      table={
        <table>
          <caption>Acute:chronic ratio on running distance, once a week</caption>
          <ColumnHeads names={["Day", "Rolling ratio", "EWMA ratio", "Compared with usual"]} />
          <tbody>
            {weekly.map((p) => (
              <tr key={p.date}>
                <th scope="row">{shortDate(p.date, true)}</th>
                <td>{p.rolling === null ? "not enough history" : p.rolling.toFixed(2)}</td>
                <td>{p.ewma === null ? "–" : p.ewma.toFixed(2)}</td>
                <td>{p.zone ? ZONE_WORDS[p.zone] : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {(ids) => (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`} className="chart-svg">
          <title id={ids.title}>Acute:chronic ratio over time</title>
          <desc id={ids.desc}>{summary}</desc>
          {ZONES.map((z) => (
            <g key={z.key}>
              <rect x={m.l} width={W - m.l - m.r} y={y(z.to)} height={y(z.from) - y(z.to)} className={`zone zone-${z.key}`} />
              <text x={W - m.r + 6} y={(y(z.from) + y(z.to)) / 2 + 4} className="axis">
                {z.label}
              </text>
            </g>
          ))}
          {[0, 0.8, 1.3, 1.5, 2].map((v) => (
            <text key={v} x={m.l - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {v.toFixed(1)}
            </text>
          ))}
          <path d={d} className="acwr-line" />
          {series.length > 0 ? (
            <>
              <text x={m.l} y={H - 8} className="axis">
                {shortDate(series[0]?.date ?? "")}
              </text>
              <text x={x(lastIndex)} y={H - 8} textAnchor="end" className="axis">
                {shortDate(series[lastIndex]?.date ?? "")}
              </text>
            </>
          ) : null}
          {current !== null ? (
            <g>
              <circle cx={x(lastIndex)} cy={y(current)} r={5} className="acwr-dot" />
              <text x={x(lastIndex) - 8} y={y(current) < m.t + 24 ? y(current) + 22 : y(current) - 10} textAnchor="end" className="value">
                now {current.toFixed(2)}
              </text>
            </g>
          ) : null}
        </svg>
      )}
    </ChartFigure>
  );
}

// ---------------------------------------------------------------- shoe mileage

const STATUS_WORDS = { ok: "fine", replace_soon: "replace soon", replace: "replace" } as const;

export function shoeLine(s: Pick<ReportShoe, "name" | "distance_m" | "limit_m" | "status" | "retired">, units: Units): string {
  // Rounded down, as on the Shoes page, so the share never reads past the line its status names.
  const share = shoeWornPercent(s.distance_m, s.limit_m);
  return `${s.name}: ${formatDistance(s.distance_m, units, 0)} of ${formatDistance(s.limit_m, units, 0)} (${share}%), ${s.retired ? "retired" : STATUS_WORDS[s.status]}`;
}

export function ShoeChart({ shoes, units }: { shoes: ReportShoe[]; units: Units }) {
  const row = 46;
  const m = { l: 8, r: 8, t: 8 };
  const H = m.t + row * Math.max(1, shoes.length) + 8;
  const top = Math.max(1, ...shoes.map((s) => Math.max(s.distance_m, s.limit_m)));
  const x = (v: number) => m.l + ((W - m.l - m.r) * v) / top;
  const due = shoes.filter((s) => !s.retired && s.status !== "ok");
  const summary =
    shoes.length === 0
      ? "No pairs yet."
      : due.length === 0
        ? `${shoes.length} ${shoes.length === 1 ? "pair" : "pairs"}, none near its limit.`
        : `${due.map((s) => s.name).join(", ")} ${due.length === 1 ? "is" : "are"} near or past the limit.`;
  return (
    <ChartFigure
      title="Shoe mileage against each pair's limit"
      summary={summary}
      table={
        <table>
          <caption>Shoe mileage</caption>
          <ColumnHeads names={["Pair", "Distance", "Limit", "Status", "Limit reached around"]} />
          <tbody>
            {shoes.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{formatDistance(s.distance_m, units, 0)}</td>
                <td>{formatDistance(s.limit_m, units, 0)}</td>
                <td>{s.retired ? "retired" : STATUS_WORDS[s.status]}</td>
                <td>{s.forecast_date ? shortDate(s.forecast_date, true) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {(ids) => (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`} className="chart-svg">
          <title id={ids.title}>Shoe mileage</title>
          <desc id={ids.desc}>{summary}</desc>
          {shoes.map((s, i) => {
            const top0 = m.t + i * row;
            return (
              <g key={s.id}>
                <text x={m.l} y={top0 + 14} className="value">
                  {shoeLine(s, units)}
                </text>
                <rect x={m.l} y={top0 + 20} width={x(s.limit_m) - m.l} height={16} className="shoe-track" />
                <rect x={m.l} y={top0 + 20} width={Math.max(0, x(s.distance_m) - m.l)} height={16} className={`shoe-bar shoe-${s.retired ? "retired" : s.status}`} />
                <line x1={x(s.limit_m)} x2={x(s.limit_m)} y1={top0 + 16} y2={top0 + 40} className="limit-line" />
              </g>
            );
          })}
        </svg>
      )}
    </ChartFigure>
  );
}

// ---------------------------------------------------------------- check-ins

export function CheckinChart({ trend, elevatedScore = 8 }: { trend: { date: string; score: number; elevated: boolean }[]; elevatedScore?: number }) {
  const H = 200;
  const m = { l: 36, r: 8, t: 16, b: 32 };
  const top = 24;
  const n = Math.max(1, trend.length);
  const slot = (W - m.l - m.r) / Math.max(n, 7);
  const y = (v: number) => m.t + (H - m.t - m.b) * (1 - v / top);
  const elevated = trend.filter((t) => t.elevated).length;
  const summary =
    trend.length === 0
      ? "No check-ins in these days."
      : `${trend.length} check-ins; ${elevated === 0 ? "none showed several warning signs" : `${elevated} showed several warning signs`}. Scores run from 0 to 24, higher is worse.`;
  return (
    <ChartFigure
      title="Check-in scores"
      summary={summary}
      table={
        <table>
          <caption>Check-in scores (0 to 24, higher is worse)</caption>
          <ColumnHeads names={["Day", "Score", "Several signs"]} />
          <tbody>
            {trend.map((t) => (
              <tr key={t.date}>
                <th scope="row">{shortDate(t.date, true)}</th>
                <td>{t.score}</td>
                <td>{t.elevated ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {(ids) => (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${ids.title} ${ids.desc}`} className="chart-svg">
          <title id={ids.title}>Check-in scores</title>
          <desc id={ids.desc}>{summary}</desc>
          {[0, 12, 24].map((v) => (
            <GridLine key={v} y={y(v)} left={m.l} right={W - m.r} label={v} />
          ))}
          <line x1={m.l} x2={W - m.r} y1={y(elevatedScore)} y2={y(elevatedScore)} className="ramp-line" />
          <text x={W - m.r} y={y(elevatedScore) - 4} textAnchor="end" className="axis">
            {elevatedScore}: several signs
          </text>
          {trend.map((t, i) => {
            const x = m.l + i * slot + slot * 0.2;
            const bw = slot * 0.6;
            return (
              <g key={t.date}>
                <rect x={x} y={y(t.score)} width={bw} height={y(0) - y(t.score)} className={t.elevated ? "bar bar-over" : "bar"} fill={t.elevated ? "url(#kw-hatch-checkin)" : undefined} />
                <text x={x + bw / 2} y={y(t.score) - 4} textAnchor="middle" className="value">
                  {t.elevated ? "! " : ""}
                  {t.score}
                </text>
                <text x={x + bw / 2} y={H - 12} textAnchor="middle" className="axis">
                  {shortDate(t.date)}
                </text>
              </g>
            );
          })}
          <defs>
            <pattern id="kw-hatch-checkin" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="bar-over-bg" />
              <line x1="0" y1="0" x2="0" y2="6" className="bar-over-line" strokeWidth="3" />
            </pattern>
          </defs>
        </svg>
      )}
    </ChartFigure>
  );
}
