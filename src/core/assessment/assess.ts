/**
 * The assessment: red flags first, then the ranking, then the triage level. Triage is the most
 * urgent of the red-flag level and the floor of the top-ranked condition (README, "Red-flag ids
 * and triage rules" and "Condition floors"); both can only raise it, so nothing the ranking does
 * can take the level below what a red flag demands.
 */
import { SCHEMA_VERSION } from "./codes.js";
import { rankConditions } from "./rank-conditions.js";
import { findRedFlags } from "./red-flags.js";
import { conditionFloor, moreUrgent } from "./triage.js";
import type { AssessmentInput, AssessmentResult } from "./types.js";

export function assess(input: AssessmentInput): AssessmentResult {
  const flags = findRedFlags(input);
  const ranked = rankConditions(input);
  const top = ranked[0];
  const floor = top === undefined ? "self_care" : conditionFloor(top.id);
  return {
    schema_version: SCHEMA_VERSION,
    ranked_conditions: ranked,
    triage: moreUrgent(flags.level, floor),
    red_flags: flags.flags,
  };
}
