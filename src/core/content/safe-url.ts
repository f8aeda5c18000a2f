/**
 * Which link targets rendered content may carry: http(s), mailto and relative URLs. Anything
 * with another scheme (javascript:, data:, vbscript:, file:, …) is refused. Browsers ignore
 * tabs, newlines and leading control characters inside a scheme ("java\tscript:"), so those
 * are removed before the scheme is read; protocol-relative "//host" is refused too because it
 * leaves the site without saying so.
 */
export function safeHref(raw: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (href === "") return undefined;
  if (href.startsWith("//") || href.startsWith("\\") || href.startsWith("/\\")) return undefined;
  const scheme = /^([^/?#]*?):/.exec(href);
  if (scheme) {
    const name = (scheme[1] ?? "").toLowerCase();
    if (name !== "http" && name !== "https" && name !== "mailto") return undefined;
  }
  return href;
}

/** True for links that leave the site (they get rel="noopener noreferrer"). */
export function isExternalHref(href: string): boolean {
  return /^(https?|mailto):/i.test(href);
}
