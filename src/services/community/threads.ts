import { COMMENT_PAGE_SIZE } from "../../contracts/community.js";
import type { CommentView, RecentResponse, ThreadResponse } from "../../contracts/community.js";
import { comments } from "../../store/index.js";
import type { App } from "../app.js";
import { viewerInfo } from "./access.js";
import { articleOrThrow, articleTitle, communityArticles } from "./articles.js";
import { toView } from "./comment-view.js";
import type { Db } from "./db.js";
import { checkPage, checkPageInRange, pagesFor } from "./paging.js";

/** One page (newest first) of an article's thread, with each comment's replies (oldest first). */
export async function listThread(
  app: App,
  viewerId: string | null,
  slug: string,
  page = 1,
): Promise<ThreadResponse> {
  checkPage(page);
  const article = articleOrThrow(slug);
  const { db } = app.database;
  const total = await comments.countThread(db, slug, viewerId);
  const pages = pagesFor(total, COMMENT_PAGE_SIZE);
  checkPageInRange(page, pages);
  const top = await comments.listThreadPage(
    db,
    slug,
    viewerId,
    (page - 1) * COMMENT_PAGE_SIZE,
    COMMENT_PAGE_SIZE,
  );
  const byParent = await repliesByParent(
    db,
    top.map((c) => c.id),
    viewerId,
  );
  return {
    article,
    page,
    pages,
    pageSize: COMMENT_PAGE_SIZE,
    total,
    comments: top.map((c) => toView(c, viewerId, byParent.get(c.id) ?? [])),
    viewer: await viewerInfo(app, viewerId),
  };
}

/** The replies under these top-level comments, as the viewer sees them, by parent. */
async function repliesByParent(
  db: Db,
  topIds: string[],
  viewerId: string | null,
): Promise<Map<string, CommentView[]>> {
  const byParent = new Map<string, CommentView[]>();
  for (const r of await comments.listReplies(db, topIds, viewerId)) {
    const list = byParent.get(r.parent_id ?? "") ?? [];
    list.push(toView(r, viewerId));
    byParent.set(r.parent_id ?? "", list);
  }
  return byParent;
}

/** The newest visible comments across all articles, with the articles' titles. */
export async function listRecent(
  app: App,
  viewerId: string | null,
  page = 1,
): Promise<RecentResponse> {
  checkPage(page);
  const { db } = app.database;
  const pages = pagesFor(await comments.countRecentVisible(db), COMMENT_PAGE_SIZE);
  checkPageInRange(page, pages);
  const rows = await comments.listRecentVisible(
    db,
    (page - 1) * COMMENT_PAGE_SIZE,
    COMMENT_PAGE_SIZE,
  );
  return {
    page,
    pages,
    comments: rows.map((r) => ({
      ...toView(r, viewerId),
      articleTitle: articleTitle(r.article_slug),
    })),
    articles: [...communityArticles().values()].sort((a, b) => a.title.localeCompare(b.title)),
    viewer: await viewerInfo(app, viewerId),
  };
}
