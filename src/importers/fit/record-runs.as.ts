// AssemblyScript, compiled to WebAssembly by `npm run build:wasm` (see record-runs.ts, which
// loads it, and record-runs.wasm.ts, which holds the binary). Not part of the TypeScript build.
//
// Reads a run of FIT record messages the way decodeMessages (decode-fit.ts) reads them, into
// columns: data messages (normal or compressed-timestamp headers) of local types whose
// definition the JavaScript side marked runnable (a record message whose wanted fields are all
// integer types). It stops before anything else (a definition, another kind of message, a
// message that runs past the end, a record that would merge into a row JavaScript holds), and
// changes no state for the message it stops at: JavaScript reads that one and calls again.
//
// Layout, written by record-runs.ts:
//   DEFS: 16 slots of 128 bytes, one per local message type:
//     i32 runnable, i32 little, i32 size, i32 csdOff, then 11 channels × (i32 offset, i32 base type)
//   STATE (f64 each): lastTs, csdLast, csdAcc, prevTs (the last row JavaScript holds, or NaN),
//     then i32 messages read, i32 stop position.
//   OUT: 8 f64 columns of `cap` rows: ts, dist, speed, alt, hr, cad, lat, lon.

const CH_TS: i32 = 0;
const CH_LAT: i32 = 1;
const CH_LON: i32 = 2;
const CH_ALT: i32 = 3;
const CH_ENH_ALT: i32 = 4;
const CH_HR: i32 = 5;
const CH_CAD: i32 = 6;
const CH_FRAC_CAD: i32 = 7;
const CH_DIST: i32 = 8;
const CH_SPEED: i32 = 9;
const CH_ENH_SPEED: i32 = 10;

const BT_ENUM: i32 = 0;
const BT_SINT8: i32 = 1;
const BT_UINT8: i32 = 2;
const BT_SINT16: i32 = 3;
const BT_UINT16: i32 = 4;
const BT_SINT32: i32 = 5;
const BT_UINT32: i32 = 6;
const BT_UINT8Z: i32 = 10;
const BT_UINT16Z: i32 = 11;
const BT_UINT32Z: i32 = 12;
const BT_BYTE: i32 = 13;

const SLOT: usize = 128;
const COLUMNS: i32 = 8;

@inline
function u16at(p: usize, little: bool): u32 {
  const a = <u32>load<u8>(p);
  const b = <u32>load<u8>(p, 1);
  return little ? a | (b << 8) : (a << 8) | b;
}

@inline
function u32at(p: usize, little: bool): u32 {
  const v = load<u32>(p);
  return little ? v : bswap<u32>(v);
}

/** One value of an integer base type at p, NaN for the type's invalid pattern (readNum). */
@inline
function readNum(p: usize, bt: i32, little: bool): f64 {
  switch (bt) {
    case BT_ENUM:
    case BT_UINT8:
    case BT_BYTE: {
      const v = <u32>load<u8>(p);
      return v == 0xff ? NaN : <f64>v;
    }
    case BT_UINT16: {
      const v = u16at(p, little);
      return v == 0xffff ? NaN : <f64>v;
    }
    case BT_UINT32: {
      const v = u32at(p, little);
      return v == 0xffffffff ? NaN : <f64>v;
    }
    case BT_SINT32: {
      const v = u32at(p, little);
      return v == 0x7fffffff ? NaN : <f64>(<i32>v);
    }
    case BT_UINT8Z: {
      const v = <u32>load<u8>(p);
      return v == 0 ? NaN : <f64>v;
    }
    case BT_SINT8: {
      const v = <u32>load<u8>(p);
      return v == 0x7f ? NaN : <f64>(<i8>v);
    }
    case BT_SINT16: {
      const v = u16at(p, little);
      return v == 0x7fff ? NaN : <f64>(<i16>v);
    }
    case BT_UINT16Z: {
      const v = u16at(p, little);
      return v == 0 ? NaN : <f64>v;
    }
    case BT_UINT32Z: {
      const v = u32at(p, little);
      return v == 0 || v == 0xffffffff ? NaN : <f64>v;
    }
    default:
      return NaN;
  }
}

/** Channel c of the message at p through the definition at def (NaN when the definition lacks it). */
@inline
function channel(def: usize, c: i32, p: usize, little: bool): f64 {
  const at = def + 16 + (<usize>c << 3);
  const o = load<i32>(at);
  return o < 0 ? NaN : readNum(p + o, load<i32>(at, 4), little);
}

