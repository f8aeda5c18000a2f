import type { ReactNode } from "react";
import type { Choice } from "./answer-labels.js";

/*
 * Radio and checkbox groups with a real <fieldset>/<legend>, the error tied to the group by
 * aria-describedby, and labels big enough to tap on a phone.
 */

interface GroupProps {
  id: string;
  /** Extra class, e.g. "follow-up" for a question that appears because of an earlier answer. */
  className?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

function Described({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function RadioGroup<T extends string>({
  id,
  className,
  legend,
  hint,
  error,
  choices,
  value,
  onChange,
}: GroupProps & { choices: Choice<T>[]; value: T | ""; onChange: (v: T) => void }) {
  return (
    <fieldset className={className ? `choices ${className}` : "choices"} id={id} aria-describedby={describedBy(id, hint, error)} tabIndex={-1}>
      <legend>{legend}</legend>
      <Described id={id} hint={hint} error={error} />
      {choices.map((c) => (
        <label key={c.code} className="choice">
          <input type="radio" name={id} value={c.code} checked={value === c.code} onChange={() => onChange(c.code)} />
          <span>
            {c.label}
            {c.hint ? <small>{c.hint}</small> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function CheckboxGroup<T extends string>({
  id,
  className,
  legend,
  hint,
  error,
  choices,
  value,
  onChange,
  children,
}: GroupProps & { choices: Choice<T>[]; value: readonly T[]; onChange: (v: T[]) => void; children?: ReactNode }) {
  const toggle = (code: T, on: boolean) => {
    const next = on ? [...value, code] : value.filter((v) => v !== code);
    // Keep the list's own order, so the answers read the same however they were ticked.
    onChange(choices.map((c) => c.code).filter((c) => next.includes(c)));
  };
  return (
    <fieldset className={className ? `choices ${className}` : "choices"} id={id} aria-describedby={describedBy(id, hint, error)} tabIndex={-1}>
      <legend>{legend}</legend>
      <Described id={id} hint={hint} error={error} />
      {choices.map((c) => (
        <label key={c.code} className="choice">
          <input type="checkbox" name={id} value={c.code} checked={value.includes(c.code)} onChange={(e) => toggle(c.code, e.currentTarget.checked)} />
          <span>
            {c.label}
            {c.hint ? <small>{c.hint}</small> : null}
          </span>
        </label>
      ))}
      {children}
    </fieldset>
  );
}
