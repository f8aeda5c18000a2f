import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR } from "../../../test/paths.js";
import { encodeFitRun } from "../../../bench/import-data/fit-encoder.js";
import { synthRun } from "../../../bench/import-data/synth-run.js";
import { decodeFit } from "./decode-fit.js";
import type { FitDecoded } from "./decode-fit.js";
import { withModuleOffAndOn } from "../common/wasm.test-helpers.js";
import { RECORD_RUNS } from "./record-runs.js";

/**
 * Records read by WebAssembly must be exactly the records decodeMessages reads in JavaScript:
 * same columns to the bit, same issues, same message counts, on every corpus file, on every cut
 * and byte change of a few, and the module must really read them.
 */
const COLUMNS = ["ts", "dist", "speed", "alt", "hr", "cad", "lat", "lon"] as const;

/** The first difference between two decodes (columns compared value by value, to the bit), or null. */
function difference(a: FitDecoded, b: FitDecoded): string | null {
  if (JSON.stringify(a.issues) !== JSON.stringify(b.issues)) return "file issues";
  if (a.parts.length !== b.parts.length) return `parts ${a.parts.length} vs ${b.parts.length}`;
  for (let i = 0; i < a.parts.length; i++) {
    const { records: ra, ...pa } = a.parts[i]!;
    const { records: rb, ...pb } = b.parts[i]!;
    if (JSON.stringify(pa) !== JSON.stringify(pb)) return `part ${i}: ${JSON.stringify(pa)} vs ${JSON.stringify(pb)}`;
    if (ra.length !== rb.length) return `part ${i}: ${ra.length} vs ${rb.length} rows`;
    for (const c of COLUMNS) {
      const ca = ra[c];
      const cb = rb[c];
      if (ca.length !== cb.length) return `part ${i}: ${c} capacity ${ca.length} vs ${cb.length}`;
      for (let r = 0; r < ra.length; r++)
        if (!Object.is(ca[r], cb[r])) return `part ${i}: ${c}[${r}] ${ca[r]} vs ${cb[r]}`;
    }
  }
  return null;
}

function decodeBothWays(bytes: Uint8Array): { read: number } {
  const { off, on, rowsRead } = withModuleOffAndOn(RECORD_RUNS, () => decodeFit(bytes));
  expect(difference(on, off)).toBe(null);
  return { read: rowsRead };
}

const files = readdirSync(`${CORPUS_DIR}/fit`)
  .filter((f) => f.toLowerCase().endsWith(".fit"))
  .sort();

describe("FIT records read by WebAssembly", () => {
  it("agree with JavaScript on every FIT file of the corpus, and read most of their records", () => {
    expect(files.length).toBeGreaterThan(20);
    let read = 0;
    let rows = 0;
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(`${CORPUS_DIR}/fit/${f}`));
      const r = decodeBothWays(bytes);
      read += r.read;
      rows += decodeFit(bytes).parts.reduce((s, p) => s + p.records.length, 0);
    }
    expect(read).toBeGreaterThan(rows * 0.5);
  });

  it("read the generated files of the import benchmark almost wholly", () => {
    const fit = encodeFitRun({ startMs: Date.UTC(2020, 0, 1), utcOffsetMin: 60, samples: synthRun(3, 1200), serial: 7 });
    const { read } = decodeBothWays(fit);
    expect(read).toBeGreaterThan(1190);
  });

  it("agree on cuts and on changed bytes of real files", () => {
    let checked = 0;
    for (const f of files.slice(0, 8)) {
      const bytes = new Uint8Array(readFileSync(`${CORPUS_DIR}/fit/${f}`));
      const step = Math.max(1, Math.floor(bytes.length / 40));
      for (let cut = 0; cut < bytes.length; cut += step) {
        decodeBothWays(bytes.subarray(0, cut));
        checked++;
      }
      for (let at = 14; at < bytes.length; at += step) {
        const changed = bytes.slice();
        changed[at] = (changed[at]! + 77) & 0xff;
        decodeBothWays(changed);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  }, 120_000);
});
