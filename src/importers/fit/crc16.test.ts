import { describe, expect, it } from "vitest";
import { fitCrc16, jsCrc16 } from "./crc16.js";
import { wasmCrc16 } from "./record-runs.js";

/** The FIT SDK's definition, one bit at a time: the table-driven version must equal it. */
function bitwiseCrc(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i]!;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

describe("fitCrc16", () => {
  it("equals the bit-by-bit CRC for every length and start, and continues across chunks", () => {
    let seed = 7;
    const bytes = new Uint8Array(300).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >>> 16;
    });
    for (let start = 0; start < 20; start++) {
      for (let end = start; end <= bytes.length; end += 7) {
        expect(fitCrc16(bytes, start, end)).toBe(bitwiseCrc(bytes, start, end));
      }
    }
    const whole = fitCrc16(bytes, 0, bytes.length);
    expect(fitCrc16(bytes, 37, bytes.length, fitCrc16(bytes, 0, 37))).toBe(whole);
  });

  it("gives 0 over a message followed by its own little-endian CRC", () => {
    const bytes = new TextEncoder().encode("kneewise FIT check, long enough for several steps");
    const crc = fitCrc16(bytes, 0, bytes.length);
    const withCrc = new Uint8Array([...bytes, crc & 0xff, crc >>> 8]);
    expect(fitCrc16(withCrc, 0, withCrc.length)).toBe(0);
  });

  it("is the same in WebAssembly and JavaScript for long ranges, across its chunks", () => {
    let seed = 11;
    const bytes = new Uint8Array(700_000).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >>> 16;
    });
    for (const [start, end] of [[0, 700_000], [3, 5000], [17, 262_161], [100, 600_001]] as const) {
      const js = jsCrc16(bytes, start, end);
      expect(wasmCrc16(bytes, start, end, 0)).toBe(js);
      expect(fitCrc16(bytes, start, end)).toBe(js);
      expect(js).toBe(bitwiseCrc(bytes, start, end));
    }
    expect(wasmCrc16(bytes, 4000, 9000, jsCrc16(bytes, 0, 4000))).toBe(jsCrc16(bytes, 0, 9000));
  });
});
