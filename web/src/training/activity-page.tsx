import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import type { ActivityDetail } from "../../../src/contracts/activities.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { activitySeries, LineChart } from "./activity-charts.js";
import { formatDistance, formatDuration, formatPace, formatStart, SPORT_WORDS } from "./format.js";
import { ColumnHeads } from "../shell/column-heads.js";

export function ActivityPage() {
  const { id = "" } = useParams();
  const { units } = useSession();
  const [a, setA] = useState<ActivityDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<ActivityDetail>("GET", `/api/activities/${encodeURIComponent(id)}`).then(
      (d) => live && setA(d),
      (err: unknown) => live && setError(err instanceof ApiError && err.status === 404 ? "There is no such activity." : "The activity could not be loaded."),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (error !== null) {
    return (
      <Page title="Activity">
        <p className="error" role="alert">
          {error}
        </p>
        <p>
          <Link to="/training/activities">Back to all activities</Link>
        </p>
      </Page>
    );
  }
  if (a === null) return <Page title="Activity"><p>Loading…</p></Page>;

  const title = a.name ?? `${SPORT_WORDS[a.sport]} on ${new Date(a.startUtc).toLocaleDateString()}`;
  const facts: [string, string | null][] = [
    ["Sport", SPORT_WORDS[a.sport] + (a.indoor ? " (indoors)" : "")],
    ["Started", formatStart(a.startUtc, a.utcOffsetMin)],
    ["Distance", a.distanceM > 0 ? formatDistance(a.distanceM, units) : null],
    ["Moving time", formatDuration(a.movingS)],
    ["Elapsed time", formatDuration(a.elapsedS)],
    ["Average pace", formatPace(a.movingS, a.distanceM, units)],
    ["Climb / descent", a.elevationGainM === null ? null : `${a.elevationGainM} m up, ${a.elevationLossM ?? "?"} m down`],
    ["Heart rate", a.avgHr === null ? null : `${a.avgHr} bpm average, ${a.maxHr ?? "?"} max`],
    ["Cadence", a.avgCadence === null ? null : `${a.avgCadence} steps/min`],
    ["Perceived effort", a.perceivedExertion === null ? null : `${a.perceivedExertion} of 10`],
    ["Shoes", a.gear],
    ["Device", a.device],
  ];
  const series = activitySeries(a, units);
  return (
    <Page title={title}>
      <p>
        <Link to="/training/activities">All activities</Link>
      </p>
      <dl className="activity-facts">
        {facts
          .filter((f): f is [string, string] => f[1] !== null)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {series.length === 0 ? <p>This activity has no samples to chart (it came from a summary without a recording).</p> : null}
      {series.map((s) => (
        <LineChart key={s.title} series={s} />
      ))}
      {a.laps.length > 1 ? (
        <section>
          <h2>Laps</h2>
          <div className="table-scroll">
            <table>
              <ColumnHeads names={["Lap", "Distance", "Time", "Pace"]} />
              <tbody>
                {a.laps.map((l, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td>{formatDistance(l.distanceM, units)}</td>
                    <td>{formatDuration(l.durationS)}</td>
                    <td>{formatPace(l.durationS, l.distanceM, units) ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
