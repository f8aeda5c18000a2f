import type { ContentCatalogue } from "../../core/content/catalogue.js";
import { escapeHtml } from "../../core/content/escape-html.js";
import { articleUrl, exerciseUrl } from "../../core/content/site-urls.js";

/** sitemap.xml (sitemaps.org 0.9): every article and library page, with its review date. */
export function renderSitemap(catalogue: ContentCatalogue, origin: string): string {
  const latest = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a), "");
  const entries: { path: string; lastmod: string }[] = [
    { path: "/learn", lastmod: latest(catalogue.articles.map((a) => a.updated)) },
    {
      path: "/exercises",
      lastmod: latest(
        [...catalogue.exercises, ...catalogue.programmes, ...catalogue.selfTests].map(
          (x) => x.updated,
        ),
      ),
    },
    ...catalogue.articles.map((a) => ({ path: articleUrl(a.slug), lastmod: a.updated })),
    ...catalogue.programmes.map((p) => ({ path: exerciseUrl(p.slug), lastmod: p.updated })),
    ...catalogue.exercises.map((x) => ({ path: exerciseUrl(x.slug), lastmod: x.updated })),
    ...catalogue.selfTests.map((t) => ({ path: exerciseUrl(t.slug), lastmod: t.updated })),
  ];
  const urls = entries
    .map(
      (u) =>
        `<url><loc>${escapeHtml(origin + u.path)}</loc>${u.lastmod ? `<lastmod>${escapeHtml(u.lastmod)}</lastmod>` : ""}</url>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls}
</urlset>
`;
}

export function renderRobots(origin: string): string {
  return `User-agent: *
Allow: /
Disallow: /api/
Disallow: /search

Sitemap: ${origin}/sitemap.xml
`;
}
