import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { AssessmentComparison, AssessmentListResponse, AssessmentSummary } from "../../../src/contracts/assessments.js";
import { api, ApiError } from "../api.js";
import { dateTimeText } from "../shell/dates.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { SafetyNote } from "./safety-note.js";
import { LEVEL_TAG } from "./triage-words.js";
import { ColumnHeads } from "../shell/column-heads.js";

const dateText = dateTimeText;

const TRIAGE_CHANGE_WORDS: Record<AssessmentComparison["triage"]["change"], string> = {
  more_urgent: "more urgent than before",
  less_urgent: "less urgent than before",
  same: "the same as before",
};

const MOVEMENT_WORDS: Record<AssessmentComparison["conditions"][number]["movement"], string> = {
  new: "new in the top three",
  gone: "no longer in the top three",
  up: "moved up",
  down: "moved down",
  same: "same place",
};

function Comparison({ from, to }: { from: string; to: string }) {
  const [cmp, setCmp] = useState<AssessmentComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setCmp(null);
    setError(null);
    api<AssessmentComparison>("GET", `/api/assessments/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
      .then((c) => live && setCmp(c))
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err.message : "The comparison could not be loaded."));
    return () => {
      live = false;
    };
  }, [from, to]);
  if (error) return <p className="error">{error}</p>;
  if (!cmp) return <p>Comparing…</p>;
  const rank = (r: number | null) => (r === null ? "–" : String(r));
  return (
    <div aria-live="polite">
      <p>
        Urgency: <strong>{LEVEL_TAG[cmp.triage.to]}</strong>, {TRIAGE_CHANGE_WORDS[cmp.triage.change]}
        {cmp.triage.change === "same" ? "" : ` (was ${LEVEL_TAG[cmp.triage.from]})`}.
      </p>
      {cmp.triage.change === "more_urgent" ? <p className="error">Things have become more urgent: follow the advice of the later result.</p> : null}
      <div className="table-scroll">
        <table className="compare-table">
          <caption>Likely causes, then and now (rank 1 is the most likely)</caption>
          <ColumnHeads names={["Cause", "Earlier", "Later", "Change"]} />
          <tbody>
            {cmp.conditions.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.label}</th>
                <td>{rank(c.fromRank)}</td>
                <td>{rank(c.toRank)}</td>
                <td>{MOVEMENT_WORDS[c.movement]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cmp.redFlags.added.length > 0 ? (
        <>
          <h3>New warning signs</h3>
          <ul>
            {cmp.redFlags.added.map((f) => (
              <li key={f.id}>{f.label}</li>
            ))}
          </ul>
        </>
      ) : null}
      {cmp.redFlags.removed.length > 0 ? (
        <>
          <h3>Warning signs no longer reported</h3>
          <ul>
            {cmp.redFlags.removed.map((f) => (
              <li key={f.id}>{f.label}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function ComparePicker({ items }: { items: AssessmentSummary[] }) {
  // Oldest-to-newest reads naturally as "earlier" and "later"; default to the two most recent.
  const [from, setFrom] = useState(items[1]?.id ?? "");
  const [to, setTo] = useState(items[0]?.id ?? "");
  const option = (a: AssessmentSummary) => (
    <option key={a.id} value={a.id}>
      {dateText(a.createdAt)}: {LEVEL_TAG[a.triage]}
      {a.topCondition ? `, ${a.topCondition.label}` : ""}
    </option>
  );
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare two results</h2>
      <div className="compare-pickers">
        <div className="field">
          <label htmlFor="compare-from">Earlier result</label>
          <select id="compare-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            {items.map(option)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="compare-to">Later result</label>
          <select id="compare-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            {items.map(option)}
          </select>
        </div>
      </div>
      {from === to ? <p>Choose two different results to compare.</p> : <Comparison from={from} to={to} />}
    </section>
  );
}

export function HistoryPage() {
  const { mode, user, loading } = useSession();
  const [items, setItems] = useState<AssessmentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canSave = mode === "local" || user !== null;

  useEffect(() => {
    if (loading || !canSave) return;
    let live = true;
    api<AssessmentListResponse>("GET", "/api/assessments")
      .then((r) => live && setItems(r.assessments))
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err.message : "Your history could not be loaded."));
    return () => {
      live = false;
    };
  }, [loading, canSave]);

  if (!loading && !canSave) {
    return (
      <Page title="Your assessment history" intro={<p>Saved results are private to your account.</p>}>
        <p>
          <Link to="/account">Sign in or create an account</Link> to save results and compare them over time. You can{" "}
          <Link to="/assess">check your knee</Link> without an account.
        </p>
        <SafetyNote />
      </Page>
    );
  }

  return (
    <Page title="Your assessment history" intro={<p>Each saved result, newest first. Compare two to see what has changed.</p>}>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null && !error ? <p>Loading…</p> : null}
      {items !== null && items.length === 0 ? (
        <p>
          No saved results yet. <Link to="/assess">Check your knee</Link>.
        </p>
      ) : null}
      {items !== null && items.length > 0 ? (
        <>
          <ol className="history-list" reversed>
            {items.map((a) => (
              <li key={a.id}>
                <Link to={`/assess/result/${a.id}`}>{dateText(a.createdAt)}</Link>: <strong>{a.headline}</strong>
                {a.topCondition ? <span>. Most likely: {a.topCondition.label}</span> : null}
              </li>
            ))}
          </ol>
          {items.length >= 2 ? <ComparePicker items={items} /> : <p>Save a second result to compare them.</p>}
          <p>
            <Link to="/assess">Start a new assessment</Link>
          </p>
        </>
      ) : null}
      <SafetyNote />
    </Page>
  );
}
