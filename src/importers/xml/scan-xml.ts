import type { ImportIssue } from "../../core/activity.js";
import { decodeXmlText } from "./decode-entities.js";

/**
 * A small streaming-style XML scanner: it walks a string once with indexOf and calls the visitor
 * for each start tag, run of text and end tag. No DOM is built, so a one-hour 1 Hz track costs
 * a few thousand callbacks and no tree.
 *
 * Safety by construction: a DOCTYPE (with any internal subset) is skipped, never interpreted, so
 * entity declarations cannot expand ("billion laughs") and external entities (SYSTEM
 * "file:///etc/passwd") are never resolved. Only the five predefined entities and numeric
 * character references are decoded; any other `&name;` is passed through literally.
 * See OWASP XXE Prevention Cheat Sheet: disabling DTD processing is the recommended defence.
 *
 * Malformed input never throws: scanning stops at the first structural error and the result
 * carries an issue with its line number. The visitor keeps whatever it received up to then.
 */

/** Attributes of a start tag, keyed by their qualified name as written (e.g. "xsi:type"). */
export type XmlAttributes = Readonly<Record<string, string>>;

export interface XmlVisitor {
  /** A start tag; `name` is the local name (namespace prefix stripped). */
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
  /** Character data (entities decoded, CDATA raw); whitespace-only runs are not reported. */
  text(text: string): void;
  /** An end tag (also called right after `open` for a self-closing tag). */
  close(name: string): void;
}

export interface XmlScanResult {
  issues: ImportIssue[];
  /** False when scanning stopped early (malformed or cut-short input). */
  complete: boolean;
  /** Local name of the first element, or null when none was found. */
  rootName: string | null;
}

const NO_ATTRIBUTES: XmlAttributes = Object.freeze({});

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQ = 61; // =
const DQUOTE = 34;
const SQUOTE = 39;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Characters that may start an XML name: letters, '_', ':' and anything beyond ASCII. */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 128;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon === -1 ? qname : qname.slice(colon + 1);
}

function isWhitespaceOnly(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** 1-based line number of a position; computed only when an issue is reported. */
export function lineAt(s: string, pos: number): number {
  let line = 1;
  let i = s.indexOf("\n");
  while (i !== -1 && i < pos) {
    line += 1;
    i = s.indexOf("\n", i + 1);
  }
  return line;
}

/** Thrown internally to stop at the first structural error; never escapes scanXml. */
class StopScan extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
  }
}

