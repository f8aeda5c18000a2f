// AssemblyScript, compiled to WebAssembly by `npm run build:wasm` (see point-runs.ts, which loads
// it, and point-runs.wasm.ts, which holds the binary). Not part of the TypeScript build.
//
// Reads a run of track points whose markup matches one of the templates PointTemplate learned
// (point-template.ts), the way the template's JavaScript matcher would, and writes each point's
// values into columns. It reads only what it can read exactly as the JavaScript readers would:
// a number must be a plain decimal (`[+-]digits[.digits]`, 1 to 15 digits) and a time must be
// `YYYY-MM-DDThh:mm:ss[.fff…]Z` with a real calendar date; on anything else (or markup that
// differs) it stops before that point, and the JavaScript path reads it.
//
// The template table, written by point-runs.ts at `tpl`:
//   i32 template count, then per template:
//     i32 slot count, then per slot: i32 literal length, i32 kind, i32 column, i32 terminator,
//     the literal's bytes padded to 4; then the last literal: i32 length, bytes padded to 4.
// Columns are f64 at `out + column * cap * 8`, one row per point (NaN where the point lacks
// the field); the template index of each point is a byte at `out + columns * cap * 8`.

/** Whitespace between elements, skipped; text up to its terminator, never holding '&' (nor '<' in an attribute). */
const KIND_SKIP: i32 = 0;
/** A plain decimal up to its terminator. */
const KIND_NUMBER: i32 = 1;
/** An XML Schema dateTime in UTC up to its terminator, as milliseconds since the epoch. */
const KIND_TIME: i32 = 2;

const LT: u32 = 60;
const AMP: u32 = 38;

/** Exact powers of ten: m / 10^k is then correctly rounded, as in the JavaScript matcher. */
const POW10 = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
]);

/** Where the last run stopped: just after its last point (or where it started, if none matched). */
let stopAt: i32 = 0;

export function stop(): i32 {
  return stopAt;
}

@inline
function isSpace(c: u32): bool {
  return c == 32 || c == 10 || c == 9 || c == 13;
}

/** True when the `len` bytes at `a` equal those at `b` (both readable 16 bytes past `len`). */
@inline
function same(a: usize, b: usize, len: i32): bool {
  if (len >= 16) {
    let x: i32 = 0;
    for (; x + 16 <= len; x += 16) {
      if (v128.any_true(v128.xor(v128.load(a + x), v128.load(b + x)))) return false;
    }
    if (x < len) {
      const t = <usize>(len - 16);
      if (v128.any_true(v128.xor(v128.load(a + t), v128.load(b + t)))) return false;
    }
    return true;
  }
  if (len >= 8) {
    const t = <usize>(len - 8);
    return load<u64>(a) == load<u64>(b) && load<u64>(a + t) == load<u64>(b + t);
  }
  if (len >= 4) {
    const t = <usize>(len - 4);
    return load<u32>(a) == load<u32>(b) && load<u32>(a + t) == load<u32>(b + t);
  }
  for (let x: i32 = 0; x < len; x++) {
    if (load<u8>(a + x) != load<u8>(b + x)) return false;
  }
  return true;
}

