import { Buffer } from "node:buffer";
import type { NameTable } from "./byte-cursor.js";
import { PointRunReader, RUN_NUMBER, RUN_SKIP, RUN_TIME } from "./point-runs.js";
import type { PointRows, RunTemplate } from "./point-runs.js";

/**
 * A track point's markup, learned once and then matched against the points that follow it.
 *
 * A 1 Hz hour writes the same point 3,600 times with only the values changed, so after the
 * cursor has read one point fully (and thereby checked it), the bytes of that point are cut into
 * literal markup (tags, attribute names, the quotes) and slots (attribute values and text). A
 * later point whose markup is byte-for-byte the same has the same elements, nesting and
 * attributes, so it is read by comparing its markup eight bytes at a time and scanning only its
 * slots: the reader then evaluates each slot exactly as it would have from the cursor.
 *
 * A slot's bytes are never taken on trust: text stops at the first '<' and an attribute value at
 * its quote, and a slot holding '&' (an entity only the cursor or scanXml may judge) makes the
 * match fail. A failed match changes nothing; the point then goes through the cursor as before.
 */

/** The slot's content is not read (whitespace between elements, unknown elements and attributes). */
export const SLOT_SKIP = -1;
/** The point must not become a template (an element whose handling depends on more than its bytes). */
export const TEMPLATE_REFUSE = -2;

export interface TemplateRules {
  /**
   * The field of an element inside the point, given its code, its parent's code (the point's
   * own code for a child of the point) and whether it holds only text. SLOT_SKIP when its text is
   * not read, TEMPLATE_REFUSE when no template may hold it.
   */
  element(code: number, parentCode: number, isLeaf: boolean): number;
  /** The field of an attribute of the point element itself, by its qualified name. */
  attribute(bytes: Uint8Array, start: number, end: number): number;
  /** Fields read as numbers: their plain decimals are worked out while matching (slotValue). */
  numeric(field: number): boolean;
  /**
   * Where runs of points read by WebAssembly (point-runs.ts) put each field: `of` gives a field's
   * column (fields the reader treats alike may share one: the last in the point wins, as in
   * readPoint), `time` is the field read as a UTC time. Without it, or for a template holding a
   * field with no column, points are read by the matcher alone.
   */
  columns?: { readonly count: number; readonly time: number; of(field: number): number };
}

/** Powers of ten that are exact doubles: m / 10^k is then correctly rounded, like parseFloat. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const LT = 60;
const GT = 62;
const SLASH = 47;
const AMP = 38;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const EQ = 61;

/** Text up to the next '<'. */
const KIND_TEXT = 0;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameByte(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 58 ||
    c === 45 ||
    c === 46
  );
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Largest points worth a template; anything bigger is rare enough for the cursor. */
const MAX_POINT_BYTES = 4096;
const MAX_SLOTS = 128;

export class PointTemplate implements RunTemplate {
  /** Per slot, in document order: the field it fills, or SLOT_SKIP. */
  readonly slotField: Int32Array;
  /** The slots that fill a field, in document order: the ones a reader evaluates. */
  readonly valued: Int32Array;
  /** Byte range of each slot after a successful match (for skipped slots too). */
  readonly slotStart: Int32Array;
  readonly slotEnd: Int32Array;
  /**
   * For a numeric field's slot after a match: its value when the slot is exactly a plain decimal
   * (`[+-]digits[.digits]`, at most 15 digits, as parseFloatAt's fast path reads it), else NaN,
   * and the reader evaluates the slot's text itself.
   */
  readonly slotValue: Float64Array;
  /** True when the template holds an element whose code is flagged by the builder (e.g. Position). */
  readonly flags: number;
  /**
   * The template as point-runs.ts reads it: literals and slots as for the matcher, except that a
   * skipped text slot that held only whitespace in the learned point (the indentation between
   * elements) is part of the literal around it, so the module compares it instead of scanning it.
   * A point laid out otherwise then fails in the module and goes to the matcher, which allows
   * any whitespace there: the module reads fewer points, never different ones.
   */
  readonly runLiterals: readonly Uint8Array[];
  /** Per slot of runLiterals: how the module reads it, its column and the byte that ends it. */
  readonly runKinds: Int32Array;
  readonly columns: Int32Array;
  readonly terminators: Int32Array;
  /** The module may read points of this template (every field it fills has a column). */
  readonly runnable: boolean;

  private readonly matcher: Matcher;

