/**
 * One file's worth of work for a parse worker: inflate a deflated zip entry, hash it, unpack gzip
 * within limits, recognise the format, parse, shape the activities for storage, and gzip the
 * original for keeping. Runs the same in a worker thread or inline.
 */
import { createHash } from "node:crypto";
import { gzipSync, inflateRawSync } from "node:zlib";
import type { ImportIssue } from "../../core/activity.js";
import { implausibility } from "../../importers/common/plausibility.js";
import { toRecord } from "./activity-record.js";
import type { ActivityRecord } from "./activity-record.js";
import { gunzipInto, oneChunk } from "./gunzip-into.js";
import { isActivityFormat, isGzip, sniffKind } from "./file-kind.js";
import type { FileKind } from "./file-kind.js";
import type { ImportLimits } from "./limits.js";
import { PARSERS } from "./parsers.js";

export interface ParseTask {
  id: number;
  kind: FileKind;
  gz: boolean;
  /** The file, or its raw deflate stream when `inflateTo` is set. */
  bytes: Uint8Array;
  /** Set for a deflated zip entry: the size it declares once inflated, which it must match. */
  inflateTo?: number;
  fileName: string;
  limits: Pick<ImportLimits, "maxFileBytes" | "maxRatio" | "ratioFloorBytes">;
  /** The import's clock (ms): an activity starting after tomorrow is refused. Default: now. */
  nowMs?: number;
}

export interface ParseOutcome {
  id: number;
  /** SHA-256 of the file (as stored, gzip and all): how a file read before is recognised. Null when
   * the zip entry holding it could not be inflated. */
  sha256: string | null;
  /** The file was read to the end by an earlier import: it was not parsed again. */
  known: boolean;
  activities: ActivityRecord[];
  /** Problems worth showing: errors when nothing came out, otherwise warnings. */
  issues: ImportIssue[];
  /** Set when the file yielded nothing: the first error's code and message. */
  failure: { code: string; message: string } | null;
  /** Set when the file was read and is simply not an activity (settings, a text file, a route). */
  skipped: { code: string; message: string } | null;
  /**
   * The file gzipped, to keep among the runner's originals: set only when it gave activities. A
   * gzipped file is its own bytes, untouched; any other is gzipped here, off the main thread.
   */
  original: Uint8Array | null;
}

/** Codes that mean "read fine, but not an activity": the file is skipped, not failed. */
const NOT_ACTIVITY_CODES = new Set(["NOT_AN_ACTIVITY", "GPX_ROUTE_ONLY", "UNSUPPORTED_FILE"]);

type Unhashed = Omit<ParseOutcome, "sha256" | "known" | "original">;

function fail(id: number, code: string, message: string): Unhashed {
  const issue: ImportIssue = { code, message, severity: "error" };
  if (NOT_ACTIVITY_CODES.has(code)) return { id, activities: [], issues: [issue], failure: null, skipped: { code, message } };
  return { id, activities: [], issues: [issue], failure: { code, message }, skipped: null };
}

