/*
 * A jointed figure in one picture plane, posed by angles and placed by forward kinematics.
 * Pure: numbers in, points out. The exercise pictures (exercise-figures.ts) describe each
 * position as a few angles, so a pose reads like a physio's instruction ("thigh level, knee
 * at 90 degrees") and the animation can blend two poses angle by angle.
 *
 * Conventions: x to the right, y up, metres, angles in degrees counter-clockwise from +x. In a
 * side view the figure faces +x; "near" limbs are drawn in front and dark, "far" ones behind
 * and light. A front view uses the same model with `spread` parting the hips and shoulders.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Leg {
  /** Direction of the thigh, hip to knee (-90 = straight down). */
  thigh: number;
  /** Knee bend: the shin points `knee` degrees clockwise of the thigh (standing: heel goes back). */
  knee: number;
  /** Ankle: 0 keeps the foot square to the shin; positive points the toes (plantar flexion). */
  ankle?: number;
  /** Share of each segment's length seen in the picture plane (1 = full; less when it points at the viewer). */
  reach?: { thigh?: number; shin?: number; foot?: number };
}

export interface Arm {
  /** Direction of the upper arm, shoulder to elbow. */
  shoulder: number;
  /** Elbow bend: the forearm points `elbow` degrees counter-clockwise of the upper arm. */
  elbow: number;
  reach?: { upper?: number; fore?: number };
}

export const JOINTS = [
  "hip",
  "shoulder",
  "head",
  "hipN",
  "kneeN",
  "ankleN",
  "toeN",
  "hipF",
  "kneeF",
  "ankleF",
  "toeF",
  "shoulderN",
  "elbowN",
  "handN",
  "shoulderF",
  "elbowF",
  "handF",
] as const;
export type JointName = (typeof JOINTS)[number];
export type Joints = Record<JointName, Point>;

export interface Pose {
  /** Direction of the trunk, hip to shoulders (90 = upright). */
  trunk: number;
  /** The head's direction relative to the trunk. */
  neck?: number;
  legN: Leg;
  legF: Leg;
  armN: Arm;
  armF: Arm;
  /** Front views: the distance between the hip joints (shoulders are 1.4 times wider). Negative swaps sides. */
  spread?: number;
  /** Where the hip centre is, when the body rests on something other than its lowest points (a foam roller). */
  hipAt?: Point;
  /** Height of the surface the body rests on (a step; in the air for a hop). */
  groundY?: number;
  /** Joints that rest on that surface; by default the lowest of all. */
  ground?: JointName[];
  /** Moves the figure's anchor joint this far along x (a walk sideways). */
  dx?: number;
}

/** Segment lengths (metres) of an adult about 1.75 m tall, and how thick they are drawn. */
export const BODY = {
  trunk: 0.52,
  neck: 0.07,
  headRadius: 0.1,
  upperArm: 0.3,
  forearm: 0.28,
  thigh: 0.44,
  shin: 0.44,
  foot: 0.16,
  limbWidth: 0.075,
  trunkWidth: 0.13,
} as const;

/** How far a joint's drawn shape reaches beyond its centre: a figure touches the floor with this. */
export function jointRadius(name: JointName): number {
  if (name === "head") return BODY.headRadius;
  if (name === "hip" || name === "shoulder") return BODY.trunkWidth / 2;
  return BODY.limbWidth / 2;
}

const rad = (deg: number) => (deg * Math.PI) / 180;
const step = (from: Point, deg: number, length: number): Point => ({
  x: from.x + Math.cos(rad(deg)) * length,
  y: from.y + Math.sin(rad(deg)) * length,
});

