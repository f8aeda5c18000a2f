/**
 * Turns file bytes into the string the scanner reads. UTF-8 unless a byte-order mark says
 * UTF-16 or the XML declaration names a single-byte Western encoding (older GPS software wrote
 * ISO-8859-1 GPX). The UTF-8 BOM is dropped. Invalid bytes become U+FFFD rather than failing:
 * a bad byte in a track name must not lose the run.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  }
  const declared = declaredEncoding(bytes);
  if (declared !== null && SINGLE_BYTE.has(declared))
    return new TextDecoder("windows-1252").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}

/** True when decodeXmlBytes would read these bytes as UTF-8 (the byte-level fast paths need it). */
export function isUtf8Xml(bytes: Uint8Array): boolean {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return false;
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return false;
  }
  const declared = declaredEncoding(bytes);
  return declared === null || !SINGLE_BYTE.has(declared);
}

// The WHATWG Encoding Standard maps all of these labels to windows-1252.
const SINGLE_BYTE = new Set([
  "iso-8859-1",
  "latin1",
  "iso8859-1",
  "windows-1252",
  "cp1252",
  "l1",
  "iso_8859-1",
]);

function declaredEncoding(bytes: Uint8Array): string | null {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes[start] !== 0x3c || bytes[start + 1] !== 0x3f) return null; // "<?"
  let head = "";
  for (let i = start; i < Math.min(bytes.length, start + 200); i++) {
    const b = bytes[i] ?? 0;
    head += String.fromCharCode(b);
    if (b === 0x3e) break; // ">"
  }
  const m = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}
