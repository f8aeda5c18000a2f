/**
 * The condition model: for each condition a prior and a weight per evidence atom, on a
 * log-odds-like scale (+3 ≈ a near-defining finding, +1.5 a typical feature, +0.5 a weak hint,
 * negative = a feature the source says points elsewhere). A condition's score is its prior plus
 * the weights of the atoms present; a softmax turns scores into relative likelihoods.
 *
 * Every weight comes from the clinical descriptions in ../shared/evidence.md (section a, source
 * named per block), the plain meanings in ../shared/assessment/1.1/README.md and, for the four
 * 1.1 conditions, the sources named in their blocks. None is fitted to
 * the vignettes: a weight must be defensible as a clinical reason on its own.
 *
 * Priors: patellofemoral pain is the commonest runner's knee diagnosis (25-40% of sports-clinic
 * knee problems, evidence.md) and is the reference 0; ITBS and patellar tendinopathy are the
 * next commonest overuse problems; infection, clots and SCFE are rare, so they start low and
 * rise only on their cardinal features (red-flag rules handle their urgency independently).
 */
import type { ConditionId, PainLocation } from "./codes.js";
import type { Atom } from "./evidence-atoms.js";

export type ModelledCondition = Exclude<ConditionId, "other_or_unclear">;

export interface ConditionModel {
  prior: number;
  /**
   * Where the condition can hurt. Every source describes a condition first by where it hurts
   * (evidence.md, "Where"), so when none of the reported places fits, the condition is
   * penalised by LOCATION_MISMATCH rather than winning on shared aggravating factors alone.
   */
  locations: readonly PainLocation[];
  weights: Partial<Record<Atom, number>>;
  /**
   * Ages outside which the condition cannot occur (growth-plate problems need open growth
   * plates); the README's children band is 8-16.
   */
  ageRange?: readonly [number, number];
  /**
   * For the conditions whose floor is "urgent" (README, "Condition floors"): the condition may
   * lead the ranking only when one of these groups of atoms is all present. Each group is the
   * cardinal feature its sources put first, and each is also a trigger of an urgent or emergency
   * red flag, so triage never rests on a floor that extra answers could take away: adding
   * answers can then never lower the triage of an input with a red flag.
   */
  leadsOnlyWith?: readonly (readonly Atom[])[];
}

/** Points for "none of the painful places fits": roughly a likelihood ratio of 1 in 20. */
export const LOCATION_MISMATCH = -3;

/** Every place in or around the knee joint itself (not the calf or the hip). */
const WHOLE_KNEE: readonly PainLocation[] = [
  "anterior_around_behind_kneecap",
  "front_of_kneecap",
  "below_kneecap",
  "lateral",
  "medial_joint_line",
  "medial_below_joint",
  "posterior",
  "diffuse",
];

