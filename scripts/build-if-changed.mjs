#!/usr/bin/env node
// `npm start` builds only what changed since the last build (issue 18): the server (tsc) when a
// file under src/ or a tsconfig changed, the web app (Vite) when web/, src/contracts/ or the Vite
// config changed. Each build leaves a fingerprint of its inputs (path, size, mtime) in dist/; a
// start whose inputs match it skips that build, so a second `npm start` listens within seconds.
// Plain Node on purpose: no tsx, no TypeScript, nothing to load before deciding.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function walk(dir, out) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
}

function fingerprint(inputs) {
  const files = [];
  for (const input of inputs) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path, files);
    else files.push(path);
  }
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    const st = statSync(file);
    hash.update(`${file.slice(root.length)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

function buildIfChanged({ name, inputs, output, stamp, command, args }) {
  const stampPath = join(root, stamp);
  const now = fingerprint(inputs);
  const built = existsSync(join(root, output)) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === now;
  if (built) {
    process.stdout.write(`kneewise: the ${name} is up to date\n`);
    return;
  }
  process.stdout.write(`kneewise: building the ${name}…\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stampPath, now);
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const shared = ["package-lock.json", "tsconfig.base.json"];
buildIfChanged({
  name: "server",
  inputs: ["src", "tsconfig.build.json", ...shared],
  output: "dist/cli/main.js",
  stamp: "dist/.server-inputs",
  command: npx,
  args: ["tsc", "-p", "tsconfig.build.json"],
});
buildIfChanged({
  name: "web app",
  inputs: ["web", "src/contracts", "vite.config.ts", "scripts/compress-assets.mjs", ...shared],
  output: "dist/public/index.html",
  stamp: "dist/.web-inputs",
  command: process.platform === "win32" ? "npm.cmd" : "npm",
  args: ["run", "build:web"],
});
