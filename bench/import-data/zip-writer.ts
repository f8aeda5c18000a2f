/**
 * A small zip writer for generated exports and test archives: stored or deflated entries, written
 * to a file as they come (entries are whole buffers; the archive never is). Raw names are written
 * as given, so tests can plant hostile ones ("../escape.fit").
 */
import fs from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";

interface Central {
  name: Buffer;
  crc: number;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

/** A local file header followed by its name: UTF-8 names, no extra field. */
export function localHeader(name: Buffer, crc: number, compressed: number, size: number, method: number): Buffer {
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt16LE(0x0800, 6); // UTF-8 names
  head.writeUInt16LE(method, 8);
  head.writeUInt16LE(0, 10);
  head.writeUInt16LE(0x21, 12);
  head.writeUInt32LE(crc, 14);
  head.writeUInt32LE(compressed, 18);
  head.writeUInt32LE(size, 22);
  head.writeUInt16LE(name.length, 26);
  head.writeUInt16LE(0, 28);
  return Buffer.concat([head, name]);
}

/** A central directory header followed by its name, for the entry whose local header is at `offset`. */
export function centralHeader(name: Buffer, crc: number, compressed: number, size: number, offset: number, method: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(method, 10);
  h.writeUInt16LE(0, 12);
  h.writeUInt16LE(0x21, 14);
  h.writeUInt32LE(crc, 16);
  h.writeUInt32LE(compressed, 20);
  h.writeUInt32LE(size, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, name]);
}

/** The end of central directory record: `count` entries in `dirBytes` bytes starting at `start`. */
export function endOfCentralDirectory(count: number, dirBytes: number, start: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dirBytes, 12);
  end.writeUInt32LE(start, 16);
  return end;
}

export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly central: Central[] = [];

  constructor(file: string) {
    this.fd = fs.openSync(file, "w");
  }

  private write(buf: Buffer): void {
    fs.writeSync(this.fd, buf);
    this.offset += buf.length;
  }

  /** Adds an entry; `deflate` compresses it (zip method 8), otherwise it is stored (method 0). */
  add(name: string, data: Uint8Array, opts: { deflate?: boolean } = {}): void {
    const nameBuf = Buffer.from(name, "utf8");
    const body = opts.deflate ? deflateRawSync(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const crc = crc32(data);
    const method = opts.deflate ? 8 : 0;
    this.central.push({ name: nameBuf, crc, method, compressed: body.length, size: data.length, offset: this.offset });
    this.write(localHeader(nameBuf, crc, body.length, data.length, method));
    this.write(body);
  }

  close(): void {
    const start = this.offset;
    for (const c of this.central) this.write(centralHeader(c.name, c.crc, c.compressed, c.size, c.offset, c.method));
    this.write(endOfCentralDirectory(this.central.length, this.offset - start, start));
    fs.closeSync(this.fd);
  }
}

/** Writes a whole zip in one call. */
export function writeZip(file: string, entries: readonly { name: string; data: Uint8Array; deflate?: boolean }[]): void {
  const z = new ZipWriter(file);
  for (const e of entries) z.add(e.name, e.data, { deflate: e.deflate ?? false });
  z.close();
}
