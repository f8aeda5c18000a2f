import { InputWindow, WASM_PAGE, WINDOW_SLACK, WasmModule } from "../common/wasm.js";
import type { WasmMemoryExports } from "../common/wasm.js";
import { POINT_RUNS_WASM } from "./point-runs.wasm.js";

/**
 * Runs of track points read by WebAssembly (point-runs.as.ts): the templates a TemplateSet has
 * learned are written into the module's memory, the document is copied in a window at a time,
 * and the module matches point after point, writing their values into columns. It reads only
 * plain decimals and UTC times of the common form, exactly as the JavaScript matcher and the
 * readers would read them, and stops before any point it cannot read so: the JavaScript path
 * then reads that point, and the module takes over again after it.
 *
 * One module instance per thread; nothing here is shared between threads.
 */

/** How a template's slot is read by the module (the constants of point-runs.as.ts). */
export const RUN_SKIP = 0;
export const RUN_NUMBER = 1;
export const RUN_TIME = 2;

/** A template as the module reads it: literal markup and, between literals, slots. */
export interface RunTemplate {
  /** One more literal than there are slots: the markup before each slot, then after the last. */
  readonly runLiterals: readonly Uint8Array[];
  /** Per slot: RUN_SKIP, RUN_NUMBER or RUN_TIME. */
  readonly runKinds: Int32Array;
  /** Per slot: the column its value goes to (-1 for a skipped slot). */
  readonly columns: Int32Array;
  /** Per slot: the byte that ends it ('<' for text, the quote for an attribute value). */
  readonly terminators: Int32Array;
  /** The reader's own flags for points of this template (PointTemplate.flags). */
  readonly flags: number;
}

/** The points of one run: `count` rows of columns, valid until the next run is read. */
export interface PointRows {
  count: number;
  /** Per column, one value per row (NaN where the point has no such field). */
  readonly columns: readonly Float64Array[];
  /** Per row, the index in `templates` of the template that matched the point. */
  readonly templateIndex: Uint8Array;
  /** The templates the module held for this run, in table order. */
  templates: readonly RunTemplate[];
}

interface Exports extends WasmMemoryExports {
  run(tpl: number, input: number, from: number, len: number, out: number, cap: number, columns: number): number;
  stop(): number;
}

/** Memory layout: the module's own data sits below TABLE. */
const TABLE = WASM_PAGE;
const TABLE_BYTES = 2 * WASM_PAGE;
const OUT = TABLE + TABLE_BYTES;
/** Rows per run; a run that fills them is simply continued by the next. */
const CAP = 4096;
const MAX_COLUMNS = 8;
const OUT_BYTES = MAX_COLUMNS * CAP * 8 + CAP;
const INPUT = OUT + Math.ceil(OUT_BYTES / WASM_PAGE) * WASM_PAGE;
/** The document is copied in windows this large; a point across a window's end is read by JS. */
const WINDOW = 1 << 20;
/** The module may read up to 16 bytes past the end of its input (and of a literal). */
const SLACK = WINDOW_SLACK;
const PAGES = Math.ceil((INPUT + WINDOW + SLACK) / WASM_PAGE);

/** The module in this thread; no WebAssembly (or no SIMD) here means the matcher reads every point. */
export const POINT_RUNS = new WasmModule<Exports>(POINT_RUNS_WASM, PAGES);

/** Reads runs of points of one document with one set of templates. */
export class PointRunReader {
  private readonly ex: Exports;
  private readonly rows: PointRows;
  private tableVersion = -1;
  private readonly window = new InputWindow(INPUT, WINDOW);
  private readonly id = POINT_RUNS.nextReaderId();

  private constructor(
    ex: Exports,
    private readonly bytes: Uint8Array,
    private readonly columnCount: number,
  ) {
    this.ex = ex;
    const buffer = ex.memory.buffer;
    this.rows = {
      count: 0,
      columns: Array.from({ length: columnCount }, (_, c) => new Float64Array(buffer, OUT + c * CAP * 8, CAP)),
      templateIndex: new Uint8Array(buffer, OUT + columnCount * CAP * 8, CAP),
      templates: [],
    };
  }

  /** A reader for `bytes`, or null when the module cannot be used here. */
  static open(bytes: Uint8Array, columnCount: number): PointRunReader | null {
    if (columnCount > MAX_COLUMNS) return null;
    const ex = POINT_RUNS.get();
    return ex === null ? null : new PointRunReader(ex, bytes, columnCount);
  }

  /**
   * Reads the points from `from` that the templates match, up to a few thousand: returns their
   * rows (count 0 when the point at `from` is not one the module reads) and, in `stop`, where
   * reading stopped. `templates` is written to the module when `version` differs from the last.
   */
  read(from: number, templates: readonly RunTemplate[], version: number): PointRows {
    const rows = this.rows;
    rows.count = 0;
    this.stop = from;
    if (templates.length === 0) return rows;
    if (POINT_RUNS.owner !== this.id || version !== this.tableVersion) {
      // Another reader may have used the input window too.
      this.window.reset();
      if (!this.writeTable(templates)) return rows;
      this.tableVersion = version;
      rows.templates = templates;
    }
    const bytes = this.bytes;
    const win = this.window;
    win.cover(this.ex.memory.buffer, bytes, from, bytes.length);
    const base = win.start;
    rows.count = this.ex.run(TABLE, INPUT, from - base, win.end - base, OUT, CAP, this.columnCount);
    this.stop = this.ex.stop() + base;
    POINT_RUNS.rowsRead += rows.count;
    return rows;
  }

  /** Where the last read stopped. */
  stop = 0;

  private writeTable(templates: readonly RunTemplate[]): boolean {
    // Until the table is whole, nobody owns it (a half-written one must not be read).
    POINT_RUNS.owner = 0;
    const mem = new Uint8Array(this.ex.memory.buffer, TABLE, TABLE_BYTES);
    const view = new DataView(mem.buffer, TABLE, TABLE_BYTES);
    let at = 4;
    const literal = (lit: Uint8Array): boolean => {
      if (at + 4 + lit.length + 4 > TABLE_BYTES - SLACK) return false;
      view.setInt32(at, lit.length, true);
      mem.set(lit, at + 4);
      at += 4 + ((lit.length + 3) & ~3);
      return true;
    };
    for (const t of templates) {
      const slots = t.runKinds.length;
      if (at + 4 > TABLE_BYTES - SLACK) return false;
      view.setInt32(at, slots, true);
      at += 4;
      for (let k = 0; k < slots; k++) {
        const lit = t.runLiterals[k]!;
        if (at + 16 + lit.length + 4 > TABLE_BYTES - SLACK) return false;
        view.setInt32(at, lit.length, true);
        view.setInt32(at + 4, t.runKinds[k]!, true);
        view.setInt32(at + 8, t.columns[k]!, true);
        view.setInt32(at + 12, t.terminators[k]!, true);
        mem.set(lit, at + 16);
        at += 16 + ((lit.length + 3) & ~3);
      }
      if (!literal(t.runLiterals[slots]!)) return false;
    }
    view.setInt32(0, templates.length, true);
    POINT_RUNS.owner = this.id;
    return true;
  }
}
