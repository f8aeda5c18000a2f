import { z } from "zod";

/**
 * Personal upload tokens: named keys that let a phone automation, a watch companion app or a
 * script send runs to POST /api/imports (Authorization: Bearer …) and read those imports, and
 * nothing else.
 */
export const UPLOAD_TOKEN_NAME_MAX = 60;
/** Live tokens one runner may hold: one per device or script is plenty. */
export const UPLOAD_TOKENS_MAX = 20;

export const createUploadTokenBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Name the token after where it will be used ("Phone", "Watch sync").')
      .max(UPLOAD_TOKEN_NAME_MAX),
  })
  .strict();
export type CreateUploadTokenBody = z.infer<typeof createUploadTokenBody>;

export const uploadTokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** When it last authenticated a request (to the minute), or null if never. */
  lastUsedAt: z.string().nullable(),
});
export type UploadTokenView = z.infer<typeof uploadTokenView>;

export const uploadTokenList = z.object({ tokens: z.array(uploadTokenView) });
export type UploadTokenList = z.infer<typeof uploadTokenList>;

/** The answer to creating a token: the only time its secret is ever shown. */
export const createdUploadToken = z.object({ token: uploadTokenView, secret: z.string() });
export type CreatedUploadToken = z.infer<typeof createdUploadToken>;

export const uploadTokenIdParam = z.object({ id: z.string().min(1).max(100) });
