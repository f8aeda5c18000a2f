/**
 * What each red flag asks the runner to do, in our own plain words (1.1 README, principles: "a
 * flag that sets the level brings its own instructions, and they come first"). Each flag says
 * what to do now, where to go and how soon; the clinical basis is the flag's source in the 1.1
 * table and evidence.md section b). A flag whose level is "see a clinician" also says whether the
 * top condition's self-care tips may be shown beside it: never where they would contradict it
 * (no "keep running, shorter" under a suspected bone stress injury).
 */
import type { RedFlagRuleId, TriageLevel } from "./codes.js";
import { findRedFlags, redFlagLevel } from "./red-flags.js";
import type { RedFlagHit } from "./red-flags.js";
import { urgencyRank } from "./triage.js";
import type { AssessmentInput, AssessmentResult } from "./types.js";

export interface FlagInstructions {
  /** What to do right now, most important first. */
  do_now: readonly string[];
  /** Where to go (and, where it matters, where not to). */
  where_to_go: string;
  /** How soon. */
  how_soon: string;
  /**
   * Whether self-care tips for the top condition may appear beside this flag. Only ever true for
   * flags of the "see a clinician" level: urgent and emergency flags hide tips entirely.
   */
  self_care_tips: boolean;
}

const EMERGENCY_NOW =
  "Now: call your local emergency number or go straight to an emergency department.";
const NO_DRIVING = "Do not drive yourself: ask someone to take you, or call an ambulance.";
const STOP_RUNNING =
  "Stop running and all jumping, hopping and other impact until you have been checked.";
const NO_WEIGHT =
  "Keep your weight off the leg: use crutches or a stick if you have them, and do not try to walk it off.";
const NO_FOOD = "Do not eat or drink until you have been seen, in case you need an operation.";

