import { describe, expect, it } from "vitest";
import { scanXml } from "../../../importers/xml/scan-xml.js";
import type { XmlAttributes } from "../../../importers/xml/scan-xml.js";
import { EXERCISE_FIGURES } from "./exercise-figures.js";
import type { ExerciseFigure } from "./figure.js";
import { FIGURE_HEIGHT, FIGURE_WIDTH, figureJoints, renderFigurePairSvg, renderFigureSvg } from "./render-svg.js";
import { BODY, blendPoses, jointsAt } from "./skeleton.js";
import type { Pose } from "./skeleton.js";

interface Element {
  name: string;
  attributes: XmlAttributes;
  parent: string | undefined;
}

/** Parses the SVG with the importers' strict XML scanner; fails the test on any malformed markup. */
function parse(svg: string): Element[] {
  const elements: Element[] = [];
  const stack: string[] = [];
  const result = scanXml(svg, {
    open(name, attributes) {
      elements.push({ name, attributes, parent: stack.at(-1) });
      stack.push(name);
    },
    text() {},
    close() {
      stack.pop();
    },
  });
  expect(result.issues).toEqual([]);
  expect(result.complete).toBe(true);
  expect(result.rootName).toBe("svg");
  return elements;
}

const GEOMETRY = ["x1", "y1", "x2", "y2", "cx", "cy", "rx", "ry", "x", "y", "width", "height", "stroke-width"];

/** Every value each geometry attribute takes, the static one and those of its animations. */
function geometry(elements: Element[]): { name: string; values: Record<string, number[]> }[] {
  const shapes: { name: string; values: Record<string, number[]> }[] = [];
  for (const el of elements) {
    if (el.name === "line" || el.name === "ellipse" || el.name === "rect") {
      const values: Record<string, number[]> = {};
      for (const a of GEOMETRY) if (el.attributes[a] !== undefined) values[a] = [Number(el.attributes[a])];
      shapes.push({ name: el.name, values });
    } else if (el.name === "animate") {
      const shape = shapes.at(-1);
      const attr = el.attributes.attributeName ?? "";
      const list = (el.attributes.values ?? "").split(";").map(Number);
      expect(list.length).toBe((el.attributes.keyTimes ?? "").split(";").length);
      expect(el.parent).toBe(shape?.name);
      shape?.values[attr]?.push(...list);
    }
  }
  return shapes;
}

function expectInside(svg: string): void {
  const elements = parse(svg);
  const [, , width, height] = (elements[0]?.attributes.viewBox ?? "").split(" ").map(Number) as [number, number, number, number];
  expect(height).toBeGreaterThanOrEqual(150);
  expect(height).toBeLessThanOrEqual(FIGURE_HEIGHT);
  expect(elements[0]?.attributes.height).toBe(String(height));
  const shapes = geometry(elements);
  expect(shapes.length).toBeGreaterThan(10);
  for (const { name, values } of shapes) {
    for (const list of Object.values(values)) for (const v of list) expect(Number.isFinite(v)).toBe(true);
    const half = Math.max(...(values["stroke-width"] ?? [0])) / 2;
    const span = (attr: string, grow: number[] = [0]) => {
      const list = values[attr] ?? [];
      const g = Math.max(...grow);
      return { min: Math.min(...list) - g - half, max: Math.max(...list) + g + half };
    };
    const boxes =
      name === "line"
        ? [span("x1"), span("x2"), span("y1"), span("y2")].map((s, i) => ({ ...s, limit: i < 2 ? width : height }))
        : name === "ellipse"
          ? [
              { ...span("cx", values.rx), limit: width },
              { ...span("cy", values.ry), limit: height },
            ]
          : [
              { ...span("x"), limit: width },
              { min: span("y").min, max: Math.max(...(values.y ?? [0])) + Math.max(...(values.height ?? [0])) + half, limit: height },
            ];
    for (const b of boxes) {
      expect(b.min).toBeGreaterThanOrEqual(-0.05);
      expect(b.max).toBeLessThanOrEqual(b.limit + 0.05);
    }
  }
}

