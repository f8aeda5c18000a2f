import { escapeHtml } from "../escape-html.js";
import type { ExerciseFigure, Prop } from "./figure.js";
import { BODY, blendPoses, jointsAt, placePose } from "./skeleton.js";
import type { JointName, Joints, Point } from "./skeleton.js";

/*
 * Draws an exercise figure as SVG text: still start and end positions, and a loop that blends
 * the joint angles from one to the other and back. Pure (no DOM, no I/O), so the server pages,
 * the image route and the tests all draw the same picture. The loop is SMIL <animate> on the
 * shapes' coordinates: no script and no style attribute, which the CSP forbids; pages hide it
 * for people who ask for reduced motion and show the two stills instead.
 */

export const FIGURE_WIDTH = 320;
/** The tallest picture (a standing body); a lying one is cut lower, so it does not float in empty space. */
export const FIGURE_HEIGHT = 240;
const MIN_HEIGHT = 150;
const PAD = 10;
/** Pixels per metre at most, so a short movement is not blown up beyond a standing body's size. */
const MAX_SCALE = 135;

const COLOURS = {
  near: "#0b4f3a",
  far: "#7fb3a0",
  floor: "#57606a",
  propFill: "#e4e9ee",
  propLine: "#57606a",
  band: "#c2410c",
  ballFill: "#f2c94c",
  ballLine: "#7a5c00",
} as const;

type Shape =
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { kind: "ellipse"; cx: number; cy: number; rx: number; ry: number; fill: string; stroke: string; width: number }
  | { kind: "rect"; x: number; y: number; w: number; h: number; fill: string; stroke: string; width: number };

/** Numbers as SVG writes them: one decimal, no "-0". */
function n(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? "0" : String(r);
}

const sub = (a: Point, b: Point) => ({ x: a.x - b.x, y: a.y - b.y });
const len = (v: Point) => Math.hypot(v.x, v.y);

function pointOf(j: Joints, p: JointName | Point): Point {
  return typeof p === "string" ? j[p] : p;
}

/** The moving parts of one frame in metres, always the same shapes in the same order. */
function frameShapes(j: Joints, props: Prop[]): Shape[] {
  const limb = (a: Point, b: Point, stroke: string, width: number = BODY.limbWidth): Shape => ({ kind: "line", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke, width });
  const shapes: Shape[] = [
    limb(j.shoulderF, j.elbowF, COLOURS.far),
    limb(j.elbowF, j.handF, COLOURS.far),
    limb(j.hipF, j.kneeF, COLOURS.far),
    limb(j.kneeF, j.ankleF, COLOURS.far),
    limb(j.ankleF, j.toeF, COLOURS.far, BODY.limbWidth * 0.8),
    limb(j.hip, j.shoulder, COLOURS.near, BODY.trunkWidth),
    limb(j.shoulderF, j.shoulderN, COLOURS.near, BODY.limbWidth),
    limb(j.hipF, j.hipN, COLOURS.near, BODY.limbWidth),
    { kind: "ellipse", cx: j.head.x, cy: j.head.y, rx: BODY.headRadius, ry: BODY.headRadius, fill: COLOURS.near, stroke: COLOURS.near, width: 0 },
  ];
  for (const p of props) {
    if (p.kind === "ball") {
      const [a, b] = p.between.map((name) => j[name]) as [Point, Point];
      // The ball fills the gap between the two joints and flattens when they squeeze it.
      const gap = len(sub(a, b)) - BODY.limbWidth;
      const rx = Math.max(p.r * 0.45, Math.min(p.r, gap / 2));
      shapes.push({ kind: "ellipse", cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2, rx, ry: p.r * Math.min(1.3, p.r / rx), fill: COLOURS.ballFill, stroke: COLOURS.ballLine, width: 0.012 });
    }
  }
  shapes.push(
    limb(j.hipN, j.kneeN, COLOURS.near),
    limb(j.kneeN, j.ankleN, COLOURS.near),
    limb(j.ankleN, j.toeN, COLOURS.near, BODY.limbWidth * 0.8),
    limb(j.shoulderN, j.elbowN, COLOURS.near),
    limb(j.elbowN, j.handN, COLOURS.near),
  );
  for (const p of props) {
    if (p.kind === "band") shapes.push(limb(pointOf(j, p.from), pointOf(j, p.to), COLOURS.band, 0.022));
    if (p.kind === "plate") {
      const ankle = p.foot === "N" ? j.ankleN : j.ankleF;
      const toe = p.foot === "N" ? j.toeN : j.toeF;
      const d = sub(toe, ankle);
      const l = len(d) || 1;
      const u = { x: d.x / l, y: d.y / l };
      // The sole is on the clockwise side of the heel-to-toe line.
      const off = BODY.limbWidth / 2 + 0.025;
      const sole = { x: u.y * off, y: -u.x * off };
      shapes.push(limb({ x: ankle.x - u.x * 0.14 + sole.x, y: ankle.y - u.y * 0.14 + sole.y }, { x: toe.x + u.x * 0.12 + sole.x, y: toe.y + u.y * 0.12 + sole.y }, COLOURS.propLine, 0.05));
    }
  }
  return shapes;
}

