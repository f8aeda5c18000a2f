import { ARTICLE_TOPICS, TOOL_LINKS, TOPIC_LABELS } from "../../core/content/catalogue.js";
import type {
  Article,
  CarePage,
  ContentCatalogue,
  ContentFolder,
  Exercise,
  Programme,
  SelfTest,
} from "../../core/content/catalogue.js";
import { escapeHtml } from "../../core/content/escape-html.js";
import { renderMarkdown } from "../../core/content/markdown.js";
import {
  CARE_SECTION_ID,
  articleUrl,
  exerciseUrl,
  resolveContentLink,
} from "../../core/content/site-urls.js";
import { exerciseFigureHtml } from "./exercise-figure.js";
import { renderPage } from "./layout.js";

/*
 * The HTML of the knowledge base and the exercise library. Everything from content files goes
 * through the safe Markdown renderer or escapeHtml; nothing is inserted raw.
 */

const e = escapeHtml;

export interface PageContext {
  /** scheme://host of the request, for canonical links. */
  origin: string;
}

function markdown(
  folder: ContentFolder,
  body: string,
  opts: { headingOffset?: number; idPrefix?: string } = {},
): string {
  return renderMarkdown(body, { ...opts, resolveLink: (href) => resolveContentLink(folder, href) })
    .html;
}

