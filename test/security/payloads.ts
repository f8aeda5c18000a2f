/** Hostile strings the suite puts into every text field and query parameter. */

export const XSS_PAYLOADS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "[a link](javascript:alert(1))",
  "</textarea><script>alert(1)</script>",
  "<svg onload=alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
];

/**
 * Markup that would run if a payload reached a page unescaped: a script element, an on* handler
 * or a javascript: URL in a real tag. Tags are read attribute by attribute, respecting quotes, so
 * escaped text inside an attribute value (value="&lt;img onerror=…") is not mistaken for a tag.
 */
export function liveMarkupIn(html: string): string[] {
  const found: string[] = [];
  const tag = /<([a-zA-Z][a-zA-Z0-9-]*)/g;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const name = m[1]!.toLowerCase();
    let i = m.index + m[0].length;
    const attrs: { name: string; value: string }[] = [];
    const attr = /\s*([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?|\s*\/?>|\s+/y;
    for (;;) {
      attr.lastIndex = i;
      const a = attr.exec(html);
      if (a === null || a[0].trim().endsWith(">")) break;
      if (a[1] !== undefined)
        attrs.push({ name: a[1].toLowerCase(), value: a[2] ?? a[3] ?? a[4] ?? "" });
      i = attr.lastIndex;
    }
    const at = html.slice(m.index, m.index + 100);
    if (name === "script" && /^[^>]*>\s*alert/i.test(html.slice(m.index)))
      found.push(`script element: ${at}`);
    for (const a of attrs) {
      if (a.name.startsWith("on")) found.push(`handler ${a.name}: ${at}`);
      if (/^\s*javascript:/i.test(a.value)) found.push(`javascript: URL in ${a.name}: ${at}`);
    }
  }
  return found;
}

export const SQL_PAYLOADS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  "1 UNION SELECT id, email, password_hash FROM users --",
  "%' --",
  '" OR ""="',
  "1; DELETE FROM activities",
  "x' AND (SELECT count(*) FROM users) > 0 --",
  "\\'; SELECT pg_sleep(0); --",
];
