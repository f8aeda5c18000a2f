import { NOT_A_DIAGNOSIS, WHEN_TO_SEE_A_CLINICIAN } from "../../../src/contracts/assessments.js";

/** On every screen of the assessment: what this tool is not, and when to get help regardless. */
export function SafetyNote() {
  return (
    <aside className="safety-note" aria-label="Not a diagnosis">
      <p>
        <strong>This is not a diagnosis.</strong> {NOT_A_DIAGNOSIS}
      </p>
      <p>
        <strong>When to see a clinician:</strong> {WHEN_TO_SEE_A_CLINICIAN}
      </p>
    </aside>
  );
}
