/**
 * `npm run bench:import [-- --activities N --runs N]`: builds the server and imports a generated Strava-like export
 * (one-hour 1 Hz runs as .fit.gz, .gpx.gz and .tcx.gz with an activities.csv) into a fresh SQLite
 * database, and compares the time with the floor no importer can beat: reading and gunzipping the
 * same entries from the zip, one after the other, as cheaply as zlib allows. Until 2026-11-26 the
 * floor read entries through yauzl's streams, gunzipped into 16 kB chunks and decoded the FIT
 * entries in the same loop (their garbage collected in the floor's time): it took 4.5-7 s where
 * this one takes about 2.3 s, so ratios from before that date are not comparable with these.
 * Later the same day both the floor and the import moved to gunzipInto (one output buffer per
 * thread instead of one per file): the floor went from about 1.25 s to 1.10 s (CPU 1.6 s to 1.2 s),
 * so ratios from before that change read about 15% lower than they would now.
 * The floor and each import run in fresh processes of their own, so memory and heap are their own.
 * Reports medians over the runs, and CPU seconds beside the wall clock: on a machine others share,
 * CPU time (all threads) moves far less than wall time. The import runs the compiled dist/ (as
 * `npm start` and the CLI do); `npm run bench:import:src` runs src/ through tsx instead.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import buffer from "node:buffer";
import { inflateRawSync } from "node:zlib";
import { gunzipInto } from "../src/services/import/gunzip-into.js";
import { openZip } from "../src/services/import/zip-archive.js";
import { parseFit } from "../src/importers/fit/index.js";
import { generateStravaExport } from "./import-data/generate-export.js";

const HERE = fileURLToPath(import.meta.url);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** gunzip as the import's workers do: into the thread's one buffer, sized by the gzip trailer. */
function gunzipOnce(bytes: Uint8Array): Uint8Array {
  return gunzipInto(bytes, buffer.constants.MAX_LENGTH);
}

/**
 * The floor: read every entry and gunzip it, one after the other, as cheaply as this machine's
 * zlib allows (the import's own reads, and its own gunzip into one reused buffer). Then, apart,
 * FIT entries gunzipped alone and gunzipped and decoded by parseFit, for the FIT ratio.
 */
async function floor(zipFile: string): Promise<{
  seconds: number;
  cpuS: number;
  fitGunzipS: number;
  fitParseS: number;
  bytes: number;
}> {
  const zip = await openZip(zipFile, "export");
  let bytes = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const e of zip.entries) {
    const raw = await zip.readRaw(e);
    const data = raw.deflated ? inflateRawSync(raw.bytes, { chunkSize: raw.size + 1 }) : raw.bytes;
    bytes += e.name.endsWith(".gz") ? gunzipOnce(data).length : data.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  let fitGunzipS = 0;
  let fitParseS = 0;
  for (const e of zip.entries) {
    if (!e.name.endsWith(".fit.gz")) continue;
    const raw = (await zip.readRaw(e)).bytes;
    const t1 = performance.now();
    gunzipOnce(raw);
    const t2 = performance.now();
    const out = gunzipOnce(raw);
    parseFit(new Uint8Array(out.buffer, out.byteOffset, out.length));
    fitGunzipS += (t2 - t1) / 1000;
    fitParseS += (performance.now() - t2) / 1000 - (t2 - t1) / 1000;
  }
  zip.close();
  return { seconds, cpuS: (c.user + c.system) / 1e6, fitGunzipS, fitParseS, bytes };
}

/**
 * The import's child process, written to a file and run with plain Node on dist/ (as `kneewise
 * import` runs), or through tsx on src/: it opens a fresh database, imports, and prints its figures.
 * A file, not --eval: workers inherit the parent's exec arguments, and --eval is not one they take.
 */
const CHILD_SCRIPT = `
const [zipFile, root, ext] = process.argv.slice(2);
const fs = await import("node:fs");
const os = await import("node:os");
const path = await import("node:path");
const { pathToFileURL } = await import("node:url");
const load = (rel) => import(pathToFileURL(path.join(root, rel + ext)).href);
const { createApp } = await load("services/app");
const { ensureLocalOwner } = await load("services/auth");
const { importPaths } = await load("services/import/index");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-bench-db-"));
try {
  const app = await createApp({ db: path.join(dir, "bench.db"), multiUser: false, version: "bench" });
  const owner = await ensureLocalOwner(app);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const s = await importPaths(app, owner.id, [{ path: zipFile }], { dataDir: dir });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  await app.close();
  const cpuS = (c.user + c.system) / 1e6;
  process.stdout.write(JSON.stringify({ seconds, cpuS, imported: s.imported, failed: s.failed.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + "\\n");
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
`;

