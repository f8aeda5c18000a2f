/**
 * Plain-words names for condition and red-flag ids, for people reading a result (the CLI's
 * text output, the web app). Written in our own words; the ids stay the contract's.
 */
import type { ConditionId, RedFlagRuleId } from "./codes.js";

export const CONDITION_LABELS: Readonly<Record<ConditionId, string>> = {
  patellofemoral_pain: "Patellofemoral pain (runner's knee): the kneecap joint is overloaded",
  iliotibial_band_syndrome:
    "Iliotibial band syndrome: irritation on the outer knee where the band crosses the thigh bone",
  patellar_tendinopathy:
    "Patellar tendinopathy (jumper's knee): the tendon under the kneecap is overloaded",
  distal_hamstring_tendinopathy: "Hamstring tendinopathy at the back corner of the knee",
  prepatellar_bursitis: "Prepatellar bursitis: an irritated fluid sac on the front of the kneecap",
  infrapatellar_bursitis: "Infrapatellar bursitis: an irritated fluid sac just under the kneecap",
  pes_anserine_bursitis: "Pes anserine pain: the tendon attachment on the inner upper shin",
  ligament_injury: "Knee ligament sprain or tear",
  meniscal_tear: "Meniscus tear: damage to one of the cartilage discs inside the knee",
  stress_fracture: "Bone stress injury or stress fracture (shin or thigh bone)",
  septic_arthritis: "Infection inside the knee joint",
  deep_vein_thrombosis: "Blood clot in a deep vein of the leg (DVT)",
  knee_osteoarthritis: "Knee osteoarthritis flare",
  osgood_schlatter: "Osgood-Schlatter: growth-plate irritation at the bump below the kneecap",
  sinding_larsen_johansson:
    "Sinding-Larsen-Johansson: growth-plate irritation at the lower tip of the kneecap",
  referred_hip_pain: "Pain coming from the hip and felt in the knee",
  slipped_capital_femoral_epiphysis: "Slipped growth plate at the top of the thigh bone (SCFE)",
  bakers_cyst: "Baker's cyst: a fluid pocket behind the knee",
  patellar_dislocation:
    "The kneecap slipped out of its groove (dislocation or partial dislocation)",
  extensor_mechanism_injury:
    "A torn thigh-muscle or kneecap tendon, or a broken kneecap: the knee cannot straighten itself",
  inflammatory_arthritis:
    "Inflammatory arthritis: joint inflammation from the immune system or crystals (such as gout)",
  lumbar_referred_pain: "Pain coming from the lower back and felt in the thigh or knee",
  other_or_unclear: "No single cause fits these answers well",
};

export const RED_FLAG_LABELS: Readonly<Record<RedFlagRuleId, string>> = {
  suspected_joint_infection: "The knee may be infected",
  possible_pulmonary_embolism:
    "Breathlessness or chest pain could mean a clot has reached the lungs",
  unstable_scfe_pattern:
    "A child who cannot stand on the leg with hip or thigh pain may have a slipped growth plate",
  cannot_bear_weight: "You cannot put weight on the leg",
  rapid_swelling_after_injury:
    "Fast swelling after an injury usually means bleeding inside the joint",
  locked_knee: "The knee is locked and will not straighten",
  possible_dvt: "Calf or back-of-knee pain like this may be a blood clot",
  hot_red_swelling: "A hot, red swelling may be infected",
  adolescent_hip_pain_with_limp: "A limp in a child or teenager needs the hip checked",
  possible_femoral_neck_stress_fracture:
    "Groin or thigh pain with these signs may be a stress fracture of the hip",
  acute_injury_xray_criteria: "After this injury an X-ray may be needed",
  suspected_bone_stress_injury: "Signs of a possible bone stress injury",
  night_or_rest_pain: "Pain at rest or at night",
  unexplained_weight_loss: "Weight loss without trying",
  knee_instability: "The knee gives way",
  mechanical_symptoms: "The knee catches or sticks",
  neurological_symptoms: "Numbness or tingling in the leg",
  persistent_symptoms_12_weeks: "The pain has lasted 12 weeks or more",
  fever_high_risk:
    "Fever in a child, or in someone with a joint replacement, knee surgery, diabetes, weak immunity or a recent wound",
  fever_with_knee_pain: "Fever or feeling unwell together with knee pain",
  young_child_limp: "A limp in a young child",
  possible_tumour_pattern: "This pattern of pain at rest or at night needs an X-ray soon",
  extensor_mechanism_failure:
    "You cannot lift the straight leg: the tendon or kneecap may be broken",
  kneecap_dislocation: "The kneecap slipped out of place",
  possible_knee_dislocation:
    "An injury with numbness may mean the knee dislocated, which can harm the artery and nerve behind it",
  cauda_equina_symptoms:
    "Numbness between the legs or a change in bladder or bowel control may mean pressure on the nerves in the spine",
  adolescent_knee_pain_normal_knee:
    "A young person's knee that is not sore to press needs the hip checked",
  hip_source_suspected:
    "Groin or thigh pain with a knee that is not sore to press may come from the hip",
  inflammatory_pattern: "Long morning stiffness or other swollen joints suggest joint inflammation",
  back_source_suspected: "Back pain or pain running down the leg may come from the back",
  acute_swelling_without_injury:
    "A knee that swelled up within hours without an injury needs checking for blood, crystals or infection in the joint",
};
