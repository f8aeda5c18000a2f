import { escapeHtml } from "../../core/content/escape-html.js";
import { exerciseFigure } from "../../core/content/figures/exercise-figures.js";
import { renderFigurePairSvg, renderFigureSvg } from "../../core/content/figures/render-svg.js";

/*
 * The picture of an exercise on its page: the moving loop, the start and end stills, and the
 * movement in words as the caption. The stylesheet (site-css.ts) hides the loop for people who
 * ask for reduced motion, and in print; the stills and the caption always show.
 */

/** The <figure> for an exercise page, or "" when the exercise has no picture. */
export function exerciseFigureHtml(slug: string): string {
  const fig = exerciseFigure(slug);
  if (!fig) return "";
  const e = escapeHtml;
  // Each picture is named by the visible words beside it, so a screen reader hears them once.
  const still = (mode: "start" | "end", heading: string, label: string) =>
    `<div class="figure-still">${renderFigureSvg(fig, { mode, label: `${heading}: ${label}`, className: "figure-svg", labelledBy: `figure-${mode}` })}<p class="figure-step" id="figure-${mode}"><strong>${heading}:</strong> ${e(label)}</p></div>`;
  return `<figure class="exercise-figure">
<div class="figure-motion">${renderFigureSvg(fig, { mode: "animated", label: fig.alt, className: "figure-svg", labelledBy: "figure-caption" })}</div>
<div class="figure-stills">${still("start", "Start", fig.start.label)}${still("end", "End", fig.end.label)}</div>
<figcaption id="figure-caption">${e(fig.alt)}</figcaption>
</figure>`;
}

/** The loop as a file of its own, for an <img>. */
export function exerciseFigureSvgFile(slug: string): string | undefined {
  const fig = exerciseFigure(slug);
  return fig && `<?xml version="1.0" encoding="UTF-8"?>\n${renderFigureSvg(fig, { mode: "animated", label: fig.alt, standalone: true })}`;
}

/** Start and end side by side as a file of its own: the <picture> source for reduced motion. */
export function exerciseFigureStillSvgFile(slug: string): string | undefined {
  const fig = exerciseFigure(slug);
  return fig && `<?xml version="1.0" encoding="UTF-8"?>\n${renderFigurePairSvg(fig, { label: fig.alt, standalone: true })}`;
}
