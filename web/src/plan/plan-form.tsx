import { useEffect, useId, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import type {
  ActivePlanResponse,
  ActivePlanView,
  CreatePlanBody,
  PlanGoalBody,
} from "../../../src/contracts/plans.js";
import type { ProfileResponse } from "../../../src/contracts/profile.js";
import { api, ApiError } from "../api.js";
import { localToday } from "../load/format.js";
import { useSession } from "../shell/session.js";
import { unitLabel, unitWord } from "../../../src/contracts/format.js";
import { DAY_NAMES, inUnits, toMetres } from "./distance.js";
import { entryMet, ReturnEntryCriteria, useReturnEntry } from "./return-entry.js";
import type { EntryTicks } from "./return-entry.js";

type Experience = "profile" | "new" | "returning" | "regular";

function Field({
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

function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids === "" ? undefined : ids;
}

/** The runner's first day of the week by name, from the profile: a plan's weeks start on it. */
function useFirstDayOfWeek(): string {
  const [day, setDay] = useState("Monday");
  useEffect(() => {
    api<ProfileResponse>("GET", "/api/profile")
      .then((p) => setDay(DAY_NAMES[p.weekStart] ?? "Monday"))
      // Unread, the label keeps Monday, the profile's own default; the server still plans from the profile.
      .catch(() => undefined);
  }, []);
  return day;
}

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
  const [kind, setKind] = useState<"build" | "return">("build");
  const [goalKind, setGoalKind] = useState<"weekly" | "event">("weekly");
  const [weekly, setWeekly] = useState("");
  const [eventDate, setEventDate] = useState("");
  const [eventDistance, setEventDistance] = useState("");
  const [current, setCurrent] = useState("");
  const [experience, setExperience] = useState<Experience>("profile");
  const [start, setStart] = useState("");
  /** Build plans: the first day of next week (the default), today, or a day the runner picks. */
  const [startChoice, setStartChoice] = useState<"next_week" | "today" | "date">("next_week");
  const firstDay = useFirstDayOfWeek();
  const [restInCalendar, setRestInCalendar] = useState(false);
  const [runDays, setRunDays] = useState("");
  const [baselinePain, setBaselinePain] = useState("0");
  const entry = useReturnEntry();
  const [ticks, setTicks] = useState<EntryTicks>({ confirmed: [], suspected: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ids = {
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

  function body(): CreatePlanBody | Record<string, string> {
    const local: Record<string, string> = {};
    if (kind === "return") {
      return {
        kind: "return",
        ...(start ? { start } : {}),
        baselinePain: Number(baselinePain),
        entry: { confirmed: ticks.confirmed, suspected: ticks.suspected },
      };
    }
    let goal: PlanGoalBody;
    if (goalKind === "weekly") {
      const m = toMetres(weekly, units);
      if (m === null) local["goal.weeklyM"] = `Enter your weekly goal in ${unitLabel(units)}.`;
      goal = { kind: "weekly", weeklyM: m ?? 0 };
    } else {
      const m = toMetres(eventDistance, units);
      if (m === null) local["goal.distanceM"] = `Enter the event distance in ${unitLabel(units)}.`;
      if (eventDate === "") local["goal.date"] = "Choose the date of the event.";
      goal = { kind: "event", date: eventDate, distanceM: m ?? 0 };
    }
    const currentM = current.trim() === "" ? undefined : toMetres(current, units);
    if (currentM === null) local.currentWeeklyM = `Enter a number of ${unitWord(units)}, or leave it empty.`;
    if (Object.keys(local).length > 0) return local;
    return {
      kind: "build",
      goal,
      ...(currentM !== undefined && currentM !== null ? { currentWeeklyM: currentM } : {}),
      ...(experience === "profile"
        ? {}
        : { beginner: experience === "new", returning: experience === "returning" }),
      ...(startChoice === "today" ? { start: "today" } : startChoice === "date" && start ? { start } : {}),
      ...(runDays ? { runDaysPerWeek: Number(runDays) } : {}),
      ...(restInCalendar ? { restDaysInCalendar: true } : {}),
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const b = body();
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
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const f of err.fields) byField[f.path] = f.message;
        setErrors(byField);
        setMessage(err.fields.length > 0 ? "Please check the highlighted fields." : err.message);
      } else setMessage("Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) => errors[path];
  const goalError = errors.goal;

  return (
    <form
      className="plan-form stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${uid}-title`}
    >
      <h2 id={`${uid}-title`}>Write a plan</h2>
      <fieldset>
        <legend>What kind of plan?</legend>
        <label className="choice">
          <input
            type="radio"
            name="kind"
            checked={kind === "build"}
            onChange={() => setKind("build")}
          />{" "}
          Build up gradually
        </label>
        <label className="choice">
          <input
            type="radio"
            name="kind"
            checked={kind === "return"}
            onChange={() => setKind("return")}
          />{" "}
          Walk-run return after knee pain
        </label>
      </fieldset>

      {kind === "build" ? (
        <>
          <fieldset>
            <legend>Goal</legend>
            <label className="choice">
              <input
                type="radio"
                name="goal"
                checked={goalKind === "weekly"}
                onChange={() => setGoalKind("weekly")}
              />{" "}
              A weekly distance
            </label>
            <label className="choice">
              <input
                type="radio"
                name="goal"
                checked={goalKind === "event"}
                onChange={() => setGoalKind("event")}
              />{" "}
              An event on a date
            </label>
            {goalError ? <p className="error">{goalError}</p> : null}
          </fieldset>
          {goalKind === "weekly" ? (
            <Field id={ids.weekly} label={`Weekly goal (${unitLabel(units)})`} error={err("goal.weeklyM")}>
              <input
                id={ids.weekly}
                inputMode="decimal"
                value={weekly}
                onChange={(e) => setWeekly(e.target.value)}
                aria-invalid={err("goal.weeklyM") ? true : undefined}
                aria-describedby={describedBy(ids.weekly, false, err("goal.weeklyM"))}
              />
            </Field>
          ) : (
            <>
              <Field id={ids.eventDate} label="Event date" error={err("goal.date")}>
                <input
                  id={ids.eventDate}
                  type="date"
                  value={eventDate}
                  onChange={(e) => setEventDate(e.target.value)}
                  aria-invalid={err("goal.date") ? true : undefined}
                  aria-describedby={describedBy(ids.eventDate, false, err("goal.date"))}
                />
              </Field>
              <Field
                id={ids.eventDistance}
                label={`Event distance (${unitLabel(units)})`}
                error={err("goal.distanceM")}
              >
                <input
                  id={ids.eventDistance}
                  inputMode="decimal"
                  value={eventDistance}
                  onChange={(e) => setEventDistance(e.target.value)}
                  aria-invalid={err("goal.distanceM") ? true : undefined}
                  aria-describedby={describedBy(ids.eventDistance, false, err("goal.distanceM"))}
                />
              </Field>
            </>
          )}
          <Field
            id={ids.current}
            label={`Your current weekly distance (${unitLabel(units)}, optional)`}
            hint="Leave it empty to use the average of your last four complete weeks of imported runs."
            error={err("currentWeeklyM")}
          >
            <input
              id={ids.current}
              inputMode="decimal"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              aria-invalid={err("currentWeeklyM") ? true : undefined}
              aria-describedby={describedBy(ids.current, true, err("currentWeeklyM"))}
            />
          </Field>
          <Field
            id={ids.experience}
            label="Your running"
            hint="New runners and runners coming back after pain rise by at most 5% a week; others by at most 10%."
          >
            <select
              id={ids.experience}
              value={experience}
              onChange={(e) => setExperience(e.target.value as Experience)}
              aria-describedby={`${ids.experience}-hint`}
            >
              <option value="profile">As in my profile</option>
              <option value="new">I am new to running</option>
              <option value="returning">I am returning after pain or injury</option>
              <option value="regular">I run regularly</option>
            </select>
          </Field>
          <Field id={ids.runDays} label="Runs per week" error={err("runDaysPerWeek")}>
            <select id={ids.runDays} value={runDays} onChange={(e) => setRunDays(e.target.value)}>
              <option value="">Suggested for me</option>
              <option value="3">3</option>
              <option value="4">4</option>
              <option value="5">5</option>
            </select>
          </Field>
        </>
      ) : (
        <>
          {entry.view ? (
            <ReturnEntryCriteria
              view={entry.view}
              ticks={ticks}
              onChange={setTicks}
              errors={errors}
            />
          ) : (
            <p role="status">{entry.error ?? "Loading what to check before you start…"}</p>
          )}
          <Field
            id={ids.baselinePain}
            label="Your usual knee pain at rest (0-10)"
            hint="A session counts when pain stays at 3/10 or less and settles back to this level (or 2/10) by the next morning."
            error={err("baselinePain")}
          >
            <select
              id={ids.baselinePain}
              value={baselinePain}
              onChange={(e) => setBaselinePain(e.target.value)}
              aria-describedby={describedBy(ids.baselinePain, true, err("baselinePain"))}
            >
              {Array.from({ length: 11 }, (_, i) => (
                <option key={i} value={String(i)}>
                  {i}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
      {kind === "build" ? (
        <>
          <fieldset>
            <legend>When to start</legend>
            <label className="choice">
              <input
                type="radio"
                name="start"
                checked={startChoice === "next_week"}
                onChange={() => setStartChoice("next_week")}
              />{" "}
              Next {firstDay}
            </label>
            <label className="choice">
              <input
                type="radio"
                name="start"
                checked={startChoice === "today"}
                onChange={() => setStartChoice("today")}
              />{" "}
              Today (the rest of this week)
            </label>
            <label className="choice">
              <input
                type="radio"
                name="start"
                checked={startChoice === "date"}
                onChange={() => setStartChoice("date")}
              />{" "}
              Another day
            </label>
          </fieldset>
          {startChoice === "date" ? (
            <Field
              id={ids.start}
              label="Start date"
              hint="Today or later: the plan has nothing in days already past."
              error={err("start")}
            >
              <input
                id={ids.start}
                type="date"
                min={localToday()}
                value={start}
                onChange={(e) => setStart(e.target.value)}
                aria-invalid={err("start") ? true : undefined}
                aria-describedby={describedBy(ids.start, true, err("start"))}
              />
            </Field>
          ) : err("start") ? (
            <p className="error">{err("start")}</p>
          ) : null}
          <label className="choice">
            <input
              id={ids.restInCalendar}
              type="checkbox"
              checked={restInCalendar}
              onChange={(e) => setRestInCalendar(e.target.checked)}
            />{" "}
            Put rest days in my calendar too
          </label>
        </>
      ) : (
        <Field id={ids.start} label="Start (optional)" hint="By default today." error={err("start")}>
          <input
            id={ids.start}
            type="date"
            value={start}
            onChange={(e) => setStart(e.target.value)}
            aria-invalid={err("start") ? true : undefined}
            aria-describedby={describedBy(ids.start, true, err("start"))}
          />
        </Field>
      )}
      {message ? (
        <p className="error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="submit"
          disabled={busy || (kind === "return" && !entryMet(entry.view, ticks))}
        >
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