export const FLAG_INSTRUCTIONS: Readonly<Record<RedFlagRuleId, FlagInstructions>> = {
  suspected_joint_infection: {
    do_now: [
      "Do not wait to see whether it settles: an infected joint can be damaged within hours.",
      NO_DRIVING,
      NO_FOOD,
      "Do not run, ice, strap or massage the knee, and do not take leftover antibiotics.",
    ],
    where_to_go: "An emergency department, where the fluid in the joint can be tested.",
    how_soon: EMERGENCY_NOW,
    self_care_tips: false,
  },
  possible_pulmonary_embolism: {
    do_now: [
      "Call your local emergency number now; sit upright and rest while you wait.",
      "Do not walk, run or drive to get help.",
    ],
    where_to_go: "An ambulance to an emergency department.",
    how_soon: "Now: this cannot wait for an appointment.",
    self_care_tips: false,
  },
  unstable_scfe_pattern: {
    do_now: [
      "Do not let the child stand or walk on the leg: carry them or use a wheelchair.",
      NO_FOOD,
      NO_DRIVING,
    ],
    where_to_go: "An emergency department, where the hip can be X-rayed.",
    how_soon: EMERGENCY_NOW,
    self_care_tips: false,
  },
  cannot_bear_weight: {
    do_now: [NO_WEIGHT, STOP_RUNNING, NO_DRIVING],
    where_to_go:
      "A minor injuries unit, an urgent treatment centre or an emergency department that can X-ray the knee.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  rapid_swelling_after_injury: {
    do_now: [
      STOP_RUNNING,
      "Rest the leg raised and put on a cold pack wrapped in a cloth, 15-20 minutes at a time, while you arrange to be seen.",
      "If walking hurts, use crutches and keep your weight off it.",
    ],
    where_to_go:
      "A minor injuries unit, an urgent treatment centre or an emergency department: swelling this fast usually means bleeding inside the joint and needs an X-ray and an examination.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  locked_knee: {
    do_now: [
      "Do not force the knee straight and do not run on it.",
      "Use crutches if you have to walk any distance.",
    ],
    where_to_go:
      "A same-day GP, an urgent treatment centre or an emergency department: a torn piece of cartilage may be jammed in the joint. If the knee has been stuck like this for three months or more, book a GP or physiotherapist instead.",
    how_soon: "Today, unless the block is months old; then within one to two weeks.",
    self_care_tips: false,
  },
  possible_dvt: {
    do_now: [
      "Stop running and do not massage or stretch the calf.",
      "If you become breathless or have chest pain, call your local emergency number at once.",
    ],
    where_to_go:
      "A same-day service that can scan the leg for a clot, such as an emergency department or a same-day GP who can arrange an ultrasound scan. A minor injuries unit usually cannot do this scan.",
    how_soon: "Today: the scan is meant to happen within a few hours.",
    self_care_tips: false,
  },
  hot_red_swelling: {
    do_now: [
      "Do not kneel on it, run on it or try to drain it.",
      "If you start to feel feverish or unwell, or the redness spreads, go to an emergency department.",
    ],
    where_to_go:
      "A same-day GP or an urgent treatment centre: a hot, red swelling may be infected.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  adolescent_hip_pain_with_limp: {
    do_now: [
      "Stop sport and running; let the child rest and use crutches if walking hurts.",
      "If they cannot put weight on the leg at all, go to an emergency department now.",
    ],
    where_to_go:
      "A same-day GP, an urgent treatment centre or an emergency department, and ask for the hip to be examined, not only the knee.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  possible_femoral_neck_stress_fracture: {
    do_now: [
      "Stop running and all impact now; walk as little as you can, with crutches if you have them.",
      "Do not test it by hopping or running again.",
    ],
    where_to_go:
      "A same-day GP, an urgent treatment centre or an emergency department, and say you may have a stress fracture of the hip: it needs imaging.",
    how_soon: "Today: a crack in the hip bone can become a full break if you keep loading it.",
    self_care_tips: false,
  },
  acute_injury_xray_criteria: {
    do_now: [STOP_RUNNING, "If walking hurts, use crutches and keep your weight off the leg."],
    where_to_go:
      "A minor injuries unit, an urgent treatment centre or an emergency department that can X-ray the knee.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  suspected_bone_stress_injury: {
    do_now: [
      "Stop running and all impact (jumping, hopping) now; walking for everyday needs is fine if it does not hurt.",
      "Do not keep running, however short the runs: a stressed bone needs the load taken off.",
      "Cycling or swimming are fine if they are pain-free.",
    ],
    where_to_go: "A GP or sports physiotherapist, who can arrange imaging if needed.",
    how_soon:
      "Within days; go the same day if you start to limp or the pain comes at rest or at night.",
    self_care_tips: false,
  },
  night_or_rest_pain: {
    do_now: ["Pause running until you have been seen."],
    where_to_go: "A GP, who can arrange an X-ray or blood tests if they are needed.",
    how_soon:
      "Within one to two weeks; sooner if you also lose weight, feel unwell or the pain grows.",
    self_care_tips: false,
  },
  unexplained_weight_loss: {
    do_now: ["Tell the GP about the weight loss as well as the knee."],
    where_to_go: "A GP: say how much weight you have lost and over how long.",
    how_soon: "Promptly: within days.",
    self_care_tips: false,
  },
  knee_instability: {
    do_now: [
      "Avoid twisting, turning and sports that change direction until the knee has been examined.",
    ],
    where_to_go: "A GP or physiotherapist, who can test the ligaments.",
    how_soon: "Within one to two weeks.",
    self_care_tips: true,
  },
  mechanical_symptoms: {
    do_now: [
      "Avoid deep squats and twisting; if the knee locks and will not straighten, be seen the same day.",
    ],
    where_to_go: "A GP or physiotherapist.",
    how_soon: "Within one to two weeks.",
    self_care_tips: true,
  },
  neurological_symptoms: {
    do_now: [
      "If the numbness spreads, the leg gets weak, or you notice numbness between the legs or a change in bladder or bowel control, go to an emergency department now.",
    ],
    where_to_go: "A GP or physiotherapist, who can check the nerves of the leg and the back.",
    how_soon: "Within one to two weeks.",
    self_care_tips: true,
  },
  persistent_symptoms_12_weeks: {
    do_now: ["Keep a note of what makes it better and worse to take with you."],
    where_to_go: "A GP or physiotherapist.",
    how_soon:
      "Within the next few weeks: three months is long enough to want a proper examination.",
    self_care_tips: true,
  },
  fever_high_risk: {
    do_now: ["Do not wait to see whether the fever or the pain settles.", NO_DRIVING, NO_FOOD],
    where_to_go:
      "An emergency department: in a child, or after a joint replacement, knee surgery, a recent wound, or with diabetes or weak immunity, a fever with a painful knee can be a joint or bone infection even without swelling.",
    how_soon: EMERGENCY_NOW,
    self_care_tips: false,
  },
  fever_with_knee_pain: {
    do_now: [
      "Stop running.",
      "If the knee becomes hot, red or swollen, or you feel worse, go to an emergency department.",
    ],
    where_to_go: "A same-day GP or an urgent treatment centre.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  young_child_limp: {
    do_now: [
      "Keep the child off sport and let them rest.",
      "If they have a fever or cannot put weight on the leg, go to an emergency department now.",
    ],
    where_to_go: "A same-day GP, an urgent treatment centre or a children's emergency department.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  possible_tumour_pattern: {
    do_now: [
      "Stop running until you have been seen.",
      "Tell the clinician about the night pain and any weight loss.",
    ],
    where_to_go: "A GP, and ask for an X-ray of the painful area.",
    how_soon: "Within a day or two: an X-ray within 48 hours is the guidance.",
    self_care_tips: false,
  },
  extensor_mechanism_failure: {
    do_now: [
      NO_WEIGHT,
      "Keep the knee straight; a splint or a rolled towel along the back of the leg helps.",
      NO_DRIVING,
    ],
    where_to_go:
      "An emergency department or an urgent treatment centre that can X-ray the knee: a torn tendon or broken kneecap is best repaired early.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  kneecap_dislocation: {
    do_now: [
      "Do not try to push the kneecap back yourself.",
      "Keep the knee still and your weight off it; use crutches.",
      STOP_RUNNING,
    ],
    where_to_go:
      "A first or fresh dislocation: a minor injuries unit, urgent treatment centre or emergency department that can X-ray the knee. A kneecap that has slipped before and settled: a GP or physiotherapist.",
    how_soon: "Today for a first or fresh dislocation; otherwise within one to two weeks.",
    self_care_tips: false,
  },
  possible_knee_dislocation: {
    do_now: [
      "Call your local emergency number now.",
      NO_WEIGHT,
      "Tell them the foot is numb: the artery behind the knee may be hurt even if the knee looks straight again.",
    ],
    where_to_go: "An ambulance to an emergency department.",
    how_soon: "Now.",
    self_care_tips: false,
  },
  cauda_equina_symptoms: {
    do_now: [
      "Tell the staff about the numbness between your legs or the bladder or bowel change: these nerves need an MRI scan.",
      NO_DRIVING,
    ],
    where_to_go: "An emergency department, not a GP appointment.",
    how_soon: EMERGENCY_NOW,
    self_care_tips: false,
  },
  adolescent_knee_pain_normal_knee: {
    do_now: [
      "Stop sport and running for now.",
      "If the child starts to limp or cannot put weight on the leg, go to an emergency department.",
    ],
    where_to_go:
      "A same-day GP or an urgent treatment centre, and ask for the hip to be examined: a knee that is not sore to press can be hip trouble felt in the knee.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  hip_source_suspected: {
    do_now: ["Ease off running until the hip has been checked."],
    where_to_go:
      "A GP or physiotherapist, and mention the groin or thigh pain so the hip is examined.",
    how_soon: "Within one to two weeks.",
    self_care_tips: false,
  },
  inflammatory_pattern: {
    do_now: ["Tell the GP which other joints are swollen or stiff, and for how long each morning."],
    where_to_go: "A GP, who may refer you to a rheumatologist.",
    how_soon: "Within one to two weeks; sooner if several joints are swollen.",
    self_care_tips: false,
  },
  acute_swelling_without_injury: {
    do_now: [
      STOP_RUNNING,
      "If the knee turns hot or red, or you feel feverish or unwell, go to an emergency department now.",
      "If you take blood thinners, tell the clinician.",
    ],
    where_to_go: "A same-day GP, an urgent treatment centre or an emergency department.",
    how_soon: "Today.",
    self_care_tips: false,
  },
  back_source_suspected: {
    do_now: [
      "If you notice numbness between the legs or a change in bladder or bowel control, go to an emergency department now.",
    ],
    where_to_go:
      "A GP or physiotherapist, and mention the back pain: the knee may not be the source.",
    how_soon: "Within one to two weeks.",
    self_care_tips: false,
  },
};

