import { decodeXmlText } from "./decode-entities.js";
import { isUtf8Xml } from "./decode-xml-bytes.js";

/**
 * A strict pull cursor over XML bytes, for the GPX and TCX fast paths. It reads tags straight
 * from the UTF-8 bytes (no TextDecoder, no strings, no attribute objects) and knows elements by
 * a small integer code from a NameTable, so a 1 Hz hour costs no allocation per element.
 *
 * It understands only the plain, well-formed shape that nearly every recorder writes. Anything
 * else throws FastPathUnsupported so the caller falls back to scanXml, which owns every rule about
 * odd or hostile input (DOCTYPEs and entity bombs, CDATA, comments inside values, unknown entity references, non-ASCII
 * names, truncation, mismatched tags and their issues with line numbers). Because it gives up
 * rather than guesses, a document it reads fully is one scanXml would read without any issue.
 */

/** Thrown inside a fast reader to hand the document to the general scanner. */
export class FastPathUnsupported extends Error {
  constructor(reason: string) {
    super(`XML fast path gave up: ${reason}`);
  }
}

/**
 * Runs a byte-level reader over UTF-8 XML: its document, or null when the bytes are in another
 * encoding or the reader gave up (then the general scanner must read them).
 */
export function tryFastPath<T>(bytes: Uint8Array, read: (bytes: Uint8Array) => T): T | null {
  if (!isUtf8Xml(bytes)) return null;
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof FastPathUnsupported) return null;
    throw e;
  }
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQ = 61; // =
const COLON = 58; // :
const DASH = 45; // -
const AMP = 38; // &
const SEMICOLON = 59; // ;
const DQUOTE = 34;
const SQUOTE = 39;

export function isXmlSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

const NAME_START = 1;
const NAME_CHAR = 2;
const SPACE = 4;
/** Byte classes; ASCII only, so a byte >= 128 in a name makes the cursor give up. */
const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  const start = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  if (start) CLASS[c] = NAME_START | NAME_CHAR;
  else if ((c >= 48 && c <= 57) || c === 45 || c === 46) CLASS[c] = NAME_CHAR;
  else if (isXmlSpace(c)) CLASS[c] = SPACE;
}

/** Local element names mapped to small codes; unknown names get code 0. */
export class NameTable {
  // A hash on (length, first byte, last byte) into chained entries: no Map, no strings.
  private readonly head = new Int16Array(1 << 15).fill(-1);
  private readonly entryBytes: Uint8Array[] = [];
  private readonly entryCode: number[] = [];
  private readonly entryNext: number[] = [];

  constructor(names: Readonly<Record<string, number>>) {
    const enc = new TextEncoder();
    for (const [name, code] of Object.entries(names)) {
      const bytes = enc.encode(name);
      const h = NameTable.hash(bytes, 0, bytes.length);
      this.entryBytes.push(bytes);
      this.entryCode.push(code);
      this.entryNext.push(this.head[h]!);
      this.head[h] = this.entryBytes.length - 1;
    }
  }

  private static hash(src: Uint8Array, start: number, end: number): number {
    return (((end - start) & 31) << 10) | ((src[start]! & 31) << 5) | (src[end - 1]! & 31);
  }

  lookup(src: Uint8Array, start: number, end: number): number {
    if (end <= start) return 0;
    const n = end - start;
    for (let k = this.head[NameTable.hash(src, start, end)]!; k !== -1; k = this.entryNext[k]!) {
      const bytes = this.entryBytes[k]!;
      if (bytes.length !== n) continue;
      let i = 0;
      while (i < n && src[start + i] === bytes[i]) i++;
      if (i === n) return this.entryCode[k]!;
    }
    return 0;
  }
}

export const EVENT_OPEN = 1;
export const EVENT_CLOSE = 2;
export const EVENT_END = 3;

const MAX_ATTRIBUTES = 32;
const MAX_DEPTH = 512;

export class XmlByteCursor {
  /** Code of the element just opened or closed. */
  code = 0;
  /** Depth of the element just opened or closed (the root is 0). */
  depth = 0;
  selfClosing = false;
  /** Byte range of the text read by `leaf()`, trimmed of XML whitespace. */
  textStart = 0;
  textEnd = 0;
  /** Byte range of the value found by `attribute()`. */
  valueStart = 0;
  valueEnd = 0;
  /** Offset of the '<' of the start tag just read. */
  tagStart = 0;