export const CONDITION_MODELS: Readonly<Record<ModelledCondition, ConditionModel>> = {
  // Crossley 2016 consensus (BJSM 50:839): diffuse ache around/behind the kneecap, worse with
  // squatting, stairs, sitting with bent knees and running; kneecap-edge tenderness; effusion
  // and locking point elsewhere. Taunton 2002 (BJSM 36:95): age <34 is a risk factor; more
  // often women. README: both knees together points to overuse. Nielsen 2014: distance-related.
  patellofemoral_pain: {
    prior: 0,
    locations: ["anterior_around_behind_kneecap", "below_kneecap", "diffuse"],
    weights: {
      "loc:anterior_around_behind_kneecap": 3,
      "loc:below_kneecap": 0.5,
      "loc:diffuse": 0.5,
      "agg:squatting": 1,
      "agg:stairs_down": 1,
      "agg:stairs_up": 0.5,
      "agg:prolonged_sitting": 1.2,
      "agg:running_downhill": 0.5,
      "tender:kneecap_edges": 2,
      // Kneecap-edge tenderness is its examination sign; a knee sore nowhere argues mildly against.
      "tender:none_found": -0.5,
      // A sore spot away from the kneecap names another structure (evidence-atoms.ts).
      tender_away_from_kneecap: -1.5,
      child_focal_tenderness: -2,
      "sign:kneecap_shifted_out": -1.5,
      // Overuse does not cause fever: feeling unwell points to infection or inflammation.
      "sign:fever_unwell": -1.5,
      "onset:gradual": 0.5,
      "onset:sudden_with_injury": -2,
      "swell:mild": -0.5,
      "swell:delayed_within_24h": -1,
      "swell:rapid_within_2h": -2,
      "sign:locking": -1,
      "sign:cannot_fully_straighten": -1.5,
      age_under_34: 0.5,
      // "adolescents to middle age": in older runners wear-related causes take over.
      age_55_plus: -1,
      "sex:female": 0.3,
      "side:both": 0.5,
      "train:volume_increase": 0.3,
      "train:hills_added": 0.3,
      volume_jump_30: 0.3,
    },
  },
  // BMJ Best Practice topic 587: lateral pain over the femoral epicondyle that starts at a
  // predictable distance; descents, cambered roads and tracks; tender epicondyle, sometimes
  // snapping; after abrupt increases. Swelling, locking or joint-line tenderness suggest the
  // lateral meniscus instead (evidence.md).
  iliotibial_band_syndrome: {
    prior: -0.5,
    locations: ["lateral"],
    weights: {
      "loc:lateral": 3,
      "agg:predictable_distance_into_run": 2.5,
      "agg:running_downhill": 1,
      "agg:stairs_down": 0.3,
      "sign:lateral_popping_snapping": 1.5,
      "tender:lateral_femoral_epicondyle": 2.5,
      "tender:lateral_joint_line": -1.5,
      joint_swelling: -1.5,
      "sign:fever_unwell": -1.5,
      "sign:locking": -1.5,
      "onset:gradual": 0.5,
      "onset:sudden_with_injury": -2,
      "train:volume_increase": 0.5,
      "train:surface_change": 0.5,
      "train:hills_added": 0.3,
      volume_jump_30: 0.3,
    },
  },
  // Malliaras 2015 (JOSPT 45:887): inferior-pole pain and pinpoint tenderness; jumping,
  // bounding, hills, deep loaded flexion; sore at the start, easing when warm, worse after and
  // the next morning; mostly 15-30-year-old men. Before growth plates close the apophysis is the
  // weak link instead (Draghi 2008), hence the under-14 penalty.
  patellar_tendinopathy: {
    prior: -1,
    locations: ["below_kneecap", "anterior_around_behind_kneecap"],
    weights: {
      "loc:below_kneecap": 2.5,
      "tender:patellar_tendon_inferior_pole": 3,
      "agg:jumping": 1.5,
      "agg:start_of_run_eases_when_warm": 1.2,
      "agg:after_running": 0.3,
      "agg:first_steps_morning": 0.3,
      "agg:squatting": 0.5,
      "train:speed_work_added": 0.5,
      "train:hills_added": 0.3,
      age_15_30: 0.5,
      age_under_14: -1,
      "sex:male": 0.3,
      "onset:sudden_with_injury": -1.5,
      joint_swelling: -0.5,
      "sign:fever_unwell": -1.5,
    },
  },
  // Brukner & Khan, Clinical Sports Medicine (narrative evidence only): posterior corner pain,
  // pain on resisted knee bending, tendon tenderness, speed and hill work; a lump behind the
  // knee or calf swelling means think Baker's cyst or DVT instead.
  distal_hamstring_tendinopathy: {
    prior: -2,
    locations: ["posterior"],
    weights: {
      "loc:posterior": 2.5,
      "agg:resisted_knee_bending": 3,
      "tender:back_of_knee_tendons": 3,
      "agg:start_of_run_eases_when_warm": 0.8,
      "train:speed_work_added": 1,
      "train:hills_added": 0.5,
      "sign:lump_behind_knee": -2,
      "sign:calf_pain_swelling": -1.5,
      "onset:gradual": 0.5,
      "onset:sudden_with_injury": -1.5,
    },
  },
  // StatPearls NBK557508: fluctuant swelling on the front of the kneecap after kneeling or a
  // blow, knee motion preserved (so no joint effusion); septic bursitis shows warmth, redness
  // and a skin break.
  prepatellar_bursitis: {
    prior: -2,
    locations: ["front_of_kneecap", "anterior_around_behind_kneecap"],
    weights: {
      "loc:front_of_kneecap": 2.5,
      "sign:lump_over_kneecap": 4,
      "agg:kneeling": 1.5,
      "tender:front_of_kneecap_surface": 2,
      "mech:direct_blow": 1.5,
      "sign:warmth_redness": 0.5,
      "hx:recent_skin_wound_or_infection": 0.5,
      joint_swelling: -1,
    },
  },
  // StatPearls NBK557508 (infrapatellar, "clergyman's knee"): swelling below the kneecap over
  // the tendon or shin bump, from kneeling upright; same septic/aseptic split.
  infrapatellar_bursitis: {
    prior: -2.3,
    locations: ["below_kneecap", "anterior_around_behind_kneecap"],
    weights: {
      "loc:below_kneecap": 2,
      "sign:soft_lump_below_kneecap": 4,
      "agg:kneeling": 1.5,
      "tender:tibial_tuberosity": 0.5,
      "mech:direct_blow": 1,
      "sign:warmth_redness": 0.3,
      joint_swelling: -1,
    },
  },
  // Helfenstein 2010 (Rev Bras Reumatol 50:313): tenderness 2-5 cm below the inner joint line;
  // stairs and rising from a chair; middle-aged overweight women, people with knee OA, runners.
  pes_anserine_bursitis: {
    prior: -1.8,
    locations: ["medial_below_joint", "medial_joint_line"],
    weights: {
      "loc:medial_below_joint": 3,
      "tender:pes_anserine": 3,
      "agg:stairs_up": 0.7,
      "agg:prolonged_sitting": 0.5,
      "hx:overweight": 0.8,
      "sex:female": 0.3,
      age_45_plus: 0.5,
      "flag:known_knee_osteoarthritis": 0.7,
      "onset:gradual": 0.3,
    },
  },
  // Noyes 1980 (JBJS Am 62:687): twist on a planted foot, landing or hyperextension; a pop;
  // swelling within 2 h (ACL torn in 72% of acute haemarthroses); giving way. evidence.md:
  // collateral sprains follow a valgus/varus load, hurt on the inner or outer side and usually
  // still allow walking. An injury is the defining feature, so no injury counts strongly against.
  ligament_injury: {
    prior: -1.5,
    locations: WHOLE_KNEE,
    weights: {
      "onset:sudden_with_injury": 3,
      "onset:gradual": -3,
      "onset:sudden_no_injury": -2,
      "mech:twist_pivot": 1,
      "mech:hyperextension": 2,
      "mech:landing": 1,
      "mech:direct_blow": 0.5,
      "sign:pop_at_injury": 0.8,
      "swell:rapid_within_2h": 2,
      "sign:giving_way": 1.5,
      "agg:twisting_pivoting": 0.5,
      "sign:cannot_bear_weight": 0.5,
      "loc:diffuse": 0.5,
      injury_with_side_pain: 1,
      "sign:locking": -0.8,
      // Ottawa items point at bone; a ligament is still likely alongside them.
      "tender:fibular_head": 0.5,
      "sign:cannot_bend_to_right_angle": 0.3,
      "sign:cannot_lift_straight_leg": -1,
    },
  },
  // Logerstedt 2018 CPG (JOSPT 48:A1): in the young a twisting injury, joint-line pain, swelling
  // over hours to a day, catching or locking; joint-line tenderness is the most useful sign.
  // From about 40 tears often come without a clear injury (degenerative) and overlap with OA.
  // Without an injury a tear is unusual in a young knee.
  meniscal_tear: {
    prior: -1.2,
    locations: ["medial_joint_line", "lateral", "posterior", "diffuse", "medial_below_joint"],
    weights: {
      "onset:sudden_with_injury": 1.5,
      "mech:twist_pivot": 1.5,
      older_without_injury: 0.5,
      young_without_injury: -1,
      "loc:medial_joint_line": 1,
      "loc:lateral": 0.3,
      "loc:posterior": 0.3,
      "tender:medial_joint_line": 1,
      "tender:lateral_joint_line": 1,
      "sign:locking": 2,
      "sign:cannot_fully_straighten": 2,
      "sign:clicking": 0.5,
      "swell:delayed_within_24h": 1.5,
      "swell:mild": 0.3,
      "agg:twisting_pivoting": 1,
      "agg:squatting": 0.5,
      "sign:giving_way": 0.3,
    },
  },
  // Warden 2014 (JOSPT 44:749): focal bone pain worse with impact, progressing to rest/night
  // pain; painful hop; localised bony tenderness; rapid load increases, previous bone stress
  // injury, low energy availability. Robertson & Wood 2017: femoral-neck fractures present as
  // exercise-related groin pain. Nielsen 2014: >30% two-week progression. A stress fracture is
  // by definition not from a single injury.
  stress_fracture: {
    prior: -1.8,
    // Shin (tibia) stress injuries are felt on the inner or front shin; the upper fibula and the
    // outer tibial plateau put one on the outer knee (Warden 2014: tibia commonest, not only).
    locations: [
      "medial_below_joint",
      "below_kneecap",
      "hip_groin_thigh",
      "diffuse",
      "lateral",
      "calf",
    ],
    weights: {
      "agg:hopping_on_affected_leg": 2.5,
      "sign:localised_bony_tenderness": 2.5,
      "tender:tibia_bone": 2,
      "tender:femur_bone": 2,
      "agg:night_or_rest": 1.5,
      "hx:previous_stress_fracture": 1.5,
      "hx:low_energy_availability_or_missed_periods": 1.5,
      "flag:osteoporosis_or_low_bone_density": 1,
      "train:volume_increase": 0.7,
      "train:return_after_break": 0.3,
      volume_jump_30: 0.7,
      "loc:hip_groin_thigh": 0.8,
      "loc:medial_below_joint": 0.5,
      "sex:female": 0.3,
      "onset:sudden_with_injury": -3,
      // Bone pain with a sore bone outweighs a location the overuse conditions share.
      tender_away_from_kneecap: 0.3,
    },
  },
  // Margaretten 2007 (JAMA 297:1478): acutely hot, swollen, painful joint, often unable to bear
  // weight; fever insensitive; risk from older age, diabetes, inflammatory arthritis,
  // immunosuppression, recent surgery or prosthesis, skin infection. The infection sits in the
  // joint, so a lump in one spot (a bursa) with no joint swelling points away from it.
  septic_arthritis: {
    prior: -3,
    locations: WHOLE_KNEE,
    leadsOnlyWith: [
      ["sign:warmth_redness"],
      ["sign:fever_unwell", "joint_swelling"],
      ["fever_with_infection_risk"],
    ],
    weights: {
      // The 1.1 infection flags as evidence: a hot swollen joint however it began (a graze is
      // the way in), and fever where infection may show no swelling yet (Kocher 1999).
      joint_infection_pattern: 1.5,
      fever_with_infection_risk: 3.5,
      "sign:limp": 0.5,
      "sign:fever_unwell": 2.5,
      "sign:warmth_redness": 2,
      joint_swelling: 1,
      no_joint_swelling: -2,
      "swell:delayed_within_24h": 0.5,
      "swell:rapid_within_2h": 0.5,
      "sign:cannot_bear_weight": 1,
      "hx:immunosuppressed_or_diabetes": 1,
      "hx:recent_skin_wound_or_infection": 1,
      "hx:gout_or_inflammatory_arthritis": 0.5,
      "sign:other_joints_swollen": -0.5,
      "flag:previous_joint_replacement": 1,
      "hx:previous_knee_surgery": 0.5,
      age_55_plus: 0.3,
      "onset:sudden_no_injury": 1,
      "onset:gradual": -1,
      "loc:diffuse": 0.5,
      "agg:night_or_rest": 0.5,
      "sign:lump_over_kneecap": -1.5,
      "sign:soft_lump_below_kneecap": -1.5,
    },
  },
  // NICE NG158 (two-level Wells score): calf swelling and deep-vein tenderness, previous DVT,
  // cancer, recent immobilisation or surgery; oestrogen and long travel are runners' risks
  // (evidence.md); breathlessness raises suspicion of embolism. Wells subtracts 2 points when
  // another diagnosis is as likely, as with a known lump behind the knee.
  deep_vein_thrombosis: {
    prior: -3,
    locations: ["calf", "posterior"],
    leadsOnlyWith: [["sign:calf_pain_swelling"], ["calf_pain_with_clot_risk"]],
    weights: {
      "sign:calf_pain_swelling": 3,
      // 1.1 possible_dvt: a calf or back-of-knee ache with a clot risk and no injury.
      calf_pain_with_clot_risk: 2.5,
      "hx:pregnant_or_recently_pregnant": 1.5,
      "loc:calf": 1.5,
      "loc:posterior": 0.5,
      "tender:calf": 1,
      "hx:clot_history_or_clotting_disorder": 1.5,
      "hx:recent_long_travel_or_immobilisation": 1.5,
      "hx:hormonal_contraception_or_hrt": 0.8,
      "hx:cancer_history": 1.5,
      "hx:previous_knee_surgery": 0.5,
      "sign:chest_pain_or_breathless": 2,
      "sign:lump_behind_knee": -1.5,
    },
  },
  // NICE NG226: clinical diagnosis at ≥45 with activity-related pain and no or ≤30 min morning
  // stiffness; trauma, long stiffness or a hot swollen joint suggest something else. Crepitus,
  // mild effusion, medial-compartment pain, excess weight and old injuries are classic.
  knee_osteoarthritis: {
    prior: -1,
    locations: WHOLE_KNEE,
    weights: {
      age_45_plus: 1.5,
      age_under_35: -2.5,
      // A known diagnosis is background, not proof that it causes this episode: a worn knee can
      // also tear a meniscus, grow a cyst or get infected (NICE NG226, atypical features).
      "flag:known_knee_osteoarthritis": 1.5,
      tender_away_from_joint_line: -1,
      "stiff:under_30_min": 1,
      "stiff:over_30_min": -1,
      "onset:gradual": 0.5,
      "onset:sudden_with_injury": -1.5,
      "agg:first_steps_morning": 0.3,
      "sign:clicking": 0.7,
      "swell:mild": 0.5,
      "swell:rapid_within_2h": -1,
      "sign:warmth_redness": -1,
      "sign:other_joints_swollen": -1,
      "sign:back_pain_or_leg_nerve_pain": -0.5,
      "loc:medial_joint_line": 0.8,
      "loc:diffuse": 0.5,
      "agg:stairs_down": 0.3,
      "agg:stairs_up": 0.3,
      "agg:squatting": 0.3,
      "agg:after_running": 0.3,
      "hx:overweight": 0.7,
      "hx:previous_knee_injury": 0.7,
      "hx:previous_knee_surgery": 0.5,
      "flag:postmenopausal": 0.3,
      duration_12_plus: 0.5,
    },
  },
  // Gholve 2007 (Curr Opin Pediatr 19:44): tibial tuberosity pain, tenderness and a bony
  // prominence; boys about 12-15, girls 8-12; growth spurt, running and jumping; kneeling on
  // the bump hurts; bilateral in 20-30%.
  osgood_schlatter: {
    prior: -1.5,
    locations: ["below_kneecap", "anterior_around_behind_kneecap"],
    ageRange: [8, 16],
    weights: {
      osgood_typical_age: 1,
      "tender:tibial_tuberosity": 3,
      "sign:bony_lump_below_kneecap": 3,
      "loc:below_kneecap": 1.5,
      "flag:recent_growth_spurt": 1.5,
      "agg:jumping": 0.7,
      "agg:kneeling": 0.8,
      "agg:squatting": 0.3,
      "agg:stairs_up": 0.3,
      "side:both": 0.3,
      "onset:gradual": 0.3,
      "sign:fever_unwell": -1.5,
    },
  },
  // Draghi 2008 (J Ultrasound 11:151): the same apophysitis at the inferior pole of the
  // kneecap, ages about 10-14, with running and jumping in a growth spurt. A bony bump on the
  // shin below points to Osgood-Schlatter instead.
  sinding_larsen_johansson: {
    prior: -2,
    locations: ["below_kneecap", "anterior_around_behind_kneecap"],
    ageRange: [8, 16],
    weights: {
      age_10_14: 1,
      "tender:patellar_tendon_inferior_pole": 3,
      "loc:below_kneecap": 1.5,
      "flag:recent_growth_spurt": 1.5,
      "agg:jumping": 0.7,
      "agg:squatting": 0.3,
      "agg:stairs_up": 0.3,
      "sign:bony_lump_below_kneecap": -1.5,
      "onset:gradual": 0.3,
      "sign:fever_unwell": -1.5,
    },
  },
  // evidence.md, referred hip pain: hip disease can present as thigh or knee pain with a normal
  // knee examination; in adults hip OA (NICE NG226: ≥45, short morning stiffness).
  referred_hip_pain: {
    prior: -2,
    locations: ["hip_groin_thigh", "anterior_around_behind_kneecap", "diffuse"],
    weights: {
      "loc:hip_groin_thigh": 3,
      "tender:none_found": 1.5,
      age_45_plus: 1,
      "sign:back_pain_or_leg_nerve_pain": -1.5,
      "stiff:under_30_min": 0.5,
      "agg:first_steps_morning": 0.3,
      "onset:gradual": 0.3,
    },
  },
  // Matava 1999 (J Pediatr Orthop 19:455): 8-15 years, often overweight, limp; 15% present with
  // thigh/knee pain only. Peck 2017 (Am Fam Physician 95:779): unstable slips cannot bear weight.
  slipped_capital_femoral_epiphysis: {
    prior: -2.5,
    locations: ["hip_groin_thigh", "anterior_around_behind_kneecap", "diffuse"],
    ageRange: [8, 16],
    leadsOnlyWith: [["sign:limp"], ["sign:cannot_bear_weight"], ["adolescent_normal_knee"]],
    weights: {
      age_8_16: 1.5,
      // 1.1 adolescent_knee_pain_normal_knee: a knee not sore to press sends you to the hip.
      adolescent_normal_knee: 2.5,
      "loc:hip_groin_thigh": 2,
      "sign:limp": 3,
      "hx:overweight": 1.5,
      "sign:cannot_bear_weight": 1,
      "tender:none_found": 0.5,
      "onset:gradual": 0.3,
      "sex:male": 0.3,
    },
  },
  // Handy 2001 (Semin Arthritis Rheum 31:108): fullness or a lump behind the knee, worse in full
  // flexion; peaks at 35-70; usually secondary to OA or a meniscal tear; rupture mimics a DVT
  // ("pseudothrombophlebitis").
  bakers_cyst: {
    prior: -2,
    locations: ["posterior", "calf"],
    weights: {
      "sign:lump_behind_knee": 4.5,
      "loc:posterior": 2,
      "flag:known_knee_osteoarthritis": 1,
      "agg:squatting": 0.7,
      "swell:mild": 0.5,
      "swell:delayed_within_24h": 0.3,
      age_35_70: 0.5,
      calf_swelling_with_lump_behind_knee: 1.5,
      "loc:calf": 0.3,
    },
  },
  // Stefancin & Parker 2007 (Clin Orthop 455:93): the kneecap slips out, usually sideways, on a
  // twist with the foot planted, in teenagers and young adults, more often women; a first
  // dislocation swells fast (blood in the joint) and leaves the inner kneecap rim sore; it may
  // recur, with giving way on turning.
  patellar_dislocation: {
    prior: -2.5,
    locations: [
      "anterior_around_behind_kneecap",
      "diffuse",
      "medial_joint_line",
      "lateral",
      "front_of_kneecap",
    ],
    weights: {
      "sign:kneecap_shifted_out": 5,
      "mech:twist_pivot": 1,
      "swell:rapid_within_2h": 0.7,
      "sign:giving_way": 0.7,
      "tender:kneecap_edges": 0.7,
      "agg:twisting_pivoting": 0.5,
      "hx:previous_knee_injury": 0.3,
      age_under_34: 0.5,
      "sex:female": 0.3,
      "onset:gradual": -1,
    },
  },
  // Ilan 2003 (J Am Acad Orthop Surg 11:192); Garner 2015 (JBJS Am 97:1592): a tendon above or
  // below the kneecap tears, or the kneecap breaks, on a sudden loaded bend (a missed step, a
  // landing) or a fall onto it; a pop, a gap, the leg cannot be lifted straight; quadriceps
  // tears mostly after 40. Its floor is urgent, so it leads only on the failed straight-leg lift,
  // which is also the urgent flag extensor_mechanism_failure.
  extensor_mechanism_injury: {
    prior: -3,
    locations: ["anterior_around_behind_kneecap", "front_of_kneecap", "below_kneecap", "diffuse"],
    leadsOnlyWith: [["sign:cannot_lift_straight_leg"]],
    weights: {
      "sign:cannot_lift_straight_leg": 5,
      "onset:sudden_with_injury": 1.5,
      "onset:gradual": -2,
      "mech:landing": 1,
      "mech:direct_blow": 1,
      "sign:pop_at_injury": 1,
      "sign:cannot_bear_weight": 0.5,
      "tender:front_of_kneecap_surface": 0.7,
      "sign:cannot_bend_to_right_angle": 0.3,
      age_40_plus: 0.5,
      joint_swelling: 0.3,
    },
  },
  // NICE NG100 (rheumatoid arthritis: refer when more than one joint or the small joints are
  // swollen); evidence.md (NICE NG226): morning stiffness over 30 minutes points away from OA
  // towards inflammation; gout flares come on over hours, hot and swollen.
  inflammatory_arthritis: {
    prior: -2.5,
    locations: WHOLE_KNEE,
    weights: {
      "sign:other_joints_swollen": 3,
      "stiff:over_30_min": 2.5,
      "hx:gout_or_inflammatory_arthritis": 2,
      joint_swelling: 1,
      no_joint_swelling: -1,
      "side:both": 0.7,
      "agg:first_steps_morning": 0.5,
      "agg:night_or_rest": 0.3,
      "onset:sudden_no_injury": 0.5,
      "sign:warmth_redness": 0.5,
      "stiff:under_30_min": -0.5,
      "onset:sudden_with_injury": -2,
      "train:volume_increase": -0.3,
    },
  },
  // NICE NG59 and CKS Sciatica: a nerve root in the lower back sends pain from the back or
  // buttock down the leg (L3/L4: front of the thigh to the inner knee; L5/S1: outer leg, calf),
  // with numbness in its strip of skin; the knee itself is not sore to press; sitting loads it.
  lumbar_referred_pain: {
    prior: -2.5,
    locations: [...WHOLE_KNEE, "calf", "hip_groin_thigh"],
    weights: {
      "sign:back_pain_or_leg_nerve_pain": 4,
      "sign:saddle_numbness_or_bladder_bowel_change": 2,
      "sign:numbness_tingling": 1.5,
      "tender:none_found": 1,
      "loc:hip_groin_thigh": 0.7,
      "agg:prolonged_sitting": 0.5,
      no_joint_swelling: 0.3,
      joint_swelling: -1,
      "onset:sudden_with_injury": -1.5,
    },
  },
};