/** The props that do not move, in metres. */
function stillShapes(props: Prop[], floorTop: number): Shape[] {
  const box = (x: number, y: number, w: number, h: number): Shape => ({ kind: "rect", x, y, w, h, fill: COLOURS.propFill, stroke: COLOURS.propLine, width: 0.015 });
  return props.flatMap((p): Shape[] => {
    switch (p.kind) {
      case "wall":
        return [box(p.side === "left" ? p.x - 0.12 : p.x, 0, 0.12, floorTop)];
      case "box":
        return [box(p.x, p.y ?? 0, p.w, p.h)];
      case "slab":
        return [{ kind: "line", x1: p.a.x, y1: p.a.y, x2: p.b.x, y2: p.b.y, stroke: COLOURS.propLine, width: p.width }];
      case "roller":
        return [{ kind: "ellipse", cx: p.at.x, cy: p.at.y, rx: p.r, ry: p.r, fill: COLOURS.propFill, stroke: COLOURS.propLine, width: 0.015 }];
      default:
        return [];
    }
  });
}

function extent(s: Shape): { minX: number; maxX: number; minY: number; maxY: number } {
  if (s.kind === "line") {
    const h = s.width / 2;
    return { minX: Math.min(s.x1, s.x2) - h, maxX: Math.max(s.x1, s.x2) + h, minY: Math.min(s.y1, s.y2) - h, maxY: Math.max(s.y1, s.y2) + h };
  }
  if (s.kind === "ellipse") {
    const h = s.width / 2;
    return { minX: s.cx - s.rx - h, maxX: s.cx + s.rx + h, minY: s.cy - s.ry - h, maxY: s.cy + s.ry + h };
  }
  const h = s.width / 2;
  return { minX: s.x - h, maxX: s.x + s.w + h, minY: s.y - h, maxY: s.y + s.h + h };
}

/** Steps of the loop: hold the start, move, hold the end, move back. Eased, so the turns are gentle. */
const STEPS = 6;
function timeline(): { keyTimes: number[]; progress: number[] } {
  const ease = (t: number) => t * t * (3 - 2 * t);
  const keyTimes = [0, 0.1];
  const progress = [0, 0];
  for (let i = 1; i <= STEPS; i++) {
    keyTimes.push(0.1 + (0.35 * i) / STEPS);
    progress.push(ease(i / STEPS));
  }
  keyTimes.push(0.6);
  progress.push(1);
  for (let i = 1; i <= STEPS; i++) {
    keyTimes.push(0.6 + (0.35 * i) / STEPS);
    progress.push(1 - ease(i / STEPS));
  }
  keyTimes.push(1);
  progress.push(0);
  return { keyTimes, progress };
}

