import { NOT_A_DIAGNOSIS, WHEN_TO_SEE_A_CLINICIAN } from "../../../src/contracts/assessments.js";
import type { TriageLevel } from "../../../src/contracts/assessments.js";

/**
 * On every screen of the assessment: what this tool is not, and when to get help regardless. On a
 * result that already says "today" or "now" (urgent, emergency) the general "when to be seen"
 * paragraph is left out: a generic "get seen the same day" under an emergency would contradict it.
 */
export function SafetyNote({ triage }: { triage?: TriageLevel } = {}) {
  const alreadyUrgent = triage === "emergency" || triage === "urgent";
  return (
    <aside className="safety-note" aria-label="Not a diagnosis">
      <p>
        <strong>Please note:</strong> {NOT_A_DIAGNOSIS}
      </p>
      {alreadyUrgent ? null : (
        <p>
          <strong>When to see a clinician:</strong> {WHEN_TO_SEE_A_CLINICIAN}
        </p>
      )}
    </aside>
  );
}