  private pos: number;
  private readonly len: number;
  /** Per open element: qualified name start, end, and code. */
  private readonly stack = new Int32Array(MAX_DEPTH * 3);
  private top = 0;
  private pendingClose = false;
  private rootClosed = false;
  private readonly attrs = new Int32Array(MAX_ATTRIBUTES * 4);
  private attrCount = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly names: NameTable,
  ) {
    this.len = bytes.length;
    let p = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (p < this.len && isXmlSpace(bytes[p]!)) p++;
    if (bytes[p] !== LT) throw new FastPathUnsupported("not starting with '<'");
    this.pos = p;
  }

  /** True between events, where skipTo may be used. */
  get canSkip(): boolean {
    return !this.pendingClose;
  }

  /** Where reading goes on from: just after the last tag read. */
  get position(): number {
    return this.pos;
  }

  /**
   * Skips to `p`, past markup read elsewhere (points matched by a PointTemplate): only between
   * events, never right after an empty-element tag, and only over balanced elements.
   */
  skipTo(p: number): void {
    if (this.pendingClose || p < this.pos || p > this.len)
      throw new Error("XmlByteCursor.skipTo out of place");
    this.pos = p;
  }

  /** Right after EVENT_OPEN (before leaf()): the code of the enclosing element, -1 at the root. */
  parentCode(): number {
    return this.top >= 2 ? this.stack[(this.top - 2) * 3 + 2]! : -1;
  }

  next(): number {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.pop();
      return EVENT_CLOSE;
    }
    const b = this.bytes;
    const len = this.len;
    for (;;) {
      let lt = this.pos;
      for (; lt < len; lt++) {
        const t = b[lt];
        if (t === LT) break;
        if (t === AMP) this.checkReference(lt);
      }
      if (lt >= len) {
        if (this.top > 0) throw new FastPathUnsupported("cut short");
        if (!this.rootClosed) throw new FastPathUnsupported("no element");
        return EVENT_END;
      }
      const c = b[lt + 1];
      if (c === SLASH) {
        this.pos = this.matchEndTag(lt);
        this.pop();
        return EVENT_CLOSE;
      }
      if (c === QUESTION) {
        this.pos = this.skipInstruction(lt);
        continue;
      }
      if (c === BANG) {
        // Comments between elements are skipped, as scanXml does; CDATA and DOCTYPEs are not ours.
        if (b[lt + 2] !== DASH || b[lt + 3] !== DASH)
          throw new FastPathUnsupported("CDATA or DOCTYPE");
        this.pos = this.skipComment(lt);
        continue;
      }
      if (this.rootClosed) throw new FastPathUnsupported("content after the root element");
      return this.readStartTag(lt);
    }
  }

  /**
   * After EVENT_OPEN: when the element holds only text, reads it into textStart/textEnd, consumes
   * the end tag and returns true (no EVENT_CLOSE follows). Returns false when the element has
   * child elements; the cursor is then unchanged. Self-closing elements are an empty leaf.
   */
  leaf(): boolean {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.pop();
      this.textStart = this.textEnd = this.pos;
      return true;
    }
    const b = this.bytes;
    const from = this.pos;
    let lt = from;
    for (; lt < this.len; lt++) {
      const t = b[lt];
      if (t === LT) break;
      if (t === AMP) this.checkReference(lt);
    }
    const c = b[lt + 1];
    if (c !== SLASH) {
      if (c === BANG || c === QUESTION || lt >= this.len)
        throw new FastPathUnsupported("markup inside a value");
      return false;
    }
    this.pos = this.matchEndTag(lt);
    this.pop();
    let s = from;
    let e = lt;
    while (s < e && CLASS[b[s]!] === SPACE) s++;
    while (e > s && CLASS[b[e - 1]!] === SPACE) e--;
    this.textStart = s;
    this.textEnd = e;
    return true;
  }

  /**
   * Finds an attribute of the element just opened; its value is then at valueStart/valueEnd.
   * The last one of a name wins, as in scanXml's attribute object.
   */
  attribute(name: Uint8Array): boolean {
    const b = this.bytes;
    const a = this.attrs;
    let found = false;
    outer: for (let k = 0; k < this.attrCount; k++) {
      const ns = a[k * 4]!;
      if (a[k * 4 + 1]! - ns !== name.length) continue;
      for (let i = 0; i < name.length; i++) if (b[ns + i] !== name[i]) continue outer;
      this.valueStart = a[k * 4 + 2]!;
      this.valueEnd = a[k * 4 + 3]!;
      found = true;
    }
    return found;
  }

  /**
   * Gives up unless the '&' at `amp` starts a reference scanXml decodes (the five predefined
   * entities, numeric references): any other one is a warning only scanXml reports, and a
   * declared entity must never expand.
   */
  private checkReference(amp: number): void {
    const b = this.bytes;
    let ref = "";
    let i = amp + 1;
    for (; i < this.len && i - amp <= 12 && b[i] !== SEMICOLON; i++) {
      const c = b[i]!;
      const alnum =
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 35;
      if (!alnum) throw new FastPathUnsupported("unusual '&'");
      ref += String.fromCharCode(c);
    }
    if (b[i] !== SEMICOLON || decodeXmlText(`&${ref};`).unknown > 0)
      throw new FastPathUnsupported("unknown entity reference");
  }

  private pop(): void {
    this.top--;
    this.code = this.stack[this.top * 3 + 2]!;
    this.depth = this.top;
    if (this.top === 0) this.rootClosed = true;
  }

  private skipComment(lt: number): number {
    const b = this.bytes;
    for (let i = lt + 4; i + 2 < this.len; i++)
      if (b[i] === DASH && b[i + 1] === DASH && b[i + 2] === GT) return i + 3;
    throw new FastPathUnsupported("cut short in a comment");
  }

  private skipInstruction(lt: number): number {
    const b = this.bytes;
    for (let i = lt + 2; i + 1 < this.len; i++)
      if (b[i] === QUESTION && b[i + 1] === GT) return i + 2;
    throw new FastPathUnsupported("cut short in a processing instruction");
  }

  /** Checks `</qname>` at lt against the open element; returns the position after '>'. */
  private matchEndTag(lt: number): number {
    const b = this.bytes;
    if (this.top === 0) throw new FastPathUnsupported("end tag without a start tag");
    const at = (this.top - 1) * 3;
    const qs = this.stack[at]!;
    const qLen = this.stack[at + 1]! - qs;
    let i = lt + 2;
    if (i + qLen > this.len) throw new FastPathUnsupported("cut short");
    for (let k = 0; k < qLen; k++)
      if (b[i + k] !== b[qs + k]) throw new FastPathUnsupported("mismatched end tag");
    i += qLen;
    let c = b[i];
    while (c !== undefined && CLASS[c] === SPACE) c = b[++i];
    if (c !== GT) throw new FastPathUnsupported("mismatched end tag");
    return i + 1;
  }

  private readStartTag(lt: number): number {
    const b = this.bytes;
    const len = this.len;
    let i = lt + 1;
    if (i >= len || (CLASS[b[i]!]! & NAME_START) === 0)
      throw new FastPathUnsupported("odd start tag");
    let colon = -1;
    let c = b[i]!;
    while ((CLASS[c]! & NAME_CHAR) !== 0) {
      if (c === COLON && colon === -1) colon = i;
      if (++i >= len) throw new FastPathUnsupported("cut short in a start tag");
      c = b[i]!;
    }
    const qs = lt + 1;
    const qe = i;
    let count = 0;
    for (;;) {
      while (CLASS[c] === SPACE) {
        if (++i >= len) throw new FastPathUnsupported("cut short in a start tag");
        c = b[i]!;
      }
      if (c === GT || c === SLASH) {
        if (c === SLASH && b[i + 1] !== GT) throw new FastPathUnsupported("stray '/'");
        if (this.top === MAX_DEPTH) throw new FastPathUnsupported("nested too deep");
        this.attrCount = count;
        this.tagStart = lt;
        const code = this.names.lookup(b, colon === -1 ? qs : colon + 1, qe);
        this.code = code;
        this.depth = this.top;
        const at = this.top * 3;
        this.stack[at] = qs;
        this.stack[at + 1] = qe;
        this.stack[at + 2] = code;
        this.top++;
        this.selfClosing = c === SLASH;
        this.pendingClose = this.selfClosing;
        this.pos = this.selfClosing ? i + 2 : i + 1;
        return EVENT_OPEN;
      }
      if ((CLASS[c]! & NAME_START) === 0) throw new FastPathUnsupported("odd attribute");
      const ns = i;
      while (i < len && (CLASS[b[i]!]! & NAME_CHAR) !== 0) i++;
      const ne = i;
      while (i < len && CLASS[b[i]!] === SPACE) i++;
      if (b[i] !== EQ) throw new FastPathUnsupported("attribute without a value");
      i++;
      while (i < len && CLASS[b[i]!] === SPACE) i++;
      const q = b[i];
      if (q !== DQUOTE && q !== SQUOTE) throw new FastPathUnsupported("unquoted attribute");
      const vs = i + 1;
      i = vs;
      for (; i < len; i++) {
        const t = b[i];
        if (t === q) break;
        if (t === AMP) this.checkReference(i);
      }
      if (i >= len) throw new FastPathUnsupported("cut short in an attribute");
      if (count === MAX_ATTRIBUTES) throw new FastPathUnsupported("too many attributes");
      const a = this.attrs;
      a[count * 4] = ns;
      a[count * 4 + 1] = ne;
      a[count * 4 + 2] = vs;
      a[count * 4 + 3] = i;
      count++;
      if (++i >= len) throw new FastPathUnsupported("cut short in a start tag");
      c = b[i]!;
    }
  }
}
