import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import type { ProgrammeResponse, ProgrammeSessionView } from "../../../src/contracts/programmes.js";
import { api, ApiError } from "../api.js";
import { weekdayDateText } from "../shell/dates.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { ExerciseFigure } from "./exercise-figure.js";
import { SessionForm } from "./session-form.js";
import { doseText, todayLocal } from "./dose.js";

function doneText(s: ProgrammeSessionView, titles: Map<string, string>): string {
  return s.exercises
    .map((x) => {
      const name = titles.get(x.slug) ?? x.slug;
      const amount = x.holdSeconds !== null ? `${x.sets} × ${x.holdSeconds} s` : x.reps !== null ? `${x.sets} × ${x.reps}` : `${x.sets} sets`;
      return `${name} ${amount}`;
    })
    .join("; ");
}

/** A staged programme to follow, log and print. */
export function ProgrammePage() {
  const { slug = "" } = useParams();
  const { mode, user, loading } = useSession();
  const [data, setData] = useState<ProgrammeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const today = useMemo(() => todayLocal(), []);
  const canLog = !(mode === "multi" && !user);

  const reload = useCallback(async () => {
    setData(await api<ProgrammeResponse>("GET", `/api/programmes/${encodeURIComponent(slug)}`));
  }, [slug]);

  useEffect(() => {
    if (loading) return;
    reload().catch((e: unknown) => setError(e instanceof ApiError && e.status === 404 ? "There is no programme by that name." : "The programme could not be loaded."));
  }, [loading, reload]);

  const titles = useMemo(() => new Map(data?.programme.stages.flatMap((s) => s.exercises.map((x) => [x.slug, x.title] as const)) ?? []), [data]);

  async function remove(id: string) {
    try {
      await api("DELETE", `/api/programme-sessions/${encodeURIComponent(id)}`);
      setMessage("Session removed from the log.");
      await reload();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : "Removing failed.");
    }
  }

  if (!data) {
    return <Page title="Exercise programme">{error ? <p className="error">{error}</p> : <p>Loading…</p>}</Page>;
  }
  const p = data.programme;
  return (
    <Page title={p.title} intro={<p>{p.summary}</p>}>
      <div className="programme-tools no-print">
        <button type="button" onClick={() => window.print()}>
          Print this programme
        </button>
        <a href={p.url}>Read the full programme with its pain rules</a>
      </div>

      <section aria-labelledby="stages-heading">
        <h2 id="stages-heading">The stages</h2>
        <ol className="stage-list">
          {p.stages.map((s) => {
            const current = s.number === data.currentStage;
            return (
              <li key={s.number} className={current ? "stage current-stage" : "stage"} aria-current={current ? "step" : undefined}>
                <h3>
                  Stage {s.number}: {s.name} <span className="stage-weeks">(weeks {s.weeks})</span>
                  {current ? <span className="stage-badge"> · You are here</span> : null}
                </h3>
                <p>{s.goal}</p>
                <ul className="exercise-list">
                  {s.exercises.map((x) => (
                    <li key={x.slug} className={x.figure ? "exercise-with-figure" : undefined}>
                      {x.figure ? <ExerciseFigure figure={x.figure} /> : null}
                      <span>
                        <a href={x.url}>{x.title}</a>: {doseText(x.dose)}
                      </span>
                    </li>
                  ))}
                </ul>
                <p className="stage-next">
                  <strong>Move on when:</strong> {s.progressWhen}
                </p>
              </li>
            );
          })}
        </ol>
      </section>

      {canLog ? (
        <SessionForm
          programme={p}
          currentStage={data.currentStage}
          today={today}
          onSaved={() => {
            setMessage("Session logged.");
            void reload();
          }}
        />
      ) : (
        <p className="no-print">
          <Link to="/account">Sign in</Link> to keep a log of your sessions.
        </p>
      )}
      <p role="status" className="no-print">
        {message}
      </p>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Sessions done</h2>
        {data.sessions.length === 0 ? (
          <p>No sessions logged yet.</p>
        ) : (
          <div className="session-log-wrap" tabIndex={0} role="region" aria-label="Sessions done, as a table">
          <table className="session-log">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Stage</th>
                <th scope="col">Exercises</th>
                <th scope="col">Pain</th>
                <th scope="col">Notes</th>
                <th scope="col" className="no-print">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{weekdayDateText(s.date)}</th>
                  <td>{s.stage}</td>
                  <td>{doneText(s, titles) || "–"}</td>
                  <td>{s.painDuring ?? "–"}</td>
                  <td>{s.notes || "–"}</td>
                  <td className="no-print">
                    <button type="button" className="secondary" onClick={() => void remove(s.id)} aria-label={`Remove the session of ${weekdayDateText(s.date)}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
      <section aria-labelledby="sources-heading" className="programme-sources">
        <h2 id="sources-heading">Sources</h2>
        <ul>
          {p.sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
        <p>General information, not a diagnosis. See a clinician if pain is severe, keeps getting worse, or the knee swells, locks or gives way.</p>
      </section>
    </Page>
  );
}
