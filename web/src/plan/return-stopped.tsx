import { useId, useState } from "react";
import type { FormEvent } from "react";
import type {
  ActivePlanResponse,
  ActivePlanView,
  ReturnStopView,
} from "../../../src/contracts/plans.js";
import { api, ApiError } from "../api.js";
import { useSession } from "../shell/session.js";
import { inUnits, shortDate } from "./distance.js";

/**
 * The walk-run return stopped itself (two red diary days): why, to see a clinician, and the way
 * back on, which needs the runner to confirm a clinician's clearance.
 */
export function ReturnStopped({
  stop,
  onResumed,
}: {
  stop: ReturnStopView;
  onResumed: (plan: ActivePlanView) => void;
}) {
  const uid = useId();
  const { units } = useSession();
  const [cleared, setCleared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function resume(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<ActivePlanResponse>("POST", inUnits("/api/plans/active/resume", units), {
        clearance: true,
      });
      if (res.plan) onResumed(res.plan);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Resuming failed. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="plan-stopped" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Stopped: see a clinician before you run again</h2>
      <p>{stop.reason}</p>
      <p>
        Red days: {stop.red_days.map(shortDate).join(" and ")}. Until you have been seen, keep to
        walking and activity that does not hurt.
      </p>
      <form onSubmit={(e) => void resume(e)}>
        <label className="check-line">
          <input type="checkbox" checked={cleared} onChange={() => setCleared((c) => !c)} />A
          clinician has examined my knee and cleared me to run again.
        </label>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={!cleared || busy}>
          {busy ? "Resuming…" : "Resume the walk-run return"}
        </button>
      </form>
    </section>
  );
}
