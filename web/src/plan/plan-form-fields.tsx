import { unitLabel } from "../../../src/contracts/format.js";
import type { Units } from "../../../src/contracts/format.js";
import { Field, invalidProps, Radio } from "./plan-form-field.js";
import type { PlanPartProps } from "./plan-form-field.js";
import type { Experience, PlanFormValues } from "./plan-request.js";
import type { SetPlanValue } from "./use-plan-form.js";

export function KindChoice({ values, set }: { values: PlanFormValues; set: SetPlanValue }) {
  return (
    <fieldset>
      <legend>What kind of plan?</legend>
      <Radio name="kind" checked={values.kind === "build"} onChange={() => set("kind", "build")}>
        Build up gradually
      </Radio>
      <Radio name="kind" checked={values.kind === "return"} onChange={() => set("kind", "return")}>
        Walk-run return after knee pain
      </Radio>
    </fieldset>
  );
}

function GoalChoice({ values, set, errors }: PlanPartProps) {
  const goalError = errors.goal;
  return (
    <fieldset>
      <legend>Goal</legend>
      <Radio name="goal" checked={values.goalKind === "weekly"} onChange={() => set("goalKind", "weekly")}>
        A weekly distance
      </Radio>
      <Radio name="goal" checked={values.goalKind === "event"} onChange={() => set("goalKind", "event")}>
        An event on a date
      </Radio>
      {goalError ? <p className="error">{goalError}</p> : null}
    </fieldset>
  );
}

/** The goal's distance: a weekly one, or an event's distance and date. */
function GoalDistanceFields({ ids, values, set, errors, units }: PlanPartProps & { units: Units }) {
  if (values.goalKind === "weekly")
    return (
      <Field id={ids.weekly} label={`Weekly goal (${unitLabel(units)})`} error={errors["goal.weeklyM"]}>
        <input
          id={ids.weekly}
          inputMode="decimal"
          value={values.weekly}
          onChange={(e) => set("weekly", e.target.value)}
          {...invalidProps(ids.weekly, false, errors["goal.weeklyM"])}
        />
      </Field>
    );
  return (
    <>
      <Field id={ids.eventDate} label="Event date" error={errors["goal.date"]}>
        <input
          id={ids.eventDate}
          type="date"
          value={values.eventDate}
          onChange={(e) => set("eventDate", e.target.value)}
          {...invalidProps(ids.eventDate, false, errors["goal.date"])}
        />
      </Field>
      <Field id={ids.eventDistance} label={`Event distance (${unitLabel(units)})`} error={errors["goal.distanceM"]}>
        <input
          id={ids.eventDistance}
          inputMode="decimal"
          value={values.eventDistance}
          onChange={(e) => set("eventDistance", e.target.value)}
          {...invalidProps(ids.eventDistance, false, errors["goal.distanceM"])}
        />
      </Field>
    </>
  );
}

function CurrentDistanceField({ ids, values, set, errors, units }: PlanPartProps & { units: Units }) {
  return (
    <Field
      id={ids.current}
      label={`Your current weekly distance (${unitLabel(units)}, optional)`}
      hint="Leave it empty to use the average of your last four complete weeks of imported runs."
      error={errors.currentWeeklyM}
    >
      <input
        id={ids.current}
        inputMode="decimal"
        value={values.current}
        onChange={(e) => set("current", e.target.value)}
        {...invalidProps(ids.current, true, errors.currentWeeklyM)}
      />
    </Field>
  );
}

function ExperienceField({ ids, values, set }: PlanPartProps) {
  return (
    <Field
      id={ids.experience}
      label="Your running"
      hint="New runners and runners coming back after pain rise by at most 5% a week; others by at most 10%."
    >
      <select
        id={ids.experience}
        value={values.experience}
        onChange={(e) => set("experience", e.target.value as Experience)}
        aria-describedby={`${ids.experience}-hint`}
      >
        <option value="profile">As in my profile</option>
        <option value="new">I am new to running</option>
        <option value="returning">I am returning after pain or injury</option>
        <option value="regular">I run regularly</option>
      </select>
    </Field>
  );
}

function RunDaysField({ ids, values, set, errors }: PlanPartProps) {
  return (
    <Field id={ids.runDays} label="Runs per week" error={errors.runDaysPerWeek}>
      <select id={ids.runDays} value={values.runDays} onChange={(e) => set("runDays", e.target.value)}>
        <option value="">Suggested for me</option>
        <option value="3">3</option>
        <option value="4">4</option>
        <option value="5">5</option>
      </select>
    </Field>
  );
}

/** A build-up plan's goal and the runner's starting point. */
export function BuildFields(props: PlanPartProps & { units: Units }) {
  return (
    <>
      <GoalChoice {...props} />
      <GoalDistanceFields {...props} />
      <CurrentDistanceField {...props} />
      <ExperienceField {...props} />
      <RunDaysField {...props} />
    </>
  );
}
