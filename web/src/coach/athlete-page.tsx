import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { ActivityListResponse } from "../../../src/contracts/activities.js";
import type { AssessmentListResponse } from "../../../src/contracts/assessments.js";
import type { AthletePainStatusResponse, PainEntryView, PainListResponse } from "../../../src/contracts/pain.js";
import type { ProgrammeSessionListResponse, ProgrammeSessionView } from "../../../src/contracts/programmes.js";
import { NOTE_MAX, SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import type { AthleteResponse, AthleteView, NoteResponse, NotesResponse, NoteView, ShareScope } from "../../../src/contracts/sharing.js";
import type { CheckinListResponse, CheckinView, ReportResponse } from "../../../src/contracts/training.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { browserLocale } from "../shell/locale.js";
import { useSession } from "../shell/session.js";
import type { Units } from "../shell/session.js";
import { ScopeList } from "../sharing/scope-choice.js";
import { dateText } from "../shell/dates.js";
import { ActivitiesPart, CheckinsPart, ChecksPart, DiaryPart, PainPart, SessionsPart, TrainingPart } from "./athlete-sections.js";
import type { Shared } from "./athlete-sections.js";

const WEEKS = 12;
const ACTIVITIES_SHOWN = 20;

interface AthleteData {
  athlete: AthleteView;
  report: Shared<ReportResponse>;
  activities: Shared<ActivityListResponse>;
  pain: Shared<AthletePainStatusResponse>;
  diary: Shared<PainEntryView[]>;
  checkins: Shared<CheckinView[]>;
  sessions: Shared<ProgrammeSessionView[]>;
  assessments: Shared<AssessmentListResponse["assessments"]>;
}

/**
 * Reads one kind only when the athlete shares it; null otherwise. A share narrowed between the
 * two requests answers SCOPE_NOT_SHARED, which is the same "not shared".
 */
async function ifShared<T, R>(athlete: AthleteView, scope: ShareScope, url: string, pick: (res: T) => R): Promise<Shared<R>> {
  if (!athlete.scopes.includes(scope)) return null;
  try {
    return pick(await api<T>("GET", url));
  } catch (err) {
    if (err instanceof ApiError && err.code === "SCOPE_NOT_SHARED") return null;
    throw err;
  }
}

async function loadAthlete(base: string, units: Units): Promise<AthleteData> {
  const { athlete } = await api<AthleteResponse>("GET", base);
  const [report, activities, pain, diary, checkins, sessions, assessments] = await Promise.all([
    ifShared(athlete, "training", `${base}/report?${new URLSearchParams({ weeks: String(WEEKS), units, locale: browserLocale() }).toString()}`, (r: ReportResponse) => r),
    ifShared(athlete, "activities", `${base}/activities?limit=${ACTIVITIES_SHOWN}`, (r: ActivityListResponse) => r),
    ifShared(athlete, "pain", `${base}/pain/status?${new URLSearchParams({ units, locale: browserLocale() }).toString()}`, (r: AthletePainStatusResponse) => r),
    ifShared(athlete, "diary", `${base}/pain`, (r: PainListResponse) => r.entries),
    ifShared(athlete, "checkins", `${base}/checkins`, (r: CheckinListResponse) => r.checkins),
    ifShared(athlete, "programmes", `${base}/programme-sessions`, (r: ProgrammeSessionListResponse) => r.sessions),
    ifShared(athlete, "assessments", `${base}/assessments`, (r: AssessmentListResponse) => r.assessments),
  ]);
  return { athlete, report, activities, pain, diary, checkins, sessions, assessments };
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
      const loaded = await loadAthlete(base, units);
      const { athlete } = loaded;
      setData(loaded);
      if (athlete.access === "notes") setNotes((await api<NotesResponse>("GET", `${base}/notes`)).notes);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "This athlete could not be loaded."));
    }
  }, [base, units]);

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

  const { athlete } = data;

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
          Shared with you since {dateText(athlete.since)} · {SHARE_ACCESS_LABELS[athlete.access].toLowerCase()}
          {data.report ? ` · figures as of ${dateText(data.report.report.as_of)}, the runner's today` : ""}. <Link to="/coach">All athletes</Link>
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
      <section aria-labelledby="athlete-shared">
        <h2 id="athlete-shared">What {athlete.displayName} shares with you</h2>
        <ScopeList scopes={athlete.scopes} label={`What ${athlete.displayName} shares`} />
        <p className="hint">Everything else is not shared. Only the runner can change this.</p>
      </section>
      <TrainingPart report={data.report} units={units} />
      <PainPart pain={data.pain} />
      <DiaryPart entries={data.diary} />
      <ActivitiesPart list={data.activities} units={units} />
      <CheckinsPart checkins={data.checkins} />
      <SessionsPart sessions={data.sessions} />
      <ChecksPart assessments={data.assessments} />
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
                <p className="note-meta">{dateText(n.createdAt)}</p>
                <p className="note-body">{n.body}</p>
                <button type="button" className="secondary" onClick={() => void deleteNote(n.id)} aria-label={`Delete the note of ${dateText(n.createdAt)}`}>
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
