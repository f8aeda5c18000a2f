import { Link } from "react-router";
import type { ActivePlanView, PlanSessionView } from "../../../src/contracts/plans.js";
import type { PainStatusResponse } from "../../../src/contracts/pain.js";
import type { ReportShoe, ReportWarning } from "../../../src/contracts/training.js";
import { formatDistance, formatLimit } from "../load/format.js";
import { EscalationNotice } from "../pain/escalation-notice.js";
import { SESSION_LABELS, sessionAmount, shortDate } from "../plan/distance.js";
import type { Units } from "../shell/session.js";
import { pairName } from "../shoes/pair.js";
import type { SafeRun } from "./today-data.js";

const LIGHT_WORDS = {
  green: { title: "Green: you can build up", mark: "✓" },
  amber: { title: "Amber: hold your training where it is", mark: "!" },
  red: { title: "Red: back off today", mark: "✕" },
  none: { title: "No knee light yet", mark: "?" },
} as const;

/** Today's knee light from the diary, and the clinician escalation first when there is one. */
export function KneeLight({ pain, loggedToday }: { pain: PainStatusResponse | null; loggedToday: boolean }) {
  if (pain === null) return null;
  const { status } = pain;
  const look = LIGHT_WORDS[status.light];
  const reason = status.reasons.find((r) => r.code !== "SEE_CLINICIAN");
  return (
    <>
      {status.escalation ? <EscalationNotice escalation={status.escalation} /> : null}
      <section className={`today-card today-light light-${status.light}`} aria-labelledby="today-light-heading">
        <h2 id="today-light-heading">
          <span className="today-light-mark" aria-hidden="true">
            {look.mark}
          </span>
          {look.title}
        </h2>
        {reason ? <p>{reason.text}</p> : null}
        <p>
          <Link to="/pain">{loggedToday ? "Open the pain diary" : "Score your knee for today in the pain diary"}</Link>
        </p>
      </section>
    </>
  );
}

/** Why today is a rest day for running, or null when a run is fine. */
export function restReason(run: SafeRun, light: PainStatusResponse["status"]["light"] | null): string | null {
  if (light === "red") return "Rest or cross-train today: the knee light is red.";
  if (run.leftM !== null && run.leftM <= 0) return "This week's guide is used up: rest or cross-train until the new week.";
  return null;
}

/** The run that is safe today: the longest-run limit and what is left of the week's guide. */
export function SafeRunCard({ run, light, units, rampPct }: { run: SafeRun; light: PainStatusResponse["status"]["light"] | null; units: Units; rampPct: number | null }) {
  const rest = restReason(run, light);
  let headline: string;
  if (rest !== null) headline = rest;
  else if (run.todayM !== null) headline = `Keep today's run under ${formatLimit(run.todayM, units)}.`;
  else headline = "No recent runs to measure against: start short and easy.";
  return (
    <section className="today-card today-run" aria-labelledby="today-run-heading">
      <h2 id="today-run-heading">Today&apos;s run</h2>
      <p className="today-headline">{headline}</p>
      <ul className="today-figures">
        <li>
          Longest-run limit:{" "}
          {run.limitM !== null ? <strong>{formatLimit(run.limitM, units)}</strong> : "none yet (no run in the last 30 days)"}
        </li>
        <li>
          Left of this week&apos;s guide:{" "}
          {run.leftM !== null && run.guideM !== null ? (
            <>
              <strong>{formatLimit(run.leftM, units)}</strong> (run so far {formatDistance(run.doneM, units)}; guide {formatLimit(run.guideM, units)}
              {rampPct !== null ? `, your recent highest week +${rampPct}%` : ""})
            </>
          ) : (
            "not known yet (the guide needs earlier weeks of running)"
          )}
        </li>
      </ul>
      <p>
        <Link to="/training">See your training load</Link>
      </p>
    </section>
  );
}

function sessionLine(s: PlanSessionView, units: Units): string {
  const amount = sessionAmount(s, units);
  return `${SESSION_LABELS[s.kind] ?? s.kind}${amount ? `, ${amount}` : ""}`;
}

