import type { ReactNode } from "react";
import type { AssessmentResponse, ConditionId } from "../../../src/contracts/assessments.js";
import { reasonLabels } from "./answer-labels.js";
import { SafetyNote } from "./safety-note.js";
import { LEVEL_TAG, WHO_AND_WHEN } from "./triage-words.js";

/**
 * What to do meanwhile for the conditions a runner can look after themselves; the programme
 * and care pages hold the detail and the sources (evidence.md section a, condition by condition).
 */
const MEANWHILE: Partial<Record<ConditionId, string>> = {
  patellofemoral_pain:
    "Cut back whatever hurts (downhill running, deep squats, long runs) to a level that stays mild, and start the hip and thigh strengthening in the programme.",
  iliotibial_band_syndrome:
    "Shorten runs to stop before the pain usually starts, keep to flat ground and skip descents for now, and start the hip strengthening in the programme.",
  patellar_tendinopathy:
    "Drop jumping and fast hill work for now, keep running if pain stays mild, and start the tendon holds in the first stage of the programme.",
  distal_hamstring_tendinopathy:
    "Leave out sprints, hill repeats and long strides for now, and start the gentle hamstring loading in the programme.",
  prepatellar_bursitis: "Avoid kneeling and pressure on the front of the knee, and watch for warmth, redness or fever.",
  infrapatellar_bursitis: "Avoid kneeling and pressure below the kneecap, and watch for warmth, redness or fever.",
  pes_anserine_bursitis: "Ease off hills and long runs, and start the hip and thigh strengthening in the programme.",
};

const LINK_WORDS = { article: "Read", programme: "Exercise programme", care: "Ice and supports" } as const;

function ConditionLinks({ view, id }: { view: AssessmentResponse; id: ConditionId }) {
  const links = view.links.filter((l) => l.condition === id);
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

export function ResultView({ view, saveArea }: { view: AssessmentResponse; saveArea?: ReactNode }) {
  const level = view.result.triage;
  const who = WHO_AND_WHEN[level];
  const top = view.conditions.slice(0, 3);
  const rest = view.conditions.slice(3);
  const manageable = level === "self_care" || level === "see_clinician";
  const tip = top[0] ? MEANWHILE[top[0].id] : undefined;
  return (
    <div className="assess-result">
      <section className={`triage-box triage-${level}`} aria-labelledby="triage-heading" role={level === "emergency" ? "alert" : undefined}>
        <p className="triage-tag">{LEVEL_TAG[level]}</p>
        <h2 id="triage-heading">{view.advice.headline}</h2>
        <p className="triage-next">{view.advice.nextStep}</p>
        <dl className="who-when">
          <dt>Whom to see</dt>
          <dd>{who.who}</dd>
          <dt>How soon</dt>
          <dd>{who.when}</dd>
        </dl>
        {view.redFlags.length > 0 ? (
          <>
            <h3>Why this level</h3>
            <ul>
              {view.redFlags.map((f) => (
                <li key={f.id}>{f.label}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <SafetyNote />

      <section aria-labelledby="likely-heading">
        <h2 id="likely-heading">What it may be</h2>
        <ol className="likely-list">
          {top.map((c, i) => {
            const reasons = reasonLabels(c.reasons);
            return (
              <li key={c.id} className="likely">
                <h3>
                  <span className="likely-rank">{i === 0 ? "Most likely" : "Also possible"}:</span> {c.label}
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
                  <p className="why">No single answer pointed clearly here; it is listed because nothing fitted better.</p>
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

      <section aria-labelledby="now-heading">
        <h2 id="now-heading">What to do now</h2>
        <p>{view.advice.nextStep}</p>
        {manageable && tip ? <p>{tip}</p> : null}
        {manageable ? (
          <>
            <h3>Ice and supports</h3>
            <p>
              Ice can ease pain after a run; a support suits some conditions and not others. See the ice and support advice linked above for your
              most likely cause, or the general guides:
            </p>
            <ul className="result-links">
              <li>
                <a href="/learn/ice-therapy">Read: Ice therapy and ice wraps</a>
              </li>
              <li>
                <a href="/learn/knee-supports">Read: Knee supports for running</a>
              </li>
            </ul>
          </>
        ) : (
          <p>Do not run, ice or strap the knee in place of being seen: get it checked first.</p>
        )}
      </section>

      {saveArea}
    </div>
  );
}
