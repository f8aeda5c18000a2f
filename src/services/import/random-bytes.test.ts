/**
 * 1 GiB of random bytes, under the names a runner might give it, through the real command line:
 * each name gets a clear error and the process's peak memory stays far below the file's size.
 * KNEEWISE_TEST_RANDOM_MB shrinks the file on slow machines (the limits do not depend on it).
 */
import { randomFillSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runKneewise } from "./child-cli.test-helpers.js";

const SIZE_MB = Number(process.env.KNEEWISE_TEST_RANDOM_MB ?? 1024);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-random-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeRandom(file: string, mb: number): void {
  const fd = fs.openSync(file, "w");
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  for (let written = 0; written < mb * 1024 * 1024; written += chunk.length) {
    randomFillSync(chunk);
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
}

describe(`${SIZE_MB} MiB of random bytes`, () => {
  it("fails with a clear code under each name, in bounded memory", async () => {
    const base = path.join(dir, "noise");
    writeRandom(base, SIZE_MB);
    const names = ["export.zip", "run.fit", "run.fit.gz", "blob.bin"];
    // Hard links: one copy on disk, four names.
    for (const n of names) fs.linkSync(base, path.join(dir, n));
    const { done } = runKneewise(["import", ...names.map((n) => path.join(dir, n)), "--db", path.join(dir, "k.db"), "--json"], { measure: true });
    const r = await done;
    expect(r.code, r.stderr).toBe(1);
    const summary = JSON.parse(r.stdout) as { failed: { file: string; code: string; message: string }[]; imported: number };
    const byName = new Map(summary.failed.map((f) => [path.basename(f.file), f]));
    expect(byName.get("export.zip")?.code).toBe("ZIP_INVALID");
    const tooLarge = SIZE_MB * 1024 * 1024 > 256 * 1024 * 1024 ? "FILE_TOO_LARGE" : undefined;
    if (tooLarge) {
      for (const n of ["run.fit", "run.fit.gz", "blob.bin"]) {
        expect(byName.get(n)?.code, n).toBe(tooLarge);
        expect(byName.get(n)?.message).toMatch(/more than the 32 MiB one file may hold/);
      }
    }
    expect(summary.imported).toBe(0);
    if (r.maxRssKb !== null) expect(r.maxRssKb / 1024).toBeLessThan(400);
  }, 300_000);
});