/**
 * The parse stage alone, in a child of its own like the import: every activity entry read from the
 * zip and parsed on the import's worker pool (gunzip, decode, summary, stream), the outcomes
 * dropped: no dedupe, no database. What the import would take if storing were free, so the
 * report shows how much of the ratio is parsing and how much is the rest.
 */
const PARSE_CHILD_SCRIPT = `
const [zipFile, root, ext] = process.argv.slice(2);
const path = await import("node:path");
const { pathToFileURL } = await import("node:url");
const load = (rel) => import(pathToFileURL(path.join(root, rel + ext)).href);
const { openZip } = await load("services/import/zip-archive");
const { createParsePool, QUEUE_DEPTH, defaultPoolSize } = await load("services/import/worker-pool");
const { fileTypeFromName } = await load("services/import/file-kind");
const { DEFAULT_LIMITS } = await load("services/import/limits");
const zip = await openZip(zipFile, "export");
const pool = createParsePool(defaultPoolSize(), new Set());
const t0 = performance.now();
const c0 = process.cpuUsage();
const inflight = new Set();
let id = 0;
let imported = 0;
let failed = 0;
for (const e of zip.entries) {
  const type = fileTypeFromName(e.name);
  if (type.kind !== "fit" && type.kind !== "gpx" && type.kind !== "tcx") continue;
  const raw = await zip.readRaw(e);
  const task = { id: id++, kind: type.kind, gz: type.gz, bytes: raw.bytes, fileName: e.name, limits: DEFAULT_LIMITS };
  if (raw.deflated) task.inflateTo = raw.size;
  const p = pool.parse(task).then((o) => { imported += o.activities.length; if (o.failure !== null) failed++; }).finally(() => inflight.delete(p));
  inflight.add(p);
  while (inflight.size >= Math.max(2, pool.size * (QUEUE_DEPTH + 2))) await Promise.race(inflight);
}
await Promise.all(inflight);
const seconds = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
await pool.close();
zip.close();
process.stdout.write(JSON.stringify({ seconds, cpuS: (c.user + c.system) / 1e6, imported, failed, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + "\\n");
`;

/** Node's arguments for a child: the compiled dist/ (--built) or src/ through tsx. */
function childArgs(zipFile: string, built: boolean, stage: "import" | "parse" = "import"): string[] {
  const script = path.join(os.tmpdir(), `kneewise-bench-${stage}-child.mjs`);
  fs.writeFileSync(script, stage === "import" ? CHILD_SCRIPT : PARSE_CHILD_SCRIPT);
  const repo = path.join(path.dirname(HERE), "..");
  if (!built) return ["--import", "tsx", script, zipFile, path.join(repo, "src"), ".ts"];
  const dist = path.join(repo, "dist");
  if (!fs.existsSync(path.join(dist, "services", "import", "index.js")))
    throw new Error("--built needs `npm run build:server` first.");
  return [script, zipFile, dist, ".js"];
}

interface ChildResult {
  seconds: number;
  cpuS: number;
  imported: number;
  failed: number;
  maxRssMb: number;
}

