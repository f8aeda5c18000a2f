/**
 * Issue 7's load target: with 1,000 runners × 3 years of runs in PostgreSQL and two instances,
 * the dashboard API (GET /api/training/report, as the load dashboard asks for it) holds >= 50% of
 * the requests per second of a bare Fastify JSON route measured in the same run, with p99 < 100 ms
 * and no errors; and a soak shows flat memory.
 *
 * Two `kneewise serve --multi-user` processes and two bare Fastify processes (one static JSON
 * route answering a sample of the dashboard's own body, so the bytes match) run side by side;
 * autocannon, in this process, spreads its connections over both instances of a kind and gives
 * every request another runner's session cookie. Rounds alternate bare and dashboard; the
 * figures are the medians of the rounds. Everything shares this machine's cores, so the ratio is
 * the figure that counts, not the absolute rates.
 *
 * Run: npm run bench:load [-- --reseed] [--soak [SECONDS]] [--runners N] [--connections N]
 *      [--duration S] [--rounds N] [--warmup S] [--active N] [--cpu-prof] [--built]
 * The database is kneewise_load beside $LOAD_DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/postgres),
 * seeded once and reused. The instances run from src/ through tsx unless --built (then
 * bin/kneewise.js: run `npm run build:server` first).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { Request, Result } from "autocannon";
import { ensureLoadDatabase, LOAD_END_DATE } from "./load-data/seed-postgres.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SESSION_COOKIE = "kw_session";
/** What the load dashboard asks for (web/src/load/load-dashboard.tsx). */
const DASHBOARD_PATH = `/api/training/report?asOf=${LOAD_END_DATE}&weeks=16`;
const DEFAULT_SOAK_S = 300;
const SHORT_SOAK_S = 60;
const SAMPLE_EVERY_MS = 5000;

interface Args {
  reseed: boolean;
  runners: number;
  /** How many of the runners' cookies the requests rotate through (all by default). */
  active: number;
  connections: number;
  duration: number;
  rounds: number;
  warmup: number;
  soakS: number;
  soakAsked: boolean;
  cpuProf: boolean;
  built: boolean;
  basePort: number;
  adminUrl: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    reseed: false,
    runners: 1000,
    active: 0,
    connections: 40,
    duration: 20,
    rounds: 3,
    warmup: 5,
    soakS: SHORT_SOAK_S,
    soakAsked: false,
    cpuProf: false,
    built: false,
    basePort: Number(process.env.LOAD_PORT ?? 41510),
    adminUrl: process.env.LOAD_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  };
  const number = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0)
      throw new Error(`${flag} needs a number, got ${v ?? "nothing"}.`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    if (a === "--reseed") args.reseed = true;
    else if (a === "--cpu-prof") args.cpuProf = true;
    else if (a === "--built") args.built = true;
    else if (a === "--soak") {
      args.soakAsked = true;
      // The value is optional: `--soak` alone soaks for five minutes.
      if (next !== undefined && /^\d+$/.test(next)) {
        args.soakS = Number(next);
        i++;
      } else args.soakS = DEFAULT_SOAK_S;
    } else if (a === "--runners") args.runners = number(a, argv[++i]);
    else if (a === "--active") args.active = number(a, argv[++i]);
    else if (a === "--connections") args.connections = number(a, argv[++i]);
    else if (a === "--duration") args.duration = number(a, argv[++i]);
    else if (a === "--rounds") args.rounds = number(a, argv[++i]);
    else if (a === "--warmup") args.warmup = number(a, argv[++i]);
    else throw new Error(`Unknown option ${a}.`);
  }
  // autocannon spreads connections evenly over the URLs only when they divide.
  args.connections = Math.max(2, args.connections - (args.connections % 2));
  return args;
}

// ---------------------------------------------------------------- processes

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  stderr: string[];
}

const children: ChildProcess[] = [];

function startProcess(
  name: string,
  port: number,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Instance {
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  const stderr: string[] = [];
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
  });
  return { name, url: `http://127.0.0.1:${port}`, child, stderr };
}

function startKneewise(
  n: number,
  port: number,
  dbUrl: string,
  args: Args,
  profDir: string,
): Instance {
  const entry = args.built ? ["bin/kneewise.js"] : ["--import", "tsx", "src/cli/main.ts"];
  const prof = args.cpuProf && n === 1 ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
  return startProcess(
    `kneewise ${n}`,
    port,
    [...prof, ...entry, "serve", "--port", String(port), "--db", dbUrl, "--multi-user"],
    {
      KNEEWISE_LOG_LEVEL: "warn",
    },
  );
}

function startBare(n: number, port: number, bodyFile: string): Instance {
  return startProcess(
    `bare ${n}`,
    port,
    ["--import", "tsx", "bench/load-data/bare-server.ts", String(port), bodyFile],
    {},
  );
}

