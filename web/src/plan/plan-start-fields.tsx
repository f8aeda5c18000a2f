import { localToday } from "../load/format.js";
import { Field, invalidProps, Radio } from "./plan-form-field.js";
import type { PlanPartProps } from "./plan-form-field.js";

function StartChoiceFieldset({ values, set, firstDay }: PlanPartProps & { firstDay: string }) {
  const choice = values.startChoice;
  return (
    <fieldset>
      <legend>When to start</legend>
      <Radio name="start" checked={choice === "next_week"} onChange={() => set("startChoice", "next_week")}>
        Next {firstDay}
      </Radio>
      <Radio name="start" checked={choice === "today"} onChange={() => set("startChoice", "today")}>
        Today (the rest of this week)
      </Radio>
      <Radio name="start" checked={choice === "date"} onChange={() => set("startChoice", "date")}>
        Another day
      </Radio>
    </fieldset>
  );
}

/** The start date when the runner picks one; otherwise only a refusal of the start, if any. */
function StartDate({ ids, values, set, errors }: PlanPartProps) {
  if (values.startChoice !== "date") return errors.start ? <p className="error">{errors.start}</p> : null;
  return (
    <Field
      id={ids.start}
      label="Start date"
      hint="Today or later: the plan has nothing in days already past."
      error={errors.start}
    >
      <input
        id={ids.start}
        type="date"
        min={localToday()}
        value={values.start}
        onChange={(e) => set("start", e.target.value)}
        {...invalidProps(ids.start, true, errors.start)}
      />
    </Field>
  );
}

/** A build-up plan: when it starts, and whether rest days go in the calendar. */
export function BuildStartFields(props: PlanPartProps & { firstDay: string }) {
  const { ids, values, set } = props;
  return (
    <>
      <StartChoiceFieldset {...props} />
      <StartDate {...props} />
      <label className="choice">
        <input
          id={ids.restInCalendar}
          type="checkbox"
          checked={values.restInCalendar}
          onChange={(e) => set("restInCalendar", e.target.checked)}
        />{" "}
        Put rest days in my calendar too
      </label>
    </>
  );
}

/** A walk-run return starts today unless the runner picks a day. */
export function ReturnStartField({ ids, values, set, errors }: PlanPartProps) {
  return (
    <Field id={ids.start} label="Start (optional)" hint="By default today." error={errors.start}>
      <input
        id={ids.start}
        type="date"
        value={values.start}
        onChange={(e) => set("start", e.target.value)}
        {...invalidProps(ids.start, true, errors.start)}
      />
    </Field>
  );
}
