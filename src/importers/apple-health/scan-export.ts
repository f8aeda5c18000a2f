import { Buffer } from "node:buffer";
import type { ImportIssue } from "../../core/activity.js";
import { parseAppleDate } from "./apple-date.js";

/**
 * Streams an Apple Health export.xml a chunk at a time: the file is often several gigabytes,
 * nearly all of it millions of <Record> elements (steps, heart rate, energy) that kneewise does not
 * keep. The scanner holds only the unfinished tail of what it was given, so memory stays bounded
 * whatever the size of the file.
 *
 * - The internal DTD Apple writes (<!DOCTYPE HealthData [ <!ELEMENT ...> ... ]>) is stepped over
 *   byte by byte, honouring quotes and comments, and never interpreted: no entity is expanded and
 *   nothing external is fetched (OWASP XXE Prevention: disable DTD processing).
 * - Records are not parsed: native searches (Buffer.indexOf) jump from one interesting spot to the
 *   next. Interesting are <Workout> elements, handed out whole as their own text (a few kB each),
 *   and the Record types the check-in trend uses: resting heart rate and heart-rate variability
 *   (SDNN), folded into one value per local day.
 */

export interface FoundWorkout {
  /** The <Workout> element exactly as written, children included. */
  xml: string;
  /** 1-based, in file order. */
  index: number;
  startDate: string | null;
  activityType: string | null;
  /** FileReference paths of its WorkoutRoute(s), as written ("/workout-routes/route_….gpx"). */
  routePaths: string[];
}

/** Daily wellness values from the export, by the runner's local date. */
export interface DailyWellness {
  /** "YYYY-MM-DD", local to the runner (the date as Apple wrote it, with its offset). */
  date: string;
  /** Resting heart rate, beats per minute (the day's mean when several were recorded). */
  restingHr: number | null;
  /** Heart-rate variability, SDNN in milliseconds (the day's mean). */
  hrvSdnnMs: number | null;
}

export interface AppleHealthScanSummary {
  /** Workouts found in the whole file. */
  workouts: number;
  /** The workouts completed by the last bytes, not yet handed out by push. */
  remaining: FoundWorkout[];
  daily: DailyWellness[];
  issues: ImportIssue[];
}

/** Bytes gathered before a scan (see push). */
export const SCAN_BYTES = 256 * 1024;

/** A <Workout> larger than this is not an honest one (a long one with events is tens of kB). */
export const MAX_WORKOUT_BYTES = 8 * 1024 * 1024;

const WORKOUT = Buffer.from("<Workout");
const COMMENT = Buffer.from("<!--");
const COMMENT_END = Buffer.from("-->");
const RESTING = "HKQuantityTypeIdentifierRestingHeartRate";
const HRV = "HKQuantityTypeIdentifierHeartRateVariabilitySDNN";
const RESTING_Q = Buffer.from(`"${RESTING}"`);
const HRV_Q = Buffer.from(`"${HRV}"`);
const LONGEST_NEEDLE = Math.max(RESTING_Q.length, HRV_Q.length, WORKOUT.length + 1);

const LT = 60;
const GT = 62;
const DQ = 34;
const SQ = 39;

type Phase = "prolog" | "dtd" | "body" | "done";

const ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of one start tag's text (entities left as written: Apple writes none that matter here). */
export function tagAttributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) out.set(m[1]!, m[2] ?? m[3] ?? "");
  return out;
}

/** Index just past the '>' closing the tag that starts at `lt`, quotes honoured; -1 if not in `buf`. */
function tagEnd(buf: Buffer, lt: number): number {
  let q = 0;
  for (let i = lt + 1; i < buf.length; i++) {
    const c = buf[i]!;
    if (q !== 0) {
      if (c === q) q = 0;
    } else if (c === DQ || c === SQ) q = c;
    else if (c === GT) return i + 1;
  }
  return -1;
}

function isNameEnd(c: number | undefined): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === GT || c === 47;
}

export class AppleHealthExportScanner {
  private phase: Phase = "prolog";
  /** Bytes given and not yet consumed: the unfinished tail, then what arrived since the last scan. */
  private acc: Buffer = Buffer.allocUnsafe(SCAN_BYTES * 2);
  private accLen = 0;
  private workoutCount = 0;
  private readonly issues: ImportIssue[] = [];
  private readonly days = new Map<string, { hr: number; hrN: number; hrv: number; hrvN: number }>();
  // The DTD's state survives chunk boundaries.
  private dtdQuote = 0;
  private dtdDepth = 0;
  private dtdComment = false;
  private dtdRecent = 0;

  /**
   * Feeds the next bytes (copied: the caller may reuse its buffer); returns the workouts they
   * complete. Bytes are scanned a quarter of a megabyte at a time: zlib hands out 16 kB pieces, and
   * a scan of each alone cost more in fixed overhead than the searching itself.
   */
  push(chunk: Uint8Array): FoundWorkout[] {
    if (this.phase === "done") return [];
    if (this.accLen + chunk.length > this.acc.length) {
      const next = Buffer.allocUnsafe(Math.max(this.acc.length * 2, this.accLen + chunk.length));
      this.acc.copy(next, 0, 0, this.accLen);
      this.acc = next;
    }
    this.acc.set(chunk, this.accLen);
    this.accLen += chunk.length;
    return this.accLen >= SCAN_BYTES ? this.scan() : [];
  }

