#!/usr/bin/env node
// After `vite build`: a gzip and a brotli copy beside each text file of the web app, which the
// server sends to browsers that accept them (@fastify/static's preCompressed), so nothing is
// compressed per request. Plain Node and its zlib: no dependency.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("../dist/public", import.meta.url).pathname;
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
const MIN_BYTES = 1024;

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (TEXT.test(entry.name) && statSync(path).size >= MIN_BYTES) compress(path);
  }
}

let files = 0;
let before = 0;
let after = 0;
function compress(path) {
  const bytes = readFileSync(path);
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  files += 1;
  before += bytes.length;
  after += br.length;
}

walk(root);
process.stdout.write(
  `kneewise: compressed ${files} web files, ${(before / 1024).toFixed(0)} kB -> ${(after / 1024).toFixed(0)} kB with brotli\n`,
);
