/**
 * Reading a zip as a stream with yauzl: the central directory is listed first (names and sizes
 * only), then entries are read one at a time, each bounded by the limits. Names are decoded here
 * rather than by yauzl, so that one hostile name ("../../etc/passwd") fails that entry alone
 * instead of the whole archive. Entry names are never used as paths on disk.
 */
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import type { Entry, ZipFile } from "yauzl";
import { DomainError } from "../../core/errors.js";

export interface ZipEntryInfo {
  /** The entry's path inside the archive, "/"-separated. */
  name: string;
  /** Why the entry must not be read (an absolute or "../" path), or null. */
  unsafe: string | null;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  entry: Entry;
}

export interface ZipArchive {
  entries: ZipEntryInfo[];
  /** Reads one entry into memory; the caller has checked its declared size against the limits. */
  read(info: ZipEntryInfo): Promise<Buffer>;
  /** Streams one entry into a file (nested zips), never holding it whole. */
  extractTo(info: ZipEntryInfo, file: string): Promise<void>;
  close(): void;
}

function openZipFile(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err) reject(err);
      else resolve(zip);
    });
  });
}

function listEntries(zip: ZipFile): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    const out: ZipEntryInfo[] = [];
    zip.on("entry", (entry: Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      out.push({
        name,
        unsafe: yauzl.validateFileName(name),
        encrypted: entry.isEncrypted(),
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        entry,
      });
      zip.readEntry();
    });
    zip.once("end", () => resolve(out));
    zip.once("error", reject);
    zip.readEntry();
  });
}

function openStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) reject(err);
      else resolve(stream);
    });
  });
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
  return {
    entries,
    async read(info) {
      const stream = await openStream(zip, info.entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    },
    async extractTo(info, target) {
      const stream = await openStream(zip, info.entry);
      await pipeline(stream, fs.createWriteStream(target, { flags: "wx" }));
    },
    close: () => zip.close(),
  };
}
