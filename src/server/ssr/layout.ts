import { escapeHtml } from "../../core/content/escape-html.js";
import { SEARCH_QUERY_MAX_LENGTH } from "../../contracts/search.js";
import { SITE_CSS_URL } from "./site-css.js";
import { NAV_ITEMS } from "../../contracts/navigation.js";

/*
 * The frame of every server-rendered page: the same header, navigation, medical notice and
 * footer as the React shell (web/src/shell/layout.tsx), as plain links and a plain GET search
 * form, so a page reads and works fully without JavaScript. No script at all is sent.
 */

/** The React shell's menu (src/contracts/navigation.ts), in its order; Account comes last as there. */
export const SITE_NAV: readonly { href: string; label: string }[] = [
  ...NAV_ITEMS.map((item) => ({ href: item.to, label: item.label })),
  { href: "/account", label: "Account" },
];

/** Same words as the notice in web/src/shell/layout.tsx. */
export const CLINICIAN_NOTICE =
  "kneewise supports your own decisions; it does not replace a clinician. If pain is severe, the knee is hot, swollen or gives way, or you cannot bear weight, see a doctor or physiotherapist.";

const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false"><circle cx="16" cy="16" r="15" fill="#0b6e4f" stroke="#fff"/><path d="M11 6c2 5 2 9 0 13l6 7M17 26l4-8c1-3-1-6-4-6" stroke="#fff" stroke-width="2.5" fill="none" stroke-linecap="round"/></svg>';

export interface PageFrame {
  /** The page's own title; " · kneewise" is added. */
  title: string;
  description: string;
  /** Absolute URL of this page, for rel=canonical. */
  canonical?: string;
  /** Which top-level area is current (its nav link gets aria-current). */
  area?: "/learn" | "/exercises" | undefined;
  /** The text to show in the header search box. */
  query?: string;
  /** Inner HTML of <main>; the caller escapes everything in it. */
  main: string;
  /** Pages that should not be indexed (search results, not-found). */
  noindex?: boolean;
}

export function searchForm(opts: {
  id: string;
  query?: string;
  className: string;
  label: string;
  visibleLabel?: boolean;
}): string {
  const labelClass = opts.visibleLabel ? "" : ' class="visually-hidden"';
  return `<form class="${opts.className}" role="search" aria-label="${escapeHtml(opts.label)}" action="/search" method="get"><label for="${opts.id}"${labelClass}>${escapeHtml(opts.label)}</label><input id="${opts.id}" type="search" name="q" maxlength="${SEARCH_QUERY_MAX_LENGTH}" required value="${escapeHtml(opts.query ?? "")}"><button type="submit">Search</button></form>`;
}

export function renderPage(frame: PageFrame): string {
  const nav = SITE_NAV.map((item) => {
    const current = frame.area === item.href ? ' aria-current="page"' : "";
    return `<li><a href="${item.href}"${current}>${item.label}</a></li>`;
  }).join("");
  const canonical = frame.canonical
    ? `<link rel="canonical" href="${escapeHtml(frame.canonical)}">`
    : "";
  const robots = frame.noindex ? '<meta name="robots" content="noindex">' : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(frame.title)} · kneewise</title>
<meta name="description" content="${escapeHtml(frame.description)}">
<meta name="color-scheme" content="light">
${canonical}${robots}<link rel="stylesheet" href="${SITE_CSS_URL}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="header-inner">
<a href="/" class="brand" aria-label="kneewise home">${LOGO}<span>kneewise</span></a>
<nav id="site-nav" aria-label="Main"><ul>${nav}</ul></nav>
${searchForm({ id: "site-search", className: "site-search", label: "Search kneewise", ...(frame.query === undefined ? {} : { query: frame.query }) })}
</div></header>
<aside aria-label="Medical notice" class="clinician-notice"><p role="note">${escapeHtml(CLINICIAN_NOTICE)}</p></aside>
<main id="main">
${frame.main}
</main>
<footer class="site-footer"><p>kneewise runs on your own computer or your club's server. Your training data is never sent anywhere else.</p></footer>
</body>
</html>
`;
}