  private constructor(
    numericSlots: readonly boolean[],
    literals: Uint8Array[],
    kinds: Int32Array,
    slotField: Int32Array,
    flags: number,
    columns: TemplateRules["columns"],
    blanks: readonly (Uint8Array | null)[],
  ) {
    this.matcher = compileMatcher(literals, kinds, numericSlots);
    const n = slotField.length;
    const runLiterals: Uint8Array[] = [];
    const runKinds: number[] = [];
    const runColumns: number[] = [];
    const terminators: number[] = [];
    let pending: Uint8Array[] = [literals[0]!];
    let runnable = columns !== undefined;
    for (let k = 0; k < n && columns !== undefined; k++) {
      const field = slotField[k]!;
      const blank = blanks[k];
      if (field === SLOT_SKIP && blank !== null && blank !== undefined) {
        pending.push(blank, literals[k + 1]!);
        continue;
      }
      runLiterals.push(joined(pending));
      pending = [literals[k + 1]!];
      terminators.push(kinds[k] === KIND_TEXT ? LT : kinds[k]!);
      if (field === SLOT_SKIP) {
        runKinds.push(RUN_SKIP);
        runColumns.push(-1);
        continue;
      }
      const column = columns.of(field);
      const time = field === columns.time && !numericSlots[k];
      if (column < 0 || column >= columns.count || (!numericSlots[k] && !time)) runnable = false;
      runKinds.push(time ? RUN_TIME : RUN_NUMBER);
      runColumns.push(column);
    }
    runLiterals.push(joined(pending));
    this.runLiterals = runLiterals;
    this.runKinds = Int32Array.from(runKinds);
    this.columns = Int32Array.from(runColumns);
    this.terminators = Int32Array.from(terminators);
    this.runnable = runnable;
    this.slotValue = new Float64Array(slotField.length);
    this.slotField = slotField;
    this.valued = Int32Array.from(slotField.keys()).filter((k) => slotField[k] !== SLOT_SKIP);
    this.slotStart = new Int32Array(slotField.length);
    this.slotEnd = new Int32Array(slotField.length);
    this.flags = flags;
  }

