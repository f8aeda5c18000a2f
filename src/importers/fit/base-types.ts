/**
 * FIT base types, keyed by the low five bits of the base-type byte (the top bit only says whether
 * the type has a byte order). Each type has an "invalid" pattern that means "no value"; readers
 * here return NaN for it so that callers treat it as missing, never as a real 255 bpm or 65535 m.
 * Reference: FIT protocol, "Base Types" table.
 */
export const BT_ENUM = 0;
export const BT_SINT8 = 1;
export const BT_UINT8 = 2;
export const BT_SINT16 = 3;
export const BT_UINT16 = 4;
export const BT_SINT32 = 5;
export const BT_UINT32 = 6;
export const BT_STRING = 7;
export const BT_FLOAT32 = 8;
export const BT_FLOAT64 = 9;
export const BT_UINT8Z = 10;
export const BT_UINT16Z = 11;
export const BT_UINT32Z = 12;
export const BT_BYTE = 13;
export const BT_SINT64 = 14;
export const BT_UINT64 = 15;
export const BT_UINT64Z = 16;

/** Size in bytes of one value of each base type; 0 marks an unknown type. */
export const BASE_TYPE_SIZE: readonly number[] = [
  1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8,
];

/**
 * The base type to read a field with, or -1 when the field cannot be read as a number: unknown
 * type, strings, or a size that is not a whole number of values (the COROS PACE 2 file writes
 * such fields; reading them as numbers would shift every later value, so they are skipped).
 */
export function numericBaseType(baseTypeByte: number, size: number): number {
  const bt = baseTypeByte & 0x1f;
  if (bt > BT_UINT64Z || bt === BT_STRING) return -1;
  const unit = BASE_TYPE_SIZE[bt] ?? 0;
  if (unit === 0 || size < unit || size % unit !== 0) return -1;
  return bt;
}

const scratch = new DataView(new ArrayBuffer(8));

/**
 * Reads the first value of a numeric field at `o`. Returns NaN for the type's invalid value.
 * Integer types are handled here and kept short so the JIT can inline this into the record loop;
 * floats and 64-bit integers (rare in the fields kneewise reads) go through readWide.
 */
export function readNum(b: Uint8Array, o: number, bt: number, little: boolean): number {
  switch (bt) {
    case BT_ENUM:
    case BT_UINT8:
    case BT_BYTE: {
      const v = b[o]!;
      return v === 0xff ? NaN : v;
    }
    case BT_UINT16: {
      const v = little ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;
      return v === 0xffff ? NaN : v;
    }
    case BT_UINT32: {
      const v = little
        ? (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0
        : ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
      return v === 0xffffffff ? NaN : v;
    }
    case BT_SINT32: {
      const v = little
        ? b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)
        : (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
      return v === 0x7fffffff ? NaN : v;
    }
    default:
      return readOther(b, o, bt, little);
  }
}

function readOther(b: Uint8Array, o: number, bt: number, little: boolean): number {
  switch (bt) {
    case BT_UINT8Z: {
      const v = b[o]!;
      return v === 0 ? NaN : v;
    }
    case BT_SINT8: {
      const v = b[o]!;
      return v === 0x7f ? NaN : (v << 24) >> 24;
    }
    case BT_SINT16: {
      const v = little ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;
      return v === 0x7fff ? NaN : (v << 16) >> 16;
    }
    case BT_UINT16Z: {
      const v = little ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;
      return v === 0 ? NaN : v;
    }
    case BT_UINT32Z: {
      const v = readNum(b, o, BT_UINT32, little);
      return v === 0 ? NaN : v;
    }
    case BT_FLOAT32: {
      for (let i = 0; i < 4; i++) scratch.setUint8(i, b[o + i]!);
      if (scratch.getUint32(0, true) === 0xffffffff) return NaN;
      const v = scratch.getFloat32(0, little);
      return Number.isFinite(v) ? v : NaN;
    }
    case BT_FLOAT64: {
      for (let i = 0; i < 8; i++) scratch.setUint8(i, b[o + i]!);
      if (scratch.getUint32(0, true) === 0xffffffff && scratch.getUint32(4, true) === 0xffffffff)
        return NaN;
      const v = scratch.getFloat64(0, little);
      return Number.isFinite(v) ? v : NaN;
    }
    case BT_SINT64:
    case BT_UINT64:
    case BT_UINT64Z: {
      // Only magnitudes matter to kneewise; a double keeps 53 bits, plenty for any total we read.
      const w0 = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
      const w1 = (b[o + 4]! | (b[o + 5]! << 8) | (b[o + 6]! << 16) | (b[o + 7]! << 24)) >>> 0;
      const lo = little ? w0 : bswap(w1);
      const hi = little ? w1 : bswap(w0);
      if (bt === BT_UINT64Z) return hi === 0 && lo === 0 ? NaN : hi * 4294967296 + lo;
      if (bt === BT_UINT64)
        return hi === 0xffffffff && lo === 0xffffffff ? NaN : hi * 4294967296 + lo;
      if (hi === 0x7fffffff && lo === 0xffffffff) return NaN;
      return (hi | 0) * 4294967296 + lo;
    }
    default:
      return NaN;
  }
}

function bswap(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** A null-terminated UTF-8 string field; null when empty (FIT's invalid string). */
export function readString(b: Uint8Array, o: number, size: number): string | null {
  let end = o;
  const max = o + size;
  while (end < max && b[end] !== 0) end++;
  if (end === o) return null;
  const s = utf8.decode(b.subarray(o, end)).trim();
  return s.length > 0 ? s : null;
}
