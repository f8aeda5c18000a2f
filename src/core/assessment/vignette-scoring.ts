/**
 * Scores the engine against a vignette file (../shared/assessment/vignettes.schema.json) with
 * the README's suggested measures: top-1, top-3, exact triage and under-triage. Shared by the
 * vignette test and bench/eval-assessment.ts so both count the same way.
 */
import type { ConditionId, TriageLevel } from "./codes.js";
import { isLessUrgent, urgencyRank } from "./triage.js";
import type { AssessmentInput, AssessmentResult } from "./types.js";

export interface VignetteCase {
  id: string;
  tags: string[];
  narrative: string;
  input: AssessmentInput;
  expected: {
    condition: ConditionId;
    acceptable: ConditionId[];
    triage: TriageLevel;
    source: string;
  };
}

export interface VignetteOutcome {
  id: string;
  tags: string[];
  expectedCondition: ConditionId;
  expectedTriage: TriageLevel;
  got: ConditionId[];
  gotTriage: TriageLevel;
  top1: boolean;
  top3: boolean;
  triageExact: boolean;
  underTriage: boolean;
  /** How many levels below the reference the result is (0 when not under-triaged). */
  levelsUnder: number;
}

export interface VignetteReport {
  cases: number;
  top1: number;
  top3: number;
  triageExact: number;
  underTriage: number;
  /** Under-triaged cases whose reference is urgent or emergency (the goal is zero). */
  underTriageUrgent: number;
  /** Cases under-triaged by two levels or more. */
  underTriageTwoLevels: number;
  /** Fractions 0..1 of the case count. */
  top1Rate: number;
  top3Rate: number;
  triageExactRate: number;
  outcomes: VignetteOutcome[];
}

export function scoreVignettes(
  cases: readonly VignetteCase[],
  run: (input: AssessmentInput) => AssessmentResult,
): VignetteReport {
  const outcomes = cases.map((c): VignetteOutcome => {
    const result = run(c.input);
    const got = result.ranked_conditions.map((r) => r.id);
    return {
      id: c.id,
      tags: c.tags,
      expectedCondition: c.expected.condition,
      expectedTriage: c.expected.triage,
      got,
      gotTriage: result.triage,
      top1: got[0] === c.expected.condition,
      top3: got.slice(0, 3).includes(c.expected.condition),
      triageExact: result.triage === c.expected.triage,
      underTriage: isLessUrgent(result.triage, c.expected.triage),
      levelsUnder: Math.max(0, urgencyRank(result.triage) - urgencyRank(c.expected.triage)),
    };
  });
  const count = (pick: (o: VignetteOutcome) => boolean): number => outcomes.filter(pick).length;
  const n = outcomes.length;
  const rate = (k: number): number => (n === 0 ? 0 : k / n);
  const top1 = count((o) => o.top1);
  const top3 = count((o) => o.top3);
  const triageExact = count((o) => o.triageExact);
  return {
    cases: n,
    top1,
    top3,
    triageExact,
    underTriage: count((o) => o.underTriage),
    underTriageUrgent: count(
      (o) => o.underTriage && urgencyRank(o.expectedTriage) <= urgencyRank("urgent"),
    ),
    underTriageTwoLevels: count((o) => o.levelsUnder >= 2),
    top1Rate: rate(top1),
    top3Rate: rate(top3),
    triageExactRate: rate(triageExact),
    outcomes,
  };
}
