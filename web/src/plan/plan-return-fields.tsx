import type { ReturnEntryView } from "../../../src/contracts/plans.js";
import { Field, describedBy } from "./plan-form-field.js";
import type { PlanPartProps } from "./plan-form-field.js";
import { ReturnEntryCriteria } from "./return-entry.js";
import type { EntryTicks } from "./return-entry.js";

function BaselinePainField({ ids, values, set, errors }: PlanPartProps) {
  return (
    <Field
      id={ids.baselinePain}
      label="Your usual knee pain at rest (0-10)"
      hint="A session counts when pain stays at 3/10 or less and settles back to this level (or 2/10) by the next morning."
      error={errors.baselinePain}
    >
      <select
        id={ids.baselinePain}
        value={values.baselinePain}
        onChange={(e) => set("baselinePain", e.target.value)}
        aria-describedby={describedBy(ids.baselinePain, true, errors.baselinePain)}
      >
        {Array.from({ length: 11 }, (_, i) => (
          <option key={i} value={String(i)}>
            {i}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A walk-run return: the entry criteria to tick, and the usual pain at rest. */
export function ReturnFields(
  props: PlanPartProps & {
    entry: { view: ReturnEntryView | null; error: string | null };
    ticks: EntryTicks;
    onTicks: (ticks: EntryTicks) => void;
  },
) {
  const { entry, ticks, onTicks, errors } = props;
  return (
    <>
      {entry.view ? (
        <ReturnEntryCriteria view={entry.view} ticks={ticks} onChange={onTicks} errors={errors} />
      ) : (
        <p role="status">{entry.error ?? "Loading what to check before you start…"}</p>
      )}
      <BaselinePainField {...props} />
    </>
  );
}
