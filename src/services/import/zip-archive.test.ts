/**
 * The archive reader on its own: a directory listed through the read-ahead window (one far larger
 * than the window too), entries read through yauzl's streams and as raw bytes from the same
 * archive, and every file descriptor given back when the archive is closed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inflateRawSync } from "node:zlib";
import { ZipWriter } from "../../../bench/import-data/zip-writer.js";
import { openZip } from "./zip-archive.js";

/**
 * Descriptors this process holds on files in `folder`. Other test files run in other threads of
 * the same process and open and close descriptors of their own meanwhile, so counting them all
 * would make the test flaky: only the ones on this test's own files are counted.
 */
function descriptorsOn(folder: string): number {
  let n = 0;
  for (const fd of fs.readdirSync("/proc/self/fd")) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(folder + path.sep)) n++;
    } catch {
      // Closed between the listing and the look.
    }
  }
  return n;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-zip-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("openZip", () => {
  it("lists a directory several read-ahead windows long, in order, and reads entries both ways", async () => {
    // 60,000 entries (the most a zip without zip64 holds is 65,535): a central directory of about
    // 5 MB, more than one 4 MiB window.
    const file = path.join(dir, "many.zip");
    const z = new ZipWriter(file);
    const count = 60_000;
    for (let i = 0; i < count; i++) {
      const text = `entry ${i} `.repeat(1 + (i % 7));
      z.add(`folder-${i % 13}/a-longer-file-name-${String(i).padStart(6, "0")}.txt`, Buffer.from(text), { deflate: i % 2 === 1 });
    }
    z.close();
    const zip = await openZip(file, "many.zip");
    try {
      expect(zip.entries).toHaveLength(count);
      for (const i of [0, 1, 4095, 30_000, count - 2, count - 1]) {
        const e = zip.entries[i]!;
        const expected = `entry ${i} `.repeat(1 + (i % 7));
        expect(e.name).toBe(`folder-${i % 13}/a-longer-file-name-${String(i).padStart(6, "0")}.txt`);
        expect(e.uncompressedSize).toBe(expected.length);
        // Through yauzl's stream, twice: a finished stream leaves the archive readable.
        expect((await zip.read(e)).toString()).toBe(expected);
        expect((await zip.read(e)).toString()).toBe(expected);
        const raw = await zip.readRaw(e);
        expect(raw.deflated).toBe(i % 2 === 1);
        const bytes = raw.deflated ? inflateRawSync(raw.bytes) : Buffer.from(raw.bytes);
        expect(bytes.toString()).toBe(expected);
      }
    } finally {
      zip.close();
    }
  });

  it("gives back its file descriptors when closed, and when the archive cannot be read", async () => {
    const file = path.join(dir, "small.zip");
    const z = new ZipWriter(file);
    z.add("a.csv", Buffer.from("x,y\n".repeat(500)), { deflate: true });
    z.add("b.txt", Buffer.from("hello"), { deflate: false });
    z.close();
    const notZip = path.join(dir, "not.zip");
    fs.writeFileSync(notZip, "this is not an archive at all");
    const zip0 = await openZip(file, "small.zip");
    expect(descriptorsOn(dir)).toBeGreaterThan(0); // the count sees the archive's descriptors
    zip0.close();
    await new Promise((r) => setTimeout(r, 50));
    for (let round = 0; round < 20; round++) {
      const zip = await openZip(file, "small.zip");
      for (const e of zip.entries) await zip.read(e);
      zip.close();
      await expect(openZip(notZip, "not.zip")).rejects.toMatchObject({ code: "ZIP_INVALID" });
    }
    // yauzl closes its descriptor once the last stream has ended: a turn of the event loop.
    await new Promise((r) => setTimeout(r, 50));
    expect(descriptorsOn(dir)).toBe(0);
  });
});
