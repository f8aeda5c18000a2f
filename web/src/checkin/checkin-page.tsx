/**
 * The overtraining check-in: eight warning signs, each 0-3, once a day or once a week. It screens
 * for signs that persist; it does not diagnose.
 */
import { useCallback, useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { CHECKIN_ITEMS } from "../../../src/contracts/training.js";
import type { CheckinBody, CheckinItem, CheckinListResponse, CheckinView, ImportedWellnessDay, ReportResponse } from "../../../src/contracts/training.js";
import { api, ApiError } from "../api.js";
import { CheckinChart } from "../load/charts.js";
import { addDays, localToday, shortDate } from "../load/format.js";
import { browserLocale } from "../shell/locale.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { ImportedWellnessChart } from "./wellness-chart.js";

const QUESTIONS: Record<CheckinItem, string> = {
  fatigue: "Tired, even after rest",
  irritability_low_mood: "Irritable or low in mood",
  appetite: "Less appetite than usual",
  enthusiasm: "Less wish to train",
  headaches: "Headaches",
  general_aches: "Aches and soreness that linger",
  performance_drop: "Running worse than usual for the same effort",
  sleep: "Trouble sleeping",
};

const ANSWERS = ["Not at all", "A little", "Clearly", "A lot"] as const;

const CALM: CheckinBody = {
  fatigue: 0,
  irritability_low_mood: 0,
  appetite: 0,
  enthusiasm: 0,
  headaches: 0,
  general_aches: 0,
  performance_drop: 0,
  sleep: 0,
};

export function CheckinPage() {
  const id = useId();
  const { units } = useSession();
  const [date, setDate] = useState(localToday());
  const [answers, setAnswers] = useState<CheckinBody>(CALM);
  const [history, setHistory] = useState<CheckinView[]>([]);
  /** Resting heart rate and HRV an import brought in, over the same four weeks. */
  const [imported, setImported] = useState<ImportedWellnessDay[]>([]);
  const [range, setRange] = useState(() => ({ from: addDays(localToday(), -27), to: localToday() }));
  const [warning, setWarning] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  /** The day whose saved answers are on screen; until they arrive the choices stay locked, so a
   * late answer from the server never overwrites what the runner has just picked. */
  const [loadedDate, setLoadedDate] = useState<string | null>(null);

  const loadHistory = useCallback(async () => {
    const today = localToday();
    const from = addDays(today, -27);
    const [res, report] = await Promise.all([
      api<CheckinListResponse>("GET", `/api/checkins?from=${from}&to=${today}`),
      // Whether the signs persist is decided by the report's rule, in one place.
      api<ReportResponse>("GET", `/api/training/report?${new URLSearchParams({ asOf: today, weeks: "1", locale: browserLocale(), units }).toString()}`),
    ]);
    setHistory(res.checkins);
    // A server from before imported values answers without them (mid-upgrade).
    setImported((res as Partial<CheckinListResponse>).imported ?? []);
    setRange({ from, to: today });
    setWarning(report.report.warnings.find((w) => w.code === "OVERTRAINING_SIGNS")?.message ?? null);
  }, [units]);

  useEffect(() => {
    loadHistory().catch(() => {
      setHistory([]);
      setImported([]);
    });
  }, [loadHistory]);

  // Show the answers already given for the chosen day, so saving again corrects them.
  useEffect(() => {
    let current = true;
    setLoadedDate(null);
    api<CheckinView>("GET", `/api/checkins/${date}`)
      .then(
        (c) => current && setAnswers(c.answers),
        () => current && setAnswers(CALM),
      )
      .finally(() => current && setLoadedDate(date));
    return () => {
      current = false;
    };
  }, [date]);
  const ready = loadedDate === date;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const saved = await api<CheckinView>("PUT", `/api/checkins/${date}`, answers);
      setStatus(
        `Saved for ${shortDate(saved.date, true)}: ${saved.score} out of 24.` +
          (saved.elevated ? " Several signs today: go easy, and check in again in a few days." : ""),
      );
      await loadHistory();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The check-in could not be saved.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page
      title="Check-in"
      intro={
        <p>
          A short check on the signs that training is outrunning recovery. Answer once a day or once a week; what matters is
          whether the signs stay. It screens, it does not diagnose. <Link to="/learn/overtraining">About overtraining</Link>
        </p>
      }
    >
      {warning ? (
        <section className="warning" aria-labelledby={`${id}-warn`}>
          <h2 id={`${id}-warn`}>The signs have lasted more than a week</h2>
          <p>{warning}</p>
          <p>
            <Link to="/learn/overtraining">Read about overtraining</Link>
          </p>
        </section>
      ) : null}
      <form className="checkin-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-date`}>Day</label>
          <input id={`${id}-date`} type="date" value={date} max={localToday()} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </div>
        {CHECKIN_ITEMS.map((item) => (
          <fieldset key={item} className="choices inline checkin-item">
            <legend>{QUESTIONS[item]}</legend>
            {ANSWERS.map((label, value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name={`${id}-${item}`}
                  value={value}
                  checked={answers[item] === value}
                  disabled={!ready}
                  onChange={() => setAnswers({ ...answers, [item]: value })}
                />{" "}
                {label}
              </label>
            ))}
          </fieldset>
        ))}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy || !ready}>
          {busy ? "Saving…" : "Save check-in"}
        </button>
        <p role="status" className="status">
          {status}
        </p>
      </form>
      <section aria-labelledby={`${id}-trend`}>
        <h2 id={`${id}-trend`}>The last four weeks</h2>
        {history.length > 0 ? (
          <CheckinChart trend={history.map((c) => ({ date: c.date, score: c.score, elevated: c.elevated }))} />
        ) : (
          <p>No check-ins yet.</p>
        )}
        {imported.length > 0 ? (
          <ImportedWellnessChart days={imported} scores={history.map((c) => ({ date: c.date, score: c.score }))} from={range.from} to={range.to} />
        ) : null}
      </section>
    </Page>
  );
}
