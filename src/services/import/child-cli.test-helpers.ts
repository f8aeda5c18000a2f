/** Runs the real command line in a child process (through tsx), as a runner's terminal would. */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../../test/paths.js";

const MAIN = path.join(REPO_ROOT, "src", "cli", "main.ts");
const TIME = "/usr/bin/time";

export interface ChildRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; maxRssKb: number | null }>;
}

/** `kneewise <args>` in a child; with `measure`, under /usr/bin/time for its peak memory. */
export function runKneewise(args: string[], opts: { env?: Record<string, string>; measure?: boolean } = {}): ChildRun {
  const node = [process.execPath, "--import", "tsx", MAIN, ...args];
  const measure = opts.measure === true && fs.existsSync(TIME);
  const [cmd, ...rest] = measure ? [TIME, "-f", "maxrss_kb=%M", ...node] : node;
  const child = spawn(cmd!, rest, { cwd: REPO_ROOT, env: { ...process.env, TZ: "UTC", ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Awaited<ChildRun["done"]>>((resolve) => {
    child.on("close", (code, signal) => {
      const m = /maxrss_kb=(\d+)/.exec(stderr);
      resolve({ code, signal, stdout, stderr, maxRssKb: m ? Number(m[1]) : null });
    });
  });
  return { child, done };
}
