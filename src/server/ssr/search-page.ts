import { escapeHtml } from "../../core/content/escape-html.js";
import type { SearchResult } from "../../contracts/search.js";
import { renderPage, searchForm } from "./layout.js";

const KIND_LABELS: Record<SearchResult["kind"], string> = {
  condition: "Condition",
  article: "Article",
  programme: "Programme",
  exercise: "Exercise",
  "self-test": "Self-test",
  comment: "Comment",
};

/**
 * The results page of GET /search. Snippets arrive as HTML from the search service (escaped
 * text with <mark>); titles and URLs are escaped here.
 */
export function renderSearchPage(opts: {
  query: string;
  results: SearchResult[] | undefined;
  error: string | undefined;
}): string {
  const { query, results, error } = opts;
  let body: string;
  if (error !== undefined) {
    body = `<p class="error" role="alert">${escapeHtml(error)}</p>`;
  } else if (results === undefined) {
    body = `<p>Search the articles, exercises, programmes and conditions, and what runners shared in the community.</p>`;
  } else if (results.length === 0) {
    body = `<p role="status">Nothing found for “${escapeHtml(query)}”. Try fewer or other words, or browse the <a href="/learn">articles</a>.</p>`;
  } else {
    const items = results
      .map(
        (r) =>
          `<li><a href="${escapeHtml(r.url)}">${escapeHtml(r.title)}</a><span class="kind">${KIND_LABELS[r.kind]}</span><p>${r.snippet}</p></li>`,
      )
      .join("\n");
    const count = `${results.length} ${results.length === 1 ? "result" : "results"}`;
    body = `<p role="status">${count} for “${escapeHtml(query)}”</p><ol class="results">${items}</ol>`;
  }
  const main = `<div class="search-page prose">
<h1>Search</h1>
${searchForm({ id: "search-page-q", className: "page-search", label: "Search again", visibleLabel: true, query })}
${body}
</div>`;
  const title = query === "" || error !== undefined ? "Search" : `Search: ${query}`;
  return renderPage({
    title,
    description:
      "Search kneewise: articles, exercises, programmes, conditions and community posts.",
    query,
    main,
    noindex: true,
  });
}
