import type { CliIO } from "../src/cli/io.js";

/** An in-process CliIO that records what a command prints. */
export function captureIO(over: Partial<CliIO> & { stdin?: string; files?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const files: Record<string, string> = { ...(over.files ?? {}) };
  const io: CliIO = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readStdin: () => Promise.resolve(over.stdin ?? ""),
    readFile: (p) => {
      const f = files[p];
      return f === undefined ? Promise.reject(Object.assign(new Error(`ENOENT: ${p}`), { code: "ENOENT" })) : Promise.resolve(f);
    },
    writeFile: (p, text) => {
      files[p] = text;
      return Promise.resolve();
    },
    cwd: over.cwd ?? process.cwd(),
    env: over.env ?? {},
    isTTY: over.isTTY ?? false,
    today: over.today ?? (() => "2026-11-25"),
  };
  return { io, files, stdout: () => out.join(""), stderr: () => err.join("") };
}
