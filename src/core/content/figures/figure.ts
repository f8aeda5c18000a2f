import type { JointName, Point, Pose } from "./skeleton.js";

/** Equipment drawn beside the figure, in the scene's metres (x = 0 is the figure's anchor at the start). */
export type Prop =
  /** A wall face at x, on the given side of it. */
  | { kind: "wall"; x: number; side: "left" | "right" }
  /** A step, bench, chair seat, bed or post. */
  | { kind: "box"; x: number; y?: number; w: number; h: number }
  /** A thick bar from a to b: a seat back, a rail. */
  | { kind: "slab"; a: Point; b: Point; width: number }
  /** A foam roller or a weight bar lying still. */
  | { kind: "roller"; at: Point; r: number }
  /** A ball squeezed between two joints: it flattens as they close. */
  | { kind: "ball"; between: [JointName, JointName]; r: number }
  /** A band or strap between two joints, or a joint and a fixed point. */
  | { kind: "band"; from: JointName | Point; to: JointName | Point }
  /** A foot plate under the sole of the near or far foot (a leg press), moving with it. */
  | { kind: "plate"; foot: "N" | "F" };

export interface FigurePosition {
  /** A few words for this still: "Lying on the back, knees bent". */
  label: string;
  pose: Pose;
}

/** The picture of one exercise: two positions, what is around the body, and the words for it. */
export interface ExerciseFigure {
  /** Seen from the side (the figure faces right) or from the front. */
  view: "side" | "front";
  /** The joint that stays put while the body moves (the standing foot); the hip by default. */
  anchor?: JointName;
  props: Prop[];
  start: FigurePosition;
  end: FigurePosition;
  /** The movement in plain words, for people who cannot see the picture. */
  alt: string;
  /** Length of one loop of the animation, start to end and back. */
  seconds?: number;
}