  /**
   * Learns the point in [start, end), which the cursor has just read without complaint (it starts
   * with the point's start tag and ends after its end tag). Returns null when the point holds
   * anything a template does not cover: comments, processing instructions, references, an
   * element the rules refuse, an empty-element tag that would fill a field.
   * `flagCodes` maps element codes to bits set in `flags` when such an element is present.
   */
  static build(
    bytes: Uint8Array,
    start: number,
    end: number,
    names: NameTable,
    rules: TemplateRules,
    flagCodes: ReadonlyMap<number, number> = new Map(),
  ): PointTemplate | null {
    if (end - start > MAX_POINT_BYTES || bytes[start] !== LT) return null;
    const literals: Uint8Array[] = [];
    const kinds: number[] = [];
    const fields: number[] = [];
    let flags = 0;
    let litStart = start;
    /** Element codes of the open elements; the point is the first. */
    const stack: number[] = [];
    /** Per slot: the text of a skipped text slot holding only whitespace, else null. */
    const blanks: (Uint8Array | null)[] = [];
    const cutSlot = (at: number, kind: number, field: number): void => {
      blanks.push(null);
      literals.push(bytes.slice(litStart, at));
      kinds.push(kind);
      fields.push(field);
    };
    let i = start;
    /** The field the text after the tag just read fills: a leaf's own text, or nothing. */
    let textField = SLOT_SKIP;
    while (i < end) {
      const c = bytes[i]!;
      if (c !== LT) return null;
      const next = bytes[i + 1];
      if (next === SLASH) {
        // End tag: literal through '>'.
        while (i < end && bytes[i] !== GT) i++;
        i++;
        stack.pop();
        textField = SLOT_SKIP;
        if (stack.length === 0) break;
      } else if (next === undefined || !isNameByte(next) || next === 45 || next === 46) {
        return null; // comment, PI, CDATA, or anything odd: the cursor's business
      } else {
        // Start tag.
        const qs = i + 1;
        let j = qs;
        let colon = -1;
        while (j < end && isNameByte(bytes[j]!)) {
          if (bytes[j] === COLON && colon === -1) colon = j;
          j++;
        }
        const code = names.lookup(bytes, colon === -1 ? qs : colon + 1, j);
        const depth = stack.length;
        // Attributes.
        for (;;) {
          while (j < end && isSpace(bytes[j]!)) j++;
          const a = bytes[j];
          if (a === GT || a === SLASH) break;
          const ns = j;
          while (j < end && isNameByte(bytes[j]!)) j++;
          const ne = j;
          while (j < end && isSpace(bytes[j]!)) j++;
          if (bytes[j] !== EQ) return null;
          j++;
          while (j < end && isSpace(bytes[j]!)) j++;
          const q = bytes[j];
          if (q !== DQUOTE && q !== SQUOTE) return null;
          j++;
          cutSlot(j, q, depth === 0 ? rules.attribute(bytes, ns, ne) : SLOT_SKIP);
          while (j < end && bytes[j] !== q) j++;
          litStart = j;
          j++;
        }
        const selfClosing = bytes[j] === SLASH;
        i = selfClosing ? j + 2 : j + 1;
        if (depth > 0) {
          const flag = flagCodes.get(code);
          if (flag !== undefined) flags |= flag;
        }
        if (selfClosing) {
          if (depth > 0) {
            const field = rules.element(code, stack[depth - 1]!, true);
            if (field !== SLOT_SKIP) return null;
          }
          if (depth === 0) break;
          textField = SLOT_SKIP;
        } else {
          // Is it a leaf? Its text then runs to its own end tag.
          let lt = i;
          while (lt < end && bytes[lt] !== LT) lt++;
          const isLeaf = bytes[lt + 1] === SLASH;
          const field = depth === 0 ? SLOT_SKIP : rules.element(code, stack[depth - 1]!, isLeaf);
          if (field === TEMPLATE_REFUSE) return null;
          stack.push(code);
          textField = isLeaf ? field : SLOT_SKIP;
        }
      }
      // Text up to the next tag (possibly empty) is a slot; a leaf's text fills its field.
      if (i >= end) break;
      cutSlot(i, KIND_TEXT, textField);
      const textStart = i;
      let blank = textField === SLOT_SKIP;
      while (i < end && bytes[i] !== LT) {
        if (bytes[i] === AMP) return null;
        if (!isSpace(bytes[i]!)) blank = false;
        i++;
      }
      if (blank) blanks[blanks.length - 1] = bytes.slice(textStart, i);
      litStart = i;
      if (kinds.length > MAX_SLOTS) return null;
    }
    if (stack.length !== 0 || i !== end) return null;
    literals.push(bytes.slice(litStart, end));
    const numeric = fields.map((f) => f !== SLOT_SKIP && rules.numeric(f));
    return new PointTemplate(
      numeric,
      literals,
      Int32Array.from(kinds),
      Int32Array.from(fields),
      flags,
      rules.columns,
      blanks,
    );
  }

  /**
   * Matches one point starting at `p`: returns the offset just after it, with every slot's range
   * in slotStart/slotEnd, or -1 when the point differs from the template in its markup or a slot
   * holds '&' (then nothing else has changed).
   */
  match(bytes: Uint8Array, view: DataView, p: number): number {
    return this.matcher(
      bytes,
      view,
      p,
      bytes.length,
      this.slotStart,
      this.slotEnd,
      this.slotValue,
      POW10,
    );
  }
}

type Matcher = (
  bytes: Uint8Array,
  view: DataView,
  p: number,
  len: number,
  starts: Int32Array,
  ends: Int32Array,
  values: Float64Array,
  pow10: readonly number[],
) => number;

/**
 * Matchers by template (its literal markup and slot kinds), shared by every file this thread
 * reads: files from one recorder have the same points, and a function the engine has already
 * optimised reads the next file at full speed from its first point (a new one would start in the
 * interpreter each time). Looked up by the template, not by the source it would write: writing a
 * few kilobytes of source per file cost more than reading a 1 Hz hour's points in the module.
 */
const MATCHERS = new Map<string, Matcher>();
const MAX_MATCHERS = 256;

/** The template's matcher, written (see writeMatcher) the first time this thread meets it. */
function compileMatcher(
  literals: readonly Uint8Array[],
  kinds: Int32Array,
  numeric: readonly boolean[],
): Matcher {
  // Each literal is prefixed with its length, so no two templates share a key.
  let key = "";
  for (let k = 0; k < literals.length; k++) {
    const lit = literals[k]!;
    key += `${lit.length}:${Buffer.from(lit.buffer, lit.byteOffset, lit.length).toString("latin1")}`;
    if (k < kinds.length) key += `${kinds[k]!}${numeric[k] === true ? "n" : "s"}`;
  }
  let matcher = MATCHERS.get(key);
  if (matcher === undefined) {
    matcher = writeMatcher(literals, kinds, numeric);
    if (MATCHERS.size >= MAX_MATCHERS) MATCHERS.delete(MATCHERS.keys().next().value!);
    MATCHERS.set(key, matcher);
  }
  return matcher;
}

