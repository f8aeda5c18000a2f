/**
 * Ranks the conditions: prior plus the weights of the atoms present (condition-model.ts),
 * softmax to relative likelihoods, most likely first, each with the input codes that pushed it up.
 */
import { CONDITION_IDS } from "./codes.js";
import { seriousnessRank } from "./triage.js";
import { CONDITION_MODELS, LOCATION_MISMATCH } from "./condition-model.js";
import type { ModelledCondition } from "./condition-model.js";
import { evidenceAtoms } from "./evidence-atoms.js";
import type { AssessmentInput, RankedCondition } from "./types.js";

export interface ConditionScore {
  id: ModelledCondition;
  /** Prior plus the weights of the atoms present. */
  points: number;
  /** Points from the answers alone (without the prior). */
  evidence: number;
  /** Softmax share among the conditions possible at this age, 0..1. */
  likelihood: number;
  /** Input codes that supported the condition, strongest first. */
  reasons: string[];
}

/**
 * Below this much positive evidence for the best condition, no defining feature of any
 * condition was reported: the answers fit nothing well, so "other or unclear" leads. A single
 * near-defining finding (+3 on the model's scale) is enough to clear it.
 */
export const UNCLEAR_EVIDENCE_THRESHOLD = 2.5;

/** Atoms weighing less than this nudge the score but are too weak to show as a reason. */
export const REASON_MIN_WEIGHT = 0.5;

/** How far below the leader a condition lacking its cardinal feature is held. */
export const NON_LEADER_GAP = 1;

/** How many conditions a result lists at most, and the smallest likelihood worth listing. */
export const MAX_LISTED = 6;
export const MIN_LISTED = 3;
export const LISTING_LIKELIHOOD = 0.02;

const MODELLED = CONDITION_IDS.filter((id): id is ModelledCondition => id !== "other_or_unclear");

/**
 * Every condition possible at this age, scored, most likely first. Ties go to the more serious
 * condition (1.1 principle: a tie must not hide the one that needs care), then contract order.
 */
export function scoreConditions(input: AssessmentInput): ConditionScore[] {
  const atoms = evidenceAtoms(input);
  const scored = MODELLED.filter((id) => {
    const range = CONDITION_MODELS[id].ageRange;
    return range === undefined || (input.age >= range[0] && input.age <= range[1]);
  }).map((id) => {
    const model = CONDITION_MODELS[id];
    let evidence = 0;
    const support: { weight: number; codes: readonly string[] }[] = [];
    for (const [atom, codes] of atoms) {
      const weight = model.weights[atom];
      if (weight === undefined) continue;
      evidence += weight;
      if (weight >= REASON_MIN_WEIGHT) support.push({ weight, codes });
    }
    if (!input.pain_locations.some((l) => model.locations.includes(l)))
      evidence += LOCATION_MISMATCH;
    support.sort((a, b) => b.weight - a.weight);
    const reasons = [...new Set(support.flatMap((s) => s.codes))];
    const mayLead =
      model.leadsOnlyWith === undefined ||
      model.leadsOnlyWith.some((group) => group.every((a) => atoms.has(a)));
    return { id, points: model.prior + evidence, evidence, likelihood: 0, reasons, mayLead };
  });

  // A condition without its cardinal feature stays listed but ranks below the best condition
  // that may lead (condition-model.ts, leadsOnlyWith). Conditions without a gate always may
  // lead, so there is always a leader.
  const bestLeader = Math.max(...scored.filter((s) => s.mayLead).map((s) => s.points));
  for (const s of scored) {
    if (!s.mayLead) s.points = Math.min(s.points, bestLeader - NON_LEADER_GAP);
  }

  const top = Math.max(...scored.map((s) => s.points));
  const total = scored.reduce((sum, s) => sum + Math.exp(s.points - top), 0);
  for (const s of scored) s.likelihood = Math.exp(s.points - top) / total;
  // Stable sort: equal scores and seriousness keep the contract's order (deterministic results).
  return scored
    .sort((a, b) => b.points - a.points || seriousnessRank(a.id) - seriousnessRank(b.id))
    .map(({ mayLead: _mayLead, ...score }) => score);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The ranked list a result carries. Scores are rounded, which keeps them non-increasing. Below
 * the leader, only conditions some answer actually pointed at are listed: one that scored nothing
 * is not "also possible", it is merely unexcluded.
 */
export function rankConditions(input: AssessmentInput): RankedCondition[] {
  const scores = scoreConditions(input);
  const supported = scores.filter((s, i) => i === 0 || (s.evidence > 0 && s.reasons.length > 0));
  const listed = supported.filter(
    (s, i) => i < MIN_LISTED || (i < MAX_LISTED && s.likelihood >= LISTING_LIKELIHOOD),
  );
  const ranked: RankedCondition[] = listed.map((s) => ({
    id: s.id,
    score: round3(s.likelihood),
    reasons: s.reasons,
  }));
  const best = scores[0];
  if (best === undefined || best.evidence < UNCLEAR_EVIDENCE_THRESHOLD) {
    // Scores must not increase down the list, so "unclear" carries the leader's score.
    ranked.unshift({ id: "other_or_unclear", score: ranked[0]?.score ?? 0, reasons: [] });
  }
  return ranked;
}
