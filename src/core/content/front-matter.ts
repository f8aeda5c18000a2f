import { DomainError } from "../errors.js";

/*
 * The small front-matter dialect every content file uses (content/articles/README.md and the
 * other content folders): `key: value` scalars, block lists of `  - item`, inline `[a, b]`
 * lists, one level of nested objects, and lists of flat objects (2-space indent). No YAML
 * dependency: anything richer is an error, so a contributor learns early that the loaders
 * will not understand it.
 */

export type FrontScalar = string | number | boolean;
export type FrontFlatValue = FrontScalar | FrontScalar[];
export interface FrontFlatObject {
  [key: string]: FrontFlatValue;
}
export type FrontValue = FrontFlatValue | FrontFlatObject | FrontFlatObject[];
export interface FrontMatter {
  [key: string]: FrontValue;
}

export interface ParsedContentFile {
  meta: FrontMatter;
  /** The Markdown after the closing `---` line. */
  body: string;
}

export class FrontMatterError extends DomainError {
  constructor(message: string) {
    super("CONTENT_INVALID", message);
    this.name = "FrontMatterError";
  }
}

function unquote(text: string): string | undefined {
  if (text.length >= 2) {
    const first = text[0];
    if ((first === '"' || first === "'") && text.endsWith(first)) return text.slice(1, -1);
  }
  return undefined;
}

function parseScalar(raw: string, lineNo: number): FrontFlatValue {
  const text = raw.trim();
  const quoted = unquote(text);
  if (quoted !== undefined) return quoted;
  if (text.startsWith("[") && text.endsWith("]")) {
    const inner = text.slice(1, -1).trim();
    if (inner === "") return [];
    return inner.split(",").map((part) => {
      const value = parseScalar(part, lineNo);
      if (Array.isArray(value)) throw new FrontMatterError(`line ${lineNo}: nested inline list: ${text}`);
      return value;
    });
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true") return true;
  if (text === "false") return false;
  return text;
}

/** Splits `key: value` (or `key:` with an empty value); the value may itself contain colons. */
function splitKey(line: string, lineNo: number): [string, string] {
  const match = /^([A-Za-z_][A-Za-z0-9_]*):(?:\s+(.*))?$/.exec(line);
  if (!match?.[1]) throw new FrontMatterError(`line ${lineNo}: expected "key: value", got "${line}"`);
  // Assigning "__proto__" would replace the object's prototype instead of adding a key.
  if (match[1] === "__proto__") throw new FrontMatterError(`line ${lineNo}: "__proto__" is not allowed as a key`);
  return [match[1], match[2] ?? ""];
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

interface BlockLine {
  line: string;
  no: number;
}

/** Parses a whole content file: front matter between two `---` lines, then the Markdown body. */
export function parseFrontMatter(text: string): ParsedContentFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") throw new FrontMatterError("file must start with a --- line");
  const end = lines.indexOf("---", 1);
  if (end < 0) throw new FrontMatterError("front matter is not closed with a --- line");
  const meta: FrontMatter = {};
  let i = 1;
  while (i < end) {
    const line = lines[i] ?? "";
    const lineNo = i + 1;
    if (line.includes("\t")) throw new FrontMatterError(`line ${lineNo}: tabs are not allowed`);
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (indentOf(line) !== 0) throw new FrontMatterError(`line ${lineNo}: unexpected indentation`);
    const [key, rest] = splitKey(line, lineNo);
    if (Object.prototype.hasOwnProperty.call(meta, key)) {
      throw new FrontMatterError(`line ${lineNo}: duplicate key ${key}`);
    }
    i++;
    if (rest.trim() !== "") {
      meta[key] = parseScalar(rest, lineNo);
      continue;
    }
    const block: BlockLine[] = [];
    while (i < end && ((lines[i] ?? "").startsWith("  ") || (lines[i] ?? "").trim() === "")) {
      const blockLine = lines[i] ?? "";
      if (blockLine.includes("\t")) throw new FrontMatterError(`line ${i + 1}: tabs are not allowed`);
      if (blockLine.trim() !== "") block.push({ line: blockLine, no: i + 1 });
      i++;
    }
    if (block.length === 0) throw new FrontMatterError(`line ${lineNo}: ${key} has no value`);
    meta[key] = parseBlock(block);
  }
  return { meta, body: lines.slice(end + 1).join("\n") };
}

function parseBlock(block: BlockLine[]): FrontValue {
  const first = block[0];
  if (first === undefined) return [];
  if (first.line.startsWith("  - ") || first.line === "  -") return parseList(block, first.no);
  const object: FrontFlatObject = {};
  for (const { line, no } of block) {
    if (indentOf(line) !== 2) throw new FrontMatterError(`line ${no}: objects may only be one level deep`);
    const [k, v] = splitKey(line.trim(), no);
    if (Object.prototype.hasOwnProperty.call(object, k)) throw new FrontMatterError(`line ${no}: duplicate key ${k}`);
    object[k] = parseScalar(v, no);
  }
  return object;
}

function parseList(block: BlockLine[], firstNo: number): FrontScalar[] | FrontFlatObject[] {
  const scalars: FrontScalar[] = [];
  const objects: FrontFlatObject[] = [];
  let current: FrontFlatObject | undefined;
  for (const { line, no } of block) {
    if (line.startsWith("  - ")) {
      const item = line.slice(4);
      if (/^[A-Za-z_][A-Za-z0-9_]*:(\s|$)/.test(item)) {
        const [k, v] = splitKey(item, no);
        current = { [k]: parseScalar(v, no) };
        objects.push(current);
      } else {
        const value = parseScalar(item, no);
        if (Array.isArray(value)) throw new FrontMatterError(`line ${no}: list inside a list`);
        scalars.push(value);
        current = undefined;
      }
    } else if (indentOf(line) === 4 && current) {
      const [k, v] = splitKey(line.trim(), no);
      if (Object.prototype.hasOwnProperty.call(current, k)) throw new FrontMatterError(`line ${no}: duplicate key ${k}`);
      current[k] = parseScalar(v, no);
    } else {
      throw new FrontMatterError(`line ${no}: unsupported structure "${line}"`);
    }
  }
  if (scalars.length > 0 && objects.length > 0) throw new FrontMatterError(`line ${firstNo}: a list mixes values and objects`);
  return objects.length > 0 ? objects : scalars;
}
