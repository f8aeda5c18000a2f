import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths.js";
import { EXERCISE_FIGURES, exerciseFigure } from "../src/core/content/figures/exercise-figures.js";

/*
 * Every exercise in content/exercises has its picture (src/core/content/figures/exercise-figures.ts):
 * a start and an end position with a few words each, and the movement described for people who
 * cannot see it. A new exercise without a picture, or a picture left after its exercise went,
 * fails here.
 */

const slugs = readdirSync(path.join(REPO_ROOT, "content", "exercises"))
  .filter((name) => name.endsWith(".md") && name !== "README.md")
  .map((name) => name.replace(/\.md$/, ""))
  .sort();

describe("the exercise pictures", () => {
  it("cover exactly the exercises in content/exercises", () => {
    expect(slugs.length).toBeGreaterThan(20);
    expect(Object.keys(EXERCISE_FIGURES).sort()).toEqual(slugs);
  });

  it.each(slugs)("%s has a start and an end position and alt text that describes the movement", (slug) => {
    const fig = exerciseFigure(slug);
    expect(fig).toBeDefined();
    if (!fig) return;
    expect(fig.start.label.length).toBeGreaterThan(10);
    expect(fig.end.label.length).toBeGreaterThan(10);
    expect(fig.start.label).not.toBe(fig.end.label);
    expect(fig.start.pose).not.toEqual(fig.end.pose);
    // A sentence, not a caption: long enough to say what moves, short enough to hear in one go.
    expect(fig.alt.length).toBeGreaterThan(60);
    expect(fig.alt.length).toBeLessThan(260);
    expect(fig.alt).toMatch(/^[A-Z].*\.$/);
    expect(fig.alt).not.toMatch(/\b(image|picture) of\b/i);
  });

  it("describe each movement in its own words", () => {
    const alts = Object.values(EXERCISE_FIGURES).map((f) => f.alt);
    expect(new Set(alts).size).toBe(alts.length);
  });

  it("finds no picture for an unknown slug, even one named like an object property", () => {
    expect(exerciseFigure("no-such-exercise")).toBeUndefined();
    expect(exerciseFigure("constructor")).toBeUndefined();
  });
});
