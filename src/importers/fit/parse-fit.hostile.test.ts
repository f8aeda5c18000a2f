import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../core/activity.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { parseFit } from "./parse-fit.js";

const FIT_DIR = path.join(CORPUS_DIR, "fit");
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIT_DIR, name)));

const RUN = load("fitparse__garmin-fenix-5-run.fit");
const WALK = load("fitparse__garmin-fenix-5-walk.fit");
const EDGE = load("fitparse__garmin-edge-500-activity.fit");

const codes = (r: ParseResult): string[] => r.issues.map((i) => i.code).sort();

/** The contract every result keeps, whatever the input. */
function expectWellFormed(r: ParseResult): void {
  if (r.activities.length === 0) {
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.every((i) => i.severity === "error")).toBe(true);
  } else {
    expect(r.issues.every((i) => i.severity === "warning")).toBe(true);
  }
  for (const a of r.activities) {
    expect(Number.isNaN(Date.parse(a.startUtc))).toBe(false);
    for (let k = 1; k < a.stream.length; k++)
      expect(a.stream[k]!.t).toBeGreaterThan(a.stream[k - 1]!.t);
    expect(
      Number.isFinite(a.distanceM) && Number.isFinite(a.elapsedS) && Number.isFinite(a.movingS),
    ).toBe(true);
  }
}

/** Deterministic bytes (xorshift32) so the "random" file is the same on every run. */
function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe("parseFit on damaged and hostile input", () => {
  it("reports an empty file and a text file named .fit as errors", () => {
    const empty = parseFit(new Uint8Array(0));
    expect(codes(empty)).toEqual(["EMPTY_FILE"]);
    expect(empty.issues[0]!.severity).toBe("error");
    const text = parseFit(new TextEncoder().encode("lap 1: 5:02/km\nlap 2: 4:58/km\n"), {
      fileName: "notes.fit",
    });
    expect(codes(text)).toEqual(["FIT_NOT_FIT"]);
    expect(text.issues[0]!.message).toContain("notes.fit");
    expectWellFormed(text);
  });

  it("reports a file cut inside its header as truncated, not as some other format", () => {
    for (const cut of [1, 5, 11, 13]) {
      const r = parseFit(RUN.subarray(0, cut));
      expect(codes(r)).toEqual(["FIT_TRUNCATED"]);
      expectWellFormed(r);
    }
  });

  it("keeps the records decoded before a cut and says the file is truncated", () => {
    for (const fraction of [0.1, 0.35, 0.5, 0.8, 0.99]) {
      const cut = EDGE.subarray(0, Math.floor(EDGE.length * fraction));
      const r = parseFit(cut);
      expect(codes(r)).toContain("FIT_TRUNCATED");
      expectWellFormed(r);
      // The Edge 500 writes its session at the end: before that the ride comes from its records.
      const [ride] = r.activities;
      expect(ride!.elapsedS).toBeGreaterThan(12_691 * fraction * 0.5);
      expect(ride!.stream.length).toBeGreaterThan(10);
    }
    const noCrc = parseFit(RUN.subarray(0, RUN.length - 1));
    expect(codes(noCrc)).toEqual(["FIT_TRUNCATED"]);
    expect(noCrc.activities).toEqual(parseFit(RUN).activities);
  });

  it("keeps a fully decoded activity when only the CRC is wrong, with a warning", () => {
    const bad = RUN.slice();
    bad[bad.length - 1]! ^= 0x5a;
    const r = parseFit(bad);
    expect(codes(r)).toEqual(["FIT_BAD_CRC"]);
    expect(r.issues[0]!.severity).toBe("warning");
    expect(r.activities).toEqual(parseFit(RUN).activities);
  });

  it("fails with clear errors when the data is unreadable and the CRC disagrees", () => {
    const bad = RUN.slice();
    bad[RUN[0]!] = 0x0f; // the first message becomes data for a never-defined local type
    const r = parseFit(bad);
    expect(r.activities).toEqual([]);
    expect(codes(r)).toEqual(["FIT_BAD_CRC", "FIT_CORRUPT"]);
    expectWellFormed(r);
  });

  it("rejects 1 MB of random bytes quickly with a clear error", () => {
    const noise = seededBytes(1 << 20, 20240301);
    const r = parseFit(noise);
    expect(codes(r)).toEqual(["FIT_NOT_FIT"]);
    expectWellFormed(r);
    // Behind a valid header the same noise is decoded as far as it goes, never thrown on.
    const header = RUN.slice(0, 14);
    new DataView(header.buffer).setUint32(4, noise.length, true);
    header[12] = 0;
    header[13] = 0;
    expectWellFormed(parseFit(concat(header, noise)));
  });

  it("decodes chained files (two FIT files back to back) into both activities", () => {
    const r = parseFit(concat(RUN, WALK));
    expect(r.issues).toEqual([]);
    expect(r.activities.map((a) => a.sport)).toEqual(["run", "walk"]);
    expect(r.activities).toEqual([...parseFit(RUN).activities, ...parseFit(WALK).activities]);
    const trailing = parseFit(concat(RUN, new Uint8Array([1, 2, 3])));
    expect(codes(trailing)).toEqual(["FIT_TRAILING_DATA"]);
    expect(trailing.activities.length).toBe(1);
  });

  it("never throws on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expectWellFormed(parseFit(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on random bytes behind a valid FIT header", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (body) => {
        const header = RUN.slice(0, 12);
        header[0] = 12;
        new DataView(header.buffer).setUint32(4, body.length, true);
        expectWellFormed(parseFit(concat(header, body)));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on a real file with bytes changed or cut", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: RUN.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.nat({ max: RUN.length }),
        (edits, cut) => {
          const bytes = RUN.slice(0, Math.max(cut, RUN.length - cut));
          for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
          expectWellFormed(parseFit(bytes));
        },
      ),
      { numRuns: 400 },
    );
  });
});
