import { useState } from "react";
import type {
  ActivePlanResponse,
  ActivePlanView,
  CreatePlanBody,
  PlanWarningView,
} from "../../../src/contracts/plans.js";
import { api, ApiError } from "../api.js";
import { useSession } from "../shell/session.js";
import { formatDistance, inUnits, longDate } from "./distance.js";

type BuildView = Extract<ActivePlanView, { kind: "build" }>;

/**
 * The race is too close for the long run to be ready: said before anything else about the plan,
 * with one button for the nearest safe date and one for a shorter race, each writing the plan
 * again with everything else as it was.
 */
export function TooClose({
  view,
  warning,
  onReplanned,
}: {
  view: BuildView;
  warning: PlanWarningView;
  onReplanned: (v: ActivePlanView) => void;
}) {
  const { units } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const p = view.plan;
  if (p.goal.kind !== "event") return null;
  const goal = p.goal;

  async function replan(change: { date?: string; distanceM?: number }) {
    setBusy(true);
    setError(null);
    const body: CreatePlanBody = {
      kind: "build",
      goal: { kind: "event", date: change.date ?? goal.date, distanceM: change.distanceM ?? goal.distanceM },
      ...(view.basis.baseline_from === "given" ? { currentWeeklyM: p.baseline_weekly_m } : {}),
      beginner: p.settings.beginner,
      returning: p.settings.returning,
      runDaysPerWeek: p.settings.runDaysPerWeek,
    };
    try {
      const res = await api<ActivePlanResponse>("POST", inUnits("/api/plans", units), body);
      if (res.plan) onReplanned(res.plan);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The plan could not be written again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="plan-too-close" role="alert" aria-labelledby="too-close-title">
      <h3 id="too-close-title">The race is too close</h3>
      <p>{warning.message}</p>
      <div className="button-row">
        {warning.safe_date ? (
          <button type="button" disabled={busy} onClick={() => void replan({ date: warning.safe_date ?? goal.date })}>
            Plan for {longDate(warning.safe_date)} instead
          </button>
        ) : null}
        {warning.shorter_distance_m ? (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void replan({ distanceM: warning.shorter_distance_m ?? goal.distanceM })}
          >
            Plan a {formatDistance(warning.shorter_distance_m, units)} race on the same day
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
