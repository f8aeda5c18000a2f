/**
 * Values read straight from XML bytes for the GPX and TCX fast paths. The common shapes (plain
 * decimals, `YYYY-MM-DDThh:mm:ss[.fff]Z`) are computed from the digits; anything else is decoded
 * to a string and given to the same function the general path uses, so both paths always agree.
 */
import { decodeXmlText } from "./decode-entities.js";
import { isXmlSpace } from "./byte-cursor.js";
import { parseXsdDateTime } from "./parse-xsd-date-time.js";

// ignoreBOM keeps a U+FEFF inside a value, as decoding the whole file would.
const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** Powers of ten that are exact doubles: m / 10^k is then correctly rounded, like parseFloat. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Text of a byte range, entities decoded (XmlByteCursor has checked every reference). */
export function textAt(bytes: Uint8Array, start: number, end: number): string {
  const s = UTF8.decode(bytes.subarray(start, end));
  return s.indexOf("&") === -1 ? s : decodeXmlText(s).text;
}

/**
 * A plain decimal (`[+-]digits[.digits]`, at most 15 significant digits) filling [start, end)
 * exactly, or undefined for anything else.
 */
function plainDecimal(bytes: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let neg = false;
  const first = bytes[i];
  if (first === 45 || first === 43) {
    neg = first === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < end; i++) {
    const c = bytes[i]!;
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (c === 46 && scale === -1) scale = i;
    else return undefined;
  }
  if (digits === 0 || digits > 15) return undefined;
  const frac = scale === -1 ? 0 : end - scale - 1;
  const v = frac === 0 ? m : m / POW10[frac]!;
  return neg ? -v : v;
}

function trimmedStart(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isXmlSpace(bytes[start]!)) start++;
  return start;
}

function trimmedEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && isXmlSpace(bytes[end - 1]!)) end--;
  return end;
}

/** `Number.parseFloat` of the decoded text of [start, end). */
export function parseFloatAt(bytes: Uint8Array, start: number, end: number): number {
  const s = trimmedStart(bytes, start, end);
  const e = trimmedEnd(bytes, s, end);
  return plainDecimal(bytes, s, e) ?? Number.parseFloat(textAt(bytes, start, end));
}

/** `Number(text.trim())` of the decoded text of [start, end), with "" as NaN. */
export function numberAt(bytes: Uint8Array, start: number, end: number): number {
  const s = trimmedStart(bytes, start, end);
  const e = trimmedEnd(bytes, s, end);
  if (s === e) return NaN;
  const fast = plainDecimal(bytes, s, e);
  if (fast !== undefined) return fast;
  const v = textAt(bytes, start, end).trim();
  return v === "" ? NaN : Number(v);
}

/** True when the decoded text of [start, end) is blank. */
export function isBlankAt(bytes: Uint8Array, start: number, end: number): boolean {
  const s = trimmedStart(bytes, start, end);
  if (s === end) return true;
  return textAt(bytes, start, end).trim() === "";
}

function twoDigits(bytes: Uint8Array, i: number): number {
  const a = bytes[i]! - 48;
  const b = bytes[i + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `parseXsdDateTime(text)?.ms ?? NaN` for many values in a row. A track's times share a day, so
 * the calendar part is worked out once per day by parseXsdDateTime itself and the time of day is
 * added from the digits.
 */
export class XsdTimeReader {
  private dayKey = -1;
  private dayMs = 0;

  /** Milliseconds since the epoch, or NaN when the value is not a time. */
  ms(bytes: Uint8Array, start: number, end: number): number {
    const s = trimmedStart(bytes, start, end);
    const e = trimmedEnd(bytes, s, end);
    const n = e - s;
    const fast =
      (n === 20 || (n >= 22 && bytes[s + 19] === 46)) &&
      bytes[e - 1] === 90 && // Z
      bytes[s + 4] === 45 &&
      bytes[s + 7] === 45 &&
      bytes[s + 10] === 84 && // T
      bytes[s + 13] === 58 &&
      bytes[s + 16] === 58;
    if (fast) {
      const hour = twoDigits(bytes, s + 11);
      const minute = twoDigits(bytes, s + 14);
      const second = twoDigits(bytes, s + 17);
      let fraction = 0;
      let ok =
        hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
      // Whole milliseconds from the first three fraction digits, as parseXsdDateTime does.
      for (let i = s + 20, k = 0; ok && i < e - 1; i++, k++) {
        const d = bytes[i]! - 48;
        if (d < 0 || d > 9) ok = false;
        else if (k < 3) fraction += d * (k === 0 ? 100 : k === 1 ? 10 : 1);
      }
      const y1 = twoDigits(bytes, s);
      const y2 = twoDigits(bytes, s + 2);
      const month = twoDigits(bytes, s + 5);
      const day = twoDigits(bytes, s + 8);
      if (ok && y1 >= 0 && y2 >= 0 && month >= 0 && day >= 0) {
        const key = ((y1 * 100 + y2) * 100 + month) * 100 + day;
        const timeOfDay = ((hour * 60 + minute) * 60 + second) * 1000 + fraction;
        if (key === this.dayKey) return this.dayMs + timeOfDay;
        const parsed = parseXsdDateTime(textAt(bytes, s, e));
        if (parsed === null) return NaN;
        this.dayKey = key;
        this.dayMs = parsed.ms - timeOfDay;
        return parsed.ms;
      }
    }
    return parseXsdDateTime(textAt(bytes, start, end))?.ms ?? NaN;
  }
}
