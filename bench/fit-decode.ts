/**
 * FIT decoding throughput against the floor of plain gunzip, over every FIT file of the shared
 * corpus. Strava exports gzip their FIT files, so gunzip is work every import does anyway; issue 3
 * asks the whole import to stay within 1.5x of it. Run: npx tsx bench/fit-decode.ts
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeFit, parseFit } from "../src/importers/fit/index.js";
import { CORPUS_DIR } from "../test/paths.js";

const RUNS = 5;
const dir = path.join(CORPUS_DIR, "fit");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".fit"))
  .map((f) => new Uint8Array(readFileSync(path.join(dir, f))));
const gzipped = files.map((f) => gzipSync(f));
const totalBytes = files.reduce((n, f) => n + f.length, 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median seconds of RUNS timed passes, after two untimed ones to let the JIT settle. */
function time(pass: () => number): number {
  let sink = 0;
  for (let i = 0; i < 2; i++) sink += pass();
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    // Repeat within a run so each timing spans well over the timer's resolution.
    for (let k = 0; k < 5; k++) sink += pass();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9 / 5);
  }
  if (sink === -1) console.log(sink);
  return median(times);
}

const mb = totalBytes / 1e6;
const tGunzip = time(() => gzipped.reduce((n, g) => n + gunzipSync(g).length, 0));
const tDecode = time(() => files.reduce((n, f) => n + decodeFit(f).parts.length, 0));
const tParse = time(() => files.reduce((n, f) => n + parseFit(f).activities.length, 0));

const rate = (t: number): string => `${(mb / t).toFixed(0).padStart(5)} MB/s`;
console.log(`${files.length} FIT files, ${mb.toFixed(1)} MB (median of ${RUNS} runs)`);
console.log(`gunzip (floor)         ${rate(tGunzip)}  ${(tGunzip * 1000).toFixed(1)} ms`);
console.log(`decodeFit (messages)   ${rate(tDecode)}  ${(tDecode * 1000).toFixed(1)} ms`);
console.log(`parseFit (activities)  ${rate(tParse)}  ${(tParse * 1000).toFixed(1)} ms`);
console.log(`ratio parseFit / gunzip time: ${(tParse / tGunzip).toFixed(2)}x`);
console.log(`gunzip + parseFit vs gunzip alone: ${((tGunzip + tParse) / tGunzip).toFixed(2)}x`);
