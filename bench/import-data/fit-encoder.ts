/**
 * A small FIT encoder for generated test and benchmark data: the messages a running watch writes
 * (file_id, event, record, lap, session, activity), little-endian, normal record headers, with
 * both CRCs. Only what the generator needs; field numbers and scales follow the FIT profile.
 */
import type { RunSample } from "./synth-run.js";

const FIT_EPOCH_MS = Date.UTC(1989, 11, 31);

const T = { enum: 0x00, uint8: 0x02, uint16: 0x84, sint32: 0x85, uint32: 0x86, uint32z: 0x8c } as const;
type BaseType = (typeof T)[keyof typeof T];
const SIZE: Record<BaseType, number> = { 0x00: 1, 0x02: 1, 0x84: 2, 0x85: 4, 0x86: 4, 0x8c: 4 };
const INVALID: Record<BaseType, number> = { 0x00: 0xff, 0x02: 0xff, 0x84: 0xffff, 0x85: 0x7fffffff, 0x86: 0xffffffff, 0x8c: 0 };

type FieldDef = [num: number, type: BaseType];

const CRC_TABLE = [0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401, 0xa001, 0x6c00, 0x7800, 0xb401, 0x5000, 0x9c01, 0x8801, 0x4400];

export function fitCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    let tmp = CRC_TABLE[crc & 0xf]!;
    crc = (crc >> 4) & 0x0fff;
    crc = crc ^ tmp ^ CRC_TABLE[b & 0xf]!;
    tmp = CRC_TABLE[crc & 0xf]!;
    crc = (crc >> 4) & 0x0fff;
    crc = crc ^ tmp ^ CRC_TABLE[(b >> 4) & 0xf]!;
  }
  return crc;
}

class Writer {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v & 0xff;
  }
  value(type: BaseType, v: number | null): void {
    const x = v === null || !Number.isFinite(v) ? INVALID[type] : Math.round(v);
    this.ensure(4);
    switch (SIZE[type]) {
      case 1:
        this.buf[this.length] = x & 0xff;
        break;
      case 2:
        this.view.setUint16(this.length, x & 0xffff, true);
        break;
      default:
        if (type === T.sint32) this.view.setInt32(this.length, x, true);
        else this.view.setUint32(this.length, x >>> 0, true);
    }
    this.length += SIZE[type];
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const MESG = {
  fileId: { local: 0, global: 0, fields: [[0, T.enum], [1, T.uint16], [2, T.uint16], [3, T.uint32z], [4, T.uint32]] as FieldDef[] },
  event: { local: 1, global: 21, fields: [[253, T.uint32], [0, T.enum], [1, T.enum]] as FieldDef[] },
  record: { local: 2, global: 20, fields: [[253, T.uint32], [0, T.sint32], [1, T.sint32], [5, T.uint32], [2, T.uint16], [3, T.uint8], [4, T.uint8], [6, T.uint16]] as FieldDef[] },
  lap: { local: 3, global: 19, fields: [[253, T.uint32], [2, T.uint32], [7, T.uint32], [8, T.uint32], [9, T.uint32], [0, T.enum], [1, T.enum], [25, T.enum]] as FieldDef[] },
  session: {
    local: 4,
    global: 18,
    fields: [[253, T.uint32], [2, T.uint32], [7, T.uint32], [8, T.uint32], [9, T.uint32], [5, T.enum], [6, T.enum], [16, T.uint8], [17, T.uint8], [18, T.uint8], [22, T.uint16], [23, T.uint16], [25, T.uint16], [26, T.uint16], [0, T.enum], [1, T.enum]] as FieldDef[],
  },
  activity: { local: 5, global: 34, fields: [[253, T.uint32], [0, T.uint32], [1, T.uint16], [2, T.enum], [3, T.enum], [4, T.enum], [5, T.uint32]] as FieldDef[] },
} as const;

type Mesg = (typeof MESG)[keyof typeof MESG];

function define(w: Writer, m: Mesg): void {
  w.u8(0x40 | m.local);
  w.u8(0);
  w.u8(0); // little-endian
  w.value(T.uint16, m.global);
  w.u8(m.fields.length);
  for (const [num, type] of m.fields) {
    w.u8(num);
    w.u8(SIZE[type]);
    w.u8(type);
  }
}

function data(w: Writer, m: Mesg, values: (number | null)[]): void {
  w.u8(m.local);
  m.fields.forEach(([, type], i) => w.value(type, values[i] ?? null));
}

const fitTime = (ms: number): number => Math.floor((ms - FIT_EPOCH_MS) / 1000);
const semicircles = (deg: number): number => Math.round((deg * 2 ** 31) / 180);

export interface FitRunOptions {
  startMs: number;
  /** Minutes east of UTC, written as the activity's local timestamp. */
  utcOffsetMin: number;
  samples: readonly RunSample[];
  serial: number;
}

/** Encodes one run (samples at 1 Hz from t = 0) as a complete FIT activity file. */
export function encodeFitRun(o: FitRunOptions): Uint8Array {
  const w = new Writer();
  for (let i = 0; i < 14; i++) w.u8(0);
  const s0 = fitTime(o.startMs);
  const last = o.samples[o.samples.length - 1]!;
  const end = s0 + last.t;
  const totalMs = last.t * 1000;
  const distance = last.distanceM;
  let hrSum = 0;
  let hrMax = 0;
  let cadSum = 0;
  let ascent = 0;
  let descent = 0;
  for (let i = 0; i < o.samples.length; i++) {
    const s = o.samples[i]!;
    hrSum += s.hr;
    hrMax = Math.max(hrMax, s.hr);
    cadSum += s.cadenceSpm;
    if (i > 0) {
      const d = s.altM - o.samples[i - 1]!.altM;
      if (d > 0) ascent += d;
      else descent -= d;
    }
  }
  const n = o.samples.length;

  define(w, MESG.fileId);
  data(w, MESG.fileId, [4, 1, 3113, o.serial, s0]);
  define(w, MESG.event);
  data(w, MESG.event, [s0, 0, 0]);
  define(w, MESG.record);
  for (const s of o.samples) {
    // FIT running cadence counts strides (one foot): half the steps.
    data(w, MESG.record, [s0 + s.t, semicircles(s.lat), semicircles(s.lon), s.distanceM * 100, (s.altM + 500) * 5, s.hr, s.cadenceSpm / 2, s.speedMs * 1000]);
  }
  data(w, MESG.event, [end, 0, 4]);
  define(w, MESG.lap);
  data(w, MESG.lap, [end, s0, totalMs, totalMs, distance * 100, 9, 1, 1]);
  define(w, MESG.session);
  data(w, MESG.session, [end, s0, totalMs, totalMs, distance * 100, 1, 0, hrSum / n, hrMax, cadSum / n / 2, ascent, descent, 0, 1, 8, 1]);
  define(w, MESG.activity);
  data(w, MESG.activity, [end, totalMs, 1, 0, 26, 1, end + o.utcOffsetMin * 60]);

  const bytes = new Uint8Array(w.length + 2);
  bytes.set(w.bytes());
  const v = new DataView(bytes.buffer);
  v.setUint8(0, 14);
  v.setUint8(1, 0x20);
  v.setUint16(2, 2132, true);
  v.setUint32(4, w.length - 14, true);
  bytes.set([0x2e, 0x46, 0x49, 0x54], 8);
  v.setUint16(12, fitCrc(bytes, 0, 12), true);
  v.setUint16(w.length, fitCrc(bytes, 0, w.length), true);
  return bytes;
}
