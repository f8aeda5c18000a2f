import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { ActivityDetail, ActivitySummary } from "../../../src/contracts/activities.js";
import { formatPaceValue } from "../../../src/contracts/format.js";
import type { ShoeListResponse, ShoeView } from "../../../src/contracts/training.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { pairName } from "../shoes/pair.js";
import { activitySeries, averagePaceS, LineChart } from "./activity-charts.js";
import { ActivitySplits } from "./activity-splits.js";
import { HrZonesSection } from "./hr-zones-chart.js";
import { RouteMap } from "./route-map.js";
import { ActivityEdit, MergeActivity } from "./activity-edit.js";
import { activityTitle, formatClimb, formatDistance, formatDuration, formatPace, formatSpeed, formatStart, SPORT_WORDS } from "./format.js";
import { ColumnHeads } from "../shell/column-heads.js";

/** How long the page offers the undo of a delete (the server keeps it a little longer). */
const UNDO_OFFER_MS = 30_000;

export function ActivityPage() {
  const { id = "" } = useParams();
  const { units } = useSession();
  const navigate = useNavigate();
  const [a, setA] = useState<ActivityDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  /** The runner's pairs: the name of this activity's pair, and the choices of the correction form. */
  const [shoes, setShoes] = useState<ShoeView[]>([]);
  /** Deleted, with the undo still on offer. */
  const [deleted, setDeleted] = useState<{ title: string; message: string } | null>(null);
  const undoTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api<ActivityDetail>("GET", `/api/activities/${encodeURIComponent(id)}`).then(
      (d) => live && setA(d),
      (err: unknown) => live && setError(err instanceof ApiError && err.status === 404 ? "There is no such activity." : "The activity could not be loaded."),
    );
    return () => {
      live = false;
    };
  }, [id, version]);

  useEffect(() => {
    let live = true;
    api<ShoeListResponse>("GET", "/api/shoes").then(
      (l) => live && setShoes(l.shoes),
      () => live && setShoes([]),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => () => window.clearTimeout(undoTimer.current), []);

  const remove = async (title: string) => {
    try {
      await api("DELETE", `/api/activities/${encodeURIComponent(id)}`);
      setDeleted({ title, message: "" });
      // The undo stays on offer for 30 seconds; then the page goes back to the list.
      undoTimer.current = window.setTimeout(() => void navigate("/training/activities"), UNDO_OFFER_MS);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The activity could not be deleted.");
    }
  };
  const undo = async () => {
    window.clearTimeout(undoTimer.current);
    try {
      await api<ActivitySummary>("POST", `/api/activities/${encodeURIComponent(id)}/restore`);
      setDeleted(null);
      setVersion((v) => v + 1);
    } catch (err) {
      setDeleted((d) => d && { ...d, message: err instanceof ApiError ? err.message : "It could not be put back." });
    }
  };

  if (deleted !== null) {
    return (
      <Page title="Activity deleted">
        <div role="status" className="notice">
          <p>
            {deleted.title} is deleted.{" "}
            <button type="button" className="secondary" onClick={() => void undo()}>
              Undo
            </button>
          </p>
        </div>
        {deleted.message ? <p className="error">{deleted.message}</p> : null}
        <p>
          <Link to="/training/activities">Back to all activities</Link>
        </p>
      </Page>
    );
  }

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

  const title = activityTitle(a);
  const pair = shoes.find((s) => s.id === a.shoeId);
  const averagePace = averagePaceS(a, units);
  const facts: [string, string | null][] = [
    ["Sport", SPORT_WORDS[a.sport] + (a.indoor ? " (indoors)" : "")],
    ["Started", formatStart(a.startUtc, a.utcOffsetMin)],
    ["Distance", a.distanceM > 0 ? formatDistance(a.distanceM, units) : null],
    ["Moving time", formatDuration(a.movingS)],
    ["Elapsed time", formatDuration(a.elapsedS)],
    // The one average of the page, on moving time: the pace chart states and draws the same.
    a.sport === "ride"
      ? ["Average speed (moving time)", formatSpeed(a.movingS, a.distanceM, units)]
      : ["Average pace (moving time)", averagePace === null ? null : formatPaceValue(averagePace, units)],
    [
      "Climb / descent",
      a.elevationGainM === null ? null : `${formatClimb(a.elevationGainM, units)} up, ${a.elevationLossM === null ? "?" : formatClimb(a.elevationLossM, units)} down`,
    ],
    ["Heart rate", a.avgHr === null ? null : `${a.avgHr} bpm average, ${a.maxHr ?? "?"} max`],
    ["Cadence", a.avgCadence === null ? null : `${a.avgCadence} steps/min`],
    ["Perceived effort", a.perceivedExertion === null ? null : `${a.perceivedExertion} of 10`],
    ["Shoes", pair ? pairName(pair) : a.gear],
    ["Surface", a.surface === null ? null : a.surface.replace("_", " ")],
    ["Training load", a.excludeFromLoad ? "Left out" : null],
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
      <RouteMap activity={a} units={units} />
      {series.length === 0 ? <p>This activity has no samples to chart (it came from a summary without a recording).</p> : null}
      {series.map((s) => (
        <LineChart key={s.title} series={s} />
      ))}
      <HrZonesSection activity={a} />
      <ActivitySplits activity={a} units={units} />
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
      <ActivityEdit key={`${a.id}:${version}`} activity={a} shoes={shoes} onSaved={() => setVersion((v) => v + 1)} />
      <MergeActivity key={`merge-${a.id}:${version}`} activity={a} onMerged={() => setVersion((v) => v + 1)} />
      <section aria-labelledby="activity-delete">
        <h2 id="activity-delete">Delete</h2>
        <p>Its file stays known, so importing it again does not bring it back. You can undo for a little while.</p>
        <button type="button" className="danger" onClick={() => void remove(title)}>
          Delete this activity
        </button>
      </section>
    </Page>
  );
}
