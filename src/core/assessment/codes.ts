/**
 * Every code of the knee-assessment contract (../shared/assessment/1.1, version 1.1), in one place.
 * The types, the validator, the red-flag rules and the condition model all derive from these
 * arrays, so a code added to the contract is added here once. Order follows the schema files,
 * because validation messages list the allowed values in this order.
 */

/** The version results are answered in. */
export const SCHEMA_VERSION = "1.1" as const;
/** Every 1.0 answer is a valid 1.1 answer (1.1/README.md), so both are accepted. */
export const SCHEMA_VERSIONS = ["1.0", "1.1"] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

export const SEXES = ["female", "male", "other", "undisclosed"] as const;
export type Sex = (typeof SEXES)[number];

export const AFFECTED_SIDES = ["left", "right", "both"] as const;
export type AffectedSide = (typeof AFFECTED_SIDES)[number];

export const ONSETS = ["gradual", "sudden_with_injury", "sudden_no_injury"] as const;
export type Onset = (typeof ONSETS)[number];

export const INJURY_MECHANISMS = [
  "none",
  "twist_pivot",
  "direct_blow",
  "landing",
  "hyperextension",
  "unsure",
] as const;
export type InjuryMechanism = (typeof INJURY_MECHANISMS)[number];

export const PAIN_LOCATIONS = [
  "anterior_around_behind_kneecap",
  "front_of_kneecap",
  "below_kneecap",
  "lateral",
  "medial_joint_line",
  "medial_below_joint",
  "posterior",
  "diffuse",
  "calf",
  "hip_groin_thigh",
] as const;
export type PainLocation = (typeof PAIN_LOCATIONS)[number];

export const AGGRAVATING_FACTORS = [
  "stairs_down",
  "stairs_up",
  "squatting",
  "prolonged_sitting",
  "kneeling",
  "running_downhill",
  "predictable_distance_into_run",
  "start_of_run_eases_when_warm",
  "jumping",
  "hopping_on_affected_leg",
  "twisting_pivoting",
  "first_steps_morning",
  "after_running",
  "resisted_knee_bending",
  "night_or_rest",
] as const;
export type AggravatingFactor = (typeof AGGRAVATING_FACTORS)[number];

export const MORNING_STIFFNESS = ["none", "under_30_min", "over_30_min"] as const;
export type MorningStiffness = (typeof MORNING_STIFFNESS)[number];

export const SWELLINGS = ["none", "mild", "delayed_within_24h", "rapid_within_2h"] as const;
export type Swelling = (typeof SWELLINGS)[number];

export const SIGNS = [
  "lateral_popping_snapping",
  "clicking",
  "locking",
  "cannot_fully_straighten",
  "giving_way",
  "pop_at_injury",
  "cannot_bear_weight",
  "limp",
  "warmth_redness",
  "fever_unwell",
  "calf_pain_swelling",
  "chest_pain_or_breathless",
  "unexplained_weight_loss",
  "numbness_tingling",
  "localised_bony_tenderness",
  "lump_over_kneecap",
  "lump_behind_knee",
  "bony_lump_below_kneecap",
  "soft_lump_below_kneecap",
  // 1.1
  "cannot_bend_to_right_angle",
  "cannot_lift_straight_leg",
  "kneecap_shifted_out",
  "other_joints_swollen",
  "back_pain_or_leg_nerve_pain",
  "saddle_numbness_or_bladder_bowel_change",
] as const;
export type Sign = (typeof SIGNS)[number];

export const TENDER_SPOTS = [
  "none_found",
  "kneecap_edges",
  "patellar_tendon_inferior_pole",
  "tibial_tuberosity",
  "front_of_kneecap_surface",
  "lateral_femoral_epicondyle",
  "medial_joint_line",
  "lateral_joint_line",
  "pes_anserine",
  "back_of_knee_tendons",
  "tibia_bone",
  "femur_bone",
  "calf",
  // 1.1
  "fibular_head",
] as const;
export type TenderSpot = (typeof TENDER_SPOTS)[number];

export const TRAINING_CHANGES = [
  "none",
  "volume_increase",
  "hills_added",
  "speed_work_added",
  "surface_change",
  "new_shoes",
  "worn_shoes",
  "return_after_break",
  "race_recently",
] as const;
export type TrainingChange = (typeof TRAINING_CHANGES)[number];

