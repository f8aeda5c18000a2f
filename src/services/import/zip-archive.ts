/**
 * Reading a zip as a stream with yauzl: the central directory is listed first (names and sizes
 * only), then entries are read one at a time, each bounded by the limits. Names are decoded here
 * rather than by yauzl, so that one hostile name ("../../etc/passwd") fails that entry alone
 * instead of the whole archive. Entry names are never used as paths on disk.
 *
 * Activity files take a shorter road: `readRaw` reads an entry's bytes as they lie in the archive
 * (still deflated when they are) into a buffer of their own, which moves to a parse worker without
 * a copy, and the worker inflates them. The main thread then only reads the disk.
 *
 * No two entries may share bytes. A zip bomb's cheapest trick is a central directory that lists
 * the same compressed data many times over (twenty entries of 200 MiB from a 2 MB file, each
 * under the ratio limit: issue 19): honest archivers never write overlapping entries, so an
 * archive whose entries visibly overlap is refused when it is listed, and an entry whose data,
 * once its local header is read, runs into the next entry's is refused when it is read.
 */
import fs from "node:fs";
import { promisify } from "node:util";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import { DomainError } from "../../core/errors.js";

/**
 * An archive entry: its name and what reading it needs (offsets, sizes, method, flags). An export
 * of 40,000 runs lists 40,000 of them, kept for the whole import, so they keep nothing else:
 * yauzl's own entries held raw names, extra fields and comments (views pinning whole 8 kB pool
 * slabs) and a dozen more fields, about 0.3 kB apiece. The two methods are what yauzl's
 * openReadStream asks of an entry, so one is streamed as it is.
 */
export class ZipEntryInfo {
  constructor(
    /** The entry's path inside the archive, "/"-separated. */
    readonly name: string,
    /** Why the entry must not be read (an absolute or "../" path), or null. */
    readonly unsafe: string | null,
    readonly compressedSize: number,
    readonly uncompressedSize: number,
    readonly compressionMethod: number,
    readonly generalPurposeBitFlag: number,
    readonly relativeOffsetOfLocalHeader: number,
    /**
     * Where the next entry's local header starts (the archive's size for the last): this entry's
     * data must end by then. Set once the directory is listed.
     */
    public dataLimit = Number.MAX_SAFE_INTEGER,
  ) {}

  isEncrypted(): boolean {
    return (this.generalPurposeBitFlag & 0x1) !== 0;
  }

  isCompressed(): boolean {
    return this.compressionMethod === 8;
  }
}

/** An entry's bytes as stored in the archive. */
export interface RawEntry {
  /** Deflated when `deflated`, otherwise the entry itself; the only view of its ArrayBuffer. */
  bytes: Uint8Array;
  deflated: boolean;
  /** The entry's size once inflated, as the archive declares it. */
  size: number;
}

export interface ZipArchive {
  entries: ZipEntryInfo[];
  /** The archive's own size on disk. */
  fileBytes: number;
  /** Reads one entry as stored (stored or deflated), for a worker to inflate. */
  readRaw(info: ZipEntryInfo): Promise<RawEntry>;
  /** Reads one entry into memory; the caller has checked its declared size against the limits. */
  read(info: ZipEntryInfo): Promise<Buffer>;
  /** Streams one entry into a file (nested zips), never holding it whole. */
  extractTo(info: ZipEntryInfo, file: string): Promise<void>;
  /** Streams one entry (an Apple Health export.xml of gigabytes), never holding it whole. */
  stream(info: ZipEntryInfo): Promise<AsyncIterable<Uint8Array>>;
  close(): void;
}

/** File-system calls for a read stream on a descriptor it shares: closing it is left to its owner. */
const KEEP_FD_OPEN = { open: fs.open, read: fs.read, close: (_fd: number, done: (err: Error | null) => void) => done(null) };

/**
 * yauzl's reads, served from a window read ahead: listing the directory reads two small pieces
 * per entry, which through yauzl's own reader are two trips to the thread pool each (0.2 s for an
 * export of 3,000 runs, before any file could be parsed); from a window they are a copy.
 */
