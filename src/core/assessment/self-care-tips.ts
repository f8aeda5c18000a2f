/**
 * What a runner can do meanwhile for the conditions they can look after themselves; the
 * programme and care pages hold the detail and the sources (evidence.md section a, condition by
 * condition). A tip is offered only when no flag forbids it (flag-instructions.ts): never under an
 * urgent or emergency flag, never beside a flag whose instructions it would contradict.
 */
import type { ConditionId } from "./codes.js";
import { hitsFor, selfCareTipsAllowed } from "./flag-instructions.js";
import type { AssessmentInput, AssessmentResult } from "./types.js";

export const SELF_CARE_TIPS: Readonly<Partial<Record<ConditionId, string>>> = {
  patellofemoral_pain:
    "Cut back whatever hurts (downhill running, deep squats, long runs) to a level that stays mild, and start the hip and thigh strengthening in the programme.",
  iliotibial_band_syndrome:
    "Shorten runs to stop before the pain usually starts, keep to flat ground and skip descents for now, and start the hip strengthening in the programme.",
  patellar_tendinopathy:
    "Drop jumping and fast hill work for now, keep running if pain stays mild, and start the tendon holds in the first stage of the programme.",
  distal_hamstring_tendinopathy:
    "Leave out sprints, hill repeats and long strides for now, and start the gentle hamstring loading in the programme.",
  prepatellar_bursitis:
    "Avoid kneeling and pressure on the front of the knee, and watch for warmth, redness or fever.",
  infrapatellar_bursitis:
    "Avoid kneeling and pressure below the kneecap, and watch for warmth, redness or fever.",
  pes_anserine_bursitis:
    "Ease off hills and long runs, and start the hip and thigh strengthening in the programme.",
};

/** The self-care tip this result may show, or null (no tip for the top condition, or a flag forbids it). */
export function selfCareTipFor(input: AssessmentInput, result: AssessmentResult): string | null {
  const top = result.ranked_conditions[0];
  if (top === undefined) return null;
  const tip = SELF_CARE_TIPS[top.id];
  if (tip === undefined) return null;
  return selfCareTipsAllowed(hitsFor(input, result), result.triage) ? tip : null;
}
