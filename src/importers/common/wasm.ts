import { Buffer } from "node:buffer";

/**
 * Instantiating the importers' WebAssembly modules (point-runs, record-runs): each is compiled
 * from AssemblyScript by `npm run build:wasm` and carried as base64, and instantiated once per
 * thread on first use. Where WebAssembly (or its SIMD) is missing, the loader answers null and the
 * JavaScript path reads everything.
 */

/** What the modules export besides their functions. */
export interface WasmMemoryExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
}

export const WASM_PAGE = 65536;

/** The little of the WebAssembly API used here (Node's type declarations leave it out). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** The module's exports with at least `pages` of memory, or null when it cannot run here. */
function instantiateWasm<T extends WasmMemoryExports>(base64: string, pages: number): T | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (wasm === undefined) return null;
    const module = new wasm.Module(Buffer.from(base64, "base64"));
    const ex = new wasm.Instance(module, { env: { abort: () => undefined } }).exports as T;
    const have = ex.memory.buffer.byteLength / WASM_PAGE;
    if (have < pages) ex.memory.grow(pages - have);
    return ex;
  } catch {
    return null;
  }
}

/**
 * One module in this thread: instantiated on first use, with a switch to turn it off (tests
 * compare both paths), a count of what it has read (tests check that it does read), and the
 * reader that wrote its memory last (readers share one memory, so another's table or window is
 * not theirs to use).
 */
export class WasmModule<T extends WasmMemoryExports> {
  private exports: T | null | undefined;
  private enabled = true;
  private readers = 0;
  /** Rows (points or records) the module has read in this thread. */
  rowsRead = 0;
  /** The id of the reader that wrote the module's memory last; 0 when none (or half-written). */
  owner = 0;

  /** `accept` checks (and prepares) a fresh instance; false leaves the module unused. */
  constructor(
    private readonly base64: string,
    private readonly pages: number,
    private readonly accept: (ex: T) => boolean = () => true,
  ) {}

  /** The exports, or null when turned off or when the module cannot run here. */
  get(): T | null {
    if (!this.enabled) return null;
    if (this.exports === undefined) {
      const ex = instantiateWasm<T>(this.base64, this.pages);
      this.exports = ex !== null && this.accept(ex) ? ex : null;
    }
    return this.exports;
  }

  /** Turns the module off or on; returns the previous setting. */
  setEnabled(on: boolean): boolean {
    const was = this.enabled;
    this.enabled = on;
    return was;
  }

  /** An id for a new reader, for `owner`. */
  nextReaderId(): number {
    return ++this.readers;
  }
}

/** Bytes copied in a window are read this far past its end (literals compared 16 at a time). */
export const WINDOW_SLACK = 64;

/**
 * The part of a document a module can read: bytes[start, end) copied into its memory at `at`, a
 * window of at most `size` bytes. A window is kept while at least `ahead` bytes of it are left
 * past the reading position (or it reaches the document's end), then copied anew from there; a
 * record across its end is left to JavaScript, which reads whole documents.
 */
export class InputWindow {
  start = 0;
  end = -1;

  constructor(
    readonly at: number,
    readonly size: number,
    private readonly ahead = 64 * 1024,
  ) {}

  /** Forgets the copy (another reader has written over it). */
  reset(): void {
    this.end = -1;
  }

  /** Makes sure bytes from `pos` (up to `limit`) are in the window, copying when they are not. */
  cover(memory: ArrayBuffer, bytes: Uint8Array, pos: number, limit: number): void {
    if (pos >= this.start && this.end >= 0 && (this.end >= limit || this.end - pos >= this.ahead)) return;
    this.start = pos;
    this.end = Math.min(limit, pos + this.size);
    new Uint8Array(memory, this.at, this.end - pos).set(bytes.subarray(pos, this.end));
  }
}