describe("the forward kinematics", () => {
  const standing: Pose = {
    trunk: 90,
    legN: { thigh: -90, knee: 0 },
    legF: { thigh: -90, knee: 0 },
    armN: { shoulder: -90, elbow: 0 },
    armF: { shoulder: -90, elbow: 0 },
  };

  it("stands a straight body up: ankle a leg's length below the hip, the foot pointing forward", () => {
    const j = jointsAt(standing, { x: 0, y: 1 });
    expect(j.ankleN.y).toBeCloseTo(1 - BODY.thigh - BODY.shin, 9);
    expect(j.ankleN.x).toBeCloseTo(0, 9);
    expect(j.toeN.x).toBeCloseTo(BODY.foot, 9);
    expect(j.shoulder.y).toBeCloseTo(1 + BODY.trunk, 9);
  });

  it("bends the knee backwards and the elbow forwards, as a body does", () => {
    const j = jointsAt({ ...standing, legN: { thigh: -90, knee: 90 }, armN: { shoulder: -90, elbow: 90 } }, { x: 0, y: 1 });
    expect(j.ankleN.x).toBeLessThan(j.kneeN.x - 0.4);
    expect(j.handN.x).toBeGreaterThan(j.elbowN.x + 0.2);
  });

  it("blends two poses angle by angle, ending exactly on each", () => {
    const squat: Pose = { ...standing, legN: { thigh: 0, knee: 90 } };
    const at = (t: number) => jointsAt(blendPoses(standing, squat, t), { x: 0, y: 0 });
    expect(at(0)).toEqual(jointsAt(standing, { x: 0, y: 0 }));
    expect(at(1).kneeN.x).toBeCloseTo(BODY.thigh, 9);
    // Half way, the thigh is at 45 degrees: the knee swings on a circle, not a straight line.
    expect(Math.hypot(at(0.5).kneeN.x, at(0.5).kneeN.y)).toBeCloseTo(BODY.thigh, 9);
  });
});

describe.each(Object.entries(EXERCISE_FIGURES))("the picture of %s", (slug, fig) => {
  it("is valid SVG, named for screen readers, with every shape inside its viewBox through the whole loop", () => {
    for (const mode of ["start", "end", "animated"] as const) {
      const svg = renderFigureSvg(fig, { mode, label: fig.alt, standalone: true });
      const root = parse(svg)[0];
      expect(root?.attributes).toMatchObject({ role: "img", xmlns: "http://www.w3.org/2000/svg" });
      expect(root?.attributes.viewBox).toMatch(new RegExp(`^0 0 ${FIGURE_WIDTH} \\d+$`));
      expect(root?.attributes["aria-label"]).toBe(fig.alt);
      expect(svg).toContain(`<title>`);
      expectInside(svg);
      expect(svg.includes("<animate ")).toBe(mode === "animated");
    }
    const pair = renderFigurePairSvg(fig, { label: fig.alt, standalone: true });
    expectInside(pair);
    expect(parse(pair)[0]?.attributes.viewBox).toMatch(new RegExp(`^0 0 ${FIGURE_WIDTH * 2 + 40} \\d+$`));
  });

  it("turns every joint the short way round, so no limb swings through the body on its way", () => {
    const { start, end } = { start: fig.start.pose, end: fig.end.pose };
    const angles = (p: Pose) => [p.trunk, p.neck ?? 0, p.legN.thigh, p.legN.knee, p.legN.ankle ?? 0, p.legF.thigh, p.legF.knee, p.legF.ankle ?? 0, p.armN.shoulder, p.armN.elbow, p.armF.shoulder, p.armF.elbow];
    const a = angles(start);
    const b = angles(end);
    a.forEach((v, i) => expect(Math.abs((b[i] ?? 0) - v), `angle ${i}`).toBeLessThanOrEqual(180));
  });

  it("moves: the start and end stills differ, and the body stays on or above the floor", () => {
    expect(renderFigureSvg(fig, { mode: "start", label: "a" })).not.toBe(renderFigureSvg(fig, { mode: "end", label: "a" }));
    for (let t = 0; t <= 1; t += 0.125) {
      const lowest = Math.min(...Object.values(figureJoints(fig, t)).map((p) => p.y));
      expect(lowest).toBeGreaterThan(-0.02);
    }
  });
});

describe("the renderer", () => {
  const fig = EXERCISE_FIGURES["split-squat"] as ExerciseFigure;

  it("is pure: the same figure draws the same text, and the figure is left as it was", () => {
    const before = structuredClone(fig);
    const once = renderFigureSvg(fig, { mode: "animated", label: "x" });
    expect(renderFigureSvg(fig, { mode: "animated", label: "x" })).toBe(once);
    expect(fig).toEqual(before);
  });

  it("escapes the label, and names the picture by visible text when asked", () => {
    const svg = renderFigureSvg(fig, { mode: "start", label: `Knee <b> & "toe"`, labelledBy: "cap" });
    expect(svg).toContain("<title>Knee &lt;b&gt; &amp; &quot;toe&quot;</title>");
    expect(svg).toContain('aria-labelledby="cap"');
    expect(svg).not.toContain("aria-label=");
    // Inside an HTML page the SVG namespace is implied, and no style attribute is used (the CSP forbids them).
    expect(svg).not.toContain("xmlns");
    expect(svg).not.toMatch(/\sstyle=/);
  });
});
