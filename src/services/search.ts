import { analyseQuery, searchIndex } from "../core/content/search-index.js";
import type { SearchResult } from "../contracts/search.js";
import type { App } from "./app.js";
import type { SiteContent } from "./content.js";

/** What a comment search receives: the query as typed, and the words to look for. */
export interface CommentSearchQuery {
  /** The query as the person typed it (trimmed, at most 200 characters). */
  text: string;
  /**
   * Lower-case search terms: the query's own words, their typo corrections against the content
   * vocabulary and their synonym expansions (stems such as "tendinopathy", "patellofemoral").
   */
  terms: string[];
  /** Stems to wrap in <mark> with highlightSnippet() from src/core/content/search-text.ts. */
  highlight: string[];
}

/**
 * Searches approved comments (implemented by the community service, in the database). Results
 * come back best first with kind "comment", a URL to the comment and an escaped, highlighted
 * snippet. It must answer the same on SQLite and PostgreSQL.
 */
export type SearchComments = (
  app: App,
  query: CommentSearchQuery,
  limit: number,
) => Promise<SearchResult[]>;

/** Until the community service supplies comment search, comments contribute nothing. */
export const searchNoComments: SearchComments = () => Promise.resolve([]);

export const DEFAULT_SEARCH_LIMIT = 20;

/**
 * Site search: content from the in-memory index, approved comments from the database. Comments
 * get at most a quarter of the places when content also matches, so that a busy forum cannot
 * push the articles off the page.
 */
export async function searchSite(
  app: App,
  content: SiteContent,
  query: string,
  opts: { limit?: number; searchComments?: SearchComments } = {},
): Promise<SearchResult[]> {
  const limit = opts.limit ?? DEFAULT_SEARCH_LIMIT;
  const analysed = analyseQuery(content.index, query);
  const contentHits = searchIndex(content.index, analysed, limit).map(
    ({ kind, title, url, snippet }) => ({ kind, title, url, snippet }),
  );
  const search = opts.searchComments ?? searchNoComments;
  const comments = await search(
    app,
    { text: query, terms: analysed.words, highlight: [...analysed.highlight] },
    limit,
  );
  const commentPlaces =
    contentHits.length === 0 ? limit : Math.min(comments.length, Math.ceil(limit / 4));
  return [
    ...contentHits.slice(0, limit - commentPlaces),
    ...comments.slice(0, commentPlaces),
  ].slice(0, limit);
}
