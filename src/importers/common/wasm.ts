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
export function instantiateWasm<T extends WasmMemoryExports>(base64: string, pages: number): T | null {
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
