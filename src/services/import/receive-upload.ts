/**
 * Streams an upload into an UploadStore (files under the data folder, or chunks in the database),
 * never holding it in memory: a raw body (application/octet-stream, application/zip, …) becomes
 * one file, a multipart/form-data body one file per part that carries a filename. The size limit
 * counts every byte received.
 *
 * Nothing is stored that is sure to be refused (on PostgreSQL the bytes go to upload_parts as they
 * arrive): an upload whose declared length passes the limit is refused before a byte is read, and
 * each file is kept back until its name and first bytes show it is something an import can read.
 */
import type { Readable } from "node:stream";
import { DomainError } from "../../core/errors.js";
import { fileTypeFromName, isGzip, sniffKind } from "./file-kind.js";
import { formatBytes } from "./parse-task.js";
import type { UploadSink, UploadStore } from "./upload-store.js";

export interface ReceivedFile {
  /** 1-based position in the upload: where the store keeps it. */
  no: number;
  /** The name the runner's computer gave it, for file types and messages. */
  name: string;
  bytes: number;
}

export interface ReceiveOptions {
  contentType: string;
  /** The file name of a raw upload (query ?name= or X-File-Name). */
  fileName: string | undefined;
  store: UploadStore;
  limitBytes: number;
  /**
   * The length the client declared (Content-Length). By default it is read from the body when the
   * body is the HTTP request itself, as the upload route hands it over.
   */
  declaredBytes?: number;
}

/** A client's name is only ever a label: path parts and control characters are dropped. */
export function cleanFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean === "" || clean === "." || clean === ".." ? fallback : clean;
}

function tooLarge(limit: number): DomainError {
  return new DomainError("PAYLOAD_TOO_LARGE", `The upload is larger than ${formatBytes(limit)}, the most this server accepts at once.`);
}

/** The request's Content-Length, when the body is Node's request (or light-my-request's). */
function declaredLength(body: Readable): number | undefined {
  const header = (body as Readable & { headers?: Record<string, unknown> }).headers?.["content-length"];
  const n = typeof header === "string" && /^\d+$/.test(header) ? Number(header) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Bytes of a file looked at before any of it is stored: enough for sniffKind. */
const HEAD_BYTES = 4096;

/**
 * Whether an import could read the file: a name it knows (FIT, GPX, TCX, CSV, zip, any of them
 * gzipped), or first bytes that are one of those. Photos, PDFs and the like are refused unread.
 */
export function isImportable(name: string, head: Uint8Array): boolean {
  const type = fileTypeFromName(name);
  if (type.kind !== "unknown" || type.gz) return true;
  return isGzip(head) || sniffKind(head) !== "unknown";
}

function notImportable(name: string): DomainError {
  // A 400, like the upload's other mistakes (UPLOAD_EMPTY, UPLOAD_MALFORMED).
  return new DomainError(
    "UPLOAD_NOT_IMPORTABLE",
    `${name} is not a file kneewise can import: send FIT, GPX, TCX or KML/KMZ files, a Strava activities.csv, an Apple Health export.xml, or a zip or gzip of them.`,
  );
}

/**
 * A sink that opens the store's only once the file's first bytes have shown it importable: a
 * refused file leaves nothing behind, not even an empty chunk or file. A file that ends empty
 * opens nothing either.
 */
interface CheckedSink extends UploadSink {
  /** Ends a receive that failed: what was stored is closed (the caller discards it), nothing more is. */
  abort(): Promise<void>;
}

function checkedSink(store: UploadStore, no: number, name: string): CheckedSink {
  let head: Buffer[] = [];
  let headBytes = 0;
  let sink: UploadSink | null = null;
  const open = async (): Promise<UploadSink> => {
    const first = Buffer.concat(head, headBytes);
    if (!isImportable(name, first)) throw notImportable(name);
    head = [];
    const s = await store.open(no, name);
    sink = s;
    await s.write(first);
    return s;
  };
  return {
    async write(buf) {
      if (sink !== null) return sink.write(buf);
      if (buf.length === 0) return;
      // Copied: the caller may hand over views of a buffer it reuses.
      head.push(Buffer.from(buf));
      headBytes += buf.length;
      if (headBytes >= HEAD_BYTES) await open();
    },
    async end() {
      if (sink === null && headBytes > 0) await open();
      await sink?.end();
    },
    async abort() {
      head = [];
      await sink?.end();
    },
  };
}

export async function receiveUpload(body: Readable, opts: ReceiveOptions): Promise<ReceivedFile[]> {
  const type = opts.contentType.split(";")[0]!.trim().toLowerCase();
  try {
    const declared = opts.declaredBytes ?? declaredLength(body);
    if (declared !== undefined && declared > opts.limitBytes) throw tooLarge(opts.limitBytes);
    if (type === "multipart/form-data") return await receiveMultipart(body, opts);
    return [await receiveRaw(body, opts)];
  } catch (err) {
    // Drain the rest unread rather than destroy the socket, so the client gets the answer.
    body.resume();
    throw err;
  }
}

async function receiveRaw(body: Readable, opts: ReceiveOptions): Promise<ReceivedFile> {
  const name = cleanFileName(opts.fileName, "upload");
  const sink = checkedSink(opts.store, 1, name);
  let bytes = 0;
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > opts.limitBytes) throw tooLarge(opts.limitBytes);
      await sink.write(chunk);
    }
  } catch (err) {
    await sink.abort();
    throw err;
  }
  await sink.end();
  if (bytes === 0) throw new DomainError("UPLOAD_EMPTY", "The upload held no bytes: choose a file and send it again.");
  return { no: 1, name, bytes };
}

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  if (b === undefined || b.length > 200) throw new DomainError("UPLOAD_MALFORMED", "The multipart upload names no boundary.");
  return b;
}

