import type { ExerciseFigure } from "./figure.js";
import type { Arm, Leg, Point, Pose } from "./skeleton.js";

/*
 * The picture of every exercise in content/exercises, keyed by its slug: two positions as joint
 * angles (see skeleton.ts for the conventions) and the movement in plain words. The content
 * test fails when an exercise has no picture here, or a picture names no exercise.
 *
 * Side views face right. Lying on the back, the head is on the left; face down, on the right.
 */

const leg = (thigh: number, knee: number, ankle = 0, reach?: Leg["reach"]): Leg => ({ thigh, knee, ankle, ...(reach ? { reach } : {}) });
const arm = (shoulder: number, elbow: number, reach?: Arm["reach"]): Arm => ({ shoulder, elbow, ...(reach ? { reach } : {}) });

/** Lying on the back, head left, arms along the body; shoulders and head on the floor. */
const onBack = (legN: Leg, legF: Leg, more: Partial<Pose> = {}): Pose => ({
  trunk: 180,
  legN,
  legF,
  armN: arm(-4, 0),
  armF: arm(-4, 0),
  ground: ["shoulder", "head", "hip"],
  ...more,
});

const HANG = arm(-92, 8);

/* How much of each segment a front view shows (Leg["reach"]), shared by the two positions of a figure. */
/** Thighs seen end-on from the front, feet pointing at the viewer (seated). */
const SEATED_REACH = { thigh: 0.3, foot: 0.35 };
/** A shallow squat seen from the front. */
const SQUAT_REACH = { thigh: 0.8, foot: 0.4 };
/** Lying on the side with hips and knees bent. */
const CURLED_REACH = { thigh: 0.8, shin: 0.8, foot: 0.4 };
/** Feet turned towards the viewer. */
const FOOT_TOWARDS = { foot: 0.5 };

/** Lying on one side, in a front view: the top arm along the body, the under arm folded above the head. */
const onSide = (legN: Leg, legF: Leg, more: Partial<Pose>): Pose => ({
  trunk: 180,
  legN,
  legF,
  armN: arm(-4, 0),
  armF: arm(180, -128),
  ...more,
});

/** Standing on the near leg, fingertips on a wall in front (the heel raises). */
const onOneLegAtWall = (legN: Leg, legF: Leg): Pose => ({
  trunk: 92,
  legN,
  legF,
  armN: arm(-8, 10),
  armF: arm(-10, 10),
  ground: ["ankleN", "toeN"],
});

/** Upright on both feet, seen from the front: hips apart, standing (or seated) on the ankles. */
const facingOnFeet = (legN: Leg, legF: Leg, armN: Arm, armF: Arm): Pose => ({
  trunk: 90,
  spread: 0.18,
  legN,
  legF,
  armN,
  armF,
  ground: ["ankleN", "ankleF"],
});

/** Side-lying on a foam roller under the hip at `hipAt`, propped on the under forearm and the top foot. */
const onRoller = (hipAt: Point, legN: Leg): Pose => ({
  trunk: 163,
  spread: -0.1,
  hipAt,
  legN,
  legF: leg(-9, 0, -60, FOOT_TOWARDS),
  armN: arm(-14, 0),
  armF: arm(-90, -90, { fore: 0.8 }),
});

/** Seated in a leg press, leaning back, hands on the handles. */
const inLegPress = (legN: Leg, legF: Leg): Pose => ({
  trunk: 130,
  hipAt: { x: 0, y: 0.5 },
  legN,
  legF,
  armN: arm(-70, 20),
  armF: arm(-70, 20),
});

/** Back upright against a wall, arms hanging, feet on the floor in front. */
const againstWall = (legN: Leg, legF: Leg): Pose => ({ trunk: 90, legN, legF, armN: HANG, armF: HANG, ground: ["ankleN", "toeN"] });

