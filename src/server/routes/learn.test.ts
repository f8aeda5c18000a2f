import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { escapeHtml } from "../../core/content/escape-html.js";
import { exerciseFigure, exerciseFigureUrls } from "../../core/content/figures/exercise-figures.js";
import { loadSiteContent } from "../../services/content.js";
import { CLINICIAN_NOTICE, SITE_NAV } from "../ssr/layout.js";
import { NAV_ITEMS } from "../../contracts/navigation.js";
import { SITE_CSS_URL } from "../ssr/site-css.js";
import { learnRoutes } from "./learn.js";

const content = loadSiteContent();
const { catalogue } = content;
const MAX_ARTICLE_BYTES = 50 * 1024;

for (const dialect of DIALECTS) {
  describe(`server-rendered knowledge base on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let cssBytes = 0;
    beforeAll(async () => {
      t = await startTestServer(dialect);
      const css = await t.server.inject(SITE_CSS_URL);
      cssBytes = css.rawPayload.length;
    });
    afterAll(() => t.close());

    it.each(catalogue.articles.map((a) => [a.slug, a] as const))(
      "renders the article %s with its title, description, sources and links",
      async (slug, article) => {
        const res = await t.server.inject(`/learn/${slug}`);
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
        const html = res.body;
        expect(html).toContain(`<title>${escapeHtml(article.title)} · kneewise</title>`);
        expect(html).toContain(
          `<meta name="description" content="${escapeHtml(article.summary)}">`,
        );
        expect(html).toContain(`<h1>${escapeHtml(article.title)}</h1>`);
        for (const source of article.sources)
          expect(html).toContain(`<li>${escapeHtml(source)}</li>`);
        for (const related of article.related) expect(html).toContain(`href="/learn/${related}"`);
        for (const tool of article.tools.filter((x) => x.startsWith("exercises/")))
          expect(html).toContain(`href="/${tool}"`);
        expect(html).toContain('id="comments"');
        expect(html).toContain("Share your experience");
        expect(html).toContain(escapeHtml(CLINICIAN_NOTICE));
        expect(html).toContain('action="/search"');
        for (const item of SITE_NAV) expect(html).toContain(`href="${item.href}"`);
        // No script of any kind: the page reads fully without JavaScript.
        expect(html).not.toMatch(/<script/i);
        // Links from content files to other content files become page URLs.
        expect(html).not.toMatch(/href="[^"]*\.md"/);
        expect(res.rawPayload.length + cssBytes).toBeLessThanOrEqual(MAX_ARTICLE_BYTES);
      },
    );

    it("lists every article on /learn, grouped under topic headings", async () => {
      const res = await t.server.inject("/learn");
      expect(res.statusCode).toBe(200);
      for (const a of catalogue.articles) expect(res.body).toContain(`href="/learn/${a.slug}"`);
      expect(res.body).toContain('<h2 id="topic-conditions">');
      expect(res.body).toContain("<title>Learn · kneewise</title>");
      expect(res.body).toContain('aria-current="page">Learn</a>');
    });

    it("renders every programme, exercise and self-test under /exercises", async () => {
      const library = await t.server.inject("/exercises");
      expect(library.statusCode).toBe(200);
      // The same menu as the app's, every daily tool included, with Programmes current here.
      for (const item of NAV_ITEMS) expect(library.body).toContain(`<a href="${item.to}"`);
      expect(library.body).toContain('aria-current="page">Programmes</a>');
      for (const x of [...catalogue.programmes, ...catalogue.exercises, ...catalogue.selfTests]) {
        expect(library.body).toContain(`href="/exercises/${x.slug}"`);
        const res = await t.server.inject(`/exercises/${x.slug}`);
        expect(res.statusCode, x.slug).toBe(200);
        expect(res.body).toContain(`<title>${escapeHtml(x.title)} · kneewise</title>`);
        for (const source of x.sources) expect(res.body, x.slug).toContain(escapeHtml(source));
        expect(res.body).not.toMatch(/href="[^"]*\.md"/);
      }
    });

    it("shows a programme's stages with links to their exercises, and its ice and support advice", async () => {
      const res = await t.server.inject("/exercises/patellar-tendinopathy");
      expect(res.body).toContain('href="/exercises/spanish-squat-isometric"');
      expect(res.body).toContain('id="ice-and-supports"');
      expect(res.body).toContain("Isometric holds");
    });

    it("shows every exercise's picture: the loop, the start and end stills, and the movement in words", async () => {
      for (const x of catalogue.exercises) {
        const fig = exerciseFigure(x.slug);
        expect(fig, x.slug).toBeDefined();
        const html = (await t.server.inject(`/exercises/${x.slug}`)).body;
        expect(html).toContain('<figure class="exercise-figure">');
        expect(html).toContain(`<figcaption id="figure-caption">${escapeHtml(fig?.alt ?? "")}</figcaption>`);
        expect(html).toContain('role="img" aria-labelledby="figure-caption"');
        expect(html).toContain('aria-labelledby="figure-start"');
        expect(html).toContain('aria-labelledby="figure-end"');
        expect(html).toContain(escapeHtml(fig?.start.label ?? ""));
        expect(html).toContain(escapeHtml(fig?.end.label ?? ""));
        expect(html).toContain("<animate ");
        // The CSP allows no inline style: the picture is drawn with attributes and SMIL only.
        expect(html).not.toMatch(/<style|\sstyle=/);
        expect(html.length, x.slug).toBeLessThan(MAX_ARTICLE_BYTES);
      }
      // Programmes and self-tests have no picture of their own.
      const programme = await t.server.inject("/exercises/patellar-tendinopathy");
      expect(programme.body).not.toContain("exercise-figure");
    });

    it("serves each exercise's picture as SVG files for the web app, cached and revalidated", async () => {
      const { url, stillUrl } = exerciseFigureUrls("step-down");
      for (const path of [url, stillUrl]) {
        const res = await t.server.inject(path);
        expect(res.statusCode, path).toBe(200);
        expect(res.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
        expect(res.body).toMatch(/^<\?xml [^>]*\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(res.body).toContain('role="img"');
        const again = await t.server.inject({ url: path, headers: { "if-none-match": String(res.headers.etag) } });
        expect(again.statusCode).toBe(304);
      }
      expect((await t.server.inject(url)).body).toContain("<animate ");
      expect((await t.server.inject(stillUrl)).body).not.toContain("<animate ");
      for (const path of ["/exercises/no-such-thing/figure.svg", "/exercises/patellar-tendinopathy/figure.svg", "/exercises/UPPER/figure-still.svg"]) {
        expect((await t.server.inject(path)).statusCode, path).toBe(404);
      }
    });

    it("answers an unknown article or exercise with an HTML 404 page", async () => {
      for (const url of [
        "/learn/no-such-article",
        "/learn/UPPER",
        "/exercises/no-such-thing",
        "/learn/..%2Fpackage.json",
      ]) {
        const res = await t.server.inject(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.body).toContain("<h1>Page not found</h1>");
      }
    });

    it("lists every article and library page in sitemap.xml, with absolute URLs", async () => {
      const res = await t.server.inject({
        url: "/sitemap.xml",
        headers: { host: "kneewise.example" },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("application/xml");
      expect(res.body).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/,
      );
      for (const a of catalogue.articles) {
        expect(res.body).toContain(
          `<url><loc>http://kneewise.example/learn/${a.slug}</loc><lastmod>${a.updated}</lastmod></url>`,
        );
      }
      const locs = [...res.body.matchAll(/<loc>/g)].length;
      expect(locs).toBe(
        2 +
          catalogue.articles.length +
          catalogue.programmes.length +
          catalogue.exercises.length +
          catalogue.selfTests.length,
      );
    });

    it("points robots.txt at the sitemap and keeps crawlers off the API", async () => {
      const res = await t.server.inject({
        url: "/robots.txt",
        headers: { host: "kneewise.example" },
      });
      expect(res.body).toContain("Sitemap: http://kneewise.example/sitemap.xml");
      expect(res.body).toContain("Disallow: /api/");
    });

    it("serves the one stylesheet with long-lived caching and answers revalidation with 304", async () => {
      const res = await t.server.inject(SITE_CSS_URL);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/css");
      expect(res.headers["cache-control"]).toContain("immutable");
      expect(res.body).toContain("@media print");
      const again = await t.server.inject({
        url: SITE_CSS_URL,
        headers: { "if-none-match": String(res.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    });

    it("is public in multi-user mode: reading an article needs no sign-in", async () => {
      const multi = await startTestServer(dialect, { multiUser: true });
      try {
        const res = await multi.server.inject("/learn/patellofemoral-pain");
        expect(res.statusCode).toBe(200);
      } finally {
        await multi.close();
      }
    });
  });
}

describe("route precedence with the web app's catch-all", () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), "kw-web-"));
    fs.writeFileSync(path.join(webRoot, "index.html"), "<!doctype html><title>SPA shell</title>");
    t = await startTestServer("sqlite", { webRoot });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it("serves the server-rendered pages for /learn*, /exercises*, /search and /sitemap.xml, and the app shell elsewhere", async () => {
    for (const url of [
      "/learn",
      "/learn/patellar-tendinopathy",
      "/exercises",
      "/exercises/step-down",
      "/search?q=ice",
      "/sitemap.xml",
    ]) {
      const res = await t.server.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain("SPA shell");
    }
    const assess = await t.server.inject("/assess");
    expect(assess.body).toContain("SPA shell");
  });
});

describe("the comments hook under an article", () => {
  it("renders what the community area supplies inside #comments", async () => {
    const server = Fastify();
    const seen: string[] = [];
    await server.register(
      learnRoutes({} as never, content, {
        renderComments: (slug) => {
          seen.push(slug);
          return Promise.resolve(`<p class="hook">comments for ${slug}</p>`);
        },
      }),
    );
    const res = await server.inject("/learn/ice-therapy");
    expect(seen).toEqual(["ice-therapy"]);
    expect(res.body).toMatch(
      /<section id="comments"[^>]*>[\s\S]*<p class="hook">comments for ice-therapy<\/p>\s*<\/section>/,
    );
    await server.close();
  });

  it("links to the community page by default", async () => {
    const server = Fastify();
    await server.register(learnRoutes({} as never, content));
    const res = await server.inject("/learn/ice-therapy");
    expect(res.body).toContain('href="/community?article=ice-therapy"');
    await server.close();
  });
});
