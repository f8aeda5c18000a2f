import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../bench/import-data/synth-run.js";
import { SCRATCH_MAX_BYTES, gunzipInto, gzipDeclaredSize } from "./gunzip-into.js";

/** Text that compresses like a track: repeated markup, changing digits. */
function trackLike(bytes: number, seed: number): Buffer {
  const rnd = seededRandom(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < bytes) {
    const line = `<trkpt lat="46.${Math.floor(rnd() * 1e7)}" lon="7.${Math.floor(rnd() * 1e7)}"><ele>${(rnd() * 900).toFixed(1)}</ele></trkpt>\n`;
    parts.push(line);
    n += line.length;
  }
  return Buffer.from(parts.join("")).subarray(0, bytes);
}

/** What gunzipSync gives or throws, as a comparable value. */
function outcome(f: () => Uint8Array): { bytes: Buffer } | { code: unknown; message: string } {
  try {
    return { bytes: Buffer.from(f()) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { code: e.code, message: e.message };
  }
}

describe("gunzipInto", () => {
  it("unpacks what gunzipSync unpacks, whatever the size hint says, within and past its buffer", () => {
    const sizes = [0, 1, 100, 64 * 1024, 1024 * 1024 - 1, 1024 * 1024 + 5, 3 * 1024 * 1024, SCRATCH_MAX_BYTES + 10];
    let seed = 1;
    for (const size of sizes) {
      const text = trackLike(size, seed++);
      const gz = gzipSync(text);
      for (const hint of [size, 0, Math.floor(size / 3), size * 4]) {
        const got = gunzipInto(gz, 64 * 1024 * 1024, hint);
        expect(Buffer.from(got).equals(text)).toBe(true);
      }
    }
  });

  it("takes its size hint from the trailer, which names only the last member of a file of several", () => {
    const first = trackLike(700_000, 11);
    const last = trackLike(900, 12);
    const joined = Buffer.concat([gzipSync(first), gzipSync(last)]);
    expect(gzipDeclaredSize(joined)).toBe(900);
    expect(Buffer.from(gunzipInto(joined, 1 << 30)).equals(Buffer.concat([first, last]))).toBe(true);
    expect(gzipDeclaredSize(gzipSync(first))).toBe(700_000);
  });

  it("reads files one after the other into the same memory", () => {
    const a = gzipSync(trackLike(300_000, 7));
    const b = gzipSync(trackLike(500_000, 8));
    const first = gunzipInto(a, 1 << 30, 300_000);
    const second = gunzipInto(b, 1 << 30, 500_000);
    expect(second.buffer).toBe(first.buffer);
    expect(Buffer.from(second).equals(trackLike(500_000, 8))).toBe(true);
  });

  it("throws what gunzipSync throws: past the output limit, cut short, damaged, not gzip", () => {
    const text = trackLike(200_000, 3);
    const gz = gzipSync(text);
    const damaged = Buffer.from(gz);
    damaged[damaged.length - 6]! ^= 0xff; // the CRC in the trailer
    const cases: [Uint8Array, number][] = [
      [gz, 150_000],
      [gz, 200_000],
      [gz.subarray(0, gz.length - 20), 1 << 30],
      [gz.subarray(0, 10), 1 << 30],
      [damaged, 1 << 30],
      [Buffer.from("not a gzip file at all"), 1 << 30],
      [Buffer.concat([gz, gzipSync(Buffer.from("second member"))]), 1 << 30],
    ];
    for (const [bytes, limit] of cases) {
      const expected = outcome(() => gunzipSync(bytes, { maxOutputLength: limit }));
      expect(outcome(() => gunzipInto(bytes, limit, 200_000))).toEqual(expected);
    }
    // The limit itself: exactly the file's size unpacks; one byte less does not.
    expect("bytes" in outcome(() => gunzipInto(gz, 200_000, 200_000))).toBe(true);
    expect(outcome(() => gunzipInto(gz, 199_999, 200_000))).toMatchObject({ code: "ERR_BUFFER_TOO_LARGE" });
  });
});
