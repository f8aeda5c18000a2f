/**
 * CRC-16 as the FIT protocol defines it (polynomial 0xA001 reflected, initial value 0; the
 * nibble table in the FIT SDK's fit_crc.c computes the same function). Slicing-by-8 tables
 * (eight bytes per step instead of one) keep the whole-file check a small share of decoding.
 */
const T = buildTables();

function buildTables(): Uint16Array[] {
  const t0 = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t0[i] = c;
  }
  const tables = [t0];
  for (let k = 1; k < 8; k++) {
    const prev = tables[k - 1]!;
    const t = new Uint16Array(256);
    // t[k][i]: CRC of byte i followed by k zero bytes.
    for (let i = 0; i < 256; i++) t[i] = (prev[i]! >>> 8) ^ t0[prev[i]! & 0xff]!;
    tables.push(t);
  }
  return tables;
}

/** CRC of bytes[start, end), continuing from `crc` (0 to start a new check). */
export function fitCrc16(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = T as [
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
    Uint16Array,
  ];
  let c = crc & 0xffff;
  let i = start;
  for (const stop = end - 7; i < stop; i += 8) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8);
    c =
      t7[c & 0xff]! ^
      t6[c >>> 8]! ^
      t5[bytes[i + 2]!]! ^
      t4[bytes[i + 3]!]! ^
      t3[bytes[i + 4]!]! ^
      t2[bytes[i + 5]!]! ^
      t1[bytes[i + 6]!]! ^
      t0[bytes[i + 7]!]!;
  }
  for (; i < end; i++) c = (c >>> 8) ^ t0[(c ^ bytes[i]!) & 0xff]!;
  return c;
}
