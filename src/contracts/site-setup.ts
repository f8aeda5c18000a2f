/** The setup link that makes the first admin of a multi-user site (services/account/site-setup.ts). */
import { z } from "zod";

export const setupClaimBody = z
  .object({
    token: z.string().trim().min(1, "The setup link has no token.").max(200),
  })
  .strict();
export type SetupClaimBody = z.infer<typeof setupClaimBody>;