/** One import (or parse stage) in a fresh process; it must have read all `n` activities. */
function runChild(zipFile: string, built: boolean, stage: "import" | "parse", n: number): ChildResult {
  const child = spawnSync(process.execPath, childArgs(zipFile, built, stage), {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${stage} run failed: ${child.stderr}`);
  const res = JSON.parse(child.stdout.trim().split("\n").pop()!) as ChildResult;
  if (res.imported !== n || res.failed !== 0)
    throw new Error(`${stage}: expected ${n} activities, got ${res.imported} with ${res.failed} failures`);
  return res;
}

type Floor = Awaited<ReturnType<typeof floor>>;

/**
 * The floor, measured in a fresh process like the import: measured in this long-lived one it
 * came out either about 4.5 s or about 6.5 s (with twice the CPU, in garbage collection),
 * depending on what the process had done before, which swung the ratio between 1.5x and 2.4x.
 */
function floorInChild(zipFile: string): Floor {
  const child = spawnSync(process.execPath, ["--import", "tsx", HERE, "--child-floor", zipFile], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`floor run failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as Floor;
}

async function main(): Promise<void> {
  const floorAt = process.argv.indexOf("--child-floor");
  if (floorAt >= 0) {
    process.stdout.write(JSON.stringify(await floor(process.argv[floorAt + 1]!)) + "\n");
    return;
  }
  const built = process.argv.includes("--built");

  const n = arg("activities", 3000);
  const runs = arg("runs", 3);
  const zipFile = path.join(os.tmpdir(), `kneewise-bench-strava-export-${n}-v1.zip`);
  if (!fs.existsSync(zipFile)) {
    const t0 = performance.now();
    process.stderr.write(`generating ${n} one-hour runs into ${zipFile}…\n`);
    const partial = `${zipFile}.partial`;
    const stats = generateStravaExport(partial, n, 3600, (done) => {
      if (done % 100 === 0) process.stderr.write(`\r  ${done}/${n}`);
    });
    fs.renameSync(partial, zipFile);
    process.stderr.write(
      `\r  done in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${(stats.zipBytes / 1e6).toFixed(0)} MB zipped, ${(stats.unpackedBytes / 1e6).toFixed(0)} MB unpacked\n`,
    );
  }

  const floors: number[] = [];
  const floorCpus: number[] = [];
  const importCpus: number[] = [];
  const imports: number[] = [];
  const rss: number[] = [];
  const parses: number[] = [];
  const parseCpus: number[] = [];
  const fitRatios: number[] = [];
  let unpackedMb = 0;
  for (let r = 0; r < runs; r++) {
    const f = floorInChild(zipFile);
    floors.push(f.seconds);
    floorCpus.push(f.cpuS);
    fitRatios.push((f.fitGunzipS + f.fitParseS) / f.fitGunzipS);
    unpackedMb = f.bytes / 1e6;
    const res = runChild(zipFile, built, "import", n);
    const parse = runChild(zipFile, built, "parse", n);
    parses.push(parse.seconds / f.seconds);
    parseCpus.push(parse.cpuS);
    imports.push(res.seconds);
    importCpus.push(res.cpuS);
    rss.push(res.maxRssMb);
    process.stderr.write(
      `run ${r + 1}/${runs}: floor ${f.seconds.toFixed(2)} s (CPU ${f.cpuS.toFixed(2)} s), import ${res.seconds.toFixed(2)} s (CPU ${res.cpuS.toFixed(2)} s), peak RSS ${res.maxRssMb.toFixed(0)} MB; parse stage alone ${parse.seconds.toFixed(2)} s (CPU ${parse.cpuS.toFixed(2)} s); load ${os.loadavg()[0]!.toFixed(1)}\n`,
    );
  }
  const fl = median(floors);
  const im = median(imports);
  console.log(
    `kneewise import benchmark: ${n} one-hour 1 Hz runs (${unpackedMb.toFixed(0)} MB unpacked), ${os.availableParallelism()} cores, median of ${runs}, ${built ? "built dist/" : "src/ through tsx"}`,
  );
  console.log(`floor (read + gunzip every entry)  ${fl.toFixed(2)} s`);
  console.log(
    `import (parse, dedupe, store)       ${im.toFixed(2)} s  (${(n / im).toFixed(0)} activities/s)`,
  );
  console.log(
    `ratio import / floor                ${median(imports.map((t, i) => t / floors[i]!)).toFixed(2)}x  (median of the runs' ratios; target <= 1.5x)`,
  );
  console.log(
    `ratio parse stage alone / floor     ${median(parses).toFixed(2)}x  (parsing on the worker pool with nothing stored: CPU ${median(parseCpus).toFixed(2)} s)`,
  );
  console.log(
    `peak RSS of the import process      ${Math.max(...rss).toFixed(0)} MB  (target <= 400 MB)`,
  );
  const cpuBound = median(importCpus) / os.availableParallelism();
  console.log(
    `CPU seconds: floor ${median(floorCpus).toFixed(2)}, import ${median(importCpus).toFixed(2)} (all threads); import CPU / cores / floor CPU ${(cpuBound / median(floorCpus)).toFixed(2)}x  (the ratio on an idle machine, at best)`,
  );
  console.log(
    `FIT entries only, (gunzip + parseFit) / gunzip on one core: ${median(fitRatios).toFixed(2)}x`,
  );
}

await main();