export interface LevelSettingFlag extends FlagInstructions {
  id: RedFlagRuleId;
  level: TriageLevel;
}

/**
 * Among flags of the same level, the ones whose instructions must not be overridden come first:
 * the most time-critical, and those that need a particular service (a clot needs a scan that a
 * minor injuries unit usually cannot do). Flags not named keep the README's order after these.
 */
const FIRST_AMONG_EQUALS: readonly RedFlagRuleId[] = [
  "possible_pulmonary_embolism",
  "possible_knee_dislocation",
  "cauda_equina_symptoms",
  "suspected_joint_infection",
  "fever_high_risk",
  "unstable_scfe_pattern",
  "possible_dvt",
  "extensor_mechanism_failure",
  "possible_femoral_neck_stress_fracture",
  "kneecap_dislocation",
];
const priority = (id: RedFlagRuleId): number => {
  const i = FIRST_AMONG_EQUALS.indexOf(id);
  return i < 0 ? FIRST_AMONG_EQUALS.length : i;
};

/**
 * The flags that set the result's level, with their instructions, most pressing first: the
 * hits whose own level is the result's triage. Empty when the level came from a condition floor
 * or no flag fired. `hits` are the answers' red-flag hits (findRedFlags), so that rules the
 * result schema cannot list (possible_knee_dislocation) bring their instructions too.
 */