/**
 * The plan's next session; when it falls today but the knee light or the week's guide says rest,
 * `restToday` says why, so the page does not give two answers.
 */
export function NextSessionCard({
  plan,
  session,
  today,
  units,
  restToday,
}: {
  plan: ActivePlanView | null;
  session: PlanSessionView | null;
  today: string;
  units: Units;
  restToday: string | null;
}) {
  return (
    <section className="today-card" aria-labelledby="today-plan-heading">
      <h2 id="today-plan-heading">Next planned session</h2>
      {plan === null ? (
        <p>
          No plan yet. <Link to="/plan">Make a gradual plan or a walk-run return</Link>.
        </p>
      ) : session === null ? (
        <p>
          Nothing more is planned. <Link to="/plan">Open your plan</Link>.
        </p>
      ) : (
        <>
          <p className="today-headline">
            {session.date === today ? "Today" : shortDate(session.date)}: {sessionLine(session, units)}
          </p>
          {session.date === today && restToday !== null && session.kind !== "strength" ? (
            <p className="today-caution">
              <strong>{restToday}</strong> Move this session to another day, or swap it for something that does not load the knee.
            </p>
          ) : null}
          {session.description ? <p>{session.description}</p> : null}
          {plan.kind === "return" ? <p>{plan.today.message}</p> : null}
          <p>
            <Link to="/plan">Open your plan</Link>
          </p>
        </>
      )}
    </section>
  );
}

/** What was seen, without the study behind it: the Training page and the article carry the rest. */
function firstSentence(text: string): string {
  const m = /^.+?[.!?](?=\s+[A-Z])/.exec(text);
  return m ? m[0] : text;
}

export function WarningsCard({ warnings, total }: { warnings: ReportWarning[]; total: number }) {
  if (warnings.length === 0) return null;
  return (
    <section className="today-card today-warnings" aria-labelledby="today-warnings-heading">
      <h2 id="today-warnings-heading">{total === 1 ? "One thing to watch" : "Things to watch"}</h2>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.code}-${w.week ?? ""}`}>
            {firstSentence(w.message)}{" "}
            <a href={`/learn/${w.article}`}>
              Why<span className="visually-hidden">: {w.article.replace(/-/g, " ")}</span>
            </a>
          </li>
        ))}
      </ul>
      {total > warnings.length ? (
        <p>
          <Link to="/training">All {total} on the Training page</Link>
        </p>
      ) : null}
    </section>
  );
}

export function ShoesCard({ shoes, units }: { shoes: ReportShoe[]; units: Units }) {
  if (shoes.length === 0) return null;
  return (
    <section className="today-card" aria-labelledby="today-shoes-heading">
      <h2 id="today-shoes-heading">Shoes near their limit</h2>
      <ul>
        {shoes.map((s) => (
          <li key={s.id}>
            <strong>{pairName(s)}</strong>: {formatDistance(s.distance_m, units, 0)} of {formatDistance(s.limit_m, units, 0)}
            {s.status === "replace" ? ", time to replace" : ", replace soon"}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/shoes">Manage your shoes</Link>
      </p>
    </section>
  );
}

/** A nudge for what has not been noted today: the diary and the check-in. */
export function NudgeCard({ painLogged, checkedIn }: { painLogged: boolean; checkedIn: boolean }) {
  if (painLogged && checkedIn) return null;
  return (
    <section className="today-card today-nudge" aria-labelledby="today-nudge-heading">
      <h2 id="today-nudge-heading">Not noted yet today</h2>
      <ul>
        {!painLogged ? (
          <li>
            <Link to="/pain">Log your knee in the pain diary</Link> (a few taps)
          </li>
        ) : null}
        {!checkedIn ? (
          <li>
            <Link to="/check-in">Do today&apos;s check-in</Link> (eight questions on how you feel)
          </li>
        ) : null}
      </ul>
    </section>
  );
}