@inline
function isNaN64(v: f64): bool {
  return v != v;
}

/**
 * Reads record messages from `from` (an offset in `input`) up to `end`, at most `cap` rows:
 * returns the rows written; the state block holds the decoder's state after the last message read.
 */
export function run(defs: usize, state: usize, input: usize, from: i32, end: i32, out: usize, cap: i32): i32 {
  let lastTs = load<f64>(state);
  let csdLast = load<f64>(state, 8);
  let csdAcc = load<f64>(state, 16);
  const prevTs = load<f64>(state, 24);
  let messages: i32 = 0;
  let pos = from;
  let n: i32 = 0;
  const stride = <usize>cap << 3;
  const cTs = out;
  const cDist = out + stride;
  const cSpeed = out + 2 * stride;
  const cAlt = out + 3 * stride;
  const cHr = out + 4 * stride;
  const cCad = out + 5 * stride;
  const cLat = out + 6 * stride;
  const cLon = out + 7 * stride;
  while (pos < end && n < cap) {
    const h = <u32>load<u8>(input + pos);
    if ((h & 0x80) == 0 && (h & 0x40) != 0) break; // a definition
    const local = (h & 0x80) != 0 ? (h >> 5) & 3 : h & 0x0f;
    const def = defs + <usize>local * SLOT;
    if (load<i32>(def) == 0) break;
    const little = load<i32>(def, 4) != 0;
    const size = load<i32>(def, 8);
    if (pos + 1 + size > end) break;
    const p = input + <usize>(pos + 1);
    let ts: f64 = NaN;
    let nextLastTs = lastTs;
    if ((h & 0x80) != 0 && !isNaN64(lastTs)) {
      // Compressed timestamp header: a 5-bit offset from the last full timestamp, rolling over.
      const last = <u32>(<i64>lastTs);
      ts = lastTs + <f64>(((h & 0x1f) - (last & 0x1f)) & 0x1f);
      nextLastTs = ts;
    }
    const t = channel(def, CH_TS, p, little);
    if (!isNaN64(t)) {
      ts = t;
      nextLastTs = t;
    }
    if (isNaN64(ts)) ts = nextLastTs;
    if (isNaN64(ts)) {
      // No time yet: the message is read and gives no sample.
      lastTs = nextLastTs;
      messages++;
      pos += 1 + size;
      continue;
    }
    // Past this the JavaScript columns (Uint32) would wrap; leave such a file to JavaScript.
    if (ts > 4294967000) break;
    let alt = channel(def, CH_ENH_ALT, p, little);
    if (isNaN64(alt)) alt = channel(def, CH_ALT, p, little);
    alt = alt / 5 - 500;
    let speed = channel(def, CH_ENH_SPEED, p, little);
    if (isNaN64(speed)) speed = channel(def, CH_SPEED, p, little);
    speed = speed / 1000;
    let dist = channel(def, CH_DIST, p, little) / 100;
    let nextCsdLast = csdLast;
    let nextCsdAcc = csdAcc;
    const o = load<i32>(def, 12);
    if (o >= 0) {
      const b0 = <u32>load<u8>(p + o);
      const b1 = <u32>load<u8>(p + o, 1);
      const b2 = <u32>load<u8>(p + o, 2);
      if (!(b0 == 0xff && b1 == 0xff && b2 == 0xff)) {
        const raw = b0 | (b1 << 8) | (b2 << 16);
        const distRaw = raw >> 12;
        nextCsdAcc = csdAcc + <f64>((distRaw - <u32>(<i64>csdLast)) & 0xfff);
        nextCsdLast = <f64>distRaw;
        if (isNaN64(speed)) speed = <f64>(raw & 0xfff) / 100;
        if (isNaN64(dist)) dist = nextCsdAcc / 16;
      }
    }
    const hr = channel(def, CH_HR, p, little);
    let cad = channel(def, CH_CAD, p, little);
    const frac = channel(def, CH_FRAC_CAD, p, little);
    if (!isNaN64(frac)) cad += frac / 128;
    const lat = channel(def, CH_LAT, p, little);
    const lon = channel(def, CH_LON, p, little);
    if (n > 0 && load<f64>(cTs + (<usize>(n - 1) << 3)) == ts) {
      // Several records for one second: one sample, later values winning.
      const i = <usize>(n - 1) << 3;
      if (!isNaN64(dist)) store<f64>(cDist + i, dist);
      if (!isNaN64(speed)) store<f64>(cSpeed + i, speed);
      if (!isNaN64(alt)) store<f64>(cAlt + i, alt);
      if (!isNaN64(hr)) store<f64>(cHr + i, hr);
      if (!isNaN64(cad)) store<f64>(cCad + i, cad);
      if (!isNaN64(lat) && !isNaN64(lon)) {
        store<f64>(cLat + i, lat);
        store<f64>(cLon + i, lon);
      }
    } else {
      // The first record of a run merging into a row JavaScript holds: JavaScript reads it.
      if (n == 0 && prevTs == ts) break;
      const i = <usize>n << 3;
      store<f64>(cTs + i, ts);
      store<f64>(cDist + i, dist);
      store<f64>(cSpeed + i, speed);
      store<f64>(cAlt + i, alt);
      store<f64>(cHr + i, hr);
      store<f64>(cCad + i, cad);
      const fix = !isNaN64(lat) && !isNaN64(lon);
      store<f64>(cLat + i, fix ? lat : 0);
      store<f64>(cLon + i, fix ? lon : 0);
      n++;
    }
    lastTs = nextLastTs;
    csdLast = nextCsdLast;
    csdAcc = nextCsdAcc;
    messages++;
    pos += 1 + size;
  }
  store<f64>(state, lastTs);
  store<f64>(state, csdLast, 8);
  store<f64>(state, csdAcc, 16);
  store<i32>(state, messages, 32);
  store<i32>(state, pos, 36);
  return n;
}