export function scanXml(input: string, visitor: XmlVisitor): XmlScanResult {
  const issues: ImportIssue[] = [];
  const stack: string[] = [];
  const localStack: string[] = [];
  let rootName: string | null = null;
  let unknownEntities = 0;
  let firstUnknownEntityPos = -1;
  const len = input.length;

  const fail = (code: string, message: string, pos: number): StopScan =>
    new StopScan({ code, message, at: `line ${lineAt(input, pos)}`, severity: "error" });

  const decode = (raw: string, pos: number): string => {
    if (raw.indexOf("&") === -1) return raw;
    const out = decodeXmlText(raw);
    if (out.unknown > 0) {
      if (firstUnknownEntityPos === -1) firstUnknownEntityPos = pos;
      unknownEntities += out.unknown;
    }
    return out.text;
  };

  let pos = 0;
  if (input.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos < len && isSpace(input.charCodeAt(pos))) pos++;
  if (pos >= len) {
    return {
      issues: [
        {
          code: "XML_EMPTY",
          message: "The file is empty: there is no XML in it.",
          severity: "error",
        },
      ],
      complete: false,
      rootName: null,
    };
  }
  if (input.charCodeAt(pos) !== LT) {
    return {
      issues: [
        {
          code: "XML_NOT_XML",
          message: "The file does not look like XML: it does not start with '<'.",
          at: `line ${lineAt(input, pos)}`,
          severity: "error",
        },
      ],
      complete: false,
      rootName: null,
    };
  }

  let complete = true;
  try {
    while (pos < len) {
      const lt = input.indexOf("<", pos);
      if (lt === -1) {
        if (stack.length > 0 && !isWhitespaceOnly(input, pos, len))
          visitor.text(decode(input.slice(pos), pos));
        break;
      }
      if (lt > pos && stack.length > 0 && !isWhitespaceOnly(input, pos, lt)) {
        visitor.text(decode(input.slice(pos, lt), pos));
      }
      const c = input.charCodeAt(lt + 1);
      if (c === SLASH) {
        const gt = input.indexOf(">", lt + 2);
        if (gt === -1)
          throw fail("XML_TRUNCATED", "The file ends inside an end tag: it looks cut short.", lt);
        const open = stack.pop();
        // Compare in place: no substring for the (very common) matching case.
        const matches =
          open !== undefined &&
          input.startsWith(open, lt + 2) &&
          (lt + 2 + open.length === gt || isWhitespaceOnly(input, lt + 2 + open.length, gt));
        if (!matches) {
          const qname = input.slice(lt + 2, gt).trimEnd();
          throw fail(
            "XML_MALFORMED",
            open === undefined
              ? `End tag </${qname}> has no matching start tag.`
              : `End tag </${qname}> does not match the open element <${open}>.`,
            lt,
          );
        }
        visitor.close(localStack.pop() ?? "");
        pos = gt + 1;
      } else if (c === BANG) {
        if (input.startsWith("!--", lt + 1)) {
          const end = input.indexOf("-->", lt + 4);
          if (end === -1)
            throw fail("XML_TRUNCATED", "The file ends inside a comment: it looks cut short.", lt);
          pos = end + 3;
        } else if (input.startsWith("![CDATA[", lt + 1)) {
          const end = input.indexOf("]]>", lt + 9);
          if (end === -1)
            throw fail(
              "XML_TRUNCATED",
              "The file ends inside a CDATA section: it looks cut short.",
              lt,
            );
          if (stack.length > 0 && end > lt + 9) visitor.text(input.slice(lt + 9, end));
          pos = end + 3;
        } else if (input.startsWith("!DOCTYPE", lt + 1)) {
          pos = skipDoctype(input, lt, fail);
          issues.push({
            code: "XML_DTD_IGNORED",
            message:
              "The file declares a DOCTYPE; it was skipped without reading its entity declarations (they could expand without limit or read local files).",
            at: `line ${lineAt(input, lt)}`,
            severity: "warning",
          });
        } else {
          throw fail("XML_MALFORMED", "Unexpected markup after '<!'.", lt);
        }
      } else if (c === QUESTION) {
        const end = input.indexOf("?>", lt + 2);
        if (end === -1)
          throw fail("XML_TRUNCATED", "The file ends inside a processing instruction.", lt);
        pos = end + 2;
      } else {
        pos = readStartTag(lt);
      }
    }
    if (stack.length > 0) {
      const open = stack[stack.length - 1] ?? "";
      throw fail(
        "XML_TRUNCATED",
        `The file ends while <${open}> is still open (${stack.length} element(s) unclosed): it looks cut short.`,
        len,
      );
    }
    if (rootName === null) {
      throw fail("XML_EMPTY", "The file holds no XML element.", len);
    }
  } catch (e) {
    if (!(e instanceof StopScan)) throw e;
    issues.push(e.issue);
    complete = false;
  }

  if (unknownEntities > 0) {
    issues.push({
      code: "XML_UNKNOWN_ENTITY",
      message: `${unknownEntities} entity reference(s) other than the five XML predefined ones were left as written (declared entities are never expanded).`,
      at: `line ${lineAt(input, firstUnknownEntityPos)}`,
      severity: "warning",
    });
  }
  return { issues, complete, rootName };

  /** Reads `<name attr="v" ...>` starting at `lt`; returns the position after '>'. */
  function readStartTag(lt: number): number {
    let i = lt + 1;
    if (!isNameStart(input.charCodeAt(i))) {
      if (i >= len)
        throw fail("XML_TRUNCATED", "The file ends right after '<': it looks cut short.", lt);
      throw fail("XML_MALFORMED", "A '<' is not followed by an element name.", lt);
    }
    while (i < len && isNameChar(input.charCodeAt(i))) i++;
    const qname = input.slice(lt + 1, i);
    let attrs: Record<string, string> | null = null;
    for (;;) {
      while (i < len && isSpace(input.charCodeAt(i))) i++;
      if (i >= len)
        throw fail("XML_TRUNCATED", `The file ends inside the start tag <${qname}>.`, lt);
      const c = input.charCodeAt(i);
      if (c === GT || c === SLASH) {
        const selfClosing = c === SLASH;
        if (selfClosing) {
          if (i + 1 >= len)
            throw fail("XML_TRUNCATED", `The file ends inside the start tag <${qname}>.`, lt);
          if (input.charCodeAt(i + 1) !== GT)
            throw fail("XML_MALFORMED", `Stray '/' in the start tag <${qname}>.`, lt);
        }
        const name = localName(qname);
        if (rootName === null) rootName = name;
        visitor.open(name, attrs ?? NO_ATTRIBUTES, selfClosing);
        if (selfClosing) {
          visitor.close(name);
          return i + 2;
        }
        stack.push(qname);
        localStack.push(name);
        return i + 1;
      }
      if (!isNameStart(c))
        throw fail("XML_MALFORMED", `Unexpected character in the start tag <${qname}>.`, lt);
      const nameStart = i;
      while (i < len && isNameChar(input.charCodeAt(i))) i++;
      const attrName = input.slice(nameStart, i);
      while (i < len && isSpace(input.charCodeAt(i))) i++;
      if (i >= len)
        throw fail("XML_TRUNCATED", `The file ends inside the start tag <${qname}>.`, lt);
      if (input.charCodeAt(i) !== EQ) {
        throw fail("XML_MALFORMED", `Attribute ${attrName} of <${qname}> has no value.`, lt);
      }
      i++;
      while (i < len && isSpace(input.charCodeAt(i))) i++;
      const q = input.charCodeAt(i);
      if (q !== DQUOTE && q !== SQUOTE) {
        if (i >= len)
          throw fail("XML_TRUNCATED", `The file ends inside the start tag <${qname}>.`, lt);
        throw fail("XML_MALFORMED", `Attribute ${attrName} of <${qname}> is not quoted.`, lt);
      }
      const end = input.indexOf(q === DQUOTE ? '"' : "'", i + 1);
      if (end === -1)
        throw fail("XML_TRUNCATED", `The file ends inside an attribute of <${qname}>.`, lt);
      const raw = input.slice(i + 1, end);
      // Plain objects stay in V8's fast mode (prototype-less ones do not); an attribute called
      // "__proto__" is dropped so it can never reach the prototype.
      attrs ??= {};
      if (attrName !== "__proto__") attrs[attrName] = decode(raw, i);
      i = end + 1;
    }
  }
}

/**
 * Skips `<!DOCTYPE ...>` including an internal subset `[ ... ]`, honouring quoted strings and
 * comments so a '>' inside them does not end it early. Nothing inside is interpreted.
 */
function skipDoctype(
  input: string,
  lt: number,
  fail: (code: string, message: string, pos: number) => StopScan,
): number {
  let i = lt + 9;
  let depth = 0;
  const len = input.length;
  while (i < len) {
    const c = input.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      const end = input.indexOf(c === DQUOTE ? '"' : "'", i + 1);
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    if (c === LT && input.startsWith("<!--", i)) {
      const end = input.indexOf("-->", i + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    if (c === 91)
      depth++; // [
    else if (c === 93)
      depth--; // ]
    else if (c === GT && depth <= 0) return i + 1;
    i++;
  }
  throw fail("XML_TRUNCATED", "The file ends inside its DOCTYPE declaration.", lt);
}
