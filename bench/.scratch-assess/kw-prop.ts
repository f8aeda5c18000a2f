import fc from "fast-check";
import { assess } from "/work/main/src/core/assessment/assess.js";
import { findRedFlags } from "/work/main/src/core/assessment/red-flags.js";
import { urgencyRank } from "/work/main/src/core/assessment/triage.js";
import { validInputArb, additionsArb, withAdditions } from "/work/main/src/core/assessment/test-support/arbitraries.js";
let bad = 0;
fc.assert(fc.property(validInputArb, additionsArb, (input, add) => {
  if (findRedFlags(input).flags.length === 0) return true;
  const a = assess(input), b = assess(withAdditions(input, add));
  if (urgencyRank(b.triage) > urgencyRank(a.triage)) { bad++; if (bad < 4) console.log(JSON.stringify({input, add, a: [a.triage, a.ranked_conditions[0], a.red_flags], b: [b.triage, b.ranked_conditions[0]?.id, b.red_flags]})); }
  return true;
}), { numRuns: 30000 });
console.log("bad", bad);
