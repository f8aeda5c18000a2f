import { migrateToLatest, NEWER_DATABASE_WARNING, openDatabase } from "../store/index.js";
import type { DatabaseWait, OpenOptions } from "../store/index.js";
import type { AccountMode, App, SignupMode } from "./app-context.js";
import { ensureLocalOwner } from "./auth.js";

export type { AccountMode, App, SignupMode } from "./app-context.js";
/** How long a server start waits for PostgreSQL: KNEEWISE_DB_WAIT_SECONDS, else 60 s. */
export { databaseWaitFromEnv } from "../store/index.js";

export interface AppConfig {
  /** A postgres:// URL or an SQLite file path. */
  db: string;
  /** "local": one owner, no sign-in. "multi": sign-up and sign-in. A PostgreSQL URL implies multi. */
  multiUser: boolean;
  version: string;
  cwd?: string;
  /** Who may sign up in multi-user mode (--signup, KNEEWISE_SIGNUP); default "open". */
  signup?: SignupMode;
  /** Hears the start's warnings and retries, one plain sentence each (the server's log). */
  log?: (line: string) => void;
  /** How long to wait for PostgreSQL to come up at start; default: one try (serve waits, see databaseWaitFromEnv). */
  dbWait?: DatabaseWait;
}

export async function createApp(config: AppConfig, opts: { now?: () => Date } = {}): Promise<App> {
  const openOptions: OpenOptions = {
    ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
    ...(config.dbWait === undefined ? {} : { wait: config.dbWait }),
    ...(config.log === undefined ? {} : { onRetry: config.log }),
  };
  const database = await openDatabase(config.db, openOptions);
  try {
    // Beside a newer kneewise (a rolling upgrade) this build runs on the tables it knows.
    await migrateToLatest(database, {
      onNewerDatabase: () => config.log?.(NEWER_DATABASE_WARNING),
    });
    const mode: AccountMode =
      config.multiUser || database.dialect === "postgres" ? "multi" : "local";
    const app: App = {
      database,
      mode,
      ...(config.signup === undefined ? {} : { signup: config.signup }),
      version: config.version,
      now: opts.now ?? (() => new Date()),
      close: () => database.close(),
    };
    if (mode === "local") await ensureLocalOwner(app);
    return app;
  } catch (err) {
    await database.close();
    throw err;
  }
}
