import type { PainEscalation } from "../../../src/contracts/pain.js";

/**
 * "See a clinician", first on the pain page when the diary shows a pattern that needs one: what
 * fired and on which days, what to do until then, and that the diary is not a diagnosis. A
 * region with its own heading, so screen readers can jump to it; shape and words, not colour only.
 */
export function EscalationNotice({ escalation }: { escalation: PainEscalation }) {
  return (
    <section className="escalation" aria-labelledby="escalation-heading">
      <h2 id="escalation-heading">
        <svg className="escalation-icon" viewBox="0 0 40 40" width="32" height="32" aria-hidden="true" focusable="false">
          <path d="M20 3l18 33H2z" fill="#a4161a" />
          <rect x="17.5" y="13" width="5" height="13" rx="2" fill="#fff" />
          <circle cx="20" cy="31" r="2.8" fill="#fff" />
        </svg>
        {escalation.headline}
      </h2>
      <p className="escalation-lead">Your diary shows {escalation.triggers.length === 1 ? "this pattern" : "these patterns"}:</p>
      <ul className="escalation-triggers">
        {escalation.triggers.map((t) => (
          <li key={t.code}>{t.text}</li>
        ))}
      </ul>
      <p className="escalation-advice">{escalation.advice}</p>
      <p className="escalation-disclaimer">{escalation.notADiagnosis}</p>
    </section>
  );
}
