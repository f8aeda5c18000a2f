/**
 * Throughput of the GPX and TCX importers against the floor of just gunzipping the same bytes
 * (a Strava export gzips its files, so gunzip is work no importer can avoid). The files are the
 * ones `npm run bench:import` imports (bench/import-data), so the ratio here predicts that bench.
 * Run: npx tsx bench/xml-parse.ts [files per format, default 6] [runs, default 7]
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { parseGpx, parseGpxText } from "../src/importers/gpx/index.js";
import { parseTcx, parseTcxText } from "../src/importers/tcx/index.js";
import { decodeXmlBytes } from "../src/importers/xml/index.js";
import { synthRun } from "./import-data/synth-run.js";
import { writeGpx, writeTcx } from "./import-data/xml-writers.js";

const COUNT = Number(process.argv[2] ?? 6);
const RUNS = Number(process.argv[3] ?? 7);
const START = Date.UTC(2015, 0, 1, 6, 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** CPU seconds of this process (user + system): steadier than wall time on a shared machine. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Median CPU seconds per pass over RUNS timed passes, after two untimed ones for the JIT. Parse
 * and gunzip alternate inside each run, so a noisy neighbour on this shared machine hits both alike.
 */
function timePair(a: () => void, b: () => void): { a: number; b: number } {
  for (let i = 0; i < 2; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t0 = cpuSeconds();
    a();
    ta.push(cpuSeconds() - t0);
    t0 = cpuSeconds();
    b();
    tb.push(cpuSeconds() - t0);
  }
  return { a: median(ta), b: median(tb) };
}

function bench(
  label: string,
  files: Uint8Array[],
  parse: (b: Uint8Array) => { activities: unknown[] },
): void {
  const gz = files.map((f) => gzipSync(f));
  for (const f of files)
    if (parse(f).activities.length !== 1)
      throw new Error(`${label}: a generated file did not parse`);
  const t = timePair(
    () => {
      for (const f of files) parse(f);
    },
    () => {
      for (const g of gz) gunzipSync(g);
    },
  );
  const mb = files.reduce((n, f) => n + f.length, 0) / 1e6;
  const zmb = gz.reduce((n, g) => n + g.length, 0) / 1e6;
  console.log(
    `${label}: ${files.length} files, ${mb.toFixed(1)} MB (gzip ${zmb.toFixed(1)} MB) | parse ${(mb / t.a).toFixed(0)} MB/s | gunzip ${(mb / t.b).toFixed(0)} MB/s | parse/gunzip ${(t.a / t.b).toFixed(2)}x | (gunzip+parse)/gunzip ${((t.a + t.b) / t.b).toFixed(2)}x`,
  );
}

const te = new TextEncoder();
const runs = Array.from({ length: COUNT }, (_, i) => synthRun(i + 1, 3600));
const gpx = runs.map((s, i) => te.encode(writeGpx(START + i * 86_400_000, "Morning Run", s)));
const tcx = runs.map((s, i) => te.encode(writeTcx(START + i * 86_400_000, s)));
bench("GPX 1 h @ 1 Hz", gpx, (b) => parseGpx(b));
// The general scanner alone (what files the byte-level reader hands back cost).
bench("GPX general path", gpx, (b) => parseGpxText(decodeXmlBytes(b)));
bench("TCX 1 h @ 1 Hz", tcx, (b) => parseTcx(b));
bench("TCX general path", tcx, (b) => parseTcxText(decodeXmlBytes(b)));
