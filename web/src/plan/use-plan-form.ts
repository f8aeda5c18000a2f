import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import type { ActivePlanResponse, ActivePlanView } from "../../../src/contracts/plans.js";
import type { ProfileResponse } from "../../../src/contracts/profile.js";
import type { Units } from "../../../src/contracts/format.js";
import { api, ApiError } from "../api.js";
import { DAY_NAMES, inUnits } from "./distance.js";
import { EMPTY_PLAN_FORM, planRequest } from "./plan-request.js";
import type { FieldErrors, PlanFormValues } from "./plan-request.js";
import type { EntryTicks } from "./return-entry.js";

export type SetPlanValue = <K extends keyof PlanFormValues>(key: K, value: PlanFormValues[K]) => void;

/** The element ids of the form's fields, unique to one form on the page. */
export function planFormIds(uid: string) {
  return {
    weekly: `${uid}-weekly`,
    eventDate: `${uid}-event-date`,
    eventDistance: `${uid}-event-distance`,
    current: `${uid}-current`,
    experience: `${uid}-experience`,
    start: `${uid}-start`,
    restInCalendar: `${uid}-rest-in-calendar`,
    runDays: `${uid}-run-days`,
    baselinePain: `${uid}-baseline-pain`,
  };
}
export type PlanFormIds = ReturnType<typeof planFormIds>;

/** The runner's first day of the week by name, from the profile: a plan's weeks start on it. */
export function useFirstDayOfWeek(): string {
  const [day, setDay] = useState("Monday");
  useEffect(() => {
    api<ProfileResponse>("GET", "/api/profile")
      .then((p) => setDay(DAY_NAMES[p.weekStart] ?? "Monday"))
      // Unread, the label keeps Monday, the profile's own default; the server still plans from the profile.
      .catch(() => undefined);
  }, []);
  return day;
}

export function usePlanFormValues(): { values: PlanFormValues; set: SetPlanValue } {
  const [values, setValues] = useState<PlanFormValues>(EMPTY_PLAN_FORM);
  const set = useCallback<SetPlanValue>((key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
  }, []);
  return { values, set };
}

/** A refusal by the server, by field when it names them; anything else leaves the errors shown. */
function refusal(err: unknown): { errors: FieldErrors | null; message: string } {
  if (!(err instanceof ApiError)) return { errors: null, message: "Something went wrong. Please try again." };
  const byField: FieldErrors = {};
  for (const f of err.fields) byField[f.path] = f.message;
  return {
    errors: byField,
    message: err.fields.length > 0 ? "Please check the highlighted fields." : err.message,
  };
}

/** Checks the form, posts the plan and keeps what to show: field errors, a message, busy. */
export function useSubmitPlan(
  values: PlanFormValues,
  ticks: EntryTicks,
  units: Units,
  onCreated: (plan: ActivePlanView) => void,
) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const b = planRequest(values, units, ticks);
    if (!("kind" in b)) {
      setErrors(b);
      setMessage("Please check the highlighted fields.");
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await api<ActivePlanResponse>("POST", inUnits("/api/plans", units), b);
      if (res.plan) onCreated(res.plan);
    } catch (err) {
      const r = refusal(err);
      if (r.errors) setErrors(r.errors);
      setMessage(r.message);
    } finally {
      setBusy(false);
    }
  }

  return { errors, message, busy, submit };
}
