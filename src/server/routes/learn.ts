import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../services/app.js";
import type { SiteContent } from "../../services/content.js";
import {
  defaultCommentsHtml,
  renderArticlePage,
  renderExerciseLibrary,
  renderExercisePage,
  renderLearnIndex,
  renderNotFoundPage,
  renderProgrammePage,
  renderSelfTestPage,
} from "../ssr/content-pages.js";
import type { PageContext } from "../ssr/content-pages.js";
import { exerciseFigureStillSvgFile, exerciseFigureSvgFile } from "../ssr/exercise-figure.js";
import { SITE_CSS, SITE_CSS_PATH, SITE_CSS_VERSION } from "../ssr/site-css.js";
import { renderRobots, renderSitemap } from "../ssr/sitemap.js";

/**
 * The HTML of the "Share your experience" section under an article (without its heading).
 * The community area supplies it; the default links to the community page.
 */
export type RenderComments = (slug: string, request: FastifyRequest) => string | Promise<string>;

export interface LearnRoutesOptions {
  renderComments?: RenderComments;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  // Pages are small and change with a release or a new comment: revalidate every time.
  return reply
    .status(status)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-cache")
    .send(html);
}

/**
 * Server-rendered knowledge base and exercise library: /learn, /learn/:slug, /exercises,
 * /exercises/:slug, plus /sitemap.xml, /robots.txt and the pages' stylesheet. These are static
 * routes, so they win over the web app's catch-all (build-server.ts) whatever the order of
 * registration: find-my-way prefers static and parametric segments to a wildcard.
 */
export function learnRoutes(_app: App, content: SiteContent, opts: LearnRoutesOptions = {}) {
  const { catalogue } = content;
  const renderComments: RenderComments =
    opts.renderComments ?? ((slug) => defaultCommentsHtml(slug));
  const ctx = (request: FastifyRequest): PageContext => ({ origin: requestOrigin(request) });

  return function register(server: FastifyInstance): void {
    server.get(SITE_CSS_PATH, (request, reply) => {
      const etag = `"${SITE_CSS_VERSION}"`;
      reply.header("etag", etag).header("cache-control", "public, max-age=31536000, immutable");
      if (request.headers["if-none-match"] === etag) return reply.status(304).send();
      return reply.type("text/css; charset=utf-8").send(SITE_CSS);
    });

    server.get("/learn", (request, reply) =>
      sendHtml(reply, renderLearnIndex(catalogue, ctx(request))),
    );
    server.get("/learn/", (_request, reply) => reply.redirect("/learn", 301));

    server.get<{ Params: { slug: string } }>("/learn/:slug", async (request, reply) => {
      const { slug } = request.params;
      const article = SLUG.test(slug) ? catalogue.articles.find((a) => a.slug === slug) : undefined;
      if (!article)
        return sendHtml(reply, renderNotFoundPage("There is no article at this address."), 404);
      const comments = await renderComments(article.slug, request);
      return sendHtml(reply, renderArticlePage(catalogue, article, ctx(request), comments));
    });

    server.get("/exercises", (request, reply) =>
      sendHtml(reply, renderExerciseLibrary(catalogue, ctx(request))),
    );
    server.get("/exercises/", (_request, reply) => reply.redirect("/exercises", 301));

    server.get<{ Params: { slug: string } }>("/exercises/:slug", (request, reply) => {
      const { slug } = request.params;
      if (SLUG.test(slug)) {
        const programme = catalogue.programmes.find((p) => p.slug === slug);
        if (programme) {
          const care = catalogue.care.find((c) => c.condition === programme.condition);
          return sendHtml(reply, renderProgrammePage(catalogue, programme, care, ctx(request)));
        }
        const exercise = catalogue.exercises.find((x) => x.slug === slug);
        if (exercise) return sendHtml(reply, renderExercisePage(catalogue, exercise, ctx(request)));
        const test = catalogue.selfTests.find((t) => t.slug === slug);
        if (test) return sendHtml(reply, renderSelfTestPage(catalogue, test, ctx(request)));
      }
      return sendHtml(
        reply,
        renderNotFoundPage("There is no exercise, programme or self-test at this address."),
        404,
      );
    });

    // The exercise pictures as image files, for the web app's programme page. Drawn from the
    // content, so they change only with a release: cache for a day, revalidate by ETag.
    const figureRoute = (file: string, draw: (slug: string) => string | undefined) =>
      server.get<{ Params: { slug: string } }>(`/exercises/:slug/${file}`, (request, reply) => {
        const { slug } = request.params;
        const svg = SLUG.test(slug) && catalogue.exercises.some((x) => x.slug === slug) ? draw(slug) : undefined;
        if (svg === undefined)
          return sendHtml(reply, renderNotFoundPage("There is no picture at this address."), 404);
        const etag = `"${createHash("sha256").update(svg).digest("hex").slice(0, 16)}"`;
        reply.header("etag", etag).header("cache-control", "public, max-age=86400");
        if (request.headers["if-none-match"] === etag) return reply.status(304).send();
        return reply.type("image/svg+xml; charset=utf-8").send(svg);
      });
    figureRoute("figure.svg", exerciseFigureSvgFile);
    figureRoute("figure-still.svg", exerciseFigureStillSvgFile);

    server.get("/sitemap.xml", (request, reply) =>
      reply
        .type("application/xml; charset=utf-8")
        .header("cache-control", "public, max-age=3600")
        .send(renderSitemap(catalogue, requestOrigin(request))),
    );
    server.get("/robots.txt", (request, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .header("cache-control", "public, max-age=3600")
        .send(renderRobots(requestOrigin(request))),
    );
  };
}