/** The joints of the figure `t` of the way from its start to its end position (t from 0 to 1). */
export function figureJoints(fig: ExerciseFigure, t: number): Joints {
  const anchor = fig.anchor ?? "hip";
  // x = 0 is where the anchor joint is at the start with the hip at x = 0: props are measured from there.
  const anchorX = jointsAt(fig.start.pose, { x: 0, y: 0 })[anchor].x;
  return placePose(blendPoses(fig.start.pose, fig.end.pose, t), anchor, anchorX);
}

export interface FigureLayout {
  /** Metres to viewBox units. */
  scale: number;
  /** The viewBox height: from MIN_HEIGHT to FIGURE_HEIGHT. */
  height: number;
  toView: (p: Point) => Point;
  /** Every frame's shapes in metres (first the still props), for the renderer and the tests. */
  frames: Shape[][];
  still: Shape[];
  keyTimes: number[];
  progress: number[];
}

/** Fits every frame of the loop, its props and a stretch of floor into the viewBox. */
export function layoutFigure(fig: ExerciseFigure): FigureLayout {
  const { keyTimes, progress } = timeline();
  const frames = progress.map((t) => frameShapes(figureJoints(fig, t), fig.props));
  const moving = frames.flat().map(extent);
  const top = Math.max(...moving.map((e) => e.maxY));
  const still = stillShapes(fig.props, Math.max(top + 0.1, 1.2));
  const all = [...moving, ...still.map(extent), { minX: 0, maxX: 0, minY: 0, maxY: 0 }];
  const minX = Math.min(...all.map((e) => e.minX));
  const maxX = Math.max(...all.map((e) => e.maxX));
  const minY = Math.min(...all.map((e) => e.minY));
  const maxY = Math.max(...all.map((e) => e.maxY));
  const scale = Math.min(MAX_SCALE, (FIGURE_WIDTH - 2 * PAD) / (maxX - minX), (FIGURE_HEIGHT - 2 * PAD) / (maxY - minY));
  const height = Math.round(Math.max(MIN_HEIGHT, Math.min(FIGURE_HEIGHT, (maxY - minY) * scale + 2 * PAD)));
  const ox = (FIGURE_WIDTH - (maxX - minX) * scale) / 2 - minX * scale;
  const oy = (height + (maxY - minY) * scale) / 2 + minY * scale;
  return { scale, height, toView: (p) => ({ x: ox + p.x * scale, y: oy - p.y * scale }), frames, still, keyTimes, progress };
}

type Attrs = Record<string, number>;

function viewAttrs(s: Shape, l: FigureLayout): Attrs {
  const k = l.scale;
  if (s.kind === "line") {
    const a = l.toView({ x: s.x1, y: s.y1 });
    const b = l.toView({ x: s.x2, y: s.y2 });
    return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
  }
  if (s.kind === "ellipse") {
    const c = l.toView({ x: s.cx, y: s.cy });
    return { cx: c.x, cy: c.y, rx: s.rx * k, ry: s.ry * k };
  }
  const p = l.toView({ x: s.x, y: s.y + s.h });
  return { x: p.x, y: p.y, width: s.w * k, height: s.h * k };
}

function paint(s: Shape, k: number): string {
  if (s.kind === "line") return `stroke="${s.stroke}" stroke-width="${n(s.width * k)}" stroke-linecap="round"`;
  return `fill="${s.fill}" stroke="${s.stroke}" stroke-width="${n(s.width * k)}"`;
}

const TAG = { line: "line", ellipse: "ellipse", rect: "rect" } as const;

function element(s: Shape, l: FigureLayout, animate?: { frames: Attrs[]; keyTimes: string; seconds: number }): string {
  const attrs = viewAttrs(s, l);
  const open = `<${TAG[s.kind]} ${Object.entries(attrs)
    .map(([name, v]) => `${name}="${n(v)}"`)
    .join(" ")} ${paint(s, l.scale)}`;
  if (!animate) return `${open}/>`;
  const anims = Object.keys(attrs)
    .map((name) => {
      const values = animate.frames.map((f) => n(f[name] ?? 0));
      if (values.every((v) => v === values[0])) return "";
      return `<animate attributeName="${name}" dur="${animate.seconds}s" repeatCount="indefinite" keyTimes="${animate.keyTimes}" values="${values.join(";")}"/>`;
    })
    .join("");
  return anims ? `${open}>${anims}</${TAG[s.kind]}>` : `${open}/>`;
}

