import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import type { DoneExercise, ProgrammeSessionBody, ProgrammeView } from "../../../src/contracts/programmes.js";
import { api, ApiError } from "../api.js";

interface Row {
  slug: string;
  title: string;
  done: boolean;
  sets: string;
  amount: string;
  /** Holds are logged in seconds, everything else in repetitions. */
  hold: boolean;
}

function rowsFor(programme: ProgrammeView, stage: number): Row[] {
  const s = programme.stages.find((x) => x.number === stage) ?? programme.stages[0];
  return (s?.exercises ?? []).map((x) => ({
    slug: x.slug,
    title: x.title,
    done: false,
    sets: String(x.dose.sets),
    amount: String(x.dose.holdSeconds ?? x.dose.reps ?? ""),
    hold: x.dose.holdSeconds !== null,
  }));
}

const whole = (s: string): number | null => (/^\d+$/.test(s.trim()) ? Number(s) : null);

/** "Log today's session": tick what you did, adjust sets and reps, note the pain. */
export function SessionForm({ programme, currentStage, today, onSaved }: { programme: ProgrammeView; currentStage: number; today: string; onSaved: () => void }) {
  const [stage, setStage] = useState(currentStage);
  const [date, setDate] = useState(today);
  const [rows, setRows] = useState<Row[]>(() => rowsFor(programme, currentStage));
  const [pain, setPain] = useState("");
  const [notes, setNotes] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setStage(currentStage), [currentStage]);
  useEffect(() => setRows(rowsFor(programme, stage)), [programme, stage]);

  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const exercises: DoneExercise[] = rows
      .filter((r) => r.done)
      .map((r) => ({ slug: r.slug, sets: whole(r.sets) ?? 0, reps: r.hold ? null : whole(r.amount), holdSeconds: r.hold ? whole(r.amount) : null }));
    const body: ProgrammeSessionBody = { programmeSlug: programme.slug, stage, date, exercises, painDuring: pain === "" ? null : Number(pain), notes };
    setBusy(true);
    try {
      await api("POST", "/api/programme-sessions", body);
      setNotes("");
      setPain("");
      setRows(rowsFor(programme, stage));
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? [err.message, ...err.fields.map((f) => `${f.path}: ${f.message}`)].join(" ") : "Saving failed.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="session-form no-print" onSubmit={(e) => void submit(e)} aria-labelledby="log-form-heading">
      <h2 id="log-form-heading">Log today&apos;s session</h2>
      <div className="session-form-top">
        <div className="field">
          <label htmlFor="session-stage">Stage</label>
          <select id="session-stage" value={stage} onChange={(e) => setStage(Number(e.target.value))}>
            {programme.stages.map((s) => (
              <option key={s.number} value={s.number}>
                {s.number}: {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="session-date">Date</label>
          <input id="session-date" type="date" value={date} max={today} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </div>
      </div>
      <fieldset className="session-exercises">
        <legend>What you did</legend>
        {rows.map((r, i) => (
          <div key={r.slug} className="session-row">
            <label className="session-done">
              <input type="checkbox" checked={r.done} onChange={(e) => update(i, { done: e.target.checked })} />
              {r.title}
            </label>
            <label>
              Sets{" "}
              <input type="text" inputMode="numeric" size={3} value={r.sets} disabled={!r.done} onChange={(e) => update(i, { sets: e.target.value })} aria-label={`Sets of ${r.title}`} />
            </label>
            <label>
              {r.hold ? "Seconds" : "Reps"}{" "}
              <input
                type="text"
                inputMode="numeric"
                size={3}
                value={r.amount}
                disabled={!r.done}
                onChange={(e) => update(i, { amount: e.target.value })}
                aria-label={`${r.hold ? "Seconds" : "Reps"} of ${r.title}`}
              />
            </label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="session-pain">Pain during the session (0-10)</label>
        <select id="session-pain" value={pain} onChange={(e) => setPain(e.target.value)}>
          <option value="">Not noted</option>
          {Array.from({ length: 11 }, (_, i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="session-notes">Notes</label>
        <textarea id="session-notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Log session"}
      </button>
    </form>
  );
}
