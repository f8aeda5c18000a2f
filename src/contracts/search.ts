import { z } from "zod";

export const SEARCH_QUERY_MAX_LENGTH = 200;
export const SEARCH_LIMIT_MAX = 50;
export const SEARCH_RESULT_KINDS = [
  "condition",
  "article",
  "programme",
  "exercise",
  "self-test",
  "comment",
] as const;

/**
 * GET /api/search and /search. `q` is one string of 1 to 200 characters without control
 * characters; a repeated `q`, an unknown parameter or an absurd limit is refused rather than
 * guessed at.
 */
export const searchQuery = z
  .object({
    q: z
      .string({ error: "Give one search text in q." })
      .trim()
      .min(1, "Type a word or two to search for.")
      .max(SEARCH_QUERY_MAX_LENGTH, `Keep the search under ${SEARCH_QUERY_MAX_LENGTH} characters.`)
      .refine(
        // eslint-disable-next-line no-control-regex
        (q) => !/[\u0000-\u001f\u007f]/.test(q),
        "The search text contains control characters.",
      ),
    limit: z.coerce
      .number({ error: "limit must be a number." })
      .int("limit must be a whole number.")
      .min(1, "limit must be at least 1.")
      .max(SEARCH_LIMIT_MAX, `limit must be at most ${SEARCH_LIMIT_MAX}.`)
      .optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchResult = z.object({
  kind: z.enum(SEARCH_RESULT_KINDS),
  title: z.string(),
  url: z.string(),
  /** HTML: escaped text in which matching words are wrapped in <mark>. */
  snippet: z.string(),
});
export type SearchResult = z.infer<typeof searchResult>;

export const searchResponse = z.object({ results: z.array(searchResult) });
export type SearchResponse = z.infer<typeof searchResponse>;