export function levelSettingFlags(
  hits: readonly RedFlagHit[],
  triage: TriageLevel,
): LevelSettingFlag[] {
  return hits
    .filter((h) => h.level === triage)
    .sort((a, b) => priority(a.id) - priority(b.id))
    .map((h) => ({ id: h.id, level: h.level, ...FLAG_INSTRUCTIONS[h.id] }));
}

/**
 * Whether the top condition's self-care tips may be shown: never when a flag sets an urgent or
 * emergency level, and beside a "see a clinician" flag only when every flag that fired allows
 * them (a tip that contradicts one flag's instructions is not shown at all).
 */
export function selfCareTipsAllowed(hits: readonly RedFlagHit[], triage: TriageLevel): boolean {
  if (urgencyRank(triage) <= urgencyRank("urgent")) return false;
  return hits.every((h) => FLAG_INSTRUCTIONS[h.id].self_care_tips);
}

/** The red-flag hits behind a result: the answers' hits, plus any listed flag a stored result has. */
export function hitsFor(input: AssessmentInput, result: AssessmentResult): RedFlagHit[] {
  const hits = findRedFlags(input).hits;
  const seen = new Set(hits.map((h) => h.id));
  // A result saved under older rules may list a flag today's rules no longer find in its answers;
  // it still counts, at the most urgent level it can demand.
  for (const id of result.red_flags) {
    if (!seen.has(id)) hits.push({ id, level: redFlagLevel(id) });
  }
  return hits;
}