export const EXERCISE_FIGURES: Record<string, ExerciseFigure> = {
  "adductor-ball-squeeze": {
    view: "front",
    anchor: "hip",
    props: [
      { kind: "box", x: -0.26, w: 0.52, h: 0.4 },
      { kind: "ball", between: ["kneeN", "kneeF"], r: 0.1 },
    ],
    start: {
      label: "Seated, a ball resting between the knees",
      pose: facingOnFeet(leg(-125, -35, 150, SEATED_REACH), leg(-55, 35, 30, SEATED_REACH), arm(-100, 10), arm(-80, -10)),
    },
    end: {
      label: "Knees pressed together, squeezing the ball",
      pose: facingOnFeet(leg(-100, -10, 150, SEATED_REACH), leg(-80, 10, 30, SEATED_REACH), arm(-100, 10), arm(-80, -10)),
    },
    alt: "Seen from the front, a person sits on a chair with a ball between the knees and presses the knees together, flattening the ball, then eases off.",
  },

  "bridge-walkout": {
    view: "side",
    anchor: "shoulder",
    props: [],
    start: {
      label: "Hips lifted in a bridge, feet close to the hips",
      pose: onBack(leg(25, 115, 0), leg(25, 115, 0), { trunk: 205, neck: -25, ground: ["shoulder", "head", "ankleN", "toeN"] }),
    },
    end: {
      label: "Hips still up, heels walked away from the body",
      pose: onBack(leg(10, 50, 20), leg(14, 62, 15), { trunk: 203, neck: -23, ground: ["shoulder", "head", "ankleN"] }),
    },
    alt: "Lying on the back with the hips raised in a bridge, the person steps the heels away from the body in small steps until the knees are nearly straight, keeping the hips up, then steps back.",
    seconds: 5,
  },

  clamshell: {
    view: "front",
    anchor: "hip",
    props: [],
    start: {
      label: "Lying on the side, knees bent and together",
      pose: onSide(leg(-15, -30, 115, CURLED_REACH), leg(-15, -30, 115, CURLED_REACH), {
        spread: -0.16,
        ground: ["shoulderF", "hipF", "kneeF", "ankleF", "head"],
      }),
    },
    end: {
      label: "Top knee lifted, feet still together",
      pose: onSide(leg(28, 56, 72, CURLED_REACH), leg(-15, -30, 115, CURLED_REACH), {
        spread: -0.16,
        ground: ["shoulderF", "hipF", "kneeF", "ankleF", "head"],
      }),
    },
    alt: "Lying on one side with hips and knees bent, the person keeps the feet together and opens the top knee upwards like a shell, then lowers it slowly.",
  },

  "dead-bug": {
    view: "side",
    anchor: "hip",
    props: [],
    start: {
      label: "On the back, arms up, hips and knees at right angles",
      pose: onBack(leg(90, 90, 20), leg(90, 90, 20), { armN: arm(90, 0), armF: arm(88, 0) }),
    },
    end: {
      label: "One arm lowered overhead, the opposite leg reaching long",
      pose: onBack(leg(90, 90, 20), leg(8, 0, 20), { armN: arm(172, 0), armF: arm(88, 0) }),
    },
    alt: "Lying on the back with arms pointing at the ceiling and knees bent over the hips, the person slowly lowers one arm behind the head and straightens the opposite leg towards the floor, then brings both back.",
    seconds: 5,
  },

  "foam-roll-lateral-thigh": {
    view: "front",
    anchor: "hip",
    props: [{ kind: "roller", at: { x: 0, y: 0.085 }, r: 0.085 }],
    start: {
      label: "Side-lying on a foam roller under the hip, propped on the forearm",
      pose: onRoller({ x: 0, y: 0.25 }, leg(22, 92, -40, { thigh: 0.6, shin: 0.72, foot: 0.5 })),
    },
    end: {
      label: "The roller now under the outer thigh, above the knee",
      pose: onRoller({ x: -0.3, y: 0.25 }, leg(18, 100, -40, { thigh: 0.75, shin: 0.72, foot: 0.5 })),
    },
    alt: "Lying on one side on a foam roller, propped on the forearm and the top foot, the person rolls slowly from the side of the hip down the outer thigh and back.",
    seconds: 5,
  },

  "front-plank": {
    view: "side",
    anchor: "elbowN",
    props: [],
    start: {
      label: "Face down, propped on the forearms",
      pose: { trunk: 31, legN: leg(180, 0, -5), legF: leg(180, 0, -5), armN: arm(-90, 90), armF: arm(-90, 90) },
    },
    end: {
      label: "Body lifted in a straight line on forearms and toes",
      pose: { trunk: 10, legN: leg(190, 0, 0), legF: leg(190, 0, 0), armN: arm(-90, 90), armF: arm(-90, 90) },
    },
    alt: "Lying face down on the forearms, the person lifts the hips and knees off the floor so the body makes a straight line from head to heels, holds, and lowers.",
  },

  "hamstring-stretch": {
    view: "side",
    anchor: "hip",
    props: [{ kind: "band", from: "toeN", to: "handN" }],
    start: {
      label: "On the back, a strap round one foot, that leg on the floor",
      pose: onBack(leg(0, 0, 0), leg(50, 100, 50), { armN: arm(45, 45), armF: arm(45, 45) }),
    },
    end: {
      label: "The straight leg raised by the strap until the back of the thigh pulls",
      pose: onBack(leg(72, 4, 0), leg(50, 100, 50), { armN: arm(75, 30), armF: arm(75, 30) }),
    },
    alt: "Lying on the back with a strap looped round one foot, the person uses the strap to raise that leg, knee straight, until the back of the thigh stretches, holds, and lowers it.",
  },

  "heel-raise-bent-knee": {
    view: "side",
    anchor: "ankleN",
    props: [{ kind: "wall", x: 0.6, side: "right" }],
    start: {
      label: "Standing on one leg, knee slightly bent, fingertips on a wall",
      pose: onOneLegAtWall(leg(-72, 30, -12), leg(-100, 85, 20)),
    },
    end: {
      label: "Risen onto the ball of the foot, the knee still bent",
      pose: onOneLegAtWall(leg(-72, 30, 40), leg(-100, 85, 20)),
    },
    alt: "Standing on one leg with the knee a little bent and fingertips on a wall, the person rises onto the ball of the foot without changing the knee bend, then lowers slowly.",
  },

  "heel-raise-straight-knee": {
    view: "side",
    anchor: "ankleN",
    props: [{ kind: "wall", x: 0.6, side: "right" }],
    start: {
      label: "Standing on one leg, knee straight, fingertips on a wall",
      pose: onOneLegAtWall(leg(-90, 0, 0), leg(-98, 80, 20)),
    },
    end: {
      label: "Risen high onto the ball of the foot",
      pose: onOneLegAtWall(leg(-90, 0, 45), leg(-98, 80, 20)),
    },
    alt: "Standing on one leg with the knee straight and fingertips on a wall, the person rises as high as they can onto the ball of the foot, then lowers the heel slowly.",
  },

  "isometric-hamstring-hold": {
    view: "side",
    anchor: "ankleN",
    props: [{ kind: "box", x: 0.62, w: 0.42, h: 0.34 }],
    start: {
      label: "On the back, one heel resting on a step, knee slightly bent",
      pose: onBack(leg(30, 22, 0), leg(50, 100, 50)),
    },
    end: {
      label: "Pressing the heel down into the step, hips just lifting",
      pose: onBack(leg(24, 18, 0), leg(50, 100, 50), { trunk: 188, neck: -8, ground: ["shoulder", "head"] }),
    },
    alt: "Lying on the back with one heel on a step and the knee slightly bent, the person presses the heel down into the step without moving, so the hips lift a little, holds, and relaxes.",
  },

  "kneeling-hip-flexor-stretch": {
    view: "side",
    anchor: "kneeN",
    props: [],
    start: {
      label: "Half-kneeling, both knees at right angles",
      pose: { trunk: 90, legN: leg(-90, 90, 90), legF: leg(0, 90, 0), armN: arm(-55, 25), armF: arm(-55, 25) },
    },
    end: {
      label: "Hips shifted forward, stretching the front of the back hip",
      pose: { trunk: 95, legN: leg(-118, 62, 90), legF: leg(-10, 70, 10), armN: arm(-45, 20), armF: arm(-45, 20) },
    },
    alt: "Kneeling on one knee with the other foot flat in front, the person tucks the pelvis under and shifts the hips gently forward until the front of the kneeling side's hip stretches, and holds.",
  },

  "monster-walk": {
    view: "front",
    anchor: "ankleF",
    props: [{ kind: "band", from: "kneeN", to: "kneeF" }],
    start: {
      label: "Half-squat with feet hip-width apart, a band round the knees",
      pose: facingOnFeet(leg(-95, 0, 150, SQUAT_REACH), leg(-85, 0, 30, SQUAT_REACH), arm(-110, 50), arm(-70, -50)),
    },
    end: {
      label: "One foot stepped out sideways against the band",
      pose: facingOnFeet(leg(-118, -22, 150, SQUAT_REACH), leg(-87, 0, 30, SQUAT_REACH), arm(-110, 50), arm(-70, -50)),
    },
    alt: "Seen from the front in a shallow squat with a band round the knees, the person steps one foot out to the side against the band, then brings the other foot after it, keeping the feet apart.",
  },

  "nordic-curl-regression": {
    view: "side",
    anchor: "kneeN",
    props: [{ kind: "roller", at: { x: -0.4, y: 0.13 }, r: 0.045 }],
    start: {
      label: "Kneeling upright, ankles held down",
      pose: { trunk: 90, legN: leg(-90, 90, 0), legF: leg(-90, 90, 0), armN: arm(-60, 125), armF: arm(-60, 125) },
    },
    end: {
      label: "Leaning forward slowly from the knees, body straight",
      pose: { trunk: 48, legN: leg(-132, 48, 0), legF: leg(-132, 48, 0), armN: arm(-30, 60), armF: arm(-30, 60), ground: ["kneeN", "ankleN", "toeN"] },
    },
    alt: "Kneeling upright with the ankles held down, the person leans the straight body forward from the knees as slowly as possible, hands ready in front, then returns upright.",
    seconds: 5,
  },

  "pogo-hops": {
    view: "side",
    anchor: "toeN",
    props: [],
    start: {
      label: "Standing on the balls of the feet, knees nearly straight",
      pose: { trunk: 90, legN: leg(-88, 10, 28), legF: leg(-92, 8, 28), armN: arm(-80, 40), armF: arm(-100, 40), ground: ["toeN", "toeF"] },
    },
    end: {
      label: "A low, springy hop off the ground",
      pose: { trunk: 90, legN: leg(-90, 4, 45), legF: leg(-93, 4, 45), armN: arm(-75, 40), armF: arm(-95, 40), ground: ["toeN", "toeF"], groundY: 0.1 },
    },
    alt: "Standing on the balls of the feet with the knees almost straight, the person bounces in quick, low, quiet hops.",
    seconds: 1,
  },

  "side-lying-hip-abduction": {
    view: "front",
    anchor: "hip",
    props: [],
    start: {
      label: "Lying on the side in one straight line",
      pose: onSide(leg(-3, 0, -75, FOOT_TOWARDS), leg(2, 0, -75, FOOT_TOWARDS), { spread: -0.15, ground: ["shoulderF", "hipF", "ankleF", "head"] }),
    },
    end: {
      label: "Top leg lifted, knee straight",
      pose: onSide(leg(22, 0, -75, FOOT_TOWARDS), leg(2, 0, -75, FOOT_TOWARDS), { spread: -0.15, ground: ["shoulderF", "hipF", "ankleF", "head"] }),
    },
    alt: "Lying on one side in a straight line, the person lifts the top leg with the knee straight, leading with the heel and slightly behind the body, then lowers it over a few seconds.",
  },

  "side-plank": {
    view: "front",
    anchor: "elbowF",
    props: [],
    start: {
      label: "Lying on the side, propped on one forearm",
      pose: {
        trunk: 149,
        spread: -0.12,
        legN: leg(0, 0, -75, FOOT_TOWARDS),
        legF: leg(0, 0, -75, FOOT_TOWARDS),
        armN: arm(-30, 0),
        armF: arm(-90, -90, { fore: 0.7 }),
      },
    },
    end: {
      label: "Hips lifted so ankles, hips and shoulders are in line",
      pose: {
        trunk: 170,
        spread: -0.12,
        legN: leg(-10, 0, -75, FOOT_TOWARDS),
        legF: leg(-10, 0, -75, FOOT_TOWARDS),
        armN: arm(-10, 0),
        armF: arm(-80, -100, { fore: 0.7 }),
      },
    },
    alt: "Lying on one side propped on the forearm, the person lifts the hips until ankles, hips and shoulders form a straight line, holds, and lowers.",
  },

  "single-leg-bridge": {
    view: "side",
    anchor: "ankleN",
    props: [],
    start: {
      label: "On the back, one foot flat, the other leg held up straight",
      pose: onBack(leg(50, 95, 45), leg(50, 0, 0), { ground: ["shoulder", "head", "hip"] }),
    },
    end: {
      label: "Hips raised on one leg, body straight from shoulder to knee",
      pose: onBack(leg(22, 112, 0), leg(22, 0, 0), { trunk: 202, neck: -22, ground: ["shoulder", "head"] }),
    },
    alt: "Lying on the back with one foot flat and the other leg held up, the person pushes through the heel on the floor to raise the hips until the body is straight from shoulder to knee, then lowers slowly.",
  },

  "single-leg-romanian-deadlift": {
    view: "side",
    anchor: "ankleN",
    props: [],
    start: {
      label: "Standing tall on one leg, knee soft",
      pose: { trunk: 90, legN: leg(-88, 6, -4), legF: leg(-95, 25, 10), armN: HANG, armF: HANG, ground: ["ankleN", "toeN"] },
    },
    end: {
      label: "Hinged forward from the hip, free leg stretched out behind",
      pose: { trunk: 12, legN: leg(-76, 16, 2), legF: leg(-170, 0, 0), armN: arm(-90, 5), armF: arm(-92, 5), ground: ["ankleN", "toeN"] },
    },
    alt: "Standing on one leg, the person tips the trunk forward from the hip with a flat back while the free leg reaches straight back, until body and leg are nearly level, then stands tall again.",
    seconds: 5,
  },

  "slow-heavy-leg-press": {
    view: "side",
    anchor: "hip",
    props: [
      { kind: "box", x: -0.3, w: 0.46, h: 0.42 },
      { kind: "slab", a: { x: -0.12, y: 0.42 }, b: { x: -0.5, y: 0.86 }, width: 0.07 },
      { kind: "plate", foot: "N" },
    ],
    start: {
      label: "Seated in the leg press, legs nearly straight against the plate",
      pose: inLegPress(leg(4, 10, -6), leg(6, 10, -4)),
    },
    end: {
      label: "Knees bent to about a right angle, the plate brought in",
      pose: inLegPress(leg(45, 92, -47), leg(47, 92, -45)),
    },
    alt: "Seated in a leg press with the feet on the plate, the person bends the knees over about three seconds until they reach about a right angle, then pushes the plate away over about three seconds.",
    seconds: 6,
  },

  "spanish-squat-isometric": {
    view: "side",
    anchor: "ankleN",
    props: [
      { kind: "box", x: 0.95, w: 0.09, h: 1.1 },
      { kind: "band", from: "kneeN", to: { x: 0.95, y: 0.46 } },
    ],
    start: {
      label: "Standing with a strap behind the knees, tied to a post in front",
      pose: { trunk: 90, legN: leg(-88, 4, 2), legF: leg(-90, 4, 4), armN: arm(-70, 40), armF: arm(-72, 40), ground: ["ankleN", "toeN"] },
    },
    end: {
      label: "Sitting back against the strap, shins upright",
      pose: { trunk: 80, legN: leg(-18, 72, 0), legF: leg(-20, 70, 0), armN: arm(-10, 20), armF: arm(-12, 20), ground: ["ankleN", "toeN"] },
    },
    alt: "Standing with a strap round the back of the knees, tied to a post in front, the person sits back as if onto a chair with the shins upright and the trunk tall, holds, and stands up.",
  },

  "split-squat": {
    view: "side",
    anchor: "ankleN",
    props: [],
    start: {
      label: "Standing tall in a long stride, back heel up",
      pose: { trunk: 90, legN: leg(-60, 5, 25), legF: leg(-120, 10, -10), armN: HANG, armF: HANG },
    },
    end: {
      label: "Lowered until both knees are bent to about a right angle",
      pose: { trunk: 90, legN: leg(-15, 75, 0), legF: leg(-100, 65, -60), armN: HANG, armF: HANG },
    },
    alt: "Standing in a long stride with the back heel raised, the person lowers straight down until the back knee is just above the floor, then pushes through the front heel to rise.",
  },

  "standing-itb-region-stretch": {
    view: "front",
    anchor: "ankleN",
    props: [{ kind: "wall", x: -0.72, side: "left" }],
    start: {
      label: "Standing side-on to a wall, one hand on it",
      pose: {
        trunk: 90,
        spread: -0.18,
        legN: leg(-87, 0, 30, { foot: 0.4 }),
        legF: leg(-93, 0, 150, { foot: 0.4 }),
        armN: arm(-80, 0),
        armF: arm(180, 5),
      },
    },
    end: {
      label: "Wall-side leg crossed behind, hip pushed to the wall, body leaning away",
      pose: {
        trunk: 75,
        spread: -0.18,
        legN: leg(-76, 0, 30, { foot: 0.4 }),
        legF: leg(-57, 4, 150, { foot: 0.4 }),
        armN: arm(-55, 0),
        armF: arm(178, 4),
      },
    },
    alt: "Standing side-on to a wall with a hand on it, the person crosses the leg nearest the wall behind the other, pushes that hip towards the wall and leans the upper body away, and holds.",
  },

  "standing-quadriceps-stretch": {
    view: "side",
    anchor: "ankleF",
    props: [{ kind: "wall", x: 0.66, side: "right" }],
    start: {
      label: "Standing, one hand on a wall",
      pose: { trunk: 90, legN: leg(-90, 0, 0), legF: leg(-91, 0, 0), armN: HANG, armF: arm(-8, 10), ground: ["ankleF", "toeF"] },
    },
    end: {
      label: "One knee bent, the hand drawing that heel towards the buttock",
      pose: { trunk: 90, legN: leg(-95, 150, 30), legF: leg(-91, 0, 0), armN: arm(-111, 0), armF: arm(-8, 10), ground: ["ankleF", "toeF"] },
    },
    alt: "Standing with one hand on a wall, the person bends the other knee, holds that ankle and draws the heel towards the buttock with the knees side by side, and holds.",
  },

  "step-down": {
    view: "side",
    anchor: "ankleN",
    props: [{ kind: "box", x: -0.34, w: 0.5, h: 0.15 }],
    start: {
      label: "Standing on one leg on a step, the other foot hanging off the edge",
      pose: { trunk: 90, legN: leg(-90, 0, 0), legF: leg(-76, 10, 10), armN: arm(-80, 15), armF: arm(-80, 15), groundY: 0.15, ground: ["ankleN", "toeN"] },
    },
    end: {
      label: "Standing knee bent, free heel touching the floor",
      pose: { trunk: 70, legN: leg(-20, 90, -20), legF: leg(-58, 0, 12), armN: arm(-15, 10), armF: arm(-15, 10), groundY: 0.15, ground: ["ankleN", "toeN"] },
    },
    alt: "Standing on one leg on a low step, the person bends the standing knee and pushes the hips back to lower the free heel slowly to the floor, touches lightly, and straightens up.",
  },

  "straight-leg-raise": {
    view: "side",
    anchor: "hip",
    props: [],
    start: {
      label: "On the back, one knee bent, the other leg straight on the floor",
      pose: onBack(leg(0, 0, -5), leg(50, 100, 50)),
    },
    end: {
      label: "The straight leg lifted to the height of the bent knee",
      pose: onBack(leg(42, 0, -5), leg(50, 100, 50)),
    },
    alt: "Lying on the back with one knee bent, the person tightens the front of the other thigh and lifts that straight leg to the height of the bent knee, then lowers it slowly.",
  },

  "wall-sit-isometric": {
    view: "side",
    anchor: "hip",
    props: [{ kind: "wall", x: -0.07, side: "left" }],
    start: {
      label: "Back against a wall, feet a step in front",
      pose: againstWall(leg(-64, 6, 30), leg(-66, 6, 28)),
    },
    end: {
      label: "Slid down the wall into a half-sit, knees bent",
      pose: againstWall(leg(-22, 68, 0), leg(-24, 66, 0)),
    },
    alt: "Standing with the back against a wall and the feet half a metre in front, the person slides down until the knees are bent to a comfortable angle, holds, and slides back up.",
  },
};

/** The picture of an exercise, if it has one. */
export function exerciseFigure(slug: string): ExerciseFigure | undefined {
  return Object.prototype.hasOwnProperty.call(EXERCISE_FIGURES, slug) ? EXERCISE_FIGURES[slug] : undefined;
}

/** Where the server serves an exercise's picture as image files: the loop, and start and end side by side. */
export function exerciseFigureUrls(slug: string): { url: string; stillUrl: string } {
  return { url: `/exercises/${slug}/figure.svg`, stillUrl: `/exercises/${slug}/figure-still.svg` };
}