function gunzipWithin(task: ParseTask, bytes: Uint8Array): Uint8Array | Unhashed {
  const { limits } = task;
  // Past the floor, an entry may unpack to at most maxRatio times its size: a bomb stops early.
  const byRatio = Math.max(limits.ratioFloorBytes, bytes.length * limits.maxRatio);
  const cap = Math.min(limits.maxFileBytes, byRatio);
  try {
    // Into the thread's own buffer: the bytes are parsed before the next file is unpacked.
    return gunzipInto(bytes, cap);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
      return cap < limits.maxFileBytes
        ? fail(task.id, "GZIP_BOMB", `${task.fileName} unpacks to more than ${limits.maxRatio} times its size: refused as a likely gzip bomb.`)
        : fail(task.id, "FILE_TOO_LARGE", `${task.fileName} unpacks to more than ${formatBytes(limits.maxFileBytes)}, the most one file may hold.`);
    }
    return fail(task.id, "GZIP_INVALID", `${task.fileName} is not a readable gzip file (${e.message.replace(/\.$/, "")}).`);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(0)} MiB`;
  return `${Math.ceil(n / 1024)} KiB`;
}

/** Inflates a zip entry to exactly the size the archive declared (already checked against the limits). */
function inflateEntry(task: ParseTask, size: number): Uint8Array | Unhashed {
  let out: Buffer;
  try {
    out = inflateRawSync(task.bytes, { maxOutputLength: Math.max(1, size), chunkSize: oneChunk(size, size) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError ? "it unpacks to more than the archive declares" : e.message.replace(/\.$/, "");
    return fail(task.id, "READ_FAILED", `${task.fileName} could not be read: ${why}.`);
  }
  if (out.length !== size) return fail(task.id, "READ_FAILED", `${task.fileName} could not be read: it unpacks to ${out.length} bytes, not the ${size} the archive declares.`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function gzippedOriginal(stored: Uint8Array): Uint8Array {
  if (isGzip(stored)) return stored;
  const z = gzipSync(stored, { level: 1 });
  return new Uint8Array(z.buffer, z.byteOffset, z.length);
}

/** `known`: hashes of files already read to the end; such a file is recognised, not parsed. */
export function runParseTask(task: ParseTask, known: ReadonlySet<string>): ParseOutcome {
  let stored = task.bytes;
  if (task.inflateTo !== undefined) {
    const out = inflateEntry(task, task.inflateTo);
    if (!(out instanceof Uint8Array)) return { ...out, sha256: null, known: false, original: null };
    stored = out;
  }
  const sha256 = createHash("sha256").update(stored).digest("hex");
  if (known.has(sha256)) return { id: task.id, sha256, known: true, activities: [], issues: [], failure: null, skipped: null, original: null };
  const parsed = parseBytes(task, stored);
  return { ...parsed, sha256, known: false, original: parsed.activities.length > 0 ? gzippedOriginal(stored) : null };
}

function parseBytes(task: ParseTask, stored: Uint8Array): Unhashed {
  if (stored.length === 0) return fail(task.id, "EMPTY_FILE", `${task.fileName} is empty.`);
  let bytes = stored;
  if (task.gz || isGzip(bytes)) {
    const out = gunzipWithin(task, stored);
    if (!(out instanceof Uint8Array)) return out;
    bytes = out;
    if (bytes.length === 0) return fail(task.id, "EMPTY_FILE", `${task.fileName} is empty once unpacked.`);
  }
  const kind = task.kind === "unknown" ? sniffKind(bytes.subarray(0, 4096)) : task.kind;
  if (!isActivityFormat(kind)) {
    return fail(task.id, "UNSUPPORTED_FILE", `${task.fileName} is not a FIT, GPX, TCX or KML activity file.`);
  }
  let result;
  try {
    result = PARSERS[kind](bytes, { fileName: task.fileName });
  } catch (err) {
    // Parsers promise not to throw; if one does, the file fails alone and the batch goes on.
    return fail(task.id, "PARSE_FAILED", `${task.fileName} could not be read: ${(err as Error).message}`);
  }
  const activities: ActivityRecord[] = [];
  // An activity no one could have done (dated 0050, a 300 km/h run) is left out; a file left with
  // none fails with that reason, otherwise the reason is a warning beside the ones kept.
  const nowMs = task.nowMs ?? Date.now();
  let refused: ImportIssue[] | null = null;
  for (const a of result.activities) {
    const why = implausibility(a, nowMs);
    if (why === null) activities.push(toRecord(a));
    else (refused ??= []).push(why);
  }
  if (activities.length > 0) {
    const issues = refused === null ? result.issues : [...result.issues, ...refused.map((i) => ({ ...i, severity: "warning" as const, message: `${task.fileName}: an activity was left out: ${i.message}` }))];
    return { id: task.id, activities, issues, failure: null, skipped: null };
  }
  if (refused !== null) {
    const why = refused[0]!;
    const more = refused.length > 1 ? ` (and ${refused.length - 1} more of its activities)` : "";
    return { ...fail(task.id, why.code, `${task.fileName}: ${why.message}${more}`), issues: [...result.issues, ...refused] };
  }
  const first = result.issues.find((i) => i.severity === "error") ?? result.issues[0];
  const code = first?.code ?? "NOT_AN_ACTIVITY";
  const message = first?.message ?? `${task.fileName} holds no activity.`;
  const out = fail(task.id, code, message);
  return { ...out, issues: result.issues.length > 0 ? result.issues : out.issues };
}