/** CRC-16 of the FIT protocol by slicing-by-16: slice k, entry i is the CRC of byte i then k zeros. */
const CRC_TABLES = memory.data(16 * 256 * 2, 16);

/** Builds the CRC tables; called once before crc16. */
export function crcInit(): void {
  for (let i: u32 = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0xa001 : c >> 1;
    store<u16>(CRC_TABLES + (<usize>i << 1), <u16>c);
  }
  for (let k: usize = 1; k < 16; k++) {
    for (let i: usize = 0; i < 256; i++) {
      const prev = <u32>load<u16>(CRC_TABLES + (((k - 1) * 256 + i) << 1));
      const next = (prev >> 8) ^ <u32>load<u16>(CRC_TABLES + ((<usize>(prev & 0xff)) << 1));
      store<u16>(CRC_TABLES + ((k * 256 + i) << 1), <u16>next);
    }
  }
}

@inline
function slice(k: usize, i: u32): u32 {
  return <u32>load<u16>(CRC_TABLES + ((k * 256 + <usize>i) << 1));
}

/** The CRC of the `len` bytes at `input`, continuing from `crc` (fitCrc16 of crc16.ts). */
export function crc16(input: usize, len: i32, crc: u32): u32 {
  let c = crc & 0xffff;
  let p = input;
  const stop = input + <usize>len;
  while (p + 16 <= stop) {
    c ^= <u32>load<u16>(p);
    c =
      slice(15, c & 0xff) ^
      slice(14, c >> 8) ^
      slice(13, load<u8>(p, 2)) ^
      slice(12, load<u8>(p, 3)) ^
      slice(11, load<u8>(p, 4)) ^
      slice(10, load<u8>(p, 5)) ^
      slice(9, load<u8>(p, 6)) ^
      slice(8, load<u8>(p, 7)) ^
      slice(7, load<u8>(p, 8)) ^
      slice(6, load<u8>(p, 9)) ^
      slice(5, load<u8>(p, 10)) ^
      slice(4, load<u8>(p, 11)) ^
      slice(3, load<u8>(p, 12)) ^
      slice(2, load<u8>(p, 13)) ^
      slice(1, load<u8>(p, 14)) ^
      slice(0, load<u8>(p, 15));
    p += 16;
  }
  for (; p < stop; p++) c = (c >> 8) ^ slice(0, (c ^ <u32>load<u8>(p)) & 0xff);
  return c;
}

/** The number of columns `run` writes (for the JavaScript side to check its layout against). */
export function columns(): i32 {
  return COLUMNS;
}