  private scan(): FoundWorkout[] {
    const buf = this.acc.subarray(0, this.accLen);
    const out: FoundWorkout[] = [];
    let pos = 0;
    if (this.phase === "prolog") pos = this.prolog(buf, pos);
    if (this.phase === "dtd") pos = this.dtd(buf, pos);
    if (this.phase === "prolog") pos = this.prolog(buf, pos);
    if (this.phase === "body") pos = this.body(buf, pos, out);
    if (this.phase !== "done" && buf.length - pos > MAX_WORKOUT_BYTES) {
      // A comment, a tag or a declaration that never ends: nothing honest is this long.
      this.stop("APPLE_MALFORMED", `export.xml holds markup that runs past ${MAX_WORKOUT_BYTES / 1024 / 1024} MiB without ending: reading stopped there.`);
    }
    if (this.phase === "done") this.accLen = 0;
    else {
      // The unfinished tail moves to the front; the buffer shrinks back after a long workout.
      const keep = buf.length - pos;
      if (this.acc.length > SCAN_BYTES * 4 && keep < SCAN_BYTES) {
        const next = Buffer.allocUnsafe(SCAN_BYTES * 2);
        this.acc.copy(next, 0, pos, buf.length);
        this.acc = next;
      } else this.acc.copyWithin(0, pos, buf.length);
      this.accLen = keep;
    }
    return out;
  }

  /** Bytes held between pushes: the unfinished tail and what waits for the next scan. */
  get heldBytes(): number {
    return this.accLen;
  }

