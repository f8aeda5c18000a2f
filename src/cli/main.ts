#!/usr/bin/env node
import fs from "node:fs/promises";
import path from "node:path";
import type { CliIO } from "./io.js";
import { runCli } from "./run-cli.js";
import { readVersion } from "./version.js";

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const io: CliIO = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  readFile: (p) => fs.readFile(path.resolve(process.cwd(), p), "utf8"),
  writeFile: (p, text) => fs.writeFile(path.resolve(process.cwd(), p), text, "utf8"),
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  today: localToday,
};

// The only place that exits the process.
runCli(process.argv.slice(2), io, { version: readVersion() }).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`kneewise: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
