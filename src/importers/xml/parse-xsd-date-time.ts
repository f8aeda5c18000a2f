/**
 * Reads an XML Schema dateTime as GPX and TCX write it: `YYYY-MM-DDThh:mm[:ss[.fff…]]` with an
 * optional `Z` or `±hh:mm` zone. A missing zone is taken as UTC, because both formats specify
 * UTC and `Date.parse` would otherwise read it as the machine's local time. Seconds may be
 * missing (NikePlus GPX Bridge) and fractions may run past milliseconds (GPSBabel writes
 * microseconds). Returns null for anything else instead of guessing.
 */
export interface XsdDateTime {
  /** Whole milliseconds since the Unix epoch (negative before 1970). */
  ms: number;
  /** The zone offset written in the value, in minutes; 0 for "Z", null when no zone was written. */
  offsetMin: number | null;
}

// 400 Gregorian years are exactly 146,097 days; used to step over Date.UTC's 0-99 => 1900s rule.
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function parseXsdDateTime(value: string): XsdDateTime | null {
  const s = value.trim();
  if (s.length < 16) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const sep = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32 && sep !== 116))
    return null;
  if (s.charCodeAt(13) !== 58) return null;
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 24 ||
    minute < 0 ||
    minute > 59
  )
    return null;
  let i = 16;
  let second = 0;
  let fractionMs = 0;
  if (s.charCodeAt(i) === 58) {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 60) return null;
    i += 3;
    if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
      const start = i + 1;
      i = start;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === start) return null;
      // Whole milliseconds: finer parts mean nothing for training data and would make
      // toISOString round pre-1970 instants the wrong way.
      fractionMs = Number(s.slice(start, Math.min(i, start + 3)).padEnd(3, "0"));
    }
  }
  let offsetMin: number | null = null;
  if (i < s.length) {
    const z = s.charCodeAt(i);
    if ((z === 90 || z === 122) && i + 1 === s.length) offsetMin = 0;
    else if (z === 43 || z === 45) {
      const oh = digits(s, i + 1, 2);
      const rest = s.slice(i + 3);
      const om = rest === "" ? 0 : digits(rest, rest.charCodeAt(0) === 58 ? 1 : 0, 2);
      const restLen = rest === "" ? 0 : rest.charCodeAt(0) === 58 ? 3 : 2;
      if (oh < 0 || oh > 14 || om < 0 || om > 59 || rest.length !== restLen) return null;
      offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else return null;
  }
  const shifted = year < 100;
  const base =
    Date.UTC(shifted ? year + 400 : year, month - 1, day, hour, minute, second) -
    (shifted ? FOUR_CENTURIES_MS : 0);
  // Date.UTC rolls 31 February over into March; a calendar that cannot exist is not a time.
  if (day > 28 && new Date(base).getUTCDate() !== day && !(hour === 24 || second === 60))
    return null;
  const ms = base + fractionMs - (offsetMin ?? 0) * 60_000;
  if (!Number.isFinite(ms)) return null;
  return { ms, offsetMin };
}
