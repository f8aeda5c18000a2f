import fs from "node:fs";
import path from "node:path";
import { parseFrontMatter } from "../../core/content/front-matter.js";
import { DomainError } from "../../core/errors.js";
import type { ArticleRef } from "../../contracts/community.js";
import { defaultContentDir } from "../content.js";

/** The slugs comments may hang under: one per article, read once per content folder. */
const articleDirectories = new Map<string, ReadonlyMap<string, ArticleRef>>();

/**
 * Every article that takes comments: content/articles/*.md by file name, with its title. Content
 * only changes with a release, so each folder is read once per process.
 */
export function communityArticles(
  contentDir: string = defaultContentDir(),
): ReadonlyMap<string, ArticleRef> {
  const cached = articleDirectories.get(contentDir);
  if (cached) return cached;
  const dir = path.join(contentDir, "articles");
  const out = new Map<string, ArticleRef>();
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    const slug = name.slice(0, -3);
    out.set(slug, { slug, title: titleOf(path.join(dir, name), slug) });
  }
  articleDirectories.set(contentDir, out);
  return out;
}

/** The front matter's title, or the slug in words. */
function titleOf(file: string, slug: string): string {
  try {
    const meta = parseFrontMatter(fs.readFileSync(file, "utf8")).meta;
    if (typeof meta.title === "string" && meta.title.trim() !== "") return meta.title.trim();
  } catch {
    // A file whose front matter does not parse still takes comments; the content checks report it.
  }
  return slug.replace(/-/g, " ");
}

export function articleOrThrow(slug: string): ArticleRef {
  const article = communityArticles().get(slug);
  if (!article) throw new DomainError("ARTICLE_NOT_FOUND", "There is no article at this address.");
  return article;
}

export function articleTitle(slug: string): string {
  return communityArticles().get(slug)?.title ?? slug;
}
