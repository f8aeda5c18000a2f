import { commentPlainText, parseCommentMarkdown } from "../../core/community/comment-markdown.js";
import { expandQueryTerm, queryTerms, termPrefix } from "../../core/community/comment-terms.js";
import type { TermExpansion, VocabularyEntry } from "../../core/community/comment-terms.js";
import { highlightSnippet, normalizeWord, stem } from "../../core/content/search-text.js";
import type { SearchResult } from "../../contracts/search.js";
import { comments } from "../../store/index.js";
import type { App } from "../app.js";
import { articleTitle } from "./articles.js";
import type { Db } from "./db.js";

export interface CommentSearchHit {
  articleSlug: string;
  commentId: string;
  body: string;
  displayName: string;
  score: number;
}

/** Per query term, the newest this-many comments holding it are considered. */
const POSTINGS_PER_TERM = 300;
const MAX_QUERY_TERMS = 8;
const MAX_LOOKUP_TERMS = 16;

/** A comment's score so far, and the order it was first matched in (the newer first). */
type Scores = Map<string, { score: number; seen: number }>;

/**
 * Searches visible comments. Each query word (the site search's stems, plus any `terms` the
 * caller already derived, e.g. synonym expansions) is matched in the vocabulary exactly, by
 * completion ("tendin…") and, when unknown, by a near miss ("patelar"); all from one indexed
 * lookup of the vocabulary rows sharing its first two letters. Postings are then read per term,
 * newest first, capped at 300 per term, so a query costs a bounded number of index ranges
 * however many comments there are. A comment scores per query word it holds, rarer words more;
 * more words matched always ranks higher, then newer. Same SQL on SQLite and PostgreSQL.
 *
 * Trade-off: for a word held by more than 300 comments, only its newest 300 are candidates.
 */
export async function searchComments(
  app: App,
  query: string,
  limit: number,
  opts: { terms?: readonly string[] } = {},
): Promise<CommentSearchHit[]> {
  const { db } = app.database;
  const wanted = wantedTerms(query, opts.terms ?? []);
  if (wanted.length === 0 || limit <= 0) return [];
  const { groups, df } = await expandTerms(db, wanted);
  const postings = await loadPostings(db, groups);
  const scores = scoreComments(groups, df, postings);
  if (scores.size === 0) return [];
  const ranked = [...scores]
    .sort((a, b) => b[1].score - a[1].score || a[1].seen - b[1].seen)
    .slice(0, limit * 2);
  return visibleHits(db, ranked, limit);
}

/** The query's stems and the caller's own terms, stemmed alike, without repeats. */
function wantedTerms(query: string, terms: readonly string[]): string[] {
  const extra = terms.map((t) => stem(normalizeWord(t))).filter((t) => t.length >= 2);
  return [...new Set([...queryTerms(query), ...extra])].slice(0, MAX_QUERY_TERMS);
}

/**
 * Each wanted term's matches in the vocabulary (exact, completions, near misses), read in one
 * lookup by prefix, and how many comments hold each vocabulary word.
 */
async function expandTerms(
  db: Db,
  wanted: string[],
): Promise<{ groups: TermExpansion[][]; df: Map<string, number> }> {
  const vocabulary = await comments.vocabularyByPrefix(db, [...new Set(wanted.map(termPrefix))]);
  const buckets = new Map<string, VocabularyEntry[]>();
  for (const v of vocabulary) {
    const list = buckets.get(v.prefix) ?? [];
    list.push({ term: v.term, comments: Number(v.comments) });
    buckets.set(v.prefix, list);
  }
  const df = new Map(vocabulary.map((v) => [v.term, Number(v.comments)]));
  const groups = wanted.map((t) => expandQueryTerm(t, buckets.get(termPrefix(t)) ?? []));
  return { groups, df };
}

/** The ids of the newest comments holding each vocabulary word the groups name. */
async function loadPostings(db: Db, groups: TermExpansion[][]): Promise<Map<string, string[]>> {
  const lookups = [...new Set(groups.flat().map((e) => e.term))].slice(0, MAX_LOOKUP_TERMS);
  const postings = new Map<string, string[]>();
  for (const row of await comments.commentIdsForTerms(db, lookups, POSTINGS_PER_TERM)) {
    const list = postings.get(row.term) ?? [];
    list.push(row.comment_id);
    postings.set(row.term, list);
  }
  return postings;
}

/** Per comment, the sum over query words of the best weight among the words it holds. */
function scoreComments(
  groups: TermExpansion[][],
  df: ReadonlyMap<string, number>,
  postings: ReadonlyMap<string, string[]>,
): Scores {
  const scores: Scores = new Map();
  let order = 0;
  for (const group of groups) {
    const best = new Map<string, number>();
    for (const { term, weight } of group) {
      // Rarer words say more: between 1 and about 1.6 per matched word, so matching one more
      // word always outranks matching rarer ones.
      const w = weight * (1 + 1 / Math.log2(2 + (df.get(term) ?? 1)));
      for (const id of postings.get(term) ?? []) if (w > (best.get(id) ?? 0)) best.set(id, w);
    }
    for (const [id, w] of best) {
      const s = scores.get(id);
      if (s) s.score += w;
      else scores.set(id, { score: w, seen: order++ });
    }
  }
  return scores;
}

/** The ranked comments that are still visible, with their authors, up to the limit. */
async function visibleHits(
  db: Db,
  ranked: [string, { score: number }][],
  limit: number,
): Promise<CommentSearchHit[]> {
  const rows = new Map(
    (
      await comments.listCommentsWithAuthors(
        db,
        ranked.map(([id]) => id),
      )
    ).map((r) => [r.id, r]),
  );
  const hits: CommentSearchHit[] = [];
  for (const [id, { score }] of ranked) {
    const row = rows.get(id);
    // The index only holds visible comments; this guards against a row changed mid-query.
    if (!row || row.status !== "visible" || row.deleted_at !== null) continue;
    hits.push({
      articleSlug: row.article_slug,
      commentId: id,
      body: row.body,
      displayName: row.display_name,
      score: Math.round(score * 1000) / 1000,
    });
    if (hits.length === limit) break;
  }
  return hits;
}

/**
 * searchComments shaped as site-search results (src/services/search.ts, SearchComments): a
 * title naming the article, a link to the comment and an escaped snippet with <mark>s.
 */
export async function searchCommentsForSite(
  app: App,
  query: { text: string; terms: string[]; highlight: string[] },
  limit: number,
): Promise<SearchResult[]> {
  const hits = await searchComments(app, query.text, limit, { terms: query.terms });
  const marks = new Set([
    ...query.highlight,
    ...queryTerms(query.text),
    ...query.terms.map((t) => stem(normalizeWord(t))),
  ]);
  return hits.map((h) => ({
    kind: "comment",
    title: `${h.displayName} on “${articleTitle(h.articleSlug)}”`,
    url: `/community/${encodeURIComponent(h.articleSlug)}#comment-${h.commentId}`,
    snippet: highlightSnippet(commentPlainText(parseCommentMarkdown(h.body)), marks),
  }));
}
