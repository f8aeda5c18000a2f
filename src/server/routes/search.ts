import type { FastifyInstance } from "fastify";
import type { ZodError } from "zod";
import { DomainError } from "../../core/errors.js";
import { searchQuery } from "../../contracts/search.js";
import type { SearchQuery, SearchResponse } from "../../contracts/search.js";
import type { App } from "../../services/app.js";
import type { SiteContent } from "../../services/content.js";
import { searchSite } from "../../services/search.js";
import type { SearchComments } from "../../services/search.js";
import { zodFields } from "../errors.js";
import { renderSearchPage } from "../ssr/search-page.js";

export interface SearchRoutesOptions {
  /** Approved-comment search from the community service; without it comments give nothing. */
  searchComments?: SearchComments;
}

/** The first problem, worded for people: "Type a word or two to search for." beats "Some fields are not valid." */
function queryError(err: ZodError): DomainError {
  const fields = zodFields(err);
  const unknown = err.issues.find((i) => i.code === "unrecognized_keys");
  const message = unknown
    ? "Only q and limit may be given to search."
    : (fields[0]?.message ?? "The search is not valid.");
  return new DomainError("VALIDATION_FAILED", message, { fields });
}

function parseQuery(raw: unknown): SearchQuery {
  const parsed = searchQuery.safeParse(raw);
  if (!parsed.success) throw queryError(parsed.error);
  return parsed.data;
}

/** GET /api/search (JSON) and GET /search (the results page, which works without JavaScript). */
export function searchRoutes(app: App, content: SiteContent, opts: SearchRoutesOptions = {}) {
  const searchComments = opts.searchComments;
  const search = (q: SearchQuery) =>
    searchSite(app, content, q.q, {
      ...(q.limit === undefined ? {} : { limit: q.limit }),
      ...(searchComments ? { searchComments } : {}),
    });

  return function register(server: FastifyInstance): void {
    server.get("/api/search", async (request): Promise<SearchResponse> => {
      const q = parseQuery(request.query);
      return { results: await search(q) };
    });

    server.get("/search", async (request, reply) => {
      const raw = request.query as Record<string, unknown>;
      const typed = typeof raw.q === "string" ? raw.q : "";
      let html: string;
      let status = 200;
      if (typed.trim() === "" && Object.keys(raw).every((k) => k === "q")) {
        // An empty box is an invitation to search, not an error.
        html = renderSearchPage({ query: "", results: undefined, error: undefined });
      } else {
        const parsed = searchQuery.safeParse(raw);
        if (parsed.success) {
          html = renderSearchPage({
            query: parsed.data.q,
            results: await search(parsed.data),
            error: undefined,
          });
        } else {
          status = 400;
          html = renderSearchPage({
            query: typed.slice(0, 200),
            results: undefined,
            error: queryError(parsed.error).message,
          });
        }
      }
      return reply
        .status(status)
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(html);
    });
  };
}