  /**
   * Ends the stream: scans what is left and reports what was collected, with the workouts that
   * the last bytes completed (`remaining`).
   */
  finish(): AppleHealthScanSummary {
    const remaining = this.phase === "done" || this.accLen === 0 ? [] : this.scan();
    if (this.phase === "prolog" || this.phase === "dtd") {
      this.issues.push({
        code: this.phase === "dtd" ? "APPLE_TRUNCATED" : "APPLE_NOT_HEALTH_EXPORT",
        message: this.phase === "dtd" ? "export.xml ends inside its DOCTYPE: it looks cut short." : "export.xml holds no <HealthData> element: it is not an Apple Health export.",
        severity: "error",
      });
    } else if (this.phase === "body" && this.acc.subarray(0, this.accLen).includes(WORKOUT)) {
      this.issues.push({ code: "APPLE_TRUNCATED", message: "export.xml ends inside a workout: it looks cut short; the workouts before it were read.", severity: "warning" });
    }
    this.phase = "done";
    this.accLen = 0;
    this.acc = Buffer.alloc(0);
    const daily = [...this.days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, d]) => ({
        date,
        restingHr: d.hrN > 0 ? Math.round(d.hr / d.hrN) : null,
        hrvSdnnMs: d.hrvN > 0 ? Math.round((d.hrv / d.hrvN) * 10) / 10 : null,
      }));
    return { workouts: this.workoutCount, remaining, daily, issues: this.issues };
  }

  private stop(code: string, message: string): number {
    this.issues.push({ code, message, severity: "error" });
    this.phase = "done";
    return 0;
  }

  /** Before the root: the XML declaration, comments, the DOCTYPE. Returns where to go on from. */
  private prolog(buf: Buffer, pos: number): number {
    for (;;) {
      const lt = buf.indexOf(LT, pos);
      if (lt === -1) return buf.length;
      if (buf.length - lt < 12) return lt; // wait for enough to tell what it is
      if (buf[lt + 1] === 63) {
        const end = buf.indexOf("?>", lt + 2);
        if (end === -1) return lt;
        pos = end + 2;
      } else if (buf.subarray(lt, lt + 4).equals(COMMENT)) {
        const end = buf.indexOf(COMMENT_END, lt + 4);
        if (end === -1) return lt;
        pos = end + 3;
      } else if (buf.toString("latin1", lt, lt + 9) === "<!DOCTYPE") {
        this.phase = "dtd";
        return lt + 9;
      } else if (buf.toString("latin1", lt, lt + 11) === "<HealthData" && isNameEnd(buf[lt + 11])) {
        this.phase = "body";
        return lt + 11;
      } else {
        const end = tagEnd(buf, lt);
        const name = buf.toString("utf8", lt + 1, Math.min(end === -1 ? buf.length : end, lt + 41)).split(/[\s/>]/)[0];
        return this.stop("APPLE_NOT_HEALTH_EXPORT", `export.xml starts with <${name}>, not <HealthData>: it is not an Apple Health export.`);
      }
    }
  }

  /** Inside <!DOCTYPE …>: stepped over without reading a declaration. */
  private dtd(buf: Buffer, pos: number): number {
    for (let i = pos; i < buf.length; i++) {
      const c = buf[i]!;
      // The last four bytes, across chunks: enough to see "<!--" and "-->".
      this.dtdRecent = ((this.dtdRecent << 8) | c) >>> 0;
      if (this.dtdComment) {
        if ((this.dtdRecent & 0xffffff) === 0x2d2d3e) this.dtdComment = false;
      } else if (this.dtdQuote !== 0) {
        if (c === this.dtdQuote) this.dtdQuote = 0;
      } else if (this.dtdRecent === 0x3c212d2d) {
        this.dtdComment = true;
        this.dtdRecent = 0;
      } else if (c === DQ || c === SQ) this.dtdQuote = c;
      else if (c === 91) this.dtdDepth++;
      else if (c === 93) this.dtdDepth--;
      else if (c === GT && this.dtdDepth <= 0) {
        this.phase = "prolog";
        return i + 1;
      }
    }
    return buf.length;
  }

  /** Inside <HealthData>: jump from workout to record of interest to comment. */
  private body(buf: Buffer, pos: number, out: FoundWorkout[]): number {
    let nextWorkout = -2;
    let nextResting = -2;
    let nextHrv = -2;
    let nextComment = -2;
    const find = (cached: number, needle: Buffer): number => (cached !== -1 && cached < pos ? buf.indexOf(needle, pos) : cached);
    for (;;) {
      nextWorkout = find(nextWorkout, WORKOUT);
      nextResting = find(nextResting, RESTING_Q);
      nextHrv = find(nextHrv, HRV_Q);
      nextComment = find(nextComment, COMMENT);
      let at = Infinity;
      for (const n of [nextWorkout, nextResting, nextHrv, nextComment]) if (n !== -1 && n < at) at = n;
      if (at === Infinity) {
        // Nothing more here. Keep from the last '<' (no tag holds one), where a tag cut by the
        // chunk's end starts, or the last bytes, where a needle cut by it starts: the earlier.
        const lastLt = buf.lastIndexOf(LT);
        return Math.max(pos, Math.min(lastLt === -1 ? buf.length : lastLt, buf.length - LONGEST_NEEDLE));
      }
      if (at === nextComment) {
        const end = buf.indexOf(COMMENT_END, at + 4);
        if (end === -1) return at;
        pos = end + 3;
      } else if (at === nextWorkout) {
        if (buf.length <= at + WORKOUT.length) return at;
        if (!isNameEnd(buf[at + WORKOUT.length])) {
          pos = at + WORKOUT.length; // <WorkoutEvent>, <WorkoutRoute>… outside a workout
          continue;
        }
        const startEnd = tagEnd(buf, at);
        if (startEnd === -1) return this.tooLong(buf, at);
        let end = startEnd;
        if (buf[startEnd - 2] !== 47) {
          const close = buf.indexOf("</Workout>", startEnd);
          if (close === -1) return this.tooLong(buf, at);
          end = close + 10;
        }
        out.push(this.workout(buf.toString("utf8", at, end)));
        pos = end;
      } else {
        // A record type name: its tag starts at the '<' before it.
        const lt = buf.lastIndexOf(LT, at);
        if (lt < pos) {
          pos = at + 1; // not inside a tag we can see (or already consumed): not a record
          continue;
        }
        const end = tagEnd(buf, lt);
        if (end === -1) return lt;
        this.record(buf.toString("utf8", lt, end));
        pos = end;
      }
    }
  }

  /** An element still open at the end of what was given: wait for more, within bounds. */
  private tooLong(buf: Buffer, at: number): number {
    if (buf.length - at <= MAX_WORKOUT_BYTES) return at;
    return this.stop("APPLE_WORKOUT_TOO_LARGE", `a <Workout> in export.xml runs past ${MAX_WORKOUT_BYTES / 1024 / 1024} MiB without ending: reading stopped there.`);
  }

  private workout(xml: string): FoundWorkout {
    const startTagEnd = xml.indexOf(">");
    const attrs = tagAttributes(xml.slice(0, startTagEnd));
    const routePaths: string[] = [];
    for (const m of xml.matchAll(/<FileReference\b([^>]*)>/g)) {
      const p = tagAttributes(m[1]!).get("path");
      if (p !== undefined && p !== "") routePaths.push(p);
    }
    return {
      xml,
      index: ++this.workoutCount,
      startDate: attrs.get("startDate") ?? null,
      activityType: attrs.get("workoutActivityType") ?? null,
      routePaths,
    };
  }

  private record(tag: string): void {
    if (!tag.startsWith("<Record") || !isNameEnd(tag.charCodeAt(7))) return;
    const attrs = tagAttributes(tag);
    const type = attrs.get("type");
    const value = Number(attrs.get("value"));
    const start = parseAppleDate(attrs.get("startDate") ?? "");
    if ((type !== RESTING && type !== HRV) || !Number.isFinite(value) || value <= 0 || start === null) return;
    const day = this.days.get(start.localDate) ?? { hr: 0, hrN: 0, hrv: 0, hrvN: 0 };
    if (type === RESTING) {
      day.hr += value;
      day.hrN++;
    } else {
      day.hrv += value;
      day.hrvN++;
    }
    this.days.set(start.localDate, day);
  }
}
