import { escapeHtml } from "./escape-html.js";

/*
 * The text side of site search, shared by the in-memory content index and by anything else that
 * searches (comments in the database): how text splits into words, how words are reduced to a
 * comparable stem, the edit distance used for typo tolerance, and the highlighted snippet.
 */

export interface WordSpan {
  /** The word as written. */
  word: string;
  /** Its stem: lower case, no accents or apostrophes, light suffix stripping. */
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower case, accents removed, apostrophes dropped ("Runner’s" → "runners"). */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // Most words are plain ASCII letters: skip Unicode normalisation, which dominates indexing time.
  if (/^[a-z0-9]*$/.test(lower)) return lower;
  return lower
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "");
}

const DOUBLE_CONSONANT = /([b-df-hj-np-tv-z])\1$/;

/**
 * A deliberately light English stemmer: plurals and -ing/-ed. Enough for "knees" = "knee" and
 * "running" = "run" without Porter's surprises on medical words ("tendinitis", "bursitis" keep
 * their endings).
 */
export function stem(normalized: string): string {
  let w = normalized;
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  for (const suffix of ["ing", "ed"]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      if (DOUBLE_CONSONANT.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
      return w;
    }
  }
  return w;
}

export function words(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index;
    out.push({ word, stem: stem(normalizeWord(word)), start, end: start + word.length });
  }
  return out;
}

export function stems(text: string): string[] {
  return words(text).map((w) => w.stem);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps), giving up as soon as it
 * must exceed `max`: typo tolerance only ever asks "within 1 or 2?".
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push(new Array<number>(b.length + 1).fill(0));
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * A short excerpt of `text` around the densest run of matching words, with those words in
 * <mark> and everything else escaped. Returns escaped text from the start when nothing matches.
 */
export function highlightSnippet(text: string, matchStems: ReadonlySet<string>, maxLength = 200, spans: readonly WordSpan[] = words(text)): string {
  const hits = spans.filter((s) => matchStems.has(s.stem));
  let from = 0;
  if (hits.length > 0 && text.length > maxLength) {
    // The window that holds the most distinct matched stems, starting at a hit.
    let best = { start: hits[0]!.start, score: -1 };
    for (let h = 0; h < hits.length; h++) {
      const start = hits[h]!.start;
      const seen = new Set<string>();
      for (let k = h; k < hits.length && hits[k]!.end - start <= maxLength * 0.8; k++) seen.add(hits[k]!.stem);
      if (seen.size > best.score) best = { start, score: seen.size };
    }
    // Back up to the start of the sentence, or a few words, so the hit is read in context.
    const sentence = Math.max(text.lastIndexOf(". ", best.start), text.lastIndexOf("\n", best.start));
    from = best.start - (sentence >= 0 && best.start - sentence < maxLength * 0.4 ? best.start - sentence - 2 : Math.min(best.start, 40));
    const wordStart = spans.find((s) => s.end > from);
    from = Math.max(0, Math.min(wordStart?.start ?? from, best.start));
  }
  let to = Math.min(text.length, from + maxLength);
  if (to < text.length) {
    const cut = text.lastIndexOf(" ", to);
    if (cut > from + maxLength / 2) to = cut;
  }
  let html = from > 0 ? "…" : "";
  let at = from;
  for (const s of spans) {
    if (s.start < from || s.end > to) continue;
    if (!matchStems.has(s.stem)) continue;
    html += `${escapeHtml(text.slice(at, s.start))}<mark>${escapeHtml(s.word)}</mark>`;
    at = s.end;
  }
  html += escapeHtml(text.slice(at, to));
  if (to < text.length) html += "…";
  return html.replace(/\s+/g, " ").trim();
}
