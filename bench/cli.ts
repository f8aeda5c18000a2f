/**
 * Start time of the built CLI (issue 18: `kneewise --help` and the small commands under 200 ms),
 * against `node -e 0` measured in the same run, as medians of interleaved runs: the machine is
 * shared and noisy, so read the ratios and the differences, not the seconds.
 *
 * Run: npm run bench:cli            (builds the server first)
 *      BENCH_RUNS=21 npm run bench:cli
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const TARGET_MS = 200;
const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin", "kneewise.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kneewise-bench-cli-"));
const db = path.join(dir, "kneewise.db");

const cases: { name: string; args: string[] }[] = [
  { name: "node -e 0", args: ["-e", "0"] },
  { name: "kneewise --help", args: [bin, "--help"] },
  { name: "kneewise --version", args: [bin, "--version"] },
  { name: "kneewise report --json (empty db)", args: [bin, "report", "--json", "--db", db] },
];

function timeOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && !args.includes("report"))
    throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// One warm-up each (the first report also creates and migrates the database).
for (const c of cases) timeOnce(c.args);
const times = new Map(cases.map((c) => [c.name, [] as number[]]));
for (let i = 0; i < RUNS; i++) for (const c of cases) times.get(c.name)!.push(timeOnce(c.args));

const floor = median(times.get("node -e 0")!);
console.log(`kneewise CLI start, median of ${RUNS} interleaved runs (node ${process.version}):`);
for (const c of cases) {
  const m = median(times.get(c.name)!);
  const over = m - floor;
  console.log(
    `  ${c.name.padEnd(36)} ${m.toFixed(0).padStart(5)} ms  ${(m / floor).toFixed(2)}x node -e 0  (+${over.toFixed(0)} ms)` +
      (c.name === "node -e 0" ? "" : m <= TARGET_MS ? "  within 200 ms" : "  over 200 ms"),
  );
}
fs.rmSync(dir, { recursive: true, force: true });
