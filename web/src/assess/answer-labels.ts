import type { AssessmentInput } from "../../../src/contracts/assessments.js";

/*
 * Plain words for every answer code of the assessment contract (../shared/assessment/1.1/README.md
 * gives the meaning of each; the wording here is ours). The same labels explain a result's
 * reasons, which are answer codes.
 */

export type Sex = AssessmentInput["sex"];
export type Side = NonNullable<AssessmentInput["affected_side"]>;
export type Onset = AssessmentInput["onset"];
export type Mechanism = NonNullable<AssessmentInput["injury_mechanism"]>;
export type PainLocation = AssessmentInput["pain_locations"][number];
export type Factor = AssessmentInput["aggravating_factors"][number];
export type Stiffness = NonNullable<AssessmentInput["morning_stiffness"]>;
export type Swelling = AssessmentInput["swelling"];
export type Sign = AssessmentInput["signs"][number];
export type TenderSpot = NonNullable<AssessmentInput["tender_spots"]>[number];
export type TrainingChange = NonNullable<AssessmentInput["training_changes"]>[number];
export type LifeStage = NonNullable<AssessmentInput["age_related_flags"]>[number];
export type History = NonNullable<AssessmentInput["medical_history"]>[number];

export interface Choice<T extends string> {
  code: T;
  label: string;
  hint?: string;
}

export const SEX_CHOICES: Choice<Sex>[] = [
  { code: "female", label: "Female" },
  { code: "male", label: "Male" },
  { code: "other", label: "Another answer" },
  { code: "undisclosed", label: "I'd rather not say" },
];

export const SIDE_CHOICES: Choice<Side>[] = [
  { code: "left", label: "Left knee" },
  { code: "right", label: "Right knee" },
  { code: "both", label: "Both knees" },
];

export const ONSET_CHOICES: Choice<Onset>[] = [
  { code: "gradual", label: "It crept up over days or weeks" },
  { code: "sudden_with_injury", label: "It started with a clear injury", hint: "A twist, a fall, a knock or a bad landing." },
  { code: "sudden_no_injury", label: "It came on quickly without an injury", hint: "Over a few hours or a day or two." },
];

export const MECHANISM_CHOICES: Choice<Mechanism>[] = [
  { code: "twist_pivot", label: "The foot stayed planted while my body turned" },
  { code: "direct_blow", label: "The knee was hit, or I fell onto it" },
  { code: "landing", label: "Landing from a jump or a step" },
  { code: "hyperextension", label: "The knee was forced straight, further than it should go" },
  { code: "unsure", label: "Not sure" },
];

export const SWELLING_CHOICES: Choice<Swelling>[] = [
  { code: "none", label: "No swelling" },
  { code: "mild", label: "A little puffy, often after running" },
  { code: "delayed_within_24h", label: "Clearly swollen, building up over hours to a day" },
  { code: "rapid_within_2h", label: "It swelled up fast, within two hours" },
];

export const STIFFNESS_CHOICES: Choice<Stiffness>[] = [
  { code: "none", label: "No stiffness in the morning" },
  { code: "under_30_min", label: "Stiff for less than half an hour" },
  { code: "over_30_min", label: "Stiff for more than half an hour" },
];

/** The warning signs asked first: each one alone can make the knee urgent or an emergency. */
export const WARNING_SIGNS: Choice<Sign>[] = [
  { code: "chest_pain_or_breathless", label: "New breathlessness or chest pain", hint: "Especially pain when breathing in." },
  { code: "fever_unwell", label: "A fever, shivers, or feeling generally unwell" },
  { code: "warmth_redness", label: "The knee, or a lump on it, is hot or red" },
  { code: "cannot_bear_weight", label: "I can't take four steps on that leg, even with a limp" },
  { code: "cannot_fully_straighten", label: "The knee is stuck and won't straighten fully" },
  { code: "calf_pain_swelling", label: "The calf is painful and swollen or tight" },
  { code: "limp", label: "I'm walking with a limp" },
  {
    code: "saddle_numbness_or_bladder_bowel_change",
    label: "Numb between the legs or around the bottom, or a new problem with bladder or bowel control",
    hint: "Including not feeling when you need to pass water or open your bowels.",
  },
];

/**
 * Asked only after an injury, beside how it happened: each one alone sends an injured knee for
 * an X-ray or a same-day check (the Ottawa knee rule, a torn tendon, a kneecap that came out).
 */
export const INJURY_SIGNS: Choice<Sign>[] = [
  { code: "cannot_bend_to_right_angle", label: "I can't bend the knee as far as a right angle", hint: "About as far as it bends when you sit on a chair." },
  {
    code: "cannot_lift_straight_leg",
    label: "Lying on my back, I can't raise the leg with the knee kept straight",
    hint: "Or the knee sags and won't stay straight while the leg is held up.",
  },
  { code: "kneecap_shifted_out", label: "The kneecap slipped out of place, even if it went back by itself" },
];