class WindowedZipReader extends yauzl.RandomAccessReader {
  private readonly window: WindowReader;

  constructor(
    private readonly fd: number,
    size: number,
  ) {
    super();
    this.window = new WindowReader(fd, size);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    this.window.read(position, length).then(
      (bytes) => {
        buffer.set(bytes, offset);
        // yauzl checks the count it is given against the length it asked for.
        (callback as (err: Error | null, bytesRead: number) => void)(null, bytes.length);
      },
      (err: Error) => callback(err),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    // A destroyed stream closes its descriptor whatever autoClose says; this one is shared.
    return fs.createReadStream("", { fd: this.fd, start, end: end - 1, fs: KEEP_FD_OPEN });
  }

  override close(callback: (err: Error | null) => void): void {
    fs.close(this.fd, callback);
  }
}

function openZipFile(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    let fd: number;
    let size: number;
    try {
      fd = fs.openSync(file, "r");
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    try {
      size = fs.fstatSync(fd).size;
    } catch (err) {
      fs.closeSync(fd);
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const reader = new WindowedZipReader(fd, size);
    yauzl.fromRandomAccessReader(reader, size, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err) {
        fs.closeSync(fd);
        reject(err);
      } else resolve(zip);
    });
  });
}

function listEntries(zip: ZipFile): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    const out: ZipEntryInfo[] = [];
    zip.on("entry", (entry: Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      out.push(
        new ZipEntryInfo(
          name,
          yauzl.validateFileName(name),
          entry.compressedSize,
          entry.uncompressedSize,
          entry.compressionMethod,
          entry.generalPurposeBitFlag,
          entry.relativeOffsetOfLocalHeader,
        ),
      );
      zip.readEntry();
    });
    zip.once("end", () => resolve(out));
    zip.once("error", reject);
    zip.readEntry();
  });
}

function openStream(zip: ZipFile, entry: ZipEntryInfo): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry as unknown as Entry, (err, stream) => {
      if (err) reject(err);
      else resolve(stream);
    });
  });
}

const readAt = promisify(fs.read);

/** Reads exactly `length` bytes at `position` into a fresh buffer, or fails naming what was short. */
async function readExactly(fd: number, position: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(new ArrayBuffer(length));
  let done = 0;
  while (done < length) {
    const { bytesRead } = await readAt(fd, out, done, length - done, position + done);
    if (bytesRead === 0) throw new Error(`the archive ends ${length - done} bytes before the entry does`);
    done += bytesRead;
  }
  return out;
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/** Bytes read ahead from an archive: an export's entries lie one after the other. */
const WINDOW_BYTES = 4 * 1024 * 1024;

/**
 * Reads an archive's small pieces (entry headers and entries up to a quarter of the window) from
 * a window read ahead, so an export of thousands of small files costs a read per 4 MiB instead of
 * two per entry. Each piece is copied out into a buffer of its own, which may move to a worker.
 */
class WindowReader {
  private start = 0;
  private bytes: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly fd: number,
    private readonly fileBytes: number,
  ) {}

  async read(position: number, length: number): Promise<Uint8Array> {
    if (length > WINDOW_BYTES / 4) return readExactly(this.fd, position, length);
    if (position < this.start || position + length > this.start + this.bytes.length) {
      const size = Math.max(length, Math.min(WINDOW_BYTES, this.fileBytes - position));
      const bytes = await readExactly(this.fd, position, size);
      this.start = position;
      this.bytes = bytes;
      return bytes.slice(0, length);
    }
    const at = position - this.start;
    return this.bytes.slice(at, at + length);
  }
}

/**
 * The smallest range an entry's local header and data can take: its extra field and name may
 * only make it longer. Two entries whose smallest ranges overlap overlap for certain.
 */
function minimalEnd(entry: ZipEntryInfo): number {
  return entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + entry.compressedSize;
}

/**
 * Orders the entries by where they lie and gives each the offset its data must end by. Throws,
 * naming both, when two entries certainly share bytes.
 */
