#!/usr/bin/env node
// The built CLI. Run `npm run build` first (npm start does it for you).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("kneewise: not built yet: run `npm run build` (or `npm start`) first.\n");
  process.exit(1);
}
await import(main.href);