export const OTHER_SIGNS: Choice<Sign>[] = [
  { code: "giving_way", label: "The knee buckles or feels unstable" },
  { code: "locking", label: "The knee catches or sticks for a moment, then frees" },
  { code: "clicking", label: "Clicks or creaks, without getting stuck" },
  { code: "lateral_popping_snapping", label: "A flicking or snapping feeling on the outer side" },
  { code: "pop_at_injury", label: "I heard or felt a pop when it happened" },
  { code: "localised_bony_tenderness", label: "One spot on a bone is sharply sore to press" },
  { code: "lump_over_kneecap", label: "A soft swelling on the front of the kneecap" },
  { code: "soft_lump_below_kneecap", label: "A soft, puffy swelling just below the kneecap" },
  { code: "bony_lump_below_kneecap", label: "A hard bump at the top of the shin, below the kneecap" },
  { code: "lump_behind_knee", label: "A soft swelling or fullness behind the knee" },
  { code: "kneecap_shifted_out", label: "The kneecap slipped out of place, even if it went back by itself" },
  { code: "other_joints_swollen", label: "Other joints are swollen or sore at the same time", hint: "Fingers, wrists, toes, ankles or the other knee." },
  { code: "back_pain_or_leg_nerve_pain", label: "Back pain, or a pain that runs from the back or buttock down the leg" },
  { code: "numbness_tingling", label: "Numbness, pins and needles or tingling in the leg or foot" },
  { code: "unexplained_weight_loss", label: "I'm losing weight without trying" },
];

export const PAIN_LOCATION_LABELS: Record<PainLocation, string> = {
  anterior_around_behind_kneecap: "Around the edges of the kneecap, or deep behind it",
  front_of_kneecap: "On the front surface of the kneecap, where you kneel",
  below_kneecap: "Just below the kneecap, on the tendon or the bump of the shin",
  lateral: "The outer side of the knee",
  medial_joint_line: "The inner side, level with the joint",
  medial_below_joint: "The inner side of the upper shin, a little below the joint",
  posterior: "The back of the knee",
  diffuse: "All over, hard to pin down",
  calf: "The calf, below the knee",
  hip_groin_thigh: "The hip, groin or thigh",
};

export const FACTOR_CHOICES: Choice<Factor>[] = [
  { code: "stairs_down", label: "Going down stairs" },
  { code: "stairs_up", label: "Going up stairs" },
  { code: "squatting", label: "Squatting or deep knee bends" },
  { code: "prolonged_sitting", label: "Sitting for a long time with bent knees, or standing up after it" },
  { code: "kneeling", label: "Kneeling" },
  { code: "running_downhill", label: "Running downhill" },
  { code: "predictable_distance_into_run", label: "It starts at about the same point in every run and builds until I stop" },
  { code: "start_of_run_eases_when_warm", label: "Sore at the start of a run, eases once warm, back afterwards" },
  { code: "after_running", label: "Worse after running, or the next day" },
  { code: "jumping", label: "Jumping, bounding or landing" },
  { code: "hopping_on_affected_leg", label: "Hopping on that leg hurts", hint: "Only try this if walking is comfortable." },
  { code: "twisting_pivoting", label: "Turning or pivoting on that leg" },
  { code: "first_steps_morning", label: "The first steps after getting up" },
  { code: "resisted_knee_bending", label: "Bending the knee against resistance, like a hamstring curl" },
  { code: "night_or_rest", label: "It hurts at rest or wakes me at night" },
];

export const TENDER_CHOICES: Choice<Exclude<TenderSpot, "none_found">>[] = [
  { code: "kneecap_edges", label: "The rim of the kneecap" },
  { code: "patellar_tendon_inferior_pole", label: "The lower tip of the kneecap, where the tendon starts" },
  { code: "tibial_tuberosity", label: "The bump at the top of the shin" },
  { code: "front_of_kneecap_surface", label: "The front surface of the kneecap" },
  { code: "lateral_femoral_epicondyle", label: "The bony bump on the outer side, a little above the joint" },
  { code: "fibular_head", label: "The bony knob on the outer side, just below the knee" },
  { code: "lateral_joint_line", label: "The outer side, level with the joint" },
  { code: "medial_joint_line", label: "The inner side, level with the joint" },
  { code: "pes_anserine", label: "The inner upper shin, below the joint" },
  { code: "back_of_knee_tendons", label: "The tendons at the back corners of the knee" },
  { code: "tibia_bone", label: "The shin bone itself" },
  { code: "femur_bone", label: "The thigh bone itself" },
  { code: "calf", label: "The calf" },
];

/** Duration presets in weeks: the midpoint of each band, so the 12-week rule falls where it should. */
export const DURATION_CHOICES: { code: string; weeks: number; label: string }[] = [
  { code: "days", weeks: 0.3, label: "A few days" },
  { code: "1-2w", weeks: 1.5, label: "One to two weeks" },
  { code: "2-6w", weeks: 4, label: "Two to six weeks" },
  { code: "6-12w", weeks: 9, label: "Six to twelve weeks" },
  { code: "3-6m", weeks: 18, label: "Three to six months" },
  { code: "6m+", weeks: 40, label: "More than six months" },
];