/**
 * Writes a template's matcher as straight-line code: every literal word is a constant compared
 * in place, and every slot a small loop, so a point costs one pass with no table lookups. Only
 * integers taken from the template go into the source.
 */
function writeMatcher(
  literals: readonly Uint8Array[],
  kinds: Int32Array,
  numeric: readonly boolean[],
): Matcher {
  const lines: string[] = [
    '"use strict";',
    "let c = 0, d = 0, m = 0, digits = 0, dot = 0, sign = 1, plain = 1;",
  ];
  const literal = (lit: Uint8Array): void => {
    const n = lit.length;
    if (n === 0) return;
    const view = new DataView(lit.buffer, lit.byteOffset, lit.byteLength);
    lines.push(`if (p + ${n} > len) return -1;`);
    if (n < 4) {
      for (let x = 0; x < n; x++) lines.push(`if (bytes[p + ${x}] !== ${lit[x]!}) return -1;`);
    } else {
      // Eight bytes at a time as a double, then four, then the last four (overlapping). A double
      // equals the constant exactly when its bits do, unless the constant is NaN or zero, which
      // ASCII markup never is; such a word is compared as two integers all the same.
      let x = 0;
      for (; x + 8 <= n; x += 8) {
        const f = view.getFloat64(x, true);
        if (Number.isNaN(f) || f === 0) {
          lines.push(`if (view.getInt32(p + ${x}, true) !== ${view.getInt32(x, true)}) return -1;`);
          lines.push(
            `if (view.getInt32(p + ${x + 4}, true) !== ${view.getInt32(x + 4, true)}) return -1;`,
          );
        } else lines.push(`if (view.getFloat64(p + ${x}, true) !== ${f}) return -1;`);
      }
      for (; x + 4 <= n; x += 4)
        lines.push(`if (view.getInt32(p + ${x}, true) !== ${view.getInt32(x, true)}) return -1;`);
      if (n % 4 !== 0)
        lines.push(
          `if (view.getInt32(p + ${n - 4}, true) !== ${view.getInt32(n - 4, true)}) return -1;`,
        );
    }
    lines.push(`p += ${n};`);
  };
  for (let k = 0; k < kinds.length; k++) {
    literal(literals[k]!);
    const kind = kinds[k]!;
    lines.push(`starts[${k}] = p;`);
    const stop = kind === KIND_TEXT ? `c === ${AMP}` : `c === ${AMP} || c === ${LT}`;
    const end = kind === KIND_TEXT ? LT : kind;
    if (numeric[k] === true) {
      // The scan reads the digits as it goes: plainDecimal of byte-values.ts, fused.
      lines.push(
        "m = 0; digits = 0; dot = -1; sign = 1; plain = 1;",
        `if (p < len) { c = bytes[p]; if (c === 45) { sign = -1; p++; } else if (c === 43) p++; }`,
        `for (;;) { if (p >= len) return -1; c = bytes[p]; d = c - 48;` +
          ` if (d >= 0 && d <= 9) { m = m * 10 + d; digits++; }` +
          ` else if (c === 46 && dot === -1) dot = p;` +
          ` else if (c === ${end}) break;` +
          ` else if (${stop}) return -1;` +
          ` else plain = 0;` +
          ` p++; }`,
        `values[${k}] = plain === 1 && digits > 0 && digits <= 15 ? sign * (dot === -1 ? m : m / pow10[p - dot - 1]) : NaN;`,
      );
    } else {
      lines.push(
        `for (;;) { if (p >= len) return -1; c = bytes[p]; if (c === ${end}) break; if (${stop}) return -1; p++; }`,
      );
    }
    lines.push(`ends[${k}] = p;`);
  }
  literal(literals[kinds.length]!);
  lines.push("return p;");
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source holds integers only
  return new Function(
    "bytes",
    "view",
    "p",
    "len",
    "starts",
    "ends",
    "values",
    "pow10",
    lines.join("\n"),
  ) as Matcher;
}

const NO_FLAGS: ReadonlyMap<number, number> = new Map();

/** The templates a thread learned last for one kind of document (one TemplateRules). */
interface Learned {
  names: NameTable;
  flagCodes: ReadonlyMap<number, number>;
  templates: readonly PointTemplate[];
}

