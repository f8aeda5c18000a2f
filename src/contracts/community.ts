import { z } from "zod";

/*
 * The community API: comments ("share your experience") under articles, reports and
 * moderation. Comment bodies are validated by the service (stable codes COMMENT_EMPTY,
 * COMMENT_TOO_LONG, COMMENT_CONTROL_CHARS), not here, so every client gets the same errors.
 */

export const COMMENT_MAX_CHARS = 5000;
export const COMMENT_PAGE_SIZE = 20;
export const QUEUE_PAGE_SIZE = 50;
/** No thread is this long; a bigger page number is a broken link or a probe. */
export const COMMENT_MAX_PAGE = 1000;

export const commentPageQuery = z
  .object({
    page: z.coerce
      .number({ error: "page must be a number." })
      .int("page must be a whole number.")
      .min(1, "Pages start at 1.")
      .max(COMMENT_MAX_PAGE, `page must be at most ${COMMENT_MAX_PAGE}.`)
      .default(1),
  })
  .strict();
export type CommentPageQuery = z.infer<typeof commentPageQuery>;

export const articleSlugParams = z.object({ slug: z.string().max(200) });
export const commentIdParams = z.object({ id: z.string().min(1).max(200) });
export const moderatedUserParams = z.object({ id: z.string().min(1).max(200) });

/**
 * An outer bound on raw text, far above the service's own limits (which give the stable codes
 * COMMENT_TOO_LONG and REPORT_REASON_TOO_LONG): megabytes of text are refused before any work.
 */
const RAW_TEXT_MAX = 4 * COMMENT_MAX_CHARS;
const commentText = z
  .string({ error: "Write the comment in body." })
  .max(RAW_TEXT_MAX, `Keep the comment under ${COMMENT_MAX_CHARS.toLocaleString("en")} characters.`);

export const postCommentBody = z
  .object({
    body: commentText,
    parentId: z.string().min(1).max(200).optional(),
    /** The honeypot: a field people never see. Anything in it marks the sender as a bot. */
    website: z.string().max(10_000).optional(),
  })
  .strict();
export type PostCommentBody = z.infer<typeof postCommentBody>;

export const editCommentBody = z
  .object({ body: commentText })
  .strict();
export type EditCommentBody = z.infer<typeof editCommentBody>;

export const reportCommentBody = z
  .object({
    reason: z
      .string({ error: "Say what is wrong in reason." })
      .max(RAW_TEXT_MAX, "Keep the reason short: say briefly what is wrong with the comment."),
  })
  .strict();
export type ReportCommentBody = z.infer<typeof reportCommentBody>;

export const moderateCommentBody = z.object({ action: z.enum(["approve", "hide"]) }).strict();
export type ModerateCommentBody = z.infer<typeof moderateCommentBody>;

export const banUserBody = z
  .object({
    reason: z.string().trim().min(1, "Say why, for the audit log.").max(500),
    /** Hide everything the user has posted (the usual answer to spam). Default: true. */
    hideComments: z.boolean().default(true),
  })
  .strict();
export type BanUserBody = z.infer<typeof banUserBody>;

/** A comment body as a tree of text and checked links: the web renders it without innerHTML. */
export type CommentInlineView =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "em"; children: CommentInlineView[] }
  | { type: "strong"; children: CommentInlineView[] }
  | { type: "link"; href: string; text: string; host: string }
  | { type: "break" };
export interface CommentBlockView {
  type: "paragraph";
  children: CommentInlineView[];
}

export type CommentState = "visible" | "pending" | "deleted" | "hidden";

export interface CommentView {
  id: string;
  articleSlug: string;
  parentId: string | null;
  /** Only the display name the person chose; null for a removed comment. */
  author: { displayName: string } | null;
  /** "deleted" and "hidden" only appear as placeholders that keep a thread's replies in place. */
  state: CommentState;
  createdAt: string;
  editedAt: string | null;
  blocks: CommentBlockView[];
  /** The raw text, for editing: only ever sent to its author. */
  body: string | null;
  mine: boolean;
  replies: CommentView[];
}

export interface ArticleRef {
  slug: string;
  title: string;
}

export interface ViewerInfo {
  signedIn: boolean;
  banned: boolean;
  moderator: boolean;
}

export interface ThreadResponse {
  article: ArticleRef;
  page: number;
  pages: number;
  pageSize: number;
  total: number;
  comments: CommentView[];
  viewer: ViewerInfo;
}

export interface RecentComment extends CommentView {
  articleTitle: string;
}

export interface RecentResponse {
  page: number;
  pages: number;
  comments: RecentComment[];
  articles: ArticleRef[];
  viewer: ViewerInfo;
}

/** 201 when the comment shows at once, 202 when it waits for a moderator. */
export interface PostCommentResponse {
  state: "visible" | "pending";
  comment: CommentView | null;
}

export interface QueueItem {
  comment: CommentView & { articleTitle: string };
  author: { id: string; displayName: string; banned: boolean };
  reports: { reason: string; createdAt: string }[];
}

export interface QueueResponse {
  page: number;
  pages: number;
  total: number;
  items: QueueItem[];
}

export interface BanResponse {
  userId: string;
  banned: boolean;
  hiddenComments: number;
}
