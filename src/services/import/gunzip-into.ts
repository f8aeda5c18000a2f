/**
 * gunzip into one buffer that the thread keeps, instead of a new buffer the size of each file.
 *
 * A parse worker unpacks thousands of files of a megabyte or so, one after the other. Given a
 * fresh buffer each time, the C allocator hands out and takes back blocks of every size in the
 * worker's arena, which fragments: an import of 9,000 runs grew each worker's arena by tens of
 * megabytes and the process past 400 MB. One buffer per thread, grown to the largest file seen
 * (up to SCRATCH_MAX_BYTES), keeps memory flat whatever the size of the export.
 *
 * zlib's public API always allocates its output, so this hands the engine its output buffer
 * through the fields Node's own gunzipSync uses (_outBuffer, _chunkSize, _processChunk); the
 * result, the errors and the maxOutputLength check are gunzipSync's, from the same code. Where a
 * Node has no such fields, or they do not behave (checked once per thread), gunzipSync is used.
 */
import { Buffer } from "node:buffer";
import zlib from "node:zlib";

/** Files that unpack to more than this get a buffer of their own, as before. */
export const SCRATCH_MAX_BYTES = 8 * 1024 * 1024;
const SCRATCH_MIN_BYTES = 1024 * 1024;

/** The fields of Node's zlib engine that gunzipSync itself drives. */
interface EngineFields {
  _outBuffer: Buffer;
  _outOffset: number;
  _chunkSize: number;
  _processChunk(chunk: Uint8Array, flushFlag: number): Buffer;
}

let scratch: Buffer | null = null;
let usable: boolean | undefined;

/**
 * zlib fills chunks of 16 kB and joins them at the end; one chunk the size of the whole output
 * spares both the many calls and the copy (a third of gunzip's time on a 1 MB file).
 */
export function oneChunk(expected: number, cap: number): number {
  return Math.max(64 * 1024, Math.min(expected, cap) + 1);
}

/** A gzip member's trailer holds its unpacked size (mod 4 GiB): a hint only, never trusted as a limit. */
export function gzipDeclaredSize(bytes: Uint8Array): number {
  const n = bytes.length;
  return n < 18 ? 0 : (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0;
}

/** An engine that writes into `out`: the fields are there, checkUsable has made sure. */
function engineFor(maxOutputLength: number, out: Buffer): EngineFields {
  // The smallest chunk zlib allows: the engine's own output buffer is never used.
  const engine = zlib.createGunzip({ chunkSize: 64, maxOutputLength }) as unknown as EngineFields;
  engine._outBuffer = out;
  engine._outOffset = 0;
  engine._chunkSize = out.length;
  return engine;
}

/** Once per thread: the engine fields exist and give gunzipSync's result, in the buffer given. */
function checkUsable(): boolean {
  try {
    const fields = zlib.createGunzip() as unknown as Partial<EngineFields>;
    if (typeof fields._processChunk !== "function" || !(fields._outBuffer instanceof Buffer) || typeof fields._chunkSize !== "number" || typeof fields._outOffset !== "number")
      return false;
    const text = Buffer.from("kneewise ".repeat(200));
    const out = Buffer.allocUnsafe(4096);
    const got = engineFor(text.length + 1, out)._processChunk(zlib.gzipSync(text), zlib.constants.Z_FINISH);
    return got.buffer === out.buffer && got.equals(text);
  } catch {
    return false;
  }
}

/**
 * Unpacks a gzip file as gunzipSync(bytes, { maxOutputLength }) would, throwing the same errors.
 * `expected` is the size the file is likely to unpack to (by default what its trailer says; a hint
 * only). The result may be a view into this thread's buffer: it is valid until the next call in
 * this thread.
 */
export function gunzipInto(bytes: Uint8Array, maxOutputLength: number, expected = gzipDeclaredSize(bytes)): Uint8Array {
  const size = Math.min(expected, maxOutputLength) + 1;
  usable ??= checkUsable();
  if (!usable || size > SCRATCH_MAX_BYTES) {
    const out = zlib.gunzipSync(bytes, { maxOutputLength, chunkSize: oneChunk(expected, maxOutputLength) });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }
  if (scratch === null || scratch.length < size) {
    let capacity = SCRATCH_MIN_BYTES;
    while (capacity < size) capacity *= 2;
    scratch = Buffer.allocUnsafeSlow(Math.min(capacity, SCRATCH_MAX_BYTES));
  }
  // A file larger than it claimed spills into chunks of the buffer's size, joined in a new one.
  const out = engineFor(maxOutputLength, scratch)._processChunk(bytes, zlib.constants.Z_FINISH);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