async function waitReady(instance: Instance, probePath: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (instance.child.exitCode !== null)
      throw new Error(
        `${instance.name} exited with ${instance.child.exitCode}:\n${instance.stderr.join("")}`,
      );
    try {
      const res = await fetch(instance.url + probePath);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${instance.name} did not answer within 60 s:\n${instance.stderr.join("")}`);
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          c.kill("SIGTERM");
        }),
    ),
  );
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

// ---------------------------------------------------------------- load

interface Round {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  total: number;
}

/** Each request carries the next runner's cookie, so every runner's report is asked for in turn. */
function rotatingCookies(requestPath: string, tokens: readonly string[]): Request[] {
  let next = 0;
  return [
    {
      method: "GET",
      path: requestPath,
      setupRequest: (req) => {
        const token = tokens[next++ % tokens.length] ?? "";
        return { ...req, headers: { cookie: `${SESSION_COOKIE}=${token}` } };
      },
    },
  ];
}

async function drive(
  urls: string[],
  requestPath: string,
  tokens: readonly string[],
  connections: number,
  length: { duration: number } | { amount: number },
): Promise<Round> {
  const r: Result = await autocannon({
    url: urls,
    connections,
    ...length,
    timeout: 10,
    requests: rotatingCookies(requestPath, tokens),
  });
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
    total: r.requests.total,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function line(label: string, r: Round): string {
  return `${label.padEnd(10)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(0).padStart(3)} ms  p99 ${r.p99.toFixed(0).padStart(4)} ms  errors ${r.errors}  non-2xx ${r.non2xx}  timeouts ${r.timeouts}  (${r.total} requests)`;
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

// ---------------------------------------------------------------- main

async function main(): Promise<boolean> {
  const args = parseArgs(process.argv.slice(2));
  console.log(
    `load average at start: ${loadAverage()} (${os.cpus().length} cores, shared with autocannon and anything else running)`,
  );

  const db = await ensureLoadDatabase({
    adminUrl: args.adminUrl,
    name: "kneewise_load",
    runners: args.runners,
    reseed: args.reseed,
    log: console.log,
  });
  console.log(
    `database: ${args.runners} runners, ${db.activities} activities; ${db.reused ? `reused (seeded earlier in ${db.seedSeconds.toFixed(0)} s)` : `seeded in ${db.seedSeconds.toFixed(0)} s`}`,
  );

  const tokens = args.active > 0 ? db.tokens.slice(0, args.active) : db.tokens;
  if (tokens.length < db.tokens.length)
    console.log(`requests rotate through the first ${tokens.length} runners only (--active)`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "kneewise-load-"));
  const ok = await (async () => {
    const kw = [1, 2].map((n) => startKneewise(n, args.basePort + n - 1, db.url, args, tmp));
    await Promise.all(kw.map((k) => waitReady(k, "/api/health")));
    console.log(
      `instances: two \`kneewise serve --multi-user\` (${args.built ? "bin/kneewise.js, built" : "src/ through tsx"}), KNEEWISE_LOG_LEVEL=warn`,
    );

    // Every instance answers for every runner's session; one body becomes the bare route's answer.
    let sample = "";
    for (const [i, k] of kw.entries()) {
      const res = await fetch(k.url + DASHBOARD_PATH, {
        headers: { cookie: `${SESSION_COOKIE}=${db.tokens[i] ?? ""}` },
      });
      sample = await res.text();
      if (res.status !== 200) throw new Error(`${k.name} answered ${res.status}: ${sample}`);
      const weeks = (JSON.parse(sample) as { report: { weeks: unknown[] } }).report.weeks.length;
      if (weeks !== 16) throw new Error(`${k.name} answered a report of ${weeks} weeks, not 16.`);
    }
    const bodyFile = path.join(tmp, "body.json");
    writeFileSync(bodyFile, sample);
    const bare = [1, 2].map((n) => startBare(n, args.basePort + 1 + n, bodyFile));
    await Promise.all(bare.map((b) => waitReady(b, "/bare")));
    console.log(
      `bare: two Fastify processes answering a static ${(sample.length / 1024).toFixed(1)} kB JSON object`,
    );

    const kwUrls = kw.map((k) => k.url);
    const bareUrls = bare.map((b) => b.url);
    const c = args.connections;
    console.log(
      `autocannon: ${c} connections over both instances, ${args.duration} s per round, ${args.rounds} rounds after a ${args.warmup} s warm-up each\n`,
    );
    // Cold: each instance builds every runner's report once (nothing kept yet), one instance at a time.
    const cold = await Promise.all(
      kwUrls.map((u) => drive([u], DASHBOARD_PATH, tokens, c / 2, { amount: tokens.length })),
    );
    for (const [i, r] of cold.entries()) console.log(line(`cold ${i + 1}`, r));
    await drive(bareUrls, "/bare", tokens, c, { duration: args.warmup });
    await drive(kwUrls, DASHBOARD_PATH, tokens, c, { duration: args.warmup });

    // --rounds 0 measures the soak alone.
    let pass = true;
    const bareRounds: Round[] = [];
    const dashRounds: Round[] = [];
    for (let i = 0; i < args.rounds; i++) {
      const b = await drive(bareUrls, "/bare", tokens, c, { duration: args.duration });
      console.log(line(`bare ${i + 1}`, b));
      bareRounds.push(b);
      const d = await drive(kwUrls, DASHBOARD_PATH, tokens, c, { duration: args.duration });
      console.log(line(`dash ${i + 1}`, d));
      dashRounds.push(d);
    }
    const med = (rs: Round[], k: keyof Round) => median(rs.map((r) => r[k]));
    if (args.rounds > 0) {
      const bareRps = med(bareRounds, "rps");
      const dashRps = med(dashRounds, "rps");
      const ratio = dashRps / bareRps;
      const p99 = med(dashRounds, "p99");
      const failures = dashRounds.reduce((s, r) => s + r.errors + r.non2xx + r.timeouts, 0);
      console.log(
        `\nmedians   bare ${bareRps.toFixed(0)} req/s (p50 ${med(bareRounds, "p50")} ms, p99 ${med(bareRounds, "p99")} ms)`,
      );
      console.log(
        `          dashboard ${dashRps.toFixed(0)} req/s (p50 ${med(dashRounds, "p50")} ms, p99 ${p99} ms), ${failures} errors/non-2xx/timeouts in all rounds`,
      );
      pass = ratio >= 0.5 && p99 < 100 && failures === 0;
      console.log(
        `ratio     ${(ratio * 100).toFixed(0)}% of bare (target >= 50%), p99 ${p99} ms (target < 100 ms): ${pass ? "OK" : "NOT MET"}`,
      );
      console.log(`load average now: ${loadAverage()}`);
    }

    let flat = true;
    if (args.soakS > 0) {
      console.log(
        `\nsoak: ${args.soakS} s of dashboard load${args.soakAsked ? "" : ` (the default run's short soak; --soak alone runs ${DEFAULT_SOAK_S} s)`}, RSS sampled every ${SAMPLE_EVERY_MS / 1000} s`,
      );
      const t0 = performance.now();
      const samples = kw.map(() => [] as { x: number; y: number }[]);
      const sampleAll = () =>
        kw.forEach((k, i) =>
          samples[i]?.push({ x: (performance.now() - t0) / 60_000, y: rssMb(k.child.pid ?? 0) }),
        );
      sampleAll();
      const timer = setInterval(sampleAll, SAMPLE_EVERY_MS);
      const soak = await drive(kwUrls, DASHBOARD_PATH, tokens, c, { duration: args.soakS });
      clearInterval(timer);
      sampleAll();
      console.log(line("soak", soak));
      // The first fifth (at most a minute) is warm-up: caches and the JIT fill, then memory should hold.
      const warmMin = Math.min(1, args.soakS / 5 / 60);
      for (const [i, k] of kw.entries()) {
        const s = samples[i] ?? [];
        const ys = s.map((p) => p.y);
        const m = slope(s.filter((p) => p.x >= warmMin));
        // Flat: no growth after warm-up (a heap shrinking after the cold pass is not a leak).
        const isFlat = m < 1;
        flat &&= isFlat;
        console.log(
          `${k.name}: RSS start ${ys[0]?.toFixed(0)} MB, end ${ys.at(-1)?.toFixed(0)} MB, max ${Math.max(...ys).toFixed(0)} MB; slope after warm-up ${m.toFixed(2)} MB/min (${isFlat ? (m < -1 ? "shrinking" : "flat") : "GROWING"})`,
        );
        const every30s = s.filter((_, j) => j % 6 === 0).map((p) => p.y.toFixed(0));
        console.log(`  RSS every 30 s: ${every30s.join(" ")} MB`);
      }
      if (soak.errors + soak.non2xx + soak.timeouts > 0) flat = false;
      console.log(`load average now: ${loadAverage()}`);
    }
    return pass && flat;
  })().finally(async () => {
    await stopAll();
    if (args.cpuProf)
      console.log(
        `\nCPU profile of kneewise 1 in ${tmp} (open the .cpuprofile in Chrome DevTools)`,
      );
    else rmSync(tmp, { recursive: true, force: true });
  });
  return ok;
}

process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
const ok = await main();
process.exitCode = ok ? 0 : 1;
