import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildCatalogue } from "../core/content/catalogue.js";
import type { ContentCatalogue, ContentFile, ContentFolder } from "../core/content/catalogue.js";
import { buildSearchIndex } from "../core/content/search-index.js";
import type { SearchIndex } from "../core/content/search-index.js";
import { conditionSynonyms, siteSearchDocuments } from "../core/content/site-urls.js";
import { DomainError } from "../core/errors.js";

/** The content catalogue and its search index: built once at startup, read-only afterwards. */
export interface SiteContent {
  catalogue: ContentCatalogue;
  index: SearchIndex;
}

const FOLDERS: ContentFolder[] = ["articles", "exercises", "self-tests", "programmes", "care"];

/**
 * The folder holding content/: the package root, found by walking up from this file, so it is
 * the same from src/services (tsx, tests) and dist/services (the built CLI).
 */
export function defaultContentDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "content")))
      return path.join(dir, "content");
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new DomainError(
        "CONTENT_MISSING",
        "The content folder was not found beside package.json.",
      );
    dir = parent;
  }
}

/** Reads every content file (skipping contributors' READMEs), validates it and builds the search index. */
export function loadSiteContent(contentDir: string = defaultContentDir()): SiteContent {
  const files: ContentFile[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(contentDir, folder);
    if (!fs.existsSync(dir))
      throw new DomainError("CONTENT_MISSING", `The content folder ${dir} does not exist.`);
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith(".md") || name === "README.md") continue;
      files.push({ folder, name, text: fs.readFileSync(path.join(dir, name), "utf8") });
    }
  }
  const catalogue = buildCatalogue(files);
  const index = buildSearchIndex(siteSearchDocuments(catalogue), conditionSynonyms(catalogue));
  return { catalogue, index };
}
