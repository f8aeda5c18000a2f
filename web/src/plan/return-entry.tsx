import { useEffect, useState } from "react";
import type { EntryCriterionCode, ReturnEntryView } from "../../../src/contracts/plans.js";
import { api, ApiError } from "../api.js";
import { browserLocale } from "../shell/locale.js";

export interface EntryTicks {
  confirmed: EntryCriterionCode[];
  suspected: boolean;
}

/** The criteria shown for these ticks: the clearance item joins when needed or when the runner says so. */
export function shownCriteria(
  view: ReturnEntryView,
  suspected: boolean,
): ReturnEntryView["criteria"] {
  return view.clearance_needed || !suspected ? view.criteria : [...view.criteria, view.clearance];
}

export function entryMet(view: ReturnEntryView | null, ticks: EntryTicks): boolean {
  return (
    view !== null &&
    shownCriteria(view, ticks.suspected).every((c) => ticks.confirmed.includes(c.code))
  );
}

export function useReturnEntry(): { view: ReturnEntryView | null; error: string | null } {
  const [view, setView] = useState<ReturnEntryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<ReturnEntryView>("GET", `/api/plans/return-entry?${new URLSearchParams({ locale: browserLocale() }).toString()}`)
      .then(setView)
      .catch((e: unknown) =>
        setError(e instanceof ApiError ? e.message : "The entry criteria could not be loaded."),
      );
  }, []);
  return { view, error };
}

/**
 * "Before you start": the walk-run return's entry criteria as ticks, each with why it matters.
 * The plan cannot be written until every item shown is ticked (the server checks again).
 */
export function ReturnEntryCriteria({
  view,
  ticks,
  onChange,
  errors,
}: {
  view: ReturnEntryView;
  ticks: EntryTicks;
  onChange: (t: EntryTicks) => void;
  errors: Record<string, string>;
}) {
  const toggle = (code: EntryCriterionCode) =>
    onChange({
      ...ticks,
      confirmed: ticks.confirmed.includes(code)
        ? ticks.confirmed.filter((c) => c !== code)
        : [...ticks.confirmed, code],
    });
  const criteria = shownCriteria(view, ticks.suspected);
  const left = criteria.filter((c) => !ticks.confirmed.includes(c.code)).length;
  return (
    <fieldset className="entry-criteria" aria-describedby="entry-criteria-state">
      <legend>Before you start: tick each one that is true</legend>
      {view.clearance_needed ? (
        <div className="urgent-banner">
          <p>
            <strong>A clinician needs to clear you first.</strong>
          </p>
          <ul>
            {view.clearance_reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {criteria.map((c) => (
        <label key={c.code}>
          <input
            type="checkbox"
            checked={ticks.confirmed.includes(c.code)}
            onChange={() => toggle(c.code)}
          />
          <span>
            {c.label}
            <span className="entry-why">{c.why}</span>
            {errors[`entry.confirmed.${c.code}`] ? (
              <span className="error">{errors[`entry.confirmed.${c.code}`]}</span>
            ) : null}
          </span>
        </label>
      ))}
      {view.clearance_needed ? null : (
        <label className="entry-suspected">
          <input
            type="checkbox"
            checked={ticks.suspected}
            onChange={() =>
              onChange({
                suspected: !ticks.suspected,
                confirmed: ticks.confirmed.filter((c) => c !== "clinician_clearance"),
              })
            }
          />
          <span>
            A stress fracture (bone stress injury) was suspected, or a clinician warned me about
            this knee.
            <span className="entry-why">
              Then a clinician&apos;s clearance is needed before running.
            </span>
          </span>
        </label>
      )}
      <p id="entry-criteria-state" className="hint">
        {left === 0
          ? "Every item is ticked: you can start."
          : `${left} still to tick. Not there yet? Keep walking and doing your exercises, and try again in a few days.`}
      </p>
    </fieldset>
  );
}
