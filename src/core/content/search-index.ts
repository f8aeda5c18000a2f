import { editDistance, highlightSnippet, normalizeWord, stem, stems, words } from "./search-text.js";
import type { WordSpan } from "./search-text.js";

/*
 * Site search over the content, in memory. Content changes only with a release, so the index
 * is built once at startup and every query is a pure function of (index, query): the same
 * answer on SQLite and PostgreSQL, in tests and in production.
 *
 * Ranking: BM25-like term weights per field, with titles and synonyms weighing most, then
 * headings, the summary and the body. A document that matches more of the query's words ranks
 * higher (coverage), and one whose title or synonyms hold the whole phrase gets a bonus.
 * Typo tolerance: a query word unknown to the vocabulary is matched to vocabulary words within
 * edit distance 1 (4-7 letters) or 2 (8 or more). Synonyms: built-in phrases plus the names in
 * each condition article's front matter expand the query (runner's knee → patellofemoral pain).
 */

export const SEARCH_KINDS = ["condition", "article", "programme", "exercise", "self-test", "comment"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchDocument {
  kind: Exclude<SearchKind, "comment">;
  title: string;
  url: string;
  summary: string;
  synonyms: string[];
  headings: string[];
  /** Plain text of the body (no Markdown). */
  body: string;
}

export interface SearchHit {
  kind: SearchKind;
  title: string;
  url: string;
  /** HTML: escaped text with matching words in <mark>. */
  snippet: string;
  score: number;
}

/** Phrases people search for, mapped to the words the content uses. Front-matter synonyms add to these. */
export const BUILT_IN_SYNONYMS: readonly (readonly [string, string])[] = [
  ["runner's knee", "patellofemoral pain"],
  ["jumper's knee", "patellar tendinopathy"],
  ["ITB", "iliotibial band"],
  ["IT band", "iliotibial band"],
  ["tendonitis", "tendinopathy"],
  ["tendinitis", "tendinopathy"],
  ["kneecap", "patella"],
];

const FIELD_WEIGHTS = { title: 6, synonyms: 5, headings: 2.5, summary: 2, body: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

/** Condition pages are what people most often look for; then articles, programmes, exercises. */
const KIND_WEIGHT: Record<SearchDocument["kind"], number> = {
  condition: 1.15,
  article: 1,
  programme: 0.95,
  exercise: 0.9,
  "self-test": 0.9,
};

const STOPWORDS = new Set(
  "a an and are as at be by can do does for from how i in is it its me my of on or so the to what when where which who why with you your".split(" "),
);

const BODY_K = 1.2;
const BODY_B = 0.75;

interface IndexedDoc {
  doc: SearchDocument;
  /** Stem sequences of the title and each synonym, for the whole-phrase bonus. */
  phrases: string[][];
  bodyLength: number;
  /** The body's words with positions, kept for snippets so a query never re-tokenises a page. */
  bodySpans: WordSpan[];
  summarySpans: WordSpan[];
}

interface Posting {
  doc: number;
  /** Field-weighted, saturated term frequency. */
  weight: number;
}

export interface SearchIndex {
  docs: IndexedDoc[];
  postings: Map<string, Posting[]>;
  /** Vocabulary stems grouped by length, for the typo search. */
  byLength: Map<number, string[]>;
  /** Synonym phrase (stems) → expansion (stems). */
  synonyms: { from: string[]; to: string[] }[];
}

export function buildSearchIndex(documents: SearchDocument[], extraSynonyms: readonly (readonly [string, string])[] = []): SearchIndex {
  const docs: IndexedDoc[] = [];
  const perDocTf: Map<string, Record<Field, number>>[] = [];
  let totalBody = 0;
  for (const doc of documents) {
    const tf = new Map<string, Record<Field, number>>();
    const fieldText: Record<Field, string[]> = {
      title: [doc.title],
      synonyms: doc.synonyms,
      headings: doc.headings,
      summary: [doc.summary],
      body: [doc.body],
    };
    let bodyLength = 0;
    for (const field of FIELDS) {
      for (const text of fieldText[field]) {
        for (const s of stems(text)) {
          let counts = tf.get(s);
          if (!counts) {
            counts = { title: 0, synonyms: 0, headings: 0, summary: 0, body: 0 };
            tf.set(s, counts);
          }
          counts[field]++;
          if (field === "body") bodyLength++;
        }
      }
    }
    totalBody += bodyLength;
    perDocTf.push(tf);
    docs.push({ doc, phrases: [doc.title, ...doc.synonyms].map(stems), bodyLength, bodySpans: words(doc.body), summarySpans: words(doc.summary) });
  }
  const avgBody = docs.length === 0 ? 1 : Math.max(1, totalBody / docs.length);
  const postings = new Map<string, Posting[]>();
  perDocTf.forEach((tf, n) => {
    const norm = BODY_K * (1 - BODY_B + (BODY_B * (docs[n]?.bodyLength ?? 0)) / avgBody);
    for (const [term, counts] of tf) {
      let weight = 0;
      for (const field of FIELDS) {
        const c = counts[field];
        if (c === 0) continue;
        weight += FIELD_WEIGHTS[field] * (field === "body" ? c / (c + norm) : c / (c + 0.5));
      }
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc: n, weight });
    }
  });
  const byLength = new Map<number, string[]>();
  for (const term of postings.keys()) {
    let list = byLength.get(term.length);
    if (!list) byLength.set(term.length, (list = []));
    list.push(term);
  }
  const synonyms = [...BUILT_IN_SYNONYMS, ...extraSynonyms]
    .map(([from, to]) => ({ from: stems(from), to: stems(to) }))
    .filter((s) => s.from.length > 0 && s.to.length > 0);
  return { docs, postings, byLength, synonyms };
}