@inline
function digit(at: usize): i32 {
  return <i32>load<u8>(at) - 48;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (as Date.UTC counts). */
function daysFromCivil(year: i32, month: i32, day: i32): i32 {
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = (153 * mp + 2) / 5 + day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: i32, month: i32): i32 {
  if (month == 2) {
    const leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/** Where the slot's value was written; -1 when the slot cannot be read here. */
let slotEnd: i32 = 0;

/** A plain decimal from `p` up to `term`: its value, with slotEnd set, or NaN with slotEnd -1. */
function readNumber(input: usize, p: i32, len: i32, term: u32): f64 {
  let sign: f64 = 1;
  if (p < len) {
    const c = <u32>load<u8>(input + p);
    if (c == 45) {
      sign = -1;
      p++;
    } else if (c == 43) p++;
  }
  let m: i64 = 0;
  let digits: i32 = 0;
  let dot: i32 = -1;
  for (;;) {
    if (p >= len) {
      slotEnd = -1;
      return NaN;
    }
    const c = <u32>load<u8>(input + p);
    const d = <i32>c - 48;
    if (<u32>d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (c == 46 && dot == -1) dot = p;
    else if (c == term) break;
    else {
      slotEnd = -1;
      return NaN;
    }
    p++;
  }
  if (digits == 0 || digits > 15) {
    slotEnd = -1;
    return NaN;
  }
  slotEnd = p;
  const v = <f64>m;
  return sign * (dot == -1 ? v : v / load<f64>(POW10 + (<usize>(p - dot - 1) << 3)));
}

/** `YYYY-MM-DDThh:mm:ss[.f…]Z` from `p` up to `term`, in ms since the epoch; slotEnd -1 if not. */
function readTime(input: usize, p: i32, len: i32, term: u32): f64 {
  slotEnd = -1;
  if (p + 21 > len) return NaN;
  const s = input + p;
  if (
    load<u8>(s + 4) != 45 ||
    load<u8>(s + 7) != 45 ||
    load<u8>(s + 10) != 84 ||
    load<u8>(s + 13) != 58 ||
    load<u8>(s + 16) != 58
  )
    return NaN;
  const y1 = digit(s);
  const y2 = digit(s + 1);
  const y3 = digit(s + 2);
  const y4 = digit(s + 3);
  const mo1 = digit(s + 5);
  const mo2 = digit(s + 6);
  const d1 = digit(s + 8);
  const d2 = digit(s + 9);
  const h1 = digit(s + 11);
  const h2 = digit(s + 12);
  const mi1 = digit(s + 14);
  const mi2 = digit(s + 15);
  const s1 = digit(s + 17);
  const s2 = digit(s + 18);
  if (
    <u32>y1 > 9 || <u32>y2 > 9 || <u32>y3 > 9 || <u32>y4 > 9 ||
    <u32>mo1 > 9 || <u32>mo2 > 9 || <u32>d1 > 9 || <u32>d2 > 9 ||
    <u32>h1 > 9 || <u32>h2 > 9 || <u32>mi1 > 9 || <u32>mi2 > 9 || <u32>s1 > 9 || <u32>s2 > 9
  )
    return NaN;
  const year = ((y1 * 10 + y2) * 10 + y3) * 10 + y4;
  const month = mo1 * 10 + mo2;
  const day = d1 * 10 + d2;
  const hour = h1 * 10 + h2;
  const minute = mi1 * 10 + mi2;
  const second = s1 * 10 + s2;
  // Years before 100 are left to JavaScript (Date.UTC reads them as 1900 onwards).
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  let q = p + 19;
  let fraction: i32 = 0;
  if (<u32>load<u8>(input + q) == 46) {
    q++;
    let k: i32 = 0;
    for (;;) {
      if (q >= len) return NaN;
      const d = digit(input + q);
      if (<u32>d > 9) break;
      if (k < 3) fraction = fraction * 10 + d;
      k++;
      q++;
    }
    if (k == 0) return NaN;
    // Whole milliseconds from the first three digits: ".5" is 500.
    for (; k < 3; k++) fraction *= 10;
  }
  if (q + 1 >= len || <u32>load<u8>(input + q) != 90 || <u32>load<u8>(input + q + 1) != term) return NaN;
  slotEnd = q + 1;
  const days = daysFromCivil(year, month, day);
  return (
    <f64>days * 86400000 + <f64>(((hour * 60 + minute) * 60 + second) * 1000 + fraction)
  );
}

/**
 * Matches the template at `t` against the point at `p`, writing its values into row `row`:
 * returns the offset just after the point, or -1.
 */
function matchOne(t: usize, input: usize, p: i32, len: i32, out: usize, cap: i32, columns: i32, row: i32): i32 {
  const rowAt = out + (<usize>row << 3);
  const stride = <usize>cap << 3;
  for (let c: i32 = 0; c < columns; c++) store<f64>(rowAt + <usize>c * stride, NaN);
  const slots = load<i32>(t);
  let at = t + 4;
  for (let k: i32 = 0; k < slots; k++) {
    const litLen = load<i32>(at);
    const kind = load<i32>(at, 4);
    const column = load<i32>(at, 8);
    const term = load<u32>(at, 12);
    at += 16;
    if (p + litLen > len || !same(input + p, at, litLen)) return -1;
    p += litLen;
    at += (<usize>litLen + 3) & ~3;
    if (kind == KIND_SKIP) {
      for (;;) {
        if (p >= len) return -1;
        const c = <u32>load<u8>(input + p);
        if (c == term) break;
        if (c == AMP || c == LT) return -1;
        p++;
      }
    } else {
      const v = kind == KIND_NUMBER ? readNumber(input, p, len, term) : readTime(input, p, len, term);
      if (slotEnd < 0) return -1;
      p = slotEnd;
      if (column >= 0) store<f64>(rowAt + <usize>column * stride, v);
    }
  }
  const litLen = load<i32>(at);
  at += 4;
  if (p + litLen > len || !same(input + p, at, litLen)) return -1;
  return p + litLen;
}

/**
 * Reads points from `from` for as long as a template matches the next one (after whitespace),
 * at most `cap` of them: returns how many, and stop() says where reading stopped.
 */
export function run(tpl: usize, input: usize, from: i32, len: i32, out: usize, cap: i32, columns: i32): i32 {
  const count = load<i32>(tpl);
  const tplIndexAt = out + (<usize>columns * <usize>cap << 3);
  let p = from;
  let n: i32 = 0;
  let first: i32 = 0;
  stopAt = from;
  while (n < cap) {
    let q = p;
    while (q < len && isSpace(<u32>load<u8>(input + q))) q++;
    if (q >= len || <u32>load<u8>(input + q) != LT) break;
    let end: i32 = -1;
    let found: i32 = -1;
    for (let i: i32 = 0; i < count; i++) {
      const index = i == 0 ? first : i <= first ? i - 1 : i;
      end = matchOne(templateAt(tpl, index), input, q, len, out, cap, columns, n);
      if (end >= 0) {
        found = index;
        break;
      }
    }
    if (found < 0) break;
    first = found;
    store<u8>(tplIndexAt + n, <u8>found);
    n++;
    p = end;
    stopAt = p;
  }
  return n;
}

/** The start of the template numbered `index` in the table at `tpl`. */
function templateAt(tpl: usize, index: i32): usize {
  let at = tpl + 4;
  for (let i: i32 = 0; i < index; i++) {
    const slots = load<i32>(at);
    at += 4;
    for (let k: i32 = 0; k < slots; k++) {
      const litLen = load<i32>(at);
      at += 16 + ((<usize>litLen + 3) & ~3);
    }
    at += 4 + ((<usize>load<i32>(at) + 3) & ~3);
  }
  return at;
}
