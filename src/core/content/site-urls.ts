import type { ContentCatalogue, ContentFolder } from "./catalogue.js";
import { markdownSections } from "./markdown.js";
import type { SearchDocument } from "./search-index.js";

/*
 * Where each piece of content lives on the site, and the search documents built from it.
 * Articles are /learn/<slug>; exercises, self-tests and programmes share /exercises/<slug>; a
 * care page (ice and supports) is a section of its condition's programme page.
 */

export const articleUrl = (slug: string): string => `/learn/${slug}`;
export const exerciseUrl = (slug: string): string => `/exercises/${slug}`;
export const CARE_SECTION_ID = "ice-and-supports";

/**
 * Content files link to each other by path (`../exercises/step-down.md`), which reads well on a
 * code host; on the site those become page URLs. Other links pass through unchanged.
 */
export function resolveContentLink(from: ContentFolder | "profile", href: string): string {
  const m = /^(?:\.\.\/([a-z-]+)\/|\.\/)?([a-z0-9-]+)\.md(#[A-Za-z0-9-]*)?$/.exec(href);
  if (!m) return href;
  const folder = m[1] ?? from;
  const slug = m[2] ?? "";
  const hash = m[3] ?? "";
  switch (folder) {
    case "articles":
    case "profile":
      return `${articleUrl(slug)}${hash}`;
    case "care":
      return `${exerciseUrl(slug)}#${CARE_SECTION_ID}`;
    case "exercises":
    case "self-tests":
    case "programmes":
      return `${exerciseUrl(slug)}${hash}`;
    default:
      return href;
  }
}

function textOf(markdown: string): { headings: string[]; body: string } {
  // The Sources section is on every page and says nothing about the topic.
  const sections = markdownSections(markdown).filter((s) => s.heading !== "Sources");
  return {
    headings: sections.flatMap((s) => (s.heading === undefined ? [] : [s.heading])),
    body: sections.map((s) => s.text).join(" "),
  };
}

/** One search document per page of the site. */
export function siteSearchDocuments(catalogue: ContentCatalogue): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const a of catalogue.articles) {
    const { headings, body } = textOf(a.body);
    docs.push({
      kind: a.condition === undefined ? "article" : "condition",
      title: a.title,
      url: articleUrl(a.slug),
      summary: a.summary,
      synonyms: a.synonyms,
      headings,
      body,
    });
  }
  for (const p of catalogue.programmes) {
    const care = catalogue.care.find((c) => c.condition === p.condition);
    const own = textOf(p.body);
    const careText = care ? textOf(care.body) : { headings: [], body: "" };
    docs.push({
      kind: "programme",
      title: p.title,
      url: exerciseUrl(p.slug),
      summary: p.summary,
      synonyms: [],
      headings: [...p.stages.map((s) => s.name), ...own.headings, ...careText.headings],
      body: [p.stages.map((s) => `${s.name}. ${s.goal}`).join(" "), own.body, careText.body].join(" "),
    });
  }
  for (const e of catalogue.exercises) {
    const { headings, body } = textOf(e.body);
    docs.push({ kind: "exercise", title: e.title, url: exerciseUrl(e.slug), summary: e.summary, synonyms: [], headings, body });
  }
  for (const t of catalogue.selfTests) {
    const { headings, body } = textOf(t.body);
    docs.push({ kind: "self-test", title: t.title, url: exerciseUrl(t.slug), summary: t.summary, synonyms: [], headings, body });
  }
  return docs;
}

/** Front-matter synonyms of each condition, mapped to the condition's own name ("PFPS" → "patellofemoral pain"). */
export function conditionSynonyms(catalogue: ContentCatalogue): [string, string][] {
  return catalogue.conditions.flatMap((c) => c.synonyms.map((s): [string, string] => [s, c.code.replace(/_/g, " ")]));
}
