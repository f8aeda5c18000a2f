import { editDistance, normalizeWord, stem, stems } from "../content/search-text.js";

/*
 * How a comment becomes search terms: the site search's own word splitting and light stemming
 * (src/core/content/search-text.ts), so a stem the search helper derives from a query ("knee",
 * "tendinopathy") is the same string stored for a comment. Function words are left out: they
 * would put every comment in the index under "the" and say nothing about any of them.
 */

const FUNCTION_WORDS = [
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "been",
  "but",
  "by",
  "can",
  "could",
  "did",
  "do",
  "does",
  "for",
  "from",
  "had",
  "has",
  "have",
  "he",
  "her",
  "his",
  "i",
  "if",
  "in",
  "into",
  "is",
  "it",
  "its",
  "me",
  "my",
  "of",
  "on",
  "or",
  "our",
  "she",
  "so",
  "than",
  "that",
  "the",
  "their",
  "them",
  "then",
  "there",
  "these",
  "they",
  "this",
  "to",
  "too",
  "us",
  "was",
  "we",
  "were",
  "what",
  "when",
  "which",
  "who",
  "will",
  "with",
  "would",
  "you",
  "your",
  "im",
  "ive",
  "just",
];
const STOP = new Set(FUNCTION_WORDS.map((w) => stem(normalizeWord(w))));

const MIN_TERM = 2;
const MAX_TERM = 40;
/** A 5,000-character comment holds a few hundred distinct words at most; this bounds the index rows per comment. */
export const MAX_TERMS_PER_COMMENT = 400;

function keep(term: string): boolean {
  return term.length >= MIN_TERM && term.length <= MAX_TERM && !STOP.has(term);
}

/** The distinct index terms of a comment body, sorted (a stable lock order for concurrent upserts). */
export function commentTerms(body: string): string[] {
  return [...new Set(stems(body).filter(keep))].sort().slice(0, MAX_TERMS_PER_COMMENT);
}

/** The terms of a search query, in the order typed, without duplicates. */
export function queryTerms(query: string): string[] {
  return [...new Set(stems(query).filter(keep))];
}

/** The first two characters of a term: the key of its vocabulary bucket. */
export function termPrefix(term: string): string {
  return [...term].slice(0, 2).join("");
}

/** How far a query word may be from a vocabulary word and still match: none under 4 letters, 1 up to 7, then 2. */
export function typoAllowance(term: string): number {
  return term.length < 4 ? 0 : term.length < 8 ? 1 : 2;
}

export interface VocabularyEntry {
  term: string;
  comments: number;
}

export interface TermExpansion {
  term: string;
  /** 1 for the word itself, less for a completion or a correction. */
  weight: number;
}

const MAX_COMPLETIONS = 4;
const MAX_CORRECTIONS = 3;

/**
 * The vocabulary terms a query term stands for, given the vocabulary entries sharing its
 * prefix: itself when present, its most common completions (a prefix of three or more letters:
 * "tendin" finds "tendinopathy") and, when the word itself is unknown, its near misses
 * ("patelar" finds "patellar").
 */
export function expandQueryTerm(term: string, bucket: readonly VocabularyEntry[]): TermExpansion[] {
  const out: TermExpansion[] = [];
  const live = bucket.filter((e) => e.comments > 0);
  const exact = live.some((e) => e.term === term);
  if (exact) out.push({ term, weight: 1 });
  if (term.length >= 3) {
    const completions = live
      .filter((e) => e.term !== term && e.term.startsWith(term))
      .sort((a, b) => b.comments - a.comments || a.term.localeCompare(b.term))
      .slice(0, MAX_COMPLETIONS);
    for (const c of completions) out.push({ term: c.term, weight: 0.8 });
  }
  const allowance = typoAllowance(term);
  if (!exact && allowance > 0) {
    const corrections = live
      .filter((e) => !e.term.startsWith(term))
      .map((e) => ({ e, d: editDistance(term, e.term, allowance) }))
      .filter((x) => x.d <= allowance)
      .sort((a, b) => a.d - b.d || b.e.comments - a.e.comments)
      .slice(0, MAX_CORRECTIONS);
    for (const c of corrections) out.push({ term: c.e.term, weight: c.d === 1 ? 0.7 : 0.5 });
  }
  return out;
}
