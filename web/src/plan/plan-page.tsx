import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { ActivePlanResponse, ActivePlanView } from "../../../src/contracts/plans.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { CalendarLink } from "./calendar-link.js";
import { formatDistance, inUnits, longDate, shortDate } from "./distance.js";
import { PlanCalendar } from "./plan-calendar.js";
import { PlanForm } from "./plan-form.js";
import { ReturnStopped } from "./return-stopped.js";
import { ReturnToRunView } from "./return-view.js";
import { TooClose } from "./too-close.js";

/** What the last adaptation changed; nothing at all while the plan is as first written. */
function Changes({ view }: { view: ActivePlanView }) {
  const { units } = useSession();
  if (!view.changes) return null;
  return (
    <section aria-labelledby="changes-title" className="plan-changes">
      <h2 id="changes-title">What changed since last time</h2>
      <p>Adapted on {longDate(view.changes.as_of)} to what you logged:</p>
      <ul>
        {view.changes.items.map((c, i) => (
          <li key={i}>
            {c.week !== null && c.before_m !== null && c.after_m !== null ? (
              <strong>
                Week of {shortDate(c.week)}: {formatDistance(c.before_m, units)} →{" "}
                {formatDistance(c.after_m, units)}.{" "}
              </strong>
            ) : null}
            {c.why}
          </li>
        ))}
      </ul>
    </section>
  );
}

function BuildSummary({
  view,
  onReplanned,
}: {
  view: Extract<ActivePlanView, { kind: "build" }>;
  onReplanned: (v: ActivePlanView) => void;
}) {
  const { units } = useSession();
  const p = view.plan;
  const tooClose = p.warnings.find((w) => w.code === "EVENT_TOO_CLOSE");
  const others = p.warnings.filter((w) => w !== tooClose);
  const goal =
    p.goal.kind === "weekly"
      ? `${formatDistance(p.goal.weeklyM, units)} a week`
      : `${formatDistance(p.goal.distanceM, units)} on ${longDate(p.goal.date)}, building towards ${formatDistance(p.target_weekly_m, units)} a week`;
  const from =
    view.basis.baseline_from === "runs"
      ? `the average of your last ${view.basis.baseline_weeks ?? 4} complete weeks of runs`
      : "the distance you gave";
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">Your build-up plan</h2>
      {tooClose ? <TooClose view={view} warning={tooClose} onReplanned={onReplanned} /> : null}
      <p>
        Goal: {goal}. Starting from {formatDistance(p.baseline_weekly_m, units)} a week ({from}),
        with {p.settings.runDaysPerWeek} runs a week and a lighter week after every{" "}
        {p.settings.buildWeeksPerCycle} building weeks. It keeps to the rules of your training
        report: no week more than {Math.round(p.settings.rampRate * 100)}% above the highest of the
        four before it, and no run more than 10% past your longest run of the 30 days before it.
      </p>
      {others.length > 0 ? (
        <div className="plan-warnings" role="note" aria-label="Warnings about this plan">
          <h3>Please read</h3>
          <ul>
            {others.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="plan-notes">
        {p.notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </section>
  );
}

export function PlanPage() {
  const { units, loading: sessionLoading, user, mode } = useSession();
  const [view, setView] = useState<ActivePlanView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    if (sessionLoading) return;
    if (!user) {
      setLoaded(true);
      return;
    }
    // The plan's texts are written in the units asked for: a switch of units reads them again.
    api<ActivePlanResponse>("GET", inUnits("/api/plans/active", units))
      .then((res) => setView(res.plan))
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : "The plan could not be loaded."),
      )
      .finally(() => setLoaded(true));
  }, [sessionLoading, user, units]);

  async function remove() {
    try {
      await api("DELETE", "/api/plans/active");
      setView(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The plan could not be deleted.");
    } finally {
      setConfirmDelete(false);
    }
  }

  const intro = (
    <p>
      A build-up plan that rises gradually with lighter weeks, within the same rules as your
      training report, or a walk-run return after pain,
      written from your own runs and pain diary, adapted as you go, and in your own calendar.
    </p>
  );

  if (!loaded)
    return (
      <Page title="Plan" intro={intro}>
        <p role="status">Loading your plan…</p>
      </Page>
    );
  if (!user)
    return (
      <Page title="Plan" intro={intro}>
        <p>
          {mode === "multi" ? (
            <>
              <Link to="/account">Sign in</Link> to write a plan.
            </>
          ) : (
            "kneewise is not answering right now."
          )}
        </p>
      </Page>
    );

  return (
    <Page title="Plan" intro={intro}>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="plan-actions">
        <Link to="/report">Your personal report to print or share with your physio</Link>
      </p>
      {!view || writing ? (
        <PlanForm
          onCreated={(v) => {
            setView(v);
            setWriting(false);
          }}
          {...(view ? { onCancel: () => setWriting(false) } : {})}
        />
      ) : (
        <>
          {view.kind === "build" ? (
            <BuildSummary view={view} onReplanned={setView} />
          ) : (
            <h2>Your walk-run return</h2>
          )}
          {view.kind === "return" && view.plan.stopped ? (
            <ReturnStopped stop={view.plan.stopped} onResumed={setView} />
          ) : null}
          <Changes view={view} />
          {view.kind === "build" ? (
            <PlanCalendar weeks={view.plan.weeks} units={units} />
          ) : (
            <ReturnToRunView view={view} />
          )}
          <CalendarLink />
          <section aria-labelledby="manage-title">
            <h2 id="manage-title">Change plan</h2>
            <div className="button-row">
              <button type="button" onClick={() => setWriting(true)}>
                Write a new plan
              </button>
              {!confirmDelete ? (
                <button type="button" className="secondary" onClick={() => setConfirmDelete(true)}>
                  Delete this plan
                </button>
              ) : null}
            </div>
            {confirmDelete ? (
              <div role="alertdialog" aria-labelledby="delete-question" className="confirm">
                <p id="delete-question">
                  Delete this plan? Your runs and pain diary stay; only the plan goes.
                </p>
                <div className="button-row">
                  <button type="button" className="danger" onClick={() => void remove()}>
                    Yes, delete it
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setConfirmDelete(false)}
                  >
                    Keep it
                  </button>
                </div>
              </div>
            ) : null}
          </section>
        </>
      )}
    </Page>
  );
}
