import { Link } from "react-router";
import type { ActivePlanView } from "../../../src/contracts/plans.js";
import { useSession } from "../shell/session.js";
import { SessionCalendar } from "./plan-calendar.js";
import { shortDate } from "./distance.js";

type ReturnView = Extract<ActivePlanView, { kind: "return" }>;

const OUTCOME_LABELS: Record<string, string> = {
  unlocked: "Next stage opened",
  completed: "Return complete",
  counted: "Counted",
  held: "Stage held",
  stepped_back: "Stepped back",
  waiting: "Waiting for the morning score",
};

function minutes(s: number): string {
  return `${s / 60} min`;
}

/** The walk-run return: where the runner is, what opens the next step, and today's status. */
export function ReturnToRunView({ view }: { view: ReturnView }) {
  const { units } = useSession();
  const plan = view.plan;
  return (
    <>
      <section aria-labelledby="today-title" className="return-today">
        <h2 id="today-title">Today</h2>
        <p className={`today-status status-${view.today.status}`}>
          <strong>
            {view.today.status === "stopped"
              ? "Stopped: "
              : view.today.logged
                ? "Logged today: "
                : "Not logged yet: "}
          </strong>
          {view.today.message}
        </p>
        <p>
          <Link to="/pain">Log knee pain in the diary</Link> after each session and the next
          morning.
        </p>
      </section>

      <section aria-labelledby="stages-title">
        <h2 id="stages-title">The stages</h2>
        <p>
          {plan.stopped
            ? `Stopped at stage ${plan.current_stage} of ${plan.stages.length} until a clinician has cleared you.`
            : plan.complete
              ? "You have completed every stage."
              : `You are at stage ${plan.current_stage} of ${plan.stages.length}, with ${plan.counted_at_stage} of 2 sessions counted.`}
        </p>
        <ol className="stages">
          {plan.stages.map((s) => {
            const state =
              plan.complete || s.stage < plan.current_stage
                ? "done"
                : s.stage === plan.current_stage
                  ? "current"
                  : "ahead";
            return (
              <li
                key={s.stage}
                className={`stage stage-${state}`}
                aria-current={state === "current" ? "step" : undefined}
              >
                <span className="stage-state">
                  {state === "done" ? "Done" : state === "current" ? "You are here" : "Ahead"}
                </span>{" "}
                {s.walkS === 0
                  ? `Run ${minutes(s.runS)} without stopping`
                  : `${s.repeats} × run ${minutes(s.runS)}, walk ${minutes(s.walkS)}`}
              </li>
            );
          })}
        </ol>
        <h3>What opens the next step</h3>
        <p>{plan.rule}</p>
        <p>
          <strong>Next:</strong> {plan.next_step}
        </p>
      </section>

      <section aria-labelledby="upcoming-title" className="plan-calendar">
        <h2 id="upcoming-title">Upcoming sessions</h2>
        {plan.stopped ? (
          <p>None while the plan is stopped.</p>
        ) : plan.weeks.length > 0 ? (
          <SessionCalendar weeks={plan.weeks} units={units} />
        ) : (
          <p>No more walk-run sessions: you are ready for a build-up plan.</p>
        )}
      </section>

      {plan.stops.some((s) => s.resumed !== null) ? (
        <section aria-labelledby="stops-title">
          <h2 id="stops-title">Stops so far</h2>
          <ul>
            {plan.stops
              .filter((s) => s.resumed !== null)
              .map((s) => (
                <li key={s.date}>
                  Stopped on {shortDate(s.date)} after two red days (
                  {s.red_days.map(shortDate).join(" and ")}); resumed on{" "}
                  {shortDate(s.resumed ?? "")} with a clinician&apos;s clearance.
                </li>
              ))}
          </ul>
        </section>
      ) : null}

      {plan.days.length > 0 ? (
        <section aria-labelledby="days-title">
          <h2 id="days-title">Your sessions so far</h2>
          <ul className="return-days">
            {[...plan.days].reverse().map((d) => (
              <li key={d.date}>
                <strong>
                  {shortDate(d.date)}, stage {d.stage_before}:{" "}
                  {OUTCOME_LABELS[d.outcome] ?? d.outcome}.
                </strong>{" "}
                {d.why}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
