/**
 * Hostile archives for the import's limits (issue 19, item 2), written by hand: one deflated
 * payload lies once in the file, and the central directory lists it many times over.
 *
 * - "shared": every entry's local header offset is the same; twenty entries of 200 MiB each cost
 *   a 2 MB file.
 * - "quoted": Fifield's non-overlapping-looking layout (https://www.bamsoftware.com/hacks/zipbomb/):
 *   each entry has a local header of its own, one after the other, and each entry's compressed
 *   data runs over the headers after it into the one shared payload at the end. Every offset is
 *   different; the ranges still overlap.
 *
 * `npx tsx bench/import-data/overlap-zip.ts OUT.zip [entries] [MiB per entry]` writes the first
 * kind with a GPX payload (repeated track points, the way the file was built).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { crc32, deflateRawSync } from "node:zlib";
import { centralHeader, endOfCentralDirectory, localHeader } from "./zip-writer.js";

export interface OverlapZipOptions {
  /** How many central-directory entries point at the payload. */
  entries: number;
  /** The one payload every entry unpacks to. */
  payload: Uint8Array;
  /** Entry names; default "activities/<i>.gpx". */
  name?: (i: number) => string;
  layout?: "shared" | "quoted";
}

/**
 * A deflate stored block quoting `bytes`: in a "quoted" layout each entry's data starts with one
 * quoting the next entry's local header, so it inflates to every later header, then the payload.
 */
function storedBlock(bytes: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = 0; // not final, stored
  head.writeUInt16LE(bytes.length, 1);
  head.writeUInt16LE(~bytes.length & 0xffff, 3);
  return Buffer.concat([head, bytes]);
}

export function writeOverlapZip(file: string, opts: OverlapZipOptions): { bytes: number; declared: number } {
  const nameOf = opts.name ?? ((i: number) => `activities/${i}.gpx`);
  const names = Array.from({ length: opts.entries }, (_, i) => Buffer.from(nameOf(i), "utf8"));
  const kernel = deflateRawSync(opts.payload, { level: 9 });
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let declared = 0;
  if ((opts.layout ?? "shared") === "shared") {
    const size = opts.payload.length;
    const crc = crc32(opts.payload);
    parts.push(localHeader(names[0]!, crc, kernel.length, size, 8), kernel);
    for (const n of names) {
      central.push(centralHeader(n, crc, kernel.length, size, 0, 8));
      declared += size;
    }
  } else {
    // Built from the last entry back, since each local header holds the CRC and sizes of what
    // its entry inflates to: every local header after its own, then the payload.
    const n = names.length;
    const headers: Buffer[] = new Array<Buffer>(n);
    let tail: Buffer = Buffer.alloc(0); // the file from just after header i to the payload's start
    let inflatedTail: Buffer = Buffer.alloc(0); // what `tail` inflates to
    for (let i = n - 1; i >= 0; i--) {
      const inflated = Buffer.concat([inflatedTail, opts.payload]);
      const compressed = tail.length + kernel.length;
      headers[i] = localHeader(names[i]!, crc32(inflated), compressed, inflated.length, 8);
      declared += inflated.length;
      if (i > 0) {
        tail = Buffer.concat([storedBlock(headers[i]!), tail]);
        inflatedTail = Buffer.concat([headers[i]!, inflatedTail]);
      }
    }
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const own = i < n - 1 ? storedBlock(headers[i + 1]!).subarray(0, 5) : Buffer.alloc(0);
      parts.push(headers[i]!, own);
      const h = headers[i]!;
      central.push(centralHeader(names[i]!, h.readUInt32LE(14), h.readUInt32LE(18), h.readUInt32LE(22), offset, 8));
      offset += h.length + own.length;
    }
    parts.push(kernel);
  }
  const start = parts.reduce((s, p) => s + p.length, 0);
  const dir = Buffer.concat(central);
  const end = endOfCentralDirectory(central.length, dir.length, start);
  fs.writeFileSync(file, Buffer.concat([...parts, dir, end]));
  return { bytes: start + dir.length + end.length, declared };
}

/** GPX text of about `bytes`: a header, then one-second track points, then the closing tags. */
export function repeatedGpx(bytes: number): Uint8Array {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bomb" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>\n';
  const tail = "</trkseg></trk></gpx>\n";
  const out = Buffer.alloc(bytes, 0x20);
  let at = out.write(head, 0);
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; ; i++) {
    // Sixteen points to the second: a payload that deflates about 100 times, like the issue's.
    const s = Math.floor(i / 16);
    const pt = `<trkpt lat="${(52 + (s % 61) * 1e-6).toFixed(6)}" lon="${(4.9 + (s % 59) * 1e-6).toFixed(6)}"><time>${new Date(t0 + s * 1000).toISOString()}</time></trkpt>\n`;
    if (at + pt.length + tail.length > bytes) break;
    at += out.write(pt, at);
  }
  out.write(tail, at);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, entries = "20", mib = "200"] = process.argv.slice(2);
  if (out === undefined) throw new Error("usage: overlap-zip.ts OUT.zip [entries] [MiB per entry]");
  const r = writeOverlapZip(out, { entries: Number(entries), payload: repeatedGpx(Number(mib) * 1024 * 1024) });
  console.log(`${out}: ${r.bytes} bytes, declaring ${r.declared} bytes unpacked (${(r.declared / r.bytes).toFixed(0)}x)`);
}
