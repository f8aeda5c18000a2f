import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { gzipSync } from "node:zlib";
import { dosDateTime, gzipMember, zipStream } from "./zip-writer.js";
import type { ZipEntry } from "./zip-writer.js";

const MODIFIED = new Date("2024-03-31T12:34:56.000Z");

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

interface ReadEntry {
  name: string;
  method: number;
  data: Buffer;
  modified: Date;
}

/** Reads an archive back with yauzl (which checks every CRC-32 and size as it inflates). */
function unzip(zip: Buffer): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, file) => {
      if (err) return reject(err);
      const out: ReadEntry[] = [];
      file.on("error", reject);
      file.on("end", () => resolve(out));
      file.on("entry", (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          collect(stream)
            .then((data) => {
              out.push({ name: entry.fileName, method: entry.compressionMethod, data, modified: entry.getLastModDate({ timezone: "UTC" }) });
              file.readEntry();
            })
            .catch(reject);
        });
      });
      file.readEntry();
    });
  });
}

async function* slowly(parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of parts) {
    await Promise.resolve();
    yield p;
  }
}

describe("zip writer", () => {
  it("writes deflated, stored, empty and streamed entries that a standard reader gets back byte for byte", async () => {
    const text = Buffer.from(JSON.stringify({ runs: Array.from({ length: 2000 }, (_, i) => ({ i, km: i % 13 })) }));
    const noise = randomBytes(300_000);
    const entries: ZipEntry[] = [
      { name: "kneewise-export.json", data: text },
      { name: "original-files/run.fit.gz", data: noise, method: "store" },
      { name: "original-files/empty.gpx", data: Buffer.alloc(0) },
      { name: "original-files/ünïcode löop.tcx", data: slowly([noise.subarray(0, 70_000), noise.subarray(70_000)]) },
    ];
    const zip = await collect(zipStream(entries, MODIFIED));
    const read = await unzip(zip);
    expect(read.map((e) => [e.name, e.method])).toEqual([
      ["kneewise-export.json", 8],
      ["original-files/run.fit.gz", 0],
      ["original-files/empty.gpx", 8],
      ["original-files/ünïcode löop.tcx", 8],
    ]);
    expect(read[0]!.data.equals(text)).toBe(true);
    expect(read[1]!.data.equals(noise)).toBe(true);
    expect(read[2]!.data.length).toBe(0);
    expect(read[3]!.data.equals(noise)).toBe(true);
    // JSON compresses: the archive is much smaller than what it holds.
    expect(zip.length).toBeLessThan(text.length / 3 + noise.length * 2 + 2000);
    expect(read[0]!.modified.toISOString()).toBe("2024-03-31T12:34:56.000Z");
  });

  it("passes a gzip member's deflated bytes through, with its CRC and size, readable as the original", async () => {
    const original = Buffer.from("FIT-ish bytes ".repeat(5000));
    const plain = gzipSync(original);
    // The same member with a file name in its header (FNAME), as the gzip tool writes it.
    const named = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0x08]), plain.subarray(4, 10), Buffer.from("run.fit\0"), plain.subarray(10)]);
    for (const gz of [plain, named]) {
      const member = gzipMember(gz)!;
      expect(member.size).toBe(original.length);
      const read = await unzip(await collect(zipStream([{ name: "run.fit", ...member }], MODIFIED)));
      expect(read[0]!.method).toBe(8);
      expect(read[0]!.data.equals(original)).toBe(true);
    }
    expect(gzipMember(Buffer.from("not gzip at all, just text"))).toBeUndefined();
  });

  it("writes a valid empty archive", async () => {
    const zip = await collect(zipStream([], MODIFIED));
    expect(zip.length).toBe(22);
    expect(await unzip(zip)).toEqual([]);
  });

  it("pulls entries lazily from an async source: the next one only when the reader wants more", async () => {
    const produced: string[] = [];
    const big = randomBytes(1_000_000);
    async function* entries(): AsyncGenerator<ZipEntry> {
      for (const name of ["a.bin", "b.bin", "c.bin"]) {
        await Promise.resolve();
        produced.push(name);
        yield { name, data: big, method: "store" };
      }
    }
    const stream = zipStream(entries(), MODIFIED);
    const parts: Buffer[] = [];
    let producedAtFirstChunk: string[] = [];
    for await (const chunk of stream) {
      if (parts.length === 0) producedAtFirstChunk = [...produced];
      parts.push(chunk as Buffer);
    }
    expect(producedAtFirstChunk).toEqual(["a.bin"]);
    const read = await unzip(Buffer.concat(parts));
    expect(read.map((e) => e.name)).toEqual(["a.bin", "b.bin", "c.bin"]);
    expect(read.every((e) => e.data.equals(big))).toBe(true);
  });

  it("refuses entry names that would escape the folder they are unpacked into", async () => {
    for (const name of ["../etc/passwd", "/abs.txt", "a/../../b", "a\\b", "a//b", ""]) {
      await expect(collect(zipStream([{ name, data: Buffer.from("x") }], MODIFIED)), name).rejects.toThrow(/not a safe path/);
    }
  });

  it("passes an error of an entry's source on instead of finishing a truncated archive", async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from("first part");
      await Promise.resolve();
      throw new Error("database went away");
    }
    await expect(collect(zipStream([{ name: "x.json", data: failing() }], MODIFIED))).rejects.toThrow("database went away");
  });

  it("encodes MS-DOS dates and times, clamped to the years zip can hold", () => {
    expect(dosDateTime(new Date("1980-01-01T00:00:00Z"))).toEqual({ date: 0x21, time: 0 });
    expect(dosDateTime(new Date("2024-03-31T12:34:56Z"))).toEqual({ date: (44 << 9) | (3 << 5) | 31, time: (12 << 11) | (34 << 5) | 28 });
    expect(dosDateTime(new Date("1970-06-01T00:00:00Z")).date >> 9).toBe(0);
  });
});
