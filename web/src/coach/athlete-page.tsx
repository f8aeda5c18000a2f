import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { AssessmentListResponse } from "../../../src/contracts/assessments.js";
import type { PainStatusResponse } from "../../../src/contracts/pain.js";
import { NOTE_MAX, SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import type { AthleteResponse, AthleteView, NoteResponse, NotesResponse, NoteView } from "../../../src/contracts/sharing.js";
import type { ReportResponse } from "../../../src/contracts/training.js";
import { api, ApiError } from "../api.js";
import { AcwrChart, ShoeChart, VolumeChart } from "../load/charts.js";
import { WarningsList } from "../load/warnings-list.js";
import { TrafficLight } from "../pain/traffic-light.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { shortDate } from "../sharing/sharing-page.js";

const WEEKS = 12;

interface AthleteData {
  athlete: AthleteView;
  report: ReportResponse;
  pain: PainStatusResponse;
  assessments: AssessmentListResponse["assessments"];
}

/** One athlete's dashboard as their coach sees it: read-only, plus notes with "notes" access. */
export function AthletePage() {
  const { athleteId = "" } = useParams();
  const { units } = useSession();
  const navigate = useNavigate();
  const [data, setData] = useState<AthleteData | null>(null);
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");
  const [leaving, setLeaving] = useState(false);

  const base = `/api/athletes/${encodeURIComponent(athleteId)}`;
  const load = useCallback(async () => {
    try {
      const { athlete } = await api<AthleteResponse>("GET", base);
      const [report, pain, history] = await Promise.all([
        api<ReportResponse>("GET", `${base}/report?weeks=${WEEKS}`),
        api<PainStatusResponse>("GET", `${base}/pain/status`),
        api<AssessmentListResponse>("GET", `${base}/assessments`),
      ]);
      setData({ athlete, report, pain, assessments: history.assessments });
      if (athlete.access === "notes") setNotes((await api<NotesResponse>("GET", `${base}/notes`)).notes);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "This athlete could not be loaded."));
    }
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error?.status === 404)
    return (
      <Page title="Athlete not found">
        <p>No runner with this address shares their data with you (any more). </p>
        <p>
          <Link to="/coach">Back to your athletes</Link>
        </p>
      </Page>
    );
  if (!data)
    return (
      <Page title="Athlete">
        {error ? (
          <p className="error" role="alert">
            {error.message}
          </p>
        ) : (
          <p role="status">Loading…</p>
        )}
      </Page>
    );

  const { athlete, report, pain, assessments } = data;
  const r = report.report;

  async function addNote(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const body = new FormData(form).get("body");
    try {
      const res = await api<NoteResponse>("POST", `${base}/notes`, { body: typeof body === "string" ? body : "" });
      form.reset();
      setNotes((n) => [res.note, ...n]);
      setStatus("Note saved. The runner can read it.");
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "The note could not be saved."));
    }
  }

  async function deleteNote(id: string) {
    try {
      await api("DELETE", `${base}/notes/${id}`);
      setNotes((n) => n.filter((x) => x.id !== id));
      setStatus("Note deleted.");
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "The note could not be deleted."));
    }
  }

  async function leave() {
    try {
      await api("DELETE", `${base}/share`);
      await navigate("/coach");
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "That did not work."));
    }
  }

  return (
    <Page
      title={athlete.displayName}
      intro={
        <p>
          Shared with you since {shortDate(athlete.since)} · {SHARE_ACCESS_LABELS[athlete.access].toLowerCase()} · figures as of{" "}
          {r.as_of}, the runner&apos;s today. <Link to="/coach">All athletes</Link>
        </p>
      }
    >
      <p role="status" className="status">
        {status}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      <section aria-labelledby="athlete-now">
        <h2 id="athlete-now">What needs attention now</h2>
        <WarningsList warnings={r.warnings} />
      </section>
      <TrafficLight status={pain.status} />
      <section aria-labelledby="athlete-volume">
        <h2 id="athlete-volume">Weekly volume</h2>
        {r.weeks.length > 0 ? <VolumeChart weeks={r.weeks} thresholdPct={report.rampThresholdPct} units={units} /> : <p>No runs recorded yet.</p>}
      </section>
      <section aria-labelledby="athlete-acwr">
        <h2 id="athlete-acwr">Acute:chronic load</h2>
        {r.acwr.withheld !== null ? (
          <p>
            Not shown yet: {r.acwr.withheld} ({r.acwr.covered_days} of the last 28 days covered, 21 needed).
          </p>
        ) : (
          <AcwrChart series={r.acwr.series} current={r.acwr.rolling} zone={r.acwr.zone} />
        )}
      </section>
      <section aria-labelledby="athlete-shoes">
        <h2 id="athlete-shoes">Shoes</h2>
        {r.shoes.length > 0 ? <ShoeChart shoes={r.shoes} units={units} /> : <p>No pairs recorded.</p>}
      </section>
      <section aria-labelledby="athlete-checks">
        <h2 id="athlete-checks">Knee checks</h2>
        {assessments.length === 0 ? <p>No saved knee checks.</p> : null}
        <ul className="plan-list">
          {assessments.map((a) => (
            <li key={a.id}>
              <span className="session-date">{a.createdAt.slice(0, 10)}</span>
              <span>
                <strong>{a.headline}</strong>
                {a.topCondition ? ` Most likely: ${a.topCondition.label}.` : ""}
                {a.redFlags.length > 0 ? ` Red flags: ${a.redFlags.map((f) => f.label).join(", ")}.` : ""}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {athlete.access === "notes" ? (
        <section aria-labelledby="athlete-notes">
          <h2 id="athlete-notes">Your notes</h2>
          <form onSubmit={(e) => void addNote(e)} className="stack" noValidate>
            <div className="field">
              <label htmlFor="note-body">New note (the runner can read it)</label>
              <textarea id="note-body" name="body" rows={3} maxLength={NOTE_MAX} required />
            </div>
            <div className="button-row">
              <button type="submit">Save note</button>
            </div>
          </form>
          <ul className="note-list">
            {notes.map((n) => (
              <li key={n.id}>
                <p className="note-meta">{shortDate(n.createdAt)}</p>
                <p className="note-body">{n.body}</p>
                <button type="button" className="secondary" onClick={() => void deleteNote(n.id)} aria-label={`Delete the note of ${shortDate(n.createdAt)}`}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="hint">This runner shares read-only; notes need their “read and keep notes” access.</p>
      )}
      <section aria-labelledby="athlete-leave">
        <h2 id="athlete-leave">Stop seeing this athlete</h2>
        {leaving ? (
          <div className="confirm" role="group" aria-label="Confirm: stop seeing this athlete">
            <p>You will no longer see {athlete.displayName}&apos;s data. Only they can share it with you again.</p>
            <div className="button-row">
              <button type="button" className="danger" onClick={() => void leave()}>
                Yes, stop
              </button>
              <button type="button" className="secondary" onClick={() => setLeaving(false)}>
                Keep
              </button>
            </div>
          </div>
        ) : (
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => setLeaving(true)}>
              Stop seeing {athlete.displayName}
            </button>
          </div>
        )}
      </section>
    </Page>
  );
}
