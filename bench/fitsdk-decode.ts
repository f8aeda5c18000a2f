/**
 * Our FIT decoder against Garmin's own JavaScript FIT SDK (@garmin/fitsdk, a devDependency used
 * only here), both measured against the floor of gunzipping the same files. The files are the
 * one-hour 1 Hz runs `npm run bench:import` imports (bench/import-data/fit-encoder.ts).
 * Times are CPU time of this process (steadier than wall time on a shared machine); each figure
 * is the median of several runs, and the decoders and gunzip alternate within every run.
 * Run: npm run bench:fitsdk [-- files, default 6] [runs, default 7]
 */
import { Decoder, Stream } from "@garmin/fitsdk";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeFit, parseFit } from "../src/importers/fit/index.js";
import { encodeFitRun } from "./import-data/fit-encoder.js";
import { synthRun } from "./import-data/synth-run.js";

const COUNT = Number(process.argv[2] ?? 6);
const RUNS = Number(process.argv[3] ?? 7);
const START = Date.UTC(2015, 0, 1, 6, 0);

const files = Array.from({ length: COUNT }, (_, i) =>
  encodeFitRun({
    startMs: START + i * 86_400_000,
    utcOffsetMin: 60,
    samples: synthRun(i + 1, 3600),
    serial: 77,
  }),
);
const gzipped = files.map((f) => gzipSync(f));
const mb = files.reduce((n, f) => n + f.length, 0) / 1e6;

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Garmin SDK decode with its defaults (scaled values, expanded components, dates). */
function fitsdkDecode(bytes: Uint8Array): number {
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  const { messages, errors } = decoder.read();
  if (errors.length > 0) throw new Error(`fitsdk: ${String(errors[0])}`);
  return messages.recordMesgs?.length ?? 0;
}

const passes: Record<string, () => number> = {
  gunzip: () => gzipped.reduce((n, g) => n + gunzipSync(g).length, 0),
  "kneewise decodeFit": () => files.reduce((n, f) => n + decodeFit(f).parts.length, 0),
  "kneewise parseFit": () => files.reduce((n, f) => n + parseFit(f).activities.length, 0),
  "@garmin/fitsdk decode": () => files.reduce((n, f) => n + fitsdkDecode(f), 0),
};

// Both decoders must read every record, or the comparison means nothing.
const sdkRecords = passes["@garmin/fitsdk decode"]!();
if (sdkRecords !== COUNT * 3601) throw new Error(`fitsdk read ${sdkRecords} records`);
if (passes["kneewise parseFit"]!() !== COUNT) throw new Error("parseFit missed an activity");

const times: Record<string, number[]> = {};
let sink = 0;
for (let r = 0; r < RUNS + 2; r++) {
  for (const [name, pass] of Object.entries(passes)) {
    const t0 = cpuSeconds();
    sink += pass();
    // The first two runs only warm the JIT up.
    if (r >= 2) (times[name] ??= []).push(cpuSeconds() - t0);
  }
}
if (sink === -1) console.log(sink);

const gunzipS = median(times.gunzip!);
console.log(
  `${COUNT} generated FIT runs (1 h @ 1 Hz), ${mb.toFixed(2)} MB, median of ${RUNS} runs (CPU time)`,
);
for (const name of Object.keys(passes)) {
  const t = median(times[name]!);
  console.log(
    `${name.padEnd(24)} ${(mb / t).toFixed(0).padStart(5)} MB/s  ${(t * 1000).toFixed(1).padStart(7)} ms  ${(t / gunzipS).toFixed(2)}x gunzip`,
  );
}
const sdk = median(times["@garmin/fitsdk decode"]!);
const ours = median(times["kneewise parseFit"]!);
console.log(`ratio fitsdk / gunzip:          ${(sdk / gunzipS).toFixed(2)}x`);
console.log(`ratio kneewise parseFit / gunzip: ${(ours / gunzipS).toFixed(2)}x`);
console.log(`fitsdk / kneewise parseFit:     ${(sdk / ours).toFixed(1)}x`);
