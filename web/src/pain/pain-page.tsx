import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import type { PainEntryBody, PainEntryResponse, PainEntryView, PainListResponse, PainStatusResponse } from "../../../src/contracts/pain.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { EntryForm } from "./entry-form.js";
import { EscalationNotice } from "./escalation-notice.js";
import { dayText, localToday, painStatusPath, shiftDate } from "./format.js";
import { PainChart } from "./pain-chart.js";
import { PatternList } from "./pattern-list.js";
import { TrafficLight } from "./traffic-light.js";

const HISTORY_DAYS = 180;

function scoresText(e: PainEntryView): string {
  const part = (label: string, v: number | null) => (v === null ? null : `${label} ${v}`);
  const flag = (label: string, v: boolean | null) => (v === true ? label : null);
  return [
    part("during", e.during),
    part("after", e.after),
    part("next morning", e.nextMorning),
    flag("pain at night", e.nightPain),
    flag("swollen", e.swelling),
    flag("gave way", e.givingWay),
  ]
    .filter(Boolean)
    .join(", ");
}

function bodyOf(e: PainEntryView): PainEntryBody {
  return {
    during: e.during,
    after: e.after,
    nextMorning: e.nextMorning,
    locations: e.locations,
    triggers: e.triggers,
    notes: e.notes,
    nightPain: e.nightPain,
    swelling: e.swelling,
    givingWay: e.givingWay,
  };
}

export function PainPage() {
  const { mode, user, units, loading } = useSession();
  const today = useMemo(() => localToday(), []);
  const [date, setDate] = useState(today);
  const [entries, setEntries] = useState<PainEntryView[]>([]);
  const [status, setStatus] = useState<PainStatusResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [undo, setUndo] = useState<PainEntryView | null>(null);
  const signedOut = mode === "multi" && !user;

  const reload = useCallback(async () => {
    const [list, st] = await Promise.all([
      api<PainListResponse>("GET", `/api/pain?from=${shiftDate(today, -HISTORY_DAYS)}&to=${shiftDate(today, 1)}`),
      api<PainStatusResponse>("GET", painStatusPath(today, units)),
    ]);
    setEntries(list.entries);
    setStatus(st);
  }, [today, units]);

  useEffect(() => {
    if (loading || signedOut) return;
    reload().catch((e: unknown) => setError(e instanceof ApiError ? e.message : "The diary could not be loaded."));
  }, [loading, signedOut, reload]);

  const existing = entries.find((e) => e.date === date);
  const yesterday = entries.find((e) => e.date === shiftDate(today, -1));
  const morningMissing = yesterday !== undefined && yesterday.nextMorning === null && (yesterday.during !== null || yesterday.after !== null);

  async function save(body: PainEntryBody, day = date) {
    setBusy(true);
    setError(null);
    setUndo(null);
    try {
      await api<PainEntryResponse>("PUT", `/api/pain/${day}`, body);
      setMessage(`Saved for ${dayText(day)}.`);
      await reload();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.fields.map((f) => f.message)].join(" ") : "Saving failed.");
    } finally {
      setBusy(false);
    }
  }

  async function remove(day: string) {
    setError(null);
    try {
      const res = await api<PainEntryResponse>("DELETE", `/api/pain/${day}`);
      setUndo(res.entry);
      setMessage(`Deleted the entry for ${dayText(day)}.`);
      await reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Deleting failed.");
    }
  }

  async function restore() {
    if (!undo) return;
    const e = undo;
    await save(bodyOf(e), e.date);
    setMessage(`Put back the entry for ${dayText(e.date)}.`);
  }

  function edit(day: string) {
    setDate(day);
    setMessage(null);
    requestAnimationFrame(() => document.getElementById("entry-heading")?.focus());
  }

  if (signedOut) {
    return (
      <Page title="Pain diary">
        <p>
          <Link to="/account">Sign in</Link> to keep a pain diary. It is private to your account.
        </p>
      </Page>
    );
  }

  return (
    <Page
      title="Pain diary"
      intro={<p>Score the knee from 0 to 10 during a run, after it and the next morning. The light tells you whether to build up, hold or ease off.</p>}
    >
      {status?.status.escalation ? <EscalationNotice escalation={status.status.escalation} /> : null}
      <div className="pain-layout">
        <div>
          {morningMissing && yesterday ? (
            <section className="morning-check" aria-labelledby="morning-heading">
              <h2 id="morning-heading">This morning</h2>
              <p>How does the knee feel on waking after yesterday&apos;s run ({scoresText(yesterday)})?</p>
              <button type="button" className="secondary" onClick={() => edit(yesterday.date)}>
                Add this morning&apos;s score
              </button>
            </section>
          ) : null}
          <EntryForm date={date} today={today} existing={existing} busy={busy} error={error} onDateChange={setDate} onSave={(b) => void save(b)} />
          <div className="pain-message" role="status">
            {message}
            {undo ? (
              <>
                {" "}
                <button type="button" className="link-button" onClick={() => void restore()}>
                  Undo
                </button>
              </>
            ) : null}
          </div>
        </div>
        <div>{status ? <TrafficLight status={status.status} /> : <p>Loading the light…</p>}</div>
      </div>

      {status && status.patterns.enough ? (
        <section aria-labelledby="chart-heading">
          <h2 id="chart-heading">Pain and weekly distance</h2>
          {status.patterns.activitiesUsed ? (
            <PainChart weeks={status.patterns.weekly} units={units} />
          ) : (
            <p>
              <Link to="/training">Import or log your runs</Link> to see pain beside your weekly distance.
            </p>
          )}
        </section>
      ) : null}

      {status ? (
        <section aria-labelledby="patterns-heading">
          <h2 id="patterns-heading">Your patterns</h2>
          <PatternList report={status.patterns} units={units} shoeNames={status.shoeNames} />
        </section>
      ) : null}

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">Recent entries</h2>
        {entries.length === 0 ? (
          <p>No entries yet.</p>
        ) : (
          <ul className="entry-list">
            {[...entries]
              .reverse()
              .slice(0, 30)
              .map((e) => (
                <li key={e.date}>
                  <span className="entry-day">{dayText(e.date)}</span> <span>{scoresText(e)}</span>
                  <span className="entry-actions">
                    <button type="button" className="secondary" onClick={() => edit(e.date)} aria-label={`Edit ${dayText(e.date)}`}>
                      Edit
                    </button>
                    <button type="button" className="secondary" onClick={() => void remove(e.date)} aria-label={`Delete ${dayText(e.date)}`}>
                      Delete
                    </button>
                  </span>
                </li>
              ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
