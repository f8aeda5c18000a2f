import type { TriageLevel } from "../../../src/contracts/assessments.js";

/** Whom to see and how soon, for each triage level (README "Triage levels", in our words). */
export const WHO_AND_WHEN: Record<TriageLevel, { who: string; when: string }> = {
  emergency: { who: "The emergency services or an emergency department", when: "Now. Do not wait to see if it settles." },
  urgent: { who: "A clinician: a same-day GP appointment, urgent care or a minor injuries unit", when: "Today" },
  see_clinician: { who: "A GP or a physiotherapist", when: "Book within the next one to two weeks" },
  self_care: { who: "No appointment needed for now; a GP or physiotherapist if it is not improving", when: "If it is no better after about six weeks, or gets worse" },
};

/** A short tag shown with the level, in words, so the level never relies on colour. */
export const LEVEL_TAG: Record<TriageLevel, string> = {
  emergency: "Emergency",
  urgent: "Urgent",
  see_clinician: "See a clinician",
  self_care: "Self-care",
};
