import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A kneewise server of a spec's own, from the same build (bin/kneewise.js) on its own port and a
 * throwaway SQLite file: for specs whose data would change what the shared e2e server's other
 * specs see, or that need multi-user mode.
 */
export interface OwnServer {
  base: string;
  stop(): void;
}

export async function startOwnServer(name: string, port: number, opts: { multiUser?: boolean } = {}): Promise<OwnServer> {
  const base = `http://127.0.0.1:${port}`;
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), `kneewise-e2e-${name}-`));
  const args = ["bin/kneewise.js", "serve", "--port", String(port), "--db", path.join(dbDir, `${name}.db`)];
  if (opts.multiUser === true) args.push("--multi-user");
  const server: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, KNEEWISE_LOG_LEVEL: "warn" },
    stdio: "inherit",
  });
  const stop = (): void => {
    server.kill();
    fs.rmSync(dbDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`the ${name} server on ${base} did not start`);
}
