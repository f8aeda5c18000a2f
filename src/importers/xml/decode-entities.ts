/**
 * Decodes the five predefined XML entities and numeric character references. Any other
 * `&name;` (including ones a DOCTYPE declared) is left as written and counted, so a declared
 * entity can never expand: this is what makes entity bombs and external entities inert.
 */
const PREDEFINED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

export function decodeXmlText(raw: string): { text: string; unknown: number } {
  let out = "";
  let unknown = 0;
  let from = 0;
  let amp = raw.indexOf("&");
  while (amp !== -1) {
    out += raw.slice(from, amp);
    const semi = raw.indexOf(";", amp + 1);
    // References are short; a far-away ';' means this '&' is bare text.
    const ref = semi !== -1 && semi - amp <= 12 ? raw.slice(amp + 1, semi) : null;
    const decoded = ref === null ? null : decodeReference(ref);
    if (decoded === null) {
      unknown += 1;
      out += "&";
      from = amp + 1;
    } else {
      out += decoded;
      from = semi + 1;
    }
    amp = raw.indexOf("&", from);
  }
  out += raw.slice(from);
  return { text: out, unknown };
}

function decodeReference(ref: string): string | null {
  if (ref.charCodeAt(0) === 35 /* # */) {
    const hex = ref.charCodeAt(1) === 120 || ref.charCodeAt(1) === 88; // x or X
    const digits = ref.slice(hex ? 2 : 1);
    if (digits.length === 0 || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return null;
    const cp = Number.parseInt(digits, hex ? 16 : 10);
    // XML 1.0 Char production: no NUL, no surrogates, nothing past U+10FFFF.
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    return String.fromCodePoint(cp);
  }
  return Object.prototype.hasOwnProperty.call(PREDEFINED, ref) ? (PREDEFINED[ref] ?? null) : null;
}
