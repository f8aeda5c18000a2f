import type { ReactNode } from "react";
import type { FieldErrors, PlanFormValues } from "./plan-request.js";
import type { PlanFormIds, SetPlanValue } from "./use-plan-form.js";

/** What every part of the plan form reads and writes. */
export interface PlanPartProps {
  ids: PlanFormIds;
  values: PlanFormValues;
  set: SetPlanValue;
  errors: FieldErrors;
}

/** A labelled field with its hint and error, linked by id for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids === "" ? undefined : ids;
}

/** The aria attributes of an input that may be refused: invalid when it has an error. */
export function invalidProps(id: string, hint: boolean, error: string | undefined) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error),
  };
}

/** One option of a radio group, the label wrapping its input. */
export function Radio({
  name,
  checked,
  onChange,
  children,
}: {
  name: string;
  checked: boolean;
  onChange: () => void;
  children: ReactNode;
}) {
  return (
    <label className="choice">
      <input type="radio" name={name} checked={checked} onChange={onChange} />{" "}
      {children}
    </label>
  );
}
