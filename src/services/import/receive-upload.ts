/**
 * Streams an upload into an UploadStore (files under the data folder, or chunks in the database),
 * never holding it in memory: a raw body (application/octet-stream, application/zip, …) becomes
 * one file, a multipart/form-data body one file per part that carries a filename. The size limit
 * counts every byte received.
 */
import type { Readable } from "node:stream";
import { DomainError } from "../../core/errors.js";
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

export async function receiveUpload(body: Readable, opts: ReceiveOptions): Promise<ReceivedFile[]> {
  const type = opts.contentType.split(";")[0]!.trim().toLowerCase();
  try {
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
  const sink = await opts.store.open(1, name);
  let bytes = 0;
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > opts.limitBytes) throw tooLarge(opts.limitBytes);
      await sink.write(chunk);
    }
  } finally {
    await sink.end();
  }
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
  let sink: UploadSink | null = null;
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
            sink = await opts.store.open(no, name);
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
    if (sink !== null) await sink.end();
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