/** The body without its closing "## Sources" list: the page shows the full references from the front matter instead. */
function withoutSourcesSection(body: string): string {
  const at = body.search(/^## Sources\s*$/m);
  return at < 0 ? body : body.slice(0, at);
}

function sourcesSection(sources: string[], id = "sources", level = 2, heading = "Sources"): string {
  return `<section aria-labelledby="${id}"><h${level} id="${id}">${e(heading)}</h${level}><ol>${sources.map((s) => `<li>${e(s)}</li>`).join("")}</ol></section>`;
}

function crumbs(items: { href?: string; label: string }[]): string {
  const li = items.map((i) =>
    i.href
      ? `<li><a href="${e(i.href)}">${e(i.label)}</a></li>`
      : `<li aria-current="page">${e(i.label)}</li>`,
  );
  return `<nav class="crumbs" aria-label="Breadcrumb"><ol>${li.join("")}</ol></nav>`;
}

function updatedLine(updated: string): string {
  return `<p class="meta">Reviewed <time datetime="${e(updated)}">${e(updated)}</time></p>`;
}

/** "hip_abductors" → "hip abductors"; the ITB region gets a name people recognise. */
export function targetLabel(code: string): string {
  if (code === "itb_region") return "outer hip and thigh (ITB region)";
  return code.replace(/_/g, " ");
}

function conditionLinks(catalogue: ContentCatalogue, codes: string[]): string {
  return codes
    .map((code) => {
      const c = catalogue.conditions.find((x) => x.code === code);
      return c ? `<a href="${articleUrl(c.articleSlug)}">${e(c.name)}</a>` : e(targetLabel(code));
    })
    .join(", ");
}

// ---------------------------------------------------------------- /learn

export function renderLearnIndex(catalogue: ContentCatalogue, ctx: PageContext): string {
  const groups = ARTICLE_TOPICS.map((topic) => {
    const articles = catalogue.articles
      .filter((a) => a.topic === topic)
      .sort((a, b) => a.title.localeCompare(b.title));
    if (articles.length === 0) return "";
    const cards = articles
      .map(
        (a) =>
          `<li class="card"><h3><a href="${articleUrl(a.slug)}">${e(a.title)}</a></h3><p>${e(a.summary)}</p></li>`,
      )
      .join("");
    return `<section aria-labelledby="topic-${topic}"><h2 id="topic-${topic}">${e(TOPIC_LABELS[topic])}</h2><ul class="cards">${cards}</ul></section>`;
  }).join("\n");
  const main = `<h1>Learn</h1>
<p class="lead">Articles in plain words on why running loads the knee, the training errors behind most pain, the five common conditions, and what helps. For exercises with doses and staged programmes, see the <a href="/exercises">exercise library</a>.</p>
${groups}`;
  return renderPage({
    title: "Learn",
    description:
      "The kneewise knowledge base: why running loads the knee, training errors, biomechanics, prevention, the common conditions and self-care, with sources.",
    canonical: `${ctx.origin}/learn`,
    area: "/learn",
    main,
  });
}

export function renderArticlePage(
  catalogue: ContentCatalogue,
  article: Article,
  ctx: PageContext,
  commentsHtml: string,
): string {
  const body = markdown("articles", withoutSourcesSection(article.body));
  const tools = article.tools
    .map((tool) => {
      if (tool.startsWith("exercises/")) {
        const programme = catalogue.programmes.find((p) => `exercises/${p.slug}` === tool);
        return programme
          ? `<li><a href="${exerciseUrl(programme.slug)}">${e(programme.title)}</a></li>`
          : "";
      }
      const link = TOOL_LINKS[tool];
      return link ? `<li><a href="${link.url}">${e(link.label)}</a></li>` : "";
    })
    .join("");
  const related = article.related
    .map((slug) => catalogue.articles.find((a) => a.slug === slug))
    .map((a) => (a ? `<li><a href="${articleUrl(a.slug)}">${e(a.title)}</a></li>` : ""))
    .join("");
  const condition = catalogue.conditions.find((c) => c.articleSlug === article.slug);
  const care = condition?.careSlug
    ? `<li><a href="${exerciseUrl(condition.programmeSlug ?? condition.careSlug)}#${CARE_SECTION_ID}">Ice and supports for this condition</a></li>`
    : "";
  const main = `${crumbs([{ href: "/learn", label: "Learn" }, { label: TOPIC_LABELS[article.topic] }])}
<article class="prose">
<h1>${e(article.title)}</h1>
<p class="lead">${e(article.summary)}</p>
${updatedLine(article.updated)}
${body}
<section class="aside-box" aria-labelledby="tools"><h2 id="tools">Tools for this</h2><ul>${tools}${care}</ul></section>
${sourcesSection(article.sources)}
<section aria-labelledby="related"><h2 id="related">Related articles</h2><ul>${related}</ul></section>
</article>
<section id="comments" class="prose" aria-labelledby="comments-title"><h2 id="comments-title">Share your experience</h2>
${commentsHtml}
</section>`;
  return renderPage({
    title: article.title,
    description: article.summary,
    canonical: `${ctx.origin}${articleUrl(article.slug)}`,
    area: "/learn",
    main,
  });
}

/** Until the community area renders comments here, the section points to it. */
export function defaultCommentsHtml(slug: string): string {
  return `<p>Runners share what helped them, and what did not, in the <a href="/community?article=${encodeURIComponent(slug)}">kneewise community</a>.</p>`;
}

// ---------------------------------------------------------------- /exercises

const KIND_HEADINGS: { kind: Exercise["kind"]; label: string }[] = [
  { kind: "strength", label: "Strength" },
  { kind: "stretch", label: "Stretches" },
  { kind: "mobility", label: "Mobility" },
];

export function renderExerciseLibrary(catalogue: ContentCatalogue, ctx: PageContext): string {
  const card = (href: string, title: string, summary: string) =>
    `<li class="card"><h3><a href="${href}">${e(title)}</a></h3><p>${e(summary)}</p></li>`;
  const programmes = catalogue.programmes
    .map((p) => card(exerciseUrl(p.slug), p.title, p.summary))
    .join("");
  const kinds = KIND_HEADINGS.map(({ kind, label }) => {
    const list = catalogue.exercises
      .filter((x) => x.kind === kind)
      .sort((a, b) => a.title.localeCompare(b.title));
    if (list.length === 0) return "";
    return `<section aria-labelledby="kind-${kind}"><h2 id="kind-${kind}">${label}</h2><ul class="cards">${list.map((x) => card(exerciseUrl(x.slug), x.title, x.summary)).join("")}</ul></section>`;
  }).join("\n");
  const tests = catalogue.selfTests
    .map((t) => card(exerciseUrl(t.slug), t.title, t.summary))
    .join("");
  const main = `<h1>Exercises</h1>
<p class="lead">Staged programmes for the five common conditions, every exercise with its dose and when to stop, and simple self-tests for tight or weak muscles and your foot type.</p>
<section aria-labelledby="programmes"><h2 id="programmes">Programmes by condition</h2><ul class="cards">${programmes}</ul></section>
${kinds}
<section aria-labelledby="self-tests"><h2 id="self-tests">Self-tests</h2><ul class="cards">${tests}</ul></section>`;
  return renderPage({
    title: "Exercises",
    description:
      "Knee exercise programmes for runners by condition, each exercise with dose, easier and harder versions, and self-tests for tightness and foot type.",
    canonical: `${ctx.origin}/exercises`,
    area: "/exercises",
    main,
  });
}

function doseText(x: Exercise): string {
  const { dose } = x;
  const per =
    dose.reps !== undefined ? `${dose.reps} repetitions` : `${dose.holdSeconds ?? 0}-second holds`;
  const side = dose.eachSide ? ", each side" : "";
  const times = dose.perWeek === 7 ? "every day" : `${dose.perWeek} times a week`;
  return `${dose.sets} ${dose.sets === 1 ? "set" : "sets"} of ${per}${side}, ${times}`;
}

function programmesUsing(catalogue: ContentCatalogue, slug: string): Programme[] {
  return catalogue.programmes.filter((p) => p.stages.some((s) => s.exercises.includes(slug)));
}

function exerciseFrame(
  ctx: PageContext,
  slug: string,
  title: string,
  summary: string,
  inner: string,
  sectionLabel: string,
): string {
  const main = `${crumbs([{ href: "/exercises", label: "Exercises" }, { label: sectionLabel }])}
<article class="prose">
<h1>${e(title)}</h1>
<p class="lead">${e(summary)}</p>
${inner}
</article>`;
  return renderPage({
    title,
    description: summary,
    canonical: `${ctx.origin}${exerciseUrl(slug)}`,
    area: "/exercises",
    main,
  });
}

export function renderExercisePage(
  catalogue: ContentCatalogue,
  x: Exercise,
  ctx: PageContext,
): string {
  const used = programmesUsing(catalogue, x.slug)
    .map((p) => `<li><a href="${exerciseUrl(p.slug)}">${e(p.title)}</a></li>`)
    .join("");
  const inner = `${exerciseFigureHtml(x.slug)}
<dl class="facts">
<dt>Dose</dt><dd>${e(doseText(x))}</dd>
<dt>Works</dt><dd>${e(x.targets.map(targetLabel).join(", "))}</dd>
<dt>Helps with</dt><dd>${conditionLinks(catalogue, x.conditions)}</dd>
<dt>Easier</dt><dd>${e(x.easier)}</dd>
<dt>Harder</dt><dd>${e(x.harder)}</dd>
</dl>
${markdown("exercises", x.body)}
${used ? `<section aria-labelledby="programmes"><h2 id="programmes">Part of these programmes</h2><ul>${used}</ul></section>` : ""}
${updatedLine(x.updated)}
${sourcesSection(x.sources)}`;
  return exerciseFrame(
    ctx,
    x.slug,
    x.title,
    x.summary,
    inner,
    KIND_HEADINGS.find((k) => k.kind === x.kind)?.label ?? "Exercise",
  );
}

export function renderSelfTestPage(
  catalogue: ContentCatalogue,
  t: SelfTest,
  ctx: PageContext,
): string {
  const rows = t.results
    .map(
      (r) =>
        `<tr><td>${e(r.reading)}</td><td>${e(r.flag === "none" ? "nothing to work on" : targetLabel(r.flag))}</td></tr>`,
    )
    .join("");
  const links = t.linksTo
    .map((slug) => catalogue.exercises.find((x) => x.slug === slug))
    .map((x) => (x ? `<li><a href="${exerciseUrl(x.slug)}">${e(x.title)}</a></li>` : ""))
    .join("");
  const inner = `${markdown("self-tests", t.body)}
<section aria-labelledby="results"><h2 id="results">Results at a glance</h2><div class="table-wrap"><table><thead><tr><th scope="col">What you see</th><th scope="col">What it points to</th></tr></thead><tbody>${rows}</tbody></table></div></section>
<section aria-labelledby="exercises"><h2 id="exercises">Exercises this test leads to</h2><ul>${links}</ul></section>
${updatedLine(t.updated)}
${sourcesSection(t.sources)}`;
  return exerciseFrame(ctx, t.slug, t.title, t.summary, inner, "Self-tests");
}

export function renderProgrammePage(
  catalogue: ContentCatalogue,
  p: Programme,
  care: CarePage | undefined,
  ctx: PageContext,
): string {
  const title = (slug: string) => catalogue.exercises.find((x) => x.slug === slug)?.title ?? slug;
  const stages = p.stages
    .map(
      (s, n) =>
        `<tr><th scope="row">${n + 1}. ${e(s.name)}</th><td>${e(s.weeks)}</td><td>${e(s.goal)}</td><td>${s.exercises
          .map((slug) => `<a href="${exerciseUrl(slug)}">${e(title(slug))}</a>`)
          .join(", ")}</td><td>${e(s.progressWhen)}</td></tr>`,
    )
    .join("");
  const condition = catalogue.conditions.find((c) => c.code === p.condition);
  const about = condition
    ? `<p>Read about the condition first: <a href="${articleUrl(condition.articleSlug)}">${e(condition.name)}</a>.</p>`
    : "";
  const careHtml = care
    ? `<section aria-labelledby="${CARE_SECTION_ID}"><h2 id="${CARE_SECTION_ID}">${e(care.title)}</h2>
<p>${e(care.summary)}</p>
${markdown("care", care.body, { headingOffset: 1, idPrefix: "care-" })}
${sourcesSection(care.sources, "care-sources", 3, "Sources of the ice and support advice")}
</section>`
    : "";
  const inner = `${about}
<section aria-labelledby="stages"><h2 id="stages">Stages at a glance</h2><div class="table-wrap"><table><thead><tr><th scope="col">Stage</th><th scope="col">Weeks</th><th scope="col">Goal</th><th scope="col">Exercises</th><th scope="col">Move on when</th></tr></thead><tbody>${stages}</tbody></table></div></section>
${markdown("programmes", p.body)}
${careHtml}
${updatedLine(p.updated)}
${sourcesSection(p.sources)}`;
  return exerciseFrame(ctx, p.slug, p.title, p.summary, inner, "Programmes");
}

// ---------------------------------------------------------------- errors

export function renderNotFoundPage(what: string): string {
  const main = `<h1>Page not found</h1>
<p>${e(what)}</p>
<p>Try the search box above, browse the <a href="/learn">articles</a> or the <a href="/exercises">exercise library</a>.</p>`;
  return renderPage({
    title: "Page not found",
    description: "This page does not exist on kneewise.",
    main,
    noindex: true,
  });
}
