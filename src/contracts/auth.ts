import { z } from "zod";

export const signupBody = z
  .object({
    email: z.string().trim().email("Enter a valid email address.").max(254),
    password: z.string().min(10, "Use at least 10 characters.").max(256),
    displayName: z.string().trim().min(1, "Choose a display name.").max(60),
  })
  .strict();
export type SignupBody = z.infer<typeof signupBody>;

export const loginBody = z
  .object({
    email: z.string().trim().max(254),
    password: z.string().max(256),
  })
  .strict();
export type LoginBody = z.infer<typeof loginBody>;

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(["runner", "coach", "moderator", "admin"]),
  localOwner: z.boolean(),
  /** The account opened a link sent to `email` (always true for the local owner). */
  emailVerified: z.boolean(),
});
export type UserView = z.infer<typeof userView>;

export const meResponse = z.object({
  user: userView.nullable(),
  mode: z.enum(["local", "multi"]),
});
export type MeResponse = z.infer<typeof meResponse>;

/** The one answer to every sign-up, taken address or not: the email says the rest. */
export const signupResponse = z.object({ message: z.string() });
export type SignupResponse = z.infer<typeof signupResponse>;

/** The token from an emailed link (the account page reads it from the link's #verify=…). */
export const verifyEmailBody = z.object({ token: z.string().min(20).max(200) }).strict();
export type VerifyEmailBody = z.infer<typeof verifyEmailBody>;

/** After a link: a new account is signed in ("signup"); an existing one's address is proved ("address"). */
export const verifyEmailResponse = z.object({
  verified: z.enum(["signup", "address"]),
  email: z.string(),
});
export type VerifyEmailResponse = z.infer<typeof verifyEmailResponse>;
