import { z } from "zod";

/** Password length bounds; the server also refuses the most common passwords and the email itself. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
/** The rules as the forms show them. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters. A few ordinary words make a good one; very common passwords and your email address are refused.`;

/** The text a runner types to confirm deleting their account. */
export const DELETE_CONFIRMATION = "delete";

// Passwords are checked by the service (its codes name the rule broken), so the schemas only
// bound their size.
const password = z.string().max(4 * PASSWORD_MAX);

export const changePasswordBody = z
  .object({
    currentPassword: z.string().max(PASSWORD_MAX),
    newPassword: password,
  })
  .strict();
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const passwordResetRequestBody = z
  .object({ email: z.string().trim().min(1, "Enter your email address.").max(254) })
  .strict();
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBody>;

/** The same answer whether or not an account has this address. */
export const passwordResetRequestResponse = z.object({ message: z.string() });
export type PasswordResetRequestResponse = z.infer<typeof passwordResetRequestResponse>;

export const passwordResetConfirmBody = z
  .object({
    token: z.string().min(1).max(200),
    password,
  })
  .strict();
export type PasswordResetConfirmBody = z.infer<typeof passwordResetConfirmBody>;

export const deleteAccountBody = z
  .object({
    /** Not needed in single-user mode, where the owner has no password. */
    password: z.string().max(PASSWORD_MAX).optional(),
    confirm: z.literal(DELETE_CONFIRMATION, { error: `Type "${DELETE_CONFIRMATION}" to confirm.` }),
  })
  .strict();
export type DeleteAccountBody = z.infer<typeof deleteAccountBody>;

/** What deleting removed: rows per table, so the runner (and a test) can see it was real. */
export const deleteAccountResponse = z.object({
  deleted: z.record(z.string(), z.number().int()),
  /** Single-user mode keeps the owner (with no data left) so the app goes on working. */
  accountKept: z.boolean(),
});
export type DeleteAccountResponse = z.infer<typeof deleteAccountResponse>;

/** Moving the account to another address (unverified until its link is opened). */
export const changeEmailBody = z
  .object({
    email: z.string().trim().email("Enter a valid email address.").max(254),
    password: z.string().max(PASSWORD_MAX),
  })
  .strict();
export type ChangeEmailBody = z.infer<typeof changeEmailBody>;
