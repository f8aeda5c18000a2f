import type { ReactNode } from "react";
import type {
  AssessmentResponse,
  ConditionId,
  FlagInstructionsView,
} from "../../../src/contracts/assessments.js";
import { reasonLabels } from "./answer-labels.js";
import { SafetyNote } from "./safety-note.js";
import { LEVEL_TAG, WHO_AND_WHEN } from "./triage-words.js";

const LINK_WORDS = {
  article: "Read",
  programme: "Exercise programme",
  care: "Ice and supports",
} as const;

function ConditionLinks({ view, id }: { view: AssessmentResponse; id: ConditionId }) {
  // Exercise and ice pages are self-care: not offered when a flag rules self-care out.
  const links = view.links.filter(
    (l) => l.condition === id && (view.selfCareAllowed || l.kind === "article"),
  );
  if (links.length === 0) return null;
  return (
    <ul className="result-links">
      {links.map((l) => (
        <li key={l.url}>
          <a href={l.url}>
            {LINK_WORDS[l.kind]}: {l.title}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * One flag that set the level: its reason, then what to do now, where to go and how soon. The
 * result and the emergency stop (assess-flow.tsx) both show a flag this way.
 */
export function FlagSteps({ flag, index }: { flag: FlagInstructionsView; index: number }) {
  const id = `flag-${index}-heading`;
  return (
    <section className="flag-steps" aria-labelledby={id}>
      <h3 id={id}>{flag.label}</h3>
      <p className="flag-steps-lead">What to do now:</p>
      <ul>
        {flag.doNow.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      <dl className="who-when">
        <dt>Where to go</dt>
        <dd>{flag.whereToGo}</dd>
        <dt>How soon</dt>
        <dd>{flag.howSoon}</dd>
      </dl>
    </section>
  );
}

/**
 * The result, in the order the 1.1 contract asks for: the level, and when a red flag set it, that
 * flag's own instructions first; the disclaimer once; then the possible causes (never as
 * percentages: the scores are relative, not probabilities); then self-care, only where no flag
 * rules it out.
 */
export function ResultView({ view, saveArea }: { view: AssessmentResponse; saveArea?: ReactNode }) {
  const level = view.result.triage;
  const who = WHO_AND_WHEN[level];
  const steps = view.instructions;
  const setting = new Set(steps.map((s) => s.id));
  const otherFlags = view.redFlags.filter((f) => !setting.has(f.id));
  // Below the most likely cause, only conditions some answer pointed at are "also possible".
  const [first, ...others] = view.conditions;
  const supported = others.filter((c) => c.reasons.length > 0);
  const top = first === undefined ? [] : [first, ...supported.slice(0, 2)];
  const rest = supported.slice(2);
  return (
    <div className="assess-result">
      <section
        className={`triage-box triage-${level}`}
        aria-labelledby="triage-heading"
        role={level === "emergency" ? "alert" : undefined}
      >
        <p className="triage-tag">{LEVEL_TAG[level]}</p>
        <h2 id="triage-heading">{view.advice.headline}</h2>
        {steps.length > 0 ? (
          steps.map((flag, i) => <FlagSteps key={flag.id} flag={flag} index={i} />)
        ) : (
          <>
            <p className="triage-next">{view.advice.nextStep}</p>
            <dl className="who-when">
              <dt>Whom to see</dt>
              <dd>{who.who}</dd>
              <dt>How soon</dt>
              <dd>{who.when}</dd>
            </dl>
          </>
        )}
        {otherFlags.length > 0 ? (
          <>
            <h3>{steps.length > 0 ? "Also tell the clinician about" : "Why this level"}</h3>
            <ul>
              {otherFlags.map((f) => (
                <li key={f.id}>{f.label}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <SafetyNote triage={level} />

      <section aria-labelledby="likely-heading">
        <h2 id="likely-heading">What it may be</h2>
        {level === "emergency" || level === "urgent" ? (
          <p>
            Only an examination can tell; these are for your information, and do not change what to
            do above.
          </p>
        ) : null}
        <ol className="likely-list">
          {top.map((c, i) => {
            const reasons = reasonLabels(c.reasons);
            return (
              <li key={c.id} className="likely">
                <h3>
                  <span className="likely-rank">{i === 0 ? "Most likely" : "Also possible"}:</span>{" "}
                  {c.label}
                </h3>
                {reasons.length > 0 ? (
                  <>
                    <p className="why">Why: your answers included</p>
                    <ul className="reasons">
                      {reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p className="why">
                    No single answer pointed clearly here; it is listed because nothing fitted
                    better.
                  </p>
                )}
                <ConditionLinks view={view} id={c.id} />
              </li>
            );
          })}
        </ol>
        {rest.length > 0 ? (
          <details>
            <summary>Less likely causes ({rest.length})</summary>
            <ul>
              {rest.map((c) => (
                <li key={c.id}>{c.label}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {view.selfCareAllowed ? (
        <section aria-labelledby="now-heading">
          <h2 id="now-heading">{steps.length > 0 ? "Meanwhile" : "What to do now"}</h2>
          {steps.length > 0 ? null : <p>{view.advice.nextStep}</p>}
          {view.selfCareTip !== null ? <p>{view.selfCareTip}</p> : null}
          <h3>Ice and supports</h3>
          <p>
            Ice can ease pain after a run; a support suits some conditions and not others. See the
            ice and support advice linked above for your most likely cause, or the general guides:
          </p>
          <ul className="result-links">
            <li>
              <a href="/learn/ice-therapy">Read: Ice therapy and ice wraps</a>
            </li>
            <li>
              <a href="/learn/knee-supports">Read: Knee supports for running</a>
            </li>
          </ul>
        </section>
      ) : steps.length > 0 ? null : (
        <section aria-labelledby="now-heading">
          <h2 id="now-heading">Until you are seen</h2>
          <p>Do not run, ice or strap the knee in place of being seen: get it checked first.</p>
        </section>
      )}

      {saveArea}
    </div>
  );
}