export const AGE_RELATED_FLAGS = [
  "recent_growth_spurt",
  "known_knee_osteoarthritis",
  "postmenopausal",
  "osteoporosis_or_low_bone_density",
  "previous_joint_replacement",
] as const;
export type AgeRelatedFlag = (typeof AGE_RELATED_FLAGS)[number];

export const MEDICAL_HISTORY_ITEMS = [
  "previous_knee_injury",
  "previous_knee_surgery",
  "previous_stress_fracture",
  "clot_history_or_clotting_disorder",
  "recent_long_travel_or_immobilisation",
  "hormonal_contraception_or_hrt",
  "immunosuppressed_or_diabetes",
  "cancer_history",
  "low_energy_availability_or_missed_periods",
  "recent_skin_wound_or_infection",
  "gout_or_inflammatory_arthritis",
  "overweight",
  // 1.1
  "pregnant_or_recently_pregnant",
] as const;
export type MedicalHistoryItem = (typeof MEDICAL_HISTORY_ITEMS)[number];

/** Most urgent first: the index is the urgency rank used to compare levels. */
export const TRIAGE_LEVELS = ["emergency", "urgent", "see_clinician", "self_care"] as const;
export type TriageLevel = (typeof TRIAGE_LEVELS)[number];

export const CONDITION_IDS = [
  "patellofemoral_pain",
  "iliotibial_band_syndrome",
  "patellar_tendinopathy",
  "distal_hamstring_tendinopathy",
  "prepatellar_bursitis",
  "infrapatellar_bursitis",
  "pes_anserine_bursitis",
  "ligament_injury",
  "meniscal_tear",
  "stress_fracture",
  "septic_arthritis",
  "deep_vein_thrombosis",
  "knee_osteoarthritis",
  "osgood_schlatter",
  "sinding_larsen_johansson",
  "referred_hip_pain",
  "slipped_capital_femoral_epiphysis",
  "bakers_cyst",
  // 1.1
  "patellar_dislocation",
  "extensor_mechanism_injury",
  "inflammatory_arthritis",
  "lumbar_referred_pain",
  "other_or_unclear",
] as const;
export type ConditionId = (typeof CONDITION_IDS)[number];

export const RED_FLAG_IDS = [
  "suspected_joint_infection",
  "possible_pulmonary_embolism",
  "unstable_scfe_pattern",
  "cannot_bear_weight",
  "rapid_swelling_after_injury",
  "locked_knee",
  "possible_dvt",
  "hot_red_swelling",
  "adolescent_hip_pain_with_limp",
  "possible_femoral_neck_stress_fracture",
  "acute_injury_xray_criteria",
  "suspected_bone_stress_injury",
  "night_or_rest_pain",
  "unexplained_weight_loss",
  "knee_instability",
  "mechanical_symptoms",
  "neurological_symptoms",
  "persistent_symptoms_12_weeks",
  // 1.1
  "fever_high_risk",
  "fever_with_knee_pain",
  "young_child_limp",
  "possible_tumour_pattern",
  "extensor_mechanism_failure",
  "kneecap_dislocation",
  "cauda_equina_symptoms",
  "adolescent_knee_pain_normal_knee",
  "hip_source_suspected",
  "inflammatory_pattern",
  "back_source_suspected",
] as const;
export type RedFlagId = (typeof RED_FLAG_IDS)[number];

/**
 * Rules whose id the 1.1 result schema does not list: `possible_knee_dislocation` is in the 1.1
 * README table but not in the schema's `red_flag` enum, and `acute_swelling_without_injury` is
 * our own rule beyond the table (red-flags.ts). Such a rule still sets the triage level and
 * brings its own instructions, but a result's `red_flags` cannot name it without failing the
 * schema (its enums are closed), so it is reported beside the result instead.
 */
export const UNLISTED_RULE_IDS = [
  "possible_knee_dislocation",
  "acute_swelling_without_injury",
] as const;
export type UnlistedRuleId = (typeof UNLISTED_RULE_IDS)[number];

/** Every red-flag rule: the contract's flag ids, then the rules the schema cannot list. */
export const RED_FLAG_RULE_IDS = [...RED_FLAG_IDS, ...UNLISTED_RULE_IDS] as const;
export type RedFlagRuleId = (typeof RED_FLAG_RULE_IDS)[number];

export const AGE_MIN = 5;
export const AGE_MAX = 100;
export const DURATION_WEEKS_MAX = 1040;
export const PAIN_SEVERITY_MAX = 10;
export const VOLUME_CHANGE_MIN = -100;
export const VOLUME_CHANGE_MAX = 1000;
