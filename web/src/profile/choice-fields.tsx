/**
 * A question answered by one choice of several (radio buttons), each with its words and an optional
 * hint: the profile's fields, and the first-run setup's on Today.
 */
import type { ReactNode } from "react";
import type { Described } from "./profile-words.js";

export function Radios<T extends string>({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: Described<T>[];
  value: T;
  onChange: (v: T) => void;
  error?: string | undefined;
}) {
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
          <input type="radio" name={name} value={o.code} checked={value === o.code} onChange={() => onChange(o.code)} />
          <span>
            {o.label}
            {o.hint ? <small>{o.hint}</small> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
