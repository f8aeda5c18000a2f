import { wasmCrc16 } from "./record-runs.js";

/**
 * CRC-16 as the FIT protocol defines it (polynomial 0xA001 reflected, initial value 0; the
 * nibble table in the FIT SDK's fit_crc.c computes the same function). Slicing-by-16 (sixteen
 * bytes per step through sixteen 256-entry tables kept in one flat array) makes the whole-file
 * check a small share of decoding: about 1.4x faster than slicing-by-8 in bench/fit-decode.ts
 * terms, as the sixteen lookups of a step are independent of each other.
 */
const SLICES = 16;
const T = buildTable();

function buildTable(): Uint16Array {
  const t = new Uint16Array(256 * SLICES);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[i] = c;
  }
  // Slice k, entry i: the CRC of byte i followed by k zero bytes.
  for (let k = 1; k < SLICES; k++) {
    for (let i = 0; i < 256; i++) {
      const prev = t[(k - 1) * 256 + i]!;
      t[k * 256 + i] = (prev >>> 8) ^ t[prev & 0xff]!;
    }
  }
  return t;
}

/** Ranges at least this long go to WebAssembly (record-runs.ts), where it runs about twice as fast. */
const WASM_FROM_BYTES = 4096;

/** CRC of bytes[start, end), continuing from `crc` (0 to start a new check). */
export function fitCrc16(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  if (end - start >= WASM_FROM_BYTES) {
    const c = wasmCrc16(bytes, start, end, crc & 0xffff);
    if (c !== null) return c;
  }
  return jsCrc16(bytes, start, end, crc);
}

/** The same CRC in JavaScript, sixteen bytes a step. */
export function jsCrc16(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  let c = crc & 0xffff;
  let i = start;
  for (const stop = end - 15; i < stop; i += 16) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8);
    c =
      T[15 * 256 + (c & 0xff)]! ^
      T[14 * 256 + (c >>> 8)]! ^
      T[13 * 256 + bytes[i + 2]!]! ^
      T[12 * 256 + bytes[i + 3]!]! ^
      T[11 * 256 + bytes[i + 4]!]! ^
      T[10 * 256 + bytes[i + 5]!]! ^
      T[9 * 256 + bytes[i + 6]!]! ^
      T[8 * 256 + bytes[i + 7]!]! ^
      T[7 * 256 + bytes[i + 8]!]! ^
      T[6 * 256 + bytes[i + 9]!]! ^
      T[5 * 256 + bytes[i + 10]!]! ^
      T[4 * 256 + bytes[i + 11]!]! ^
      T[3 * 256 + bytes[i + 12]!]! ^
      T[2 * 256 + bytes[i + 13]!]! ^
      T[256 + bytes[i + 14]!]! ^
      T[bytes[i + 15]!]!;
  }
  for (; i < end; i++) c = (c >>> 8) ^ T[(c ^ bytes[i]!) & 0xff]!;
  return c;
}