const MAX_PART_HEADER = 16 * 1024;

/**
 * A small streaming multipart reader (RFC 7578): headers of each part are parsed, bodies of parts
 * with a filename go to disk, other fields are dropped. The delimiter is searched for across
 * chunk edges by keeping its length less one byte back.
 */
async function receiveMultipart(body: Readable, opts: ReceiveOptions): Promise<ReceivedFile[]> {
  const delimiter = Buffer.from(`\r\n--${boundaryOf(opts.contentType)}`);
  const files: ReceivedFile[] = [];
  // The first delimiter may open the body without a preceding CRLF.
  let buf: Buffer = Buffer.from("\r\n");
  let state: "preamble" | "after-delimiter" | "headers" | "body" | "done" = "preamble";
  let sink: CheckedSink | null = null;
  let current: ReceivedFile | null = null;
  let total = 0;

  const finishPart = async (): Promise<void> => {
    if (sink !== null) {
      await sink.end();
      sink = null;
    }
    if (current !== null) files.push(current);
    current = null;
  };

  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > opts.limitBytes) throw tooLarge(opts.limitBytes);
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      for (;;) {
        if (state === "preamble" || state === "body") {
          const at = buf.indexOf(delimiter);
          if (at < 0) {
            const keep = Math.min(buf.length, delimiter.length - 1);
            if (state === "body" && sink !== null) await sink.write(buf.subarray(0, buf.length - keep));
            if (state === "body" && current !== null) current.bytes += buf.length - keep;
            buf = buf.subarray(buf.length - keep);
            break;
          }
          if (state === "body") {
            if (sink !== null) await sink.write(buf.subarray(0, at));
            if (current !== null) current.bytes += at;
            await finishPart();
          }
          buf = buf.subarray(at + delimiter.length);
          state = "after-delimiter";
        }
        if (state === "after-delimiter") {
          if (buf.length < 2) break;
          if (buf[0] === 0x2d && buf[1] === 0x2d) {
            state = "done";
            break;
          }
          const eol = buf.indexOf("\r\n");
          if (eol < 0) break;
          buf = buf.subarray(eol + 2);
          state = "headers";
        }
        if (state === "headers") {
          const end = buf.indexOf("\r\n\r\n");
          if (end < 0) {
            if (buf.length > MAX_PART_HEADER) throw new DomainError("UPLOAD_MALFORMED", "A part of the multipart upload has headers that never end.");
            break;
          }
          const headers = buf.subarray(0, end).toString("latin1");
          buf = buf.subarray(end + 4);
          const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? "";
          const filename = /filename\*?="?([^";\r\n]*)"?/i.exec(disposition)?.[1];
          if (filename !== undefined && filename !== "") {
            const no = files.length + 1;
            const name = cleanFileName(utf8FromLatin1(filename), `file-${no}`);
            sink = checkedSink(opts.store, no, name);
            current = { no, name, bytes: 0 };
          }
          state = "body";
          continue;
        }
        if (state === "done") break;
      }
      if (state === "done") break;
    }
  } finally {
    // Still open only when the upload failed or ended early: it is discarded.
    if (sink !== null) await sink.abort();
  }
  if (state !== "done") throw new DomainError("UPLOAD_MALFORMED", "The multipart upload ended before its closing boundary.");
  const nonEmpty = files.filter((f) => f.bytes > 0);
  if (nonEmpty.length === 0) throw new DomainError("UPLOAD_EMPTY", "The upload held no files: choose some and send them again.");
  return nonEmpty;
}

function utf8FromLatin1(s: string): string {
  // Browsers send UTF-8 file names as raw bytes, read here as latin1.
  return Buffer.from(s, "latin1").toString("utf8");
}