function checkLayout(entries: readonly ZipEntryInfo[], fileBytes: number, displayName: string): void {
  const order = entries.map((_, i) => i).sort((a, b) => entries[a]!.relativeOffsetOfLocalHeader - entries[b]!.relativeOffsetOfLocalHeader);
  for (let k = 0; k < order.length; k++) {
    const e = entries[order[k]!]!;
    const next = k + 1 < order.length ? entries[order[k + 1]!]! : null;
    if (next !== null && minimalEnd(e) > next.relativeOffsetOfLocalHeader) {
      throw new DomainError(
        "ZIP_OVERLAP",
        `${displayName} is refused: its entries ${JSON.stringify(e.name)} and ${JSON.stringify(next.name)} share the same bytes, which no archiver writes (it is how a small zip bomb unpacks to gigabytes).`,
      );
    }
    e.dataLimit = next === null ? fileBytes : next.relativeOffsetOfLocalHeader;
  }
}

/** Where an entry's data starts, from its local header; fails when its data would run into the next entry. */
async function dataStartOf(reader: WindowReader, entry: ZipEntryInfo): Promise<number> {
  const header = await reader.read(entry.relativeOffsetOfLocalHeader, LOCAL_HEADER_BYTES);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE) throw new Error("the entry's local header is missing");
  const dataStart = entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + view.getUint16(26, true) + view.getUint16(28, true);
  if (dataStart + entry.compressedSize > entry.dataLimit) {
    throw new DomainError(
      "ZIP_OVERLAP",
      `its data overlaps the next entry's in the archive (it ends at byte ${dataStart + entry.compressedSize}, the next entry starts at byte ${entry.dataLimit}); overlapping entries are how a small zip bomb unpacks to gigabytes, so it was not read`,
    );
  }
  return dataStart;
}

async function readRawEntry(reader: WindowReader, entry: ZipEntryInfo): Promise<RawEntry> {
  const method = entry.compressionMethod;
  if (method !== 0 && method !== 8) throw new Error(`compression method ${method} is not supported`);
  if (method === 0 && entry.compressedSize !== entry.uncompressedSize) {
    throw new Error(`a stored entry declares ${entry.compressedSize} bytes stored but ${entry.uncompressedSize} unpacked`);
  }
  const dataStart = await dataStartOf(reader, entry);
  const bytes = await reader.read(dataStart, entry.compressedSize);
  return { bytes, deflated: method === 8, size: entry.uncompressedSize };
}

export async function openZip(file: string, displayName: string): Promise<ZipArchive> {
  let zip: ZipFile;
  let entries: ZipEntryInfo[];
  try {
    zip = await openZipFile(file);
  } catch (err) {
    throw new DomainError("ZIP_INVALID", `${displayName} is not a readable zip archive (${(err as Error).message}).`);
  }
  try {
    entries = await listEntries(zip);
  } catch (err) {
    zip.close();
    throw new DomainError("ZIP_INVALID", `${displayName} has a broken zip directory (${(err as Error).message}).`);
  }
  // A descriptor of our own for raw reads: yauzl's is its own business.
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (err) {
    zip.close();
    throw new DomainError("ZIP_INVALID", `${displayName} could not be opened again for reading (${(err as Error).message}).`);
  }
  const fileBytes = fs.fstatSync(fd).size;
  try {
    checkLayout(entries, fileBytes, displayName);
  } catch (err) {
    zip.close();
    fs.closeSync(fd);
    throw err;
  }
  const reader = new WindowReader(fd, fileBytes);
  return {
    entries,
    fileBytes,
    readRaw: (info) => readRawEntry(reader, info),
    async read(info) {
      await dataStartOf(reader, info);
      const stream = await openStream(zip, info);
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    },
    async extractTo(info, target) {
      await dataStartOf(reader, info);
      const stream = await openStream(zip, info);
      await pipeline(stream, fs.createWriteStream(target, { flags: "wx" }));
    },
    async stream(info) {
      await dataStartOf(reader, info);
      return (await openStream(zip, info)) as AsyncIterable<Uint8Array>;
    },
    close: () => {
      zip.close();
      fs.closeSync(fd);
    },
  };
}