/** The joints of a pose with the hip centre at `hip`. */
export function jointsAt(pose: Pose, hip: Point): Joints {
  const spread = pose.spread ?? 0;
  const shoulder = step(hip, pose.trunk, BODY.trunk);
  const head = step(shoulder, pose.trunk + (pose.neck ?? 0), BODY.neck + BODY.headRadius);
  // Side offsets are square to the trunk, so a lying front view parts the hips up and down.
  const side = pose.trunk + 90;
  const hipN = step(hip, side, spread / 2);
  const hipF = step(hip, side, -spread / 2);
  const shoulderN = step(shoulder, side, (spread * 1.4) / 2);
  const shoulderF = step(shoulder, side, (-spread * 1.4) / 2);
  const leg = (root: Point, l: Leg) => {
    const shinDir = l.thigh - l.knee;
    const knee = step(root, l.thigh, BODY.thigh * (l.reach?.thigh ?? 1));
    const ankle = step(knee, shinDir, BODY.shin * (l.reach?.shin ?? 1));
    const toe = step(ankle, shinDir + 90 - (l.ankle ?? 0), BODY.foot * (l.reach?.foot ?? 1));
    return { knee, ankle, toe };
  };
  const arm = (root: Point, a: Arm) => {
    const elbow = step(root, a.shoulder, BODY.upperArm * (a.reach?.upper ?? 1));
    const hand = step(elbow, a.shoulder + a.elbow, BODY.forearm * (a.reach?.fore ?? 1));
    return { elbow, hand };
  };
  const n = leg(hipN, pose.legN);
  const f = leg(hipF, pose.legF);
  const an = arm(shoulderN, pose.armN);
  const af = arm(shoulderF, pose.armF);
  return {
    hip,
    shoulder,
    head,
    hipN,
    kneeN: n.knee,
    ankleN: n.ankle,
    toeN: n.toe,
    hipF,
    kneeF: f.knee,
    ankleF: f.ankle,
    toeF: f.toe,
    shoulderN,
    elbowN: an.elbow,
    handN: an.hand,
    shoulderF,
    elbowF: af.elbow,
    handF: af.hand,
  };
}

const mix = (a: number, b: number, t: number) => a + (b - a) * t;
const mixOpt = (a: number | undefined, b: number | undefined, t: number, dflt: number) => mix(a ?? dflt, b ?? dflt, t);

function mixLeg(a: Leg, b: Leg, t: number): Leg {
  return {
    thigh: mix(a.thigh, b.thigh, t),
    knee: mix(a.knee, b.knee, t),
    ankle: mixOpt(a.ankle, b.ankle, t, 0),
    reach: {
      thigh: mixOpt(a.reach?.thigh, b.reach?.thigh, t, 1),
      shin: mixOpt(a.reach?.shin, b.reach?.shin, t, 1),
      foot: mixOpt(a.reach?.foot, b.reach?.foot, t, 1),
    },
  };
}

function mixArm(a: Arm, b: Arm, t: number): Arm {
  return {
    shoulder: mix(a.shoulder, b.shoulder, t),
    elbow: mix(a.elbow, b.elbow, t),
    reach: { upper: mixOpt(a.reach?.upper, b.reach?.upper, t, 1), fore: mixOpt(a.reach?.fore, b.reach?.fore, t, 1) },
  };
}

/** The pose a fraction `t` of the way from `a` to `b`, blending every angle (the animation's in-betweens). */
export function blendPoses(a: Pose, b: Pose, t: number): Pose {
  const hipAt = a.hipAt && b.hipAt ? { x: mix(a.hipAt.x, b.hipAt.x, t), y: mix(a.hipAt.y, b.hipAt.y, t) } : t < 0.5 ? a.hipAt : b.hipAt;
  return {
    trunk: mix(a.trunk, b.trunk, t),
    neck: mixOpt(a.neck, b.neck, t, 0),
    legN: mixLeg(a.legN, b.legN, t),
    legF: mixLeg(a.legF, b.legF, t),
    armN: mixArm(a.armN, b.armN, t),
    armF: mixArm(a.armF, b.armF, t),
    spread: mixOpt(a.spread, b.spread, t, 0),
    ...(hipAt ? { hipAt } : {}),
    groundY: mixOpt(a.groundY, b.groundY, t, 0),
    ...(a.ground ? { ground: a.ground } : {}),
    dx: mixOpt(a.dx, b.dx, t, 0),
  };
}

/**
 * Places a pose in the scene: at `hipAt` when given, otherwise resting on its support (its
 * `ground` joints, or its lowest point, touch `groundY`) with the anchor joint at `anchorX`.
 */
export function placePose(pose: Pose, anchor: JointName, anchorX: number): Joints {
  if (pose.hipAt) return jointsAt(pose, pose.hipAt);
  const local = jointsAt(pose, { x: 0, y: 0 });
  const resting = pose.ground ?? JOINTS;
  const lowest = Math.min(...resting.map((j) => local[j].y - jointRadius(j)));
  const shift = { x: anchorX + (pose.dx ?? 0) - local[anchor].x, y: (pose.groundY ?? 0) - lowest };
  return jointsAt(pose, shift);
}