interface Alternative {
  term: string;
  weight: number;
}

interface QueryGroup {
  alternatives: Alternative[];
  /** Required groups come from the query's own words and count toward coverage. */
  required: boolean;
  /** For a synonym expansion: the required groups it can stand in for. */
  covers: number[];
}

export interface AnalysedQuery {
  groups: QueryGroup[];
  /** Every stem that may be highlighted in a snippet. */
  highlight: Set<string>;
  /** Typo-corrected and synonym-expanded words, for searches outside this index (comments). */
  words: string[];
  /** Stem sequences whose presence in a title or synonym earns the phrase bonus. */
  phrases: string[][];
}

function typoBudget(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

function fuzzyAlternatives(index: SearchIndex, term: string): Alternative[] {
  const max = typoBudget(term.length);
  if (max === 0) return [];
  const found: Alternative[] = [];
  for (let len = term.length - max; len <= term.length + max; len++) {
    for (const candidate of index.byLength.get(len) ?? []) {
      const d = editDistance(term, candidate, max);
      if (d <= max) found.push({ term: candidate, weight: d === 1 ? 0.75 : 0.5 });
    }
  }
  return found.sort((a, b) => b.weight - a.weight).slice(0, 8);
}

/** Splits a query into word groups, corrects typos against the vocabulary and expands synonyms. */
export function analyseQuery(index: SearchIndex, query: string): AnalysedQuery {
  const spans = words(query).slice(0, 32);
  // Correct each word first, so that a misspelt synonym ("jumpers kne") still expands.
  const corrected = spans.map((s) => {
    const known = index.postings.has(s.stem) || index.synonyms.some((syn) => syn.from.includes(s.stem));
    if (known) return { stem: s.stem, alternatives: [{ term: s.stem, weight: 1 }] };
    const fuzzy = fuzzyAlternatives(index, s.stem);
    return { stem: fuzzy[0]?.term ?? s.stem, alternatives: [{ term: s.stem, weight: 1 }, ...fuzzy] };
  });
  const groups: QueryGroup[] = [];
  const groupOfSpan = new Map<number, number>();
  corrected.forEach((c, n) => {
    if (STOPWORDS.has(c.stem) && spans.length > 1) return;
    groupOfSpan.set(n, groups.length);
    groups.push({ alternatives: c.alternatives, required: true, covers: [] });
  });
  const sequence = corrected.map((c) => c.stem);
  const phrases: string[][] = [];
  if (sequence.length > 1) phrases.push(sequence.filter((s, n) => groupOfSpan.has(n) || !STOPWORDS.has(s)));
  for (const syn of index.synonyms) {
    for (let at = 0; at + syn.from.length <= sequence.length; at++) {
      if (!syn.from.every((s, k) => sequence[at + k] === s)) continue;
      const covers = syn.from.flatMap((_, k) => {
        const g = groupOfSpan.get(at + k);
        return g === undefined ? [] : [g];
      });
      for (const term of syn.to) {
        if (STOPWORDS.has(term)) continue;
        groups.push({ alternatives: [{ term, weight: 0.9 }], required: false, covers });
      }
      phrases.push(syn.to, syn.from);
    }
  }
  const highlight = new Set<string>();
  const wordList: string[] = [];
  for (const g of groups) {
    for (const alt of g.alternatives) {
      if (!index.postings.has(alt.term)) continue;
      highlight.add(alt.term);
      if (!wordList.includes(alt.term)) wordList.push(alt.term);
    }
  }
  for (const s of spans) {
    const w = normalizeWord(s.word);
    if (!STOPWORDS.has(w) && !wordList.includes(w)) wordList.unshift(w);
  }
  return { groups, highlight, words: wordList, phrases };
}

function idf(index: SearchIndex, term: string): number {
  const df = index.postings.get(term)?.length ?? 0;
  const n = index.docs.length;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function containsPhrase(haystack: string[], phrase: string[]): boolean {
  if (phrase.length === 0 || phrase.length > haystack.length) return false;
  for (let at = 0; at + phrase.length <= haystack.length; at++) {
    if (phrase.every((s, k) => haystack[at + k] === s)) return true;
  }
  return false;
}

/** Ranks the documents for a query; the best first, at most `limit`. */
export function searchIndex(index: SearchIndex, query: string | AnalysedQuery, limit: number): SearchHit[] {
  const analysed = typeof query === "string" ? analyseQuery(index, query) : query;
  const { groups } = analysed;
  const required = groups.filter((g) => g.required).length;
  if (required === 0) return [];

  const scores = new Map<number, { score: number; matched: Set<number> }>();
  groups.forEach((group, g) => {
    const best = new Map<number, number>();
    for (const alt of group.alternatives) {
      const weight = alt.weight * idf(index, alt.term);
      for (const p of index.postings.get(alt.term) ?? []) {
        const v = weight * p.weight;
        if (v > (best.get(p.doc) ?? 0)) best.set(p.doc, v);
      }
    }
    for (const [doc, v] of best) {
      let entry = scores.get(doc);
      if (!entry) scores.set(doc, (entry = { score: 0, matched: new Set() }));
      entry.score += v;
      entry.matched.add(g);
    }
  });

  const ranked: { doc: number; score: number }[] = [];
  for (const [doc, { score, matched }] of scores) {
    // A required group counts as found directly, or when every word of a synonym standing in for it is found.
    let covered = 0;
    groups.forEach((group, g) => {
      if (!group.required) return;
      if (matched.has(g)) covered++;
      else {
        const standIns = groups.map((other, o) => ({ other, o })).filter(({ other }) => other.covers.includes(g));
        if (standIns.length > 0 && standIns.every(({ o }) => matched.has(o))) covered++;
      }
    });
    if (covered === 0) continue;
    const coverage = covered / required;
    const indexed = index.docs[doc];
    if (!indexed) continue;
    const phraseBonus = analysed.phrases.some((p) => p.length > 1 && indexed.phrases.some((h) => containsPhrase(h, p))) ? 1.5 : 1;
    ranked.push({ doc, score: score * coverage * coverage * phraseBonus * KIND_WEIGHT[indexed.doc.kind] });
  }
  ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return ranked.slice(0, limit).flatMap(({ doc, score }) => {
    const indexed = index.docs[doc];
    if (!indexed) return [];
    const { kind, title, url, summary, body } = indexed.doc;
    const inBody = indexed.bodySpans.some((w) => analysed.highlight.has(w.stem));
    const snippet = inBody
      ? highlightSnippet(body, analysed.highlight, 200, indexed.bodySpans)
      : highlightSnippet(summary, analysed.highlight, 200, indexed.summarySpans);
    return [{ kind, title, url, snippet, score: Math.round(score * 1000) / 1000 }];
  });
}

/** The stem of one word as the index sees it; exported for callers that build their own matches. */
export function searchStem(word: string): string {
  return stem(normalizeWord(word));
}
