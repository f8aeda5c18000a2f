import { InputWindow, WASM_PAGE, WINDOW_SLACK, WasmModule } from "../common/wasm.js";
import type { WasmMemoryExports } from "../common/wasm.js";
import { RECORD_RUNS_WASM } from "./record-runs.wasm.js";

/**
 * Runs of FIT record messages read by WebAssembly (record-runs.as.ts): decodeMessages hands the
 * module the definitions of the local message types and a window of the file, and the module
 * reads record after record into columns, exactly as decodeMessages would, stopping before any
 * message it does not read (JavaScript reads that one). One instance per thread.
 */

/** What the module needs of a compiled definition (decode-fit.ts's LocalDef). */
export interface RunDefinition {
  /** A record message whose wanted fields are all integers: the module may read it. */
  readonly runnable: boolean;
  readonly little: boolean;
  readonly size: number;
  readonly csdOff: number;
  /** Per channel: offset and base type (offset -1 when absent). */
  readonly plan: Int32Array;
}

/** The decoder's state across messages, handed to the module and back. */
export interface RunState {
  lastTs: number;
  csdLast: number;
  csdAcc: number;
}

interface Exports extends WasmMemoryExports {
  run(defs: number, state: number, input: number, from: number, end: number, out: number, cap: number): number;
  columns(): number;
  crcInit(): void;
  crc16(input: number, len: number, crc: number): number;
}

const DEFS = WASM_PAGE;
const SLOT = 128;
const STATE = DEFS + 16 * SLOT;
const OUT = 2 * WASM_PAGE;
const CAP = 4096;
const COLUMNS = 8;
const INPUT = OUT + Math.ceil((COLUMNS * CAP * 8) / WASM_PAGE) * WASM_PAGE;
const WINDOW = 1 << 20;
const SLACK = WINDOW_SLACK;
/** Where crc16 copies the bytes it checks, a chunk at a time (apart from the records' window). */
const CRC_INPUT = INPUT + Math.ceil((WINDOW + SLACK) / WASM_PAGE) * WASM_PAGE;
const CRC_CHUNK = 256 * 1024;
const PAGES = Math.ceil((CRC_INPUT + CRC_CHUNK + SLACK) / WASM_PAGE);

/** The module in this thread (its layout checked, its CRC tables built on first use). */
export const RECORD_RUNS = new WasmModule<Exports>(RECORD_RUNS_WASM, PAGES, (ex) => {
  if (ex.columns() !== COLUMNS) return false;
  ex.crcInit();
  return true;
});

/**
 * The FIT CRC of bytes[start, end) continuing from `crc`, computed by the module (about twice as
 * fast as JavaScript on a whole file), or null when the module is off or missing here.
 */
export function wasmCrc16(bytes: Uint8Array, start: number, end: number, crc: number): number | null {
  const ex = RECORD_RUNS.get();
  if (ex === null) return null;
  let c = crc;
  for (let at = start; at < end; at += CRC_CHUNK) {
    const stop = Math.min(end, at + CRC_CHUNK);
    new Uint8Array(ex.memory.buffer, CRC_INPUT, stop - at).set(bytes.subarray(at, stop));
    c = ex.crc16(CRC_INPUT, stop - at, c);
  }
  return c;
}

/** The rows of the last run: columns valid until the next. */
export interface RecordRows {
  count: number;
  ts: Float64Array;
  dist: Float64Array;
  speed: Float64Array;
  alt: Float64Array;
  hr: Float64Array;
  cad: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Messages read (records merged or without a time included). */
  messages: number;
  /** Where reading stopped. */
  stop: number;
}

export class RecordRunReader {
  private readonly id = RECORD_RUNS.nextReaderId();
  private readonly written: (RunDefinition | undefined)[] = new Array<RunDefinition | undefined>(16);
  private readonly state: Float64Array;
  private readonly stateInts: Int32Array;
  readonly rows: RecordRows;
  private readonly window = new InputWindow(INPUT, WINDOW);

  private constructor(
    private readonly ex: Exports,
    private readonly bytes: Uint8Array,
  ) {
    const buffer = ex.memory.buffer;
    this.state = new Float64Array(buffer, STATE, 4);
    this.stateInts = new Int32Array(buffer, STATE + 32, 2);
    const column = (c: number): Float64Array => new Float64Array(buffer, OUT + c * CAP * 8, CAP);
    this.rows = {
      count: 0,
      ts: column(0),
      dist: column(1),
      speed: column(2),
      alt: column(3),
      hr: column(4),
      cad: column(5),
      lat: column(6),
      lon: column(7),
      messages: 0,
      stop: 0,
    };
  }

  /** A reader for the file `bytes`, or null when the module cannot be used here. */
  static open(bytes: Uint8Array): RecordRunReader | null {
    const ex = RECORD_RUNS.get();
    return ex === null ? null : new RecordRunReader(ex, bytes);
  }

  /**
   * Reads the records from `pos` (before `end`) with the local definitions `defs`: the rows, the
   * messages read and where reading stopped are in `rows`; `state` is updated in place. `prevTs`
   * is the time of the last row already held (NaN when none).
   */
  read(pos: number, end: number, defs: readonly (RunDefinition | undefined)[], state: RunState, prevTs: number): RecordRows {
    const rows = this.rows;
    if (RECORD_RUNS.owner !== this.id) {
      this.written.fill(undefined);
      new Int32Array(this.ex.memory.buffer, DEFS, 16 * (SLOT / 4)).fill(0);
      this.window.reset();
      RECORD_RUNS.owner = this.id;
    }
    for (let local = 0; local < 16; local++) {
      const def = defs[local];
      if (def !== this.written[local]) this.writeDefinition(local, def);
    }
    const bytes = this.bytes;
    const win = this.window;
    win.cover(this.ex.memory.buffer, bytes, pos, end);
    const s = this.state;
    s[0] = state.lastTs;
    s[1] = state.csdLast;
    s[2] = state.csdAcc;
    s[3] = prevTs;
    const base = win.start;
    rows.count = this.ex.run(DEFS, STATE, INPUT, pos - base, Math.min(end, win.end) - base, OUT, CAP);
    state.lastTs = s[0]!;
    state.csdLast = s[1]!;
    state.csdAcc = s[2]!;
    rows.messages = this.stateInts[0]!;
    rows.stop = this.stateInts[1]! + base;
    RECORD_RUNS.rowsRead += rows.count;
    return rows;
  }

  private writeDefinition(local: number, def: RunDefinition | undefined): void {
    const slot = new Int32Array(this.ex.memory.buffer, DEFS + local * SLOT, SLOT / 4);
    slot.fill(0);
    if (def !== undefined && def.runnable) {
      slot[1] = def.little ? 1 : 0;
      slot[2] = def.size;
      slot[3] = def.csdOff;
      slot.set(def.plan, 4);
      slot[0] = 1;
    }
    this.written[local] = def;
  }
}
