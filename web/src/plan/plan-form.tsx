import { useId, useState } from "react";
import type { ActivePlanView } from "../../../src/contracts/plans.js";
import { useSession } from "../shell/session.js";
import { BuildFields, KindChoice } from "./plan-form-fields.js";
import { ReturnFields } from "./plan-return-fields.js";
import { BuildStartFields, ReturnStartField } from "./plan-start-fields.js";
import { entryMet, useReturnEntry } from "./return-entry.js";
import type { EntryTicks } from "./return-entry.js";
import { planFormIds, useFirstDayOfWeek, usePlanFormValues, useSubmitPlan } from "./use-plan-form.js";

/** The form that writes a new plan: a build-up towards a weekly distance or an event, or a walk-run return. */
export function PlanForm({
  onCreated,
  onCancel,
}: {
  onCreated: (plan: ActivePlanView) => void;
  onCancel?: () => void;
}) {
  const { units } = useSession();
  const uid = useId();
  const { values, set } = usePlanFormValues();
  const firstDay = useFirstDayOfWeek();
  const entry = useReturnEntry();
  const [ticks, setTicks] = useState<EntryTicks>({ confirmed: [], suspected: false });
  const { errors, message, busy, submit } = useSubmitPlan(values, ticks, units, onCreated);
  const part = { ids: planFormIds(uid), values, set, errors };
  const build = values.kind === "build";

  return (
    <form
      className="plan-form stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${uid}-title`}
    >
      <h2 id={`${uid}-title`}>Write a plan</h2>
      <KindChoice values={values} set={set} />
      {build ? (
        <BuildFields {...part} units={units} />
      ) : (
        <ReturnFields {...part} entry={entry} ticks={ticks} onTicks={setTicks} />
      )}
      {build ? <BuildStartFields {...part} firstDay={firstDay} /> : <ReturnStartField {...part} />}
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" disabled={busy || (!build && !entryMet(entry.view, ticks))}>
          {busy ? "Writing your plan…" : "Write my plan"}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
