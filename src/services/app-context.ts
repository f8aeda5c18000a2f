import type { Database } from "../store/index.js";

/** "local": one owner, no sign-in. "multi": sign-up and sign-in. */
export type AccountMode = "local" | "multi";

/** Who may make an account on a multi-user site (services/account/site-setup.ts). */
export type SignupMode = "open" | "invite" | "closed";

/**
 * What every use case needs: the database, the account mode and a clock. It lives apart from
 * createApp (app.ts) so that the services createApp calls can name it without importing app.ts back.
 */
export interface App {
  database: Database;
  mode: AccountMode;
  /** Who may sign up (multi-user mode); absent means "open". */
  signup?: SignupMode;
  version: string;
  now: () => Date;
  close(): Promise<void>;
}
