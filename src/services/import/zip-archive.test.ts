/**
 * The archive reader on its own: a directory listed through the read-ahead window (one far larger
 * than the window too), entries read through yauzl's streams and as raw bytes from the same
 * archive, every file descriptor given back when the archive is closed, and no two entries
 * allowed to share bytes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inflateRawSync } from "node:zlib";
import { crc32 } from "node:zlib";
import { repeatedGpx, writeOverlapZip } from "../../../bench/import-data/overlap-zip.js";
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

/** A stored entry's local header, with `extra` bytes of extra field after its name. */
function storedHeader(name: string, data: Buffer, extra: number): Buffer {
  const n = Buffer.from(name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt32LE(crc32(data), 14);
  h.writeUInt32LE(data.length, 18);
  h.writeUInt32LE(data.length, 22);
  h.writeUInt16LE(n.length, 26);
  h.writeUInt16LE(extra, 28);
  return Buffer.concat([h, n]);
}

function centralEntry(name: string, data: Buffer, offset: number): Buffer {
  const n = Buffer.from(name);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt32LE(crc32(data), 16);
  h.writeUInt32LE(data.length, 20);
  h.writeUInt32LE(data.length, 24);
  h.writeUInt16LE(n.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, n]);
}

function endOfDirectory(count: number, size: number, start: number): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(count, 8);
  e.writeUInt16LE(count, 10);
  e.writeUInt32LE(size, 12);
  e.writeUInt32LE(start, 16);
  return e;
}

describe("entries that share bytes", () => {
  const payload = repeatedGpx(256 * 1024);

  it("refuses an archive whose directory lists the same data several times, naming it and the entries", async () => {
    const file = path.join(dir, "shared.zip");
    const { declared, bytes } = writeOverlapZip(file, { entries: 20, payload });
    expect(declared / bytes).toBeGreaterThan(100); // each entry alone is under the 200x ratio limit
    await expect(openZip(file, "runs.zip")).rejects.toMatchObject({
      code: "ZIP_OVERLAP",
      message: expect.stringMatching(/^runs\.zip is refused: its entries "activities\/0\.gpx" and "activities\/1\.gpx" share the same bytes/) as string,
    });
    // yauzl's descriptor closes a turn of the event loop after the archive is refused.
    await new Promise((r) => setTimeout(r, 50));
    expect(descriptorsOn(dir)).toBe(0);
  });

  it("refuses an archive whose entries each start at their own header but run over the ones after (quoted headers)", async () => {
    const file = path.join(dir, "quoted.zip");
    writeOverlapZip(file, { entries: 10, payload, layout: "quoted" });
    await expect(openZip(file, "quoted.zip")).rejects.toMatchObject({ code: "ZIP_OVERLAP", message: expect.stringContaining('"activities/0.gpx" and "activities/1.gpx"') as string });
  });

  it("refuses, when it is read, an entry whose local header moves its data into the next entry", async () => {
    // "a" declares a 100-byte extra field: the directory cannot tell, but its data starts after
    // "b", which lies inside that extra field, and ends past it.
    const a = Buffer.from("0123456789");
    const b = Buffer.from("hello");
    const headA = storedHeader("a.csv", a, 100);
    const headB = storedHeader("b.csv", b, 0);
    const extra = Buffer.alloc(100);
    const bAt = headA.length + 10;
    Buffer.concat([headB, b]).copy(extra, 10);
    const body = Buffer.concat([headA, extra, a]);
    const dirBytes = Buffer.concat([centralEntry("a.csv", a, 0), centralEntry("b.csv", b, bAt)]);
    const file = path.join(dir, "extra.zip");
    fs.writeFileSync(file, Buffer.concat([body, dirBytes, endOfDirectory(2, dirBytes.length, body.length)]));
    const zip = await openZip(file, "extra.zip");
    try {
      const [ea, eb] = zip.entries;
      await expect(zip.readRaw(ea!)).rejects.toMatchObject({ code: "ZIP_OVERLAP", message: expect.stringContaining("overlaps the next entry") as string });
      await expect(zip.read(ea!)).rejects.toMatchObject({ code: "ZIP_OVERLAP" });
      await expect(zip.extractTo(ea!, path.join(dir, "a-out"))).rejects.toMatchObject({ code: "ZIP_OVERLAP" });
      expect(fs.existsSync(path.join(dir, "a-out"))).toBe(false);
      expect(Buffer.from((await zip.readRaw(eb!)).bytes).toString()).toBe("hello");
    } finally {
      zip.close();
    }
  });
});