export const TRAINING_CHOICES: Choice<Exclude<TrainingChange, "none">>[] = [
  { code: "volume_increase", label: "Ran more distance or for longer" },
  { code: "hills_added", label: "Added hills" },
  { code: "speed_work_added", label: "Added speed work: intervals, sprints or track" },
  { code: "surface_change", label: "Changed surface: track, trails or cambered roads" },
  { code: "new_shoes", label: "New shoes" },
  { code: "worn_shoes", label: "Shoes that are worn out" },
  { code: "return_after_break", label: "Started again after a break, an illness or a pregnancy" },
  { code: "race_recently", label: "Ran a race" },
];

export const LIFE_STAGE_CHOICES: Choice<LifeStage>[] = [
  { code: "recent_growth_spurt", label: "Growing fast at the moment (children and teenagers)" },
  { code: "known_knee_osteoarthritis", label: "A clinician has told me I have knee osteoarthritis" },
  { code: "postmenopausal", label: "Past the menopause" },
  { code: "osteoporosis_or_low_bone_density", label: "Osteoporosis or low bone density" },
  { code: "previous_joint_replacement", label: "A knee or hip replacement" },
];

export const HISTORY_CHOICES: Choice<History>[] = [
  { code: "previous_knee_injury", label: "An earlier knee injury" },
  { code: "previous_knee_surgery", label: "Knee surgery in the past" },
  { code: "previous_stress_fracture", label: "A stress fracture in the past" },
  { code: "clot_history_or_clotting_disorder", label: "A blood clot before, or a clotting disorder" },
  { code: "recent_long_travel_or_immobilisation", label: "A long flight or drive, bed rest, a plaster cast or an operation recently" },
  { code: "hormonal_contraception_or_hrt", label: "Hormonal contraception or HRT" },
  { code: "immunosuppressed_or_diabetes", label: "Diabetes, or medicine that weakens the immune system" },
  { code: "cancer_history", label: "Cancer now or recently" },
  { code: "low_energy_availability_or_missed_periods", label: "Not eating enough for my training, or periods that stopped or became irregular" },
  { code: "recent_skin_wound_or_infection", label: "A cut or graze near the knee, or an infection elsewhere" },
  { code: "gout_or_inflammatory_arthritis", label: "Gout or inflammatory arthritis" },
  { code: "overweight", label: "Carrying more weight than is healthy for me" },
  { code: "pregnant_or_recently_pregnant", label: "Pregnant now, or had a baby in the last six weeks" },
];

const ONSET_REASON: Record<Onset, string> = {
  gradual: "it came on gradually",
  sudden_with_injury: "it began with an injury",
  sudden_no_injury: "it came on quickly without an injury",
};

const SPECIAL_REASONS: Record<string, string> = {
  age: "Your age",
  swelling: "No swelling of the joint",
  recent_volume_change_percent: "A recent jump in weekly distance",
  duration_weeks: "How long it has lasted",
  female: "Sex: female",
  male: "Sex: male",
  left: "One knee only",
  right: "One knee only",
  both: "Both knees",
};

/**
 * Plain words for a reason code of a result, or null for one that says nothing on its own
 * ("none"). Reasons are answer codes, plus a few field names for numbers (age, duration).
 */
export function reasonLabel(code: string): string | null {
  if (code === "none" || code === "other" || code === "undisclosed") return null;
  const special = SPECIAL_REASONS[code];
  if (special !== undefined) return special;
  if (code in PAIN_LOCATION_LABELS) return `Where it hurts: ${PAIN_LOCATION_LABELS[code as PainLocation].toLowerCase()}`;
  if (code in ONSET_REASON) return `How it started: ${ONSET_REASON[code as Onset]}`;
  const lists: Choice<string>[][] = [
    WARNING_SIGNS,
    INJURY_SIGNS,
    OTHER_SIGNS,
    FACTOR_CHOICES,
    TENDER_CHOICES.map((c) => ({ ...c, label: `Sore to press: ${c.label.toLowerCase()}` })),
    TRAINING_CHOICES,
    LIFE_STAGE_CHOICES,
    HISTORY_CHOICES,
    MECHANISM_CHOICES,
    STIFFNESS_CHOICES,
    SWELLING_CHOICES,
  ];
  for (const list of lists) {
    const found = list.find((c) => c.code === code);
    if (found) return found.label;
  }
  return code.replace(/_/g, " ");
}

/** The reasons of one condition in plain words, without repeats or empty ones. */
export function reasonLabels(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (const code of codes) {
    const label = reasonLabel(code);
    if (label !== null && !out.includes(label)) out.push(label);
  }
  return out;
}