/** The floor across the picture, kept just inside it so its 2-unit stroke is not clipped. */
function floorLine(l: FigureLayout, x0: number, x1: number): string {
  const y = n(l.toView({ x: 0, y: 0 }).y + 1);
  return `<line x1="${n(x0)}" y1="${y}" x2="${n(x1)}" y2="${y}" stroke="${COLOURS.floor}" stroke-width="2"/>`;
}

/** The drawing of one moment (t from 0 = start to 1 = end), without the <svg> element around it. */
function stillBody(fig: ExerciseFigure, l: FigureLayout, t: number): string {
  const shapes = frameShapes(figureJoints(fig, t), fig.props);
  return [floorLine(l, 1, FIGURE_WIDTH - 1), ...l.still.map((s) => element(s, l)), ...shapes.map((s) => element(s, l))].join("");
}

function animatedBody(fig: ExerciseFigure, l: FigureLayout): string {
  const keyTimes = l.keyTimes.map((k) => String(Math.round(k * 10000) / 10000)).join(";");
  const seconds = fig.seconds ?? 4;
  const first = l.frames[0] ?? [];
  const body = first.map((s, i) => element(s, l, { frames: l.frames.map((f) => viewAttrs(f[i] ?? s, l)), keyTimes, seconds }));
  return [floorLine(l, 1, FIGURE_WIDTH - 1), ...l.still.map((s) => element(s, l)), ...body].join("");
}

export type FigureMode = "animated" | "start" | "end";

export interface FigureSvgOptions {
  mode: FigureMode;
  /** The accessible name: a still's label, or the movement for the loop. */
  label: string;
  /** A file of its own (an image URL) rather than markup inside an HTML page. */
  standalone?: boolean;
  /** Extra class on the <svg>, for the page's stylesheet. */
  className?: string;
  /** The id of visible text on the page that names the picture (instead of aria-label). */
  labelledBy?: string;
}

function svgOpen(width: number, height: number, label: string, opts: { standalone?: boolean; className?: string; labelledBy?: string }): string {
  const ns = opts.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : "";
  const cls = opts.className ? ` class="${escapeHtml(opts.className)}"` : "";
  const name = opts.labelledBy ? `aria-labelledby="${escapeHtml(opts.labelledBy)}"` : `aria-label="${escapeHtml(label)}"`;
  return `<svg${ns}${cls} viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ${name}><title>${escapeHtml(label)}</title>`;
}

/** One picture of the exercise: its start, its end, or the loop between them. */
export function renderFigureSvg(fig: ExerciseFigure, opts: FigureSvgOptions): string {
  const l = layoutFigure(fig);
  const body = opts.mode === "animated" ? animatedBody(fig, l) : stillBody(fig, l, opts.mode === "start" ? 0 : 1);
  return `${svgOpen(FIGURE_WIDTH, l.height, opts.label, opts)}${body}</svg>`;
}

/** Start and end side by side with an arrow between: the still picture for people who ask for less motion. */
export function renderFigurePairSvg(fig: ExerciseFigure, opts: Omit<FigureSvgOptions, "mode">): string {
  const l = layoutFigure(fig);
  const gap = 40;
  const width = FIGURE_WIDTH * 2 + gap;
  const mid = l.height / 2;
  const arrow = `<path d="M${FIGURE_WIDTH + 8} ${mid}h${gap - 16}m-8 -7l8 7l-8 7" fill="none" stroke="${COLOURS.floor}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>`;
  return `${svgOpen(width, l.height, opts.label, opts)}<g>${stillBody(fig, l, 0)}</g>${arrow}<g transform="translate(${FIGURE_WIDTH + gap} 0)">${stillBody(fig, l, 1)}</g></svg>`;
}
