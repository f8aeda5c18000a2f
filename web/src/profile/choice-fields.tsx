/**
 * Questions answered by one choice of several (radio buttons) or by any of several (checkboxes),
 * each option with its words and an optional hint, and the week's first day: the profile's fields,
 * and the first-run setup's on Today.
 */
import type { ReactNode } from "react";
import { WEEKDAYS } from "./profile-words.js";
import type { Described } from "./profile-words.js";

interface ChoiceProps<T extends string> {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: Described<T>[];
  error?: string | undefined;
}

/** The group's fieldset, legend, hint and error (tied to the group by aria-describedby), around its options. */
function ChoiceFieldset<T extends string>({
  name,
  legend,
  hint,
  options,
  error,
  input,
}: ChoiceProps<T> & { input: (code: T) => ReactNode }) {
  return (
    <fieldset className="choices" id={name} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {hint ? <div className="hint">{hint}</div> : null}
      {error ? (
        <p className="error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.code} className="choice">
          {input(o.code)}
          <span>
            {o.label}
            {o.hint ? <small>{o.hint}</small> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function Radios<T extends string>({ value, onChange, ...group }: ChoiceProps<T> & { value: T; onChange: (v: T) => void }) {
  return (
    <ChoiceFieldset
      {...group}
      input={(code) => <input type="radio" name={group.name} value={code} checked={value === code} onChange={() => onChange(code)} />}
    />
  );
}

export function Checks<T extends string>({ value, onChange, ...group }: ChoiceProps<T> & { value: readonly T[]; onChange: (v: T[]) => void }) {
  return (
    <ChoiceFieldset
      {...group}
      input={(code) => (
        <input
          type="checkbox"
          name={group.name}
          value={code}
          checked={value.includes(code)}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            // Keep the list's own order, so the answers read the same however they were ticked.
            onChange(group.options.map((x) => x.code).filter((c) => (c === code ? on : value.includes(c))));
          }}
        />
      )}
    />
  );
}

/** The first day of the runner's week (0 Sunday … 6 Saturday). */
export function WeekStartSelect({ id, value, onChange }: { id: string; value: number; onChange: (day: number) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Your week starts on</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {WEEKDAYS.map((d, i) => (
          <option key={d} value={i}>
            {d}
          </option>
        ))}
      </select>
    </div>
  );
}