/**
 * Templates learned in this thread, by rules: the next document of the same kind starts with
 * them, so the points of a recorder seen before are read from the first one on, instead of the
 * first being read by the cursor and its template built and compiled again, file after file. A
 * template only ever matches a point whose markup it holds to the byte, so one learned in another
 * file reads a point exactly as one learned in this file would.
 */
const LEARNED = new WeakMap<TemplateRules, Learned>();

/**
 * The templates of one document: a few shapes at most (points with and without heart rate, say),
 * the last one that matched tried first, starting with those the previous document of its kind
 * ended with. Learning stops after `maxBuilds`, so a file whose every point differs costs a few
 * dozen builds and then reads like before.
 */
export class TemplateSet {
  private readonly templates: PointTemplate[] = [];
  private builds = 0;
  /** Where the point last matched by `match` ends. */
  matchEnd = -1;
  /** Bumped whenever a template is learned: the WebAssembly reader's table is then rewritten. */
  private version = 0;
  private runTemplates: PointTemplate[] = [];
  private runsVersion = -1;
  private runs: PointRunReader | null | undefined;
  private runsBytes: Uint8Array | null = null;

  constructor(
    private readonly names: NameTable,
    private readonly rules: TemplateRules,
    private readonly flagCodes: ReadonlyMap<number, number> = NO_FLAGS,
    private readonly maxTemplates = 4,
    private readonly maxBuilds = 32,
  ) {
    const learned = LEARNED.get(rules);
    if (learned !== undefined && learned.names === names && learned.flagCodes === flagCodes)
      this.templates.push(...learned.templates.slice(0, maxTemplates));
  }

  get empty(): boolean {
    return this.templates.length === 0;
  }

  /** Learns the point the cursor just read in [start, end). */
  learn(bytes: Uint8Array, start: number, end: number): void {
    if (this.builds >= this.maxBuilds) return;
    this.builds++;
    const t = PointTemplate.build(bytes, start, end, this.names, this.rules, this.flagCodes);
    if (t === null) return;
    if (this.templates.length >= this.maxTemplates) this.templates.pop();
    this.templates.unshift(t);
    this.version++;
    LEARNED.set(this.rules, { names: this.names, flagCodes: this.flagCodes, templates: [...this.templates] });
  }

  /**
   * Reads points from `from` for as long as one of the templates matches the next one (after
   * whitespace), handing each to `onPoint` as it is matched; returns where reading stopped,
   * which is `from` when no point matched. With `onRows` (and rules with columns), runs of
   * points are read by WebAssembly and handed over as rows, in document order with the points
   * `onPoint` is given; a point the module does not read goes to `onPoint`.
   */
  readRun(
    bytes: Uint8Array,
    view: DataView,
    from: number,
    onPoint: (t: PointTemplate) => void,
    onRows?: (rows: PointRows) => void,
  ): number {
    const len = bytes.length;
    const runs = onRows === undefined ? null : this.runReader(bytes);
    let p = from;
    for (;;) {
      if (runs !== null) {
        if (this.runsVersion !== this.version) {
          this.runTemplates = this.templates.filter((t) => t.runnable);
          this.runsVersion = this.version;
        }
        const rows = runs.read(p, this.runTemplates, this.runsVersion);
        if (rows.count > 0) {
          onRows!(rows);
          p = runs.stop;
          continue;
        }
      }
      let q = p;
      while (q < len && isSpace(bytes[q]!)) q++;
      if (bytes[q] !== LT) return p;
      const t = this.match(bytes, view, q);
      if (t === null) return p;
      onPoint(t);
      p = this.matchEnd;
    }
  }

  private runReader(bytes: Uint8Array): PointRunReader | null {
    const columns = this.rules.columns;
    if (columns === undefined) return null;
    if (this.runs === undefined || this.runsBytes !== bytes) {
      this.runs = PointRunReader.open(bytes, columns.count);
      this.runsBytes = bytes;
    }
    return this.runs;
  }

  /** The template matching the point at `p` (its end in `matchEnd`), or null. */
  match(bytes: Uint8Array, view: DataView, p: number): PointTemplate | null {
    const ts = this.templates;
    for (let k = 0; k < ts.length; k++) {
      const t = ts[k]!;
      const end = t.match(bytes, view, p);
      if (end >= 0) {
        if (k > 0) {
          ts.splice(k, 1);
          ts.unshift(t);
        }
        this.matchEnd = end;
        return t;
      }
    }
    return null;
  }
}
