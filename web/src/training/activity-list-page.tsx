import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { ActivityListResponse, SportName } from "../../../src/contracts/activities.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { activityTitle, formatDistance, formatDuration, formatStart, paceOrSpeed, SPORT_WORDS } from "./format.js";
import { ColumnHeads } from "../shell/column-heads.js";

const PAGE = 50;
const SORTS = { "date-desc": "Newest first", "date-asc": "Oldest first", "distance-desc": "Longest distance", "duration-desc": "Longest time" } as const;
type SortKey = keyof typeof SORTS;

/** Local midnight of a YYYY-MM-DD as an instant: "which day" is the runner's day. */
function localMidnight(date: string, addDays = 0): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(y!, m! - 1, d! + addDays).toISOString();
}

export function ActivityListPage() {
  const { units } = useSession();
  const [params, setParams] = useSearchParams();
  const sport = (params.get("sport") ?? "") as SportName | "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const sort = (params.get("sort") ?? "date-desc") as SortKey;
  const page = Math.max(0, Number(params.get("page") ?? 0) || 0);
  const [data, setData] = useState<ActivityListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const [key, dir] = (sort in SORTS ? sort : "date-desc").split("-") as [string, string];
    const q = new URLSearchParams({ sort: key, dir, limit: String(PAGE), offset: String(page * PAGE) });
    if (sport) q.set("sport", sport);
    if (from) q.set("from", localMidnight(from));
    if (to) q.set("to", localMidnight(to, 1));
    let live = true;
    api<ActivityListResponse>("GET", `/api/activities?${q.toString()}`).then(
      (d) => {
        if (live) {
          setData(d);
          setError(null);
        }
      },
      (err: unknown) => live && setError(err instanceof ApiError ? err.message : "The list could not be loaded."),
    );
    return () => {
      live = false;
    };
  }, [sport, from, to, sort, page]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== "page") next.delete("page");
    setParams(next, { replace: true });
  };

  const pages = data ? Math.ceil(data.total / PAGE) : 0;
  return (
    <Page title="Activities" intro={<p>Everything you have imported or logged. <Link to="/training/import">Import more</Link>.</p>}>
      <form className="activity-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter and sort">
        <label className="field">
          <span>Sport</span>
          <select value={sport} onChange={(e) => set("sport", e.target.value)}>
            <option value="">All sports</option>
            {Object.entries(SPORT_WORDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From</span>
          <input type="date" value={from} onChange={(e) => set("from", e.target.value)} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" value={to} onChange={(e) => set("to", e.target.value)} />
        </label>
        <label className="field">
          <span>Order</span>
          <select value={sort} onChange={(e) => set("sort", e.target.value)}>
            {Object.entries(SORTS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data === null ? (
        <p>Loading…</p>
      ) : data.total === 0 ? (
        <p>
          No activities match. <Link to="/training/import">Import your history</Link> to fill this list.
        </p>
      ) : (
        <>
          <p aria-live="polite">
            {data.total} {data.total === 1 ? "activity" : "activities"}
          </p>
          {/* A phone shows each activity as a card; a wider screen, the table. */}
          <ul className="activity-cards" aria-label="Activities">
            {data.activities.map((a) => (
              <li key={a.id} className="activity-card">
                <Link to={`/training/activities/${a.id}`} className="activity-card-title">
                  {activityTitle(a)}
                </Link>
                <span className="activity-card-when">
                  {formatStart(a.startUtc, a.utcOffsetMin)} · {SPORT_WORDS[a.sport]}
                  {a.excludeFromLoad ? " · left out of the load" : ""}
                </span>
                <dl className="activity-card-figures">
                  <div>
                    <dt>Distance</dt>
                    <dd>{a.distanceM > 0 ? formatDistance(a.distanceM, units) : "–"}</dd>
                  </div>
                  <div>
                    <dt>Time</dt>
                    <dd>{formatDuration(a.movingS)}</dd>
                  </div>
                  <div>
                    <dt>{a.sport === "ride" ? "Speed" : "Pace"}</dt>
                    <dd>{paceOrSpeed(a.sport, a.movingS, a.distanceM, units) ?? "–"}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <div className="table-scroll activity-table-wrap">
            <table className="activity-table">
              <caption className="visually-hidden">Activities, {SORTS[sort in SORTS ? sort : "date-desc"].toLowerCase()}</caption>
              <ColumnHeads names={["Date", "Activity", "Sport", "Distance", "Time", "Pace or speed"]} />
              <tbody>
                {data.activities.map((a) => (
                  <tr key={a.id}>
                    <td>{formatStart(a.startUtc, a.utcOffsetMin)}</td>
                    <td>
                      <Link to={`/training/activities/${a.id}`}>{activityTitle(a)}</Link>
                      {a.excludeFromLoad ? <span className="tag">left out of the load</span> : null}
                    </td>
                    <td>{SPORT_WORDS[a.sport]}</td>
                    <td>{a.distanceM > 0 ? formatDistance(a.distanceM, units) : "–"}</td>
                    <td>{formatDuration(a.movingS)}</td>
                    <td>{paceOrSpeed(a.sport, a.movingS, a.distanceM, units) ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav className="pager" aria-label="Pages">
              <button type="button" disabled={page === 0} onClick={() => set("page", String(page - 1))}>
                Previous
              </button>
              <span>
                Page {page + 1} of {pages}
              </span>
              <button type="button" disabled={page + 1 >= pages} onClick={() => set("page", String(page + 1))}>
                Next
              </button>
            </nav>
          ) : null}
        </>
      )}
    </Page>
  );
}
