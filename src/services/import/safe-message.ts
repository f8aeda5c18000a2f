/**
 * What the runner reads about a file: its name and a message, both printable and bounded.
 *
 * A message may quote the file (an XML parser names the tag it choked on) and a name comes from
 * wherever the file came from (a zip entry's name is any bytes), so either can carry control
 * characters, terminal escapes, bidi overrides or megabytes of text. They go to a terminal, a JSON
 * summary, the database and a web page: every character that does not print is written as an escape
 * (`\x1b`, `\u202e`), and the length is capped (issue 19, item 13).
 */

/** A message read by people: a sentence or two, and a short quotation at most. */
export const MAX_MESSAGE_CHARS = 400;
/** A file's display name: its path inside an export, which can nest deep. */
export const MAX_FILE_NAME_CHARS = 300;

// C0 and C1 controls, DEL, line and paragraph separators, bidi embeddings/overrides/isolates,
// zero-width joiners and BOMs, lone surrogates, U+FFFD (what undecodable bytes became), and
// noncharacters: nothing a reader should see raw.
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ufffd\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escapeChar = (c: string): string => {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** `text` with every unprintable character escaped and at most `max` characters (cut with "…"). */
export function printable(text: string, max: number): string {
  // Cut before escaping too: a 100 MB quotation is not scanned whole.
  let s = text.length > max * 4 ? text.slice(0, max * 4) : text;
  s = s.replace(/[\t\n\r]+/g, " ").replace(UNPRINTABLE, escapeChar);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A file's name as shown: printable, and its end kept when long (the end names the file). */
export function printableFileName(name: string): string {
  const s = printable(name.length > MAX_FILE_NAME_CHARS * 4 ? name.slice(-MAX_FILE_NAME_CHARS * 4) : name, Number.MAX_SAFE_INTEGER);
  return s.length > MAX_FILE_NAME_CHARS ? `…${s.slice(-(MAX_FILE_NAME_CHARS - 1))}` : s;
}

/**
 * The message about one file as shown: printable, capped, and always naming the file (prefixed
 * with its name when the reader did not say which file it meant).
 */
export function fileMessage(fileName: string, message: string): string {
  const name = printableFileName(fileName);
  const body = printable(message, MAX_MESSAGE_CHARS);
  return body.includes(name) ? body : printable(`${name}: ${body}`, MAX_FILE_NAME_CHARS + MAX_MESSAGE_CHARS + 2);
}
