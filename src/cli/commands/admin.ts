/**
 * `kneewise admin …`: running a multi-user site from the server's own command line, where only
 * its operator can type (issue 21, item 2).
 *
 *   kneewise admin grant EMAIL         make an existing account an admin
 *   kneewise admin setup-link          print a new one-time setup link (while the site has no admin)
 *   kneewise admin invite EMAIL        let this address sign up when sign-up is by invitation
 *   kneewise admin uninvite EMAIL      take that back
 *
 * Each takes --db like serve (default $KNEEWISE_DB). They run beside running instances: each is
 * one short transaction.
 */
import type { Command } from "commander";
import { isDomainError } from "../../core/errors.js";
import { formatDateTime } from "../../core/format/index.js";
import type { App } from "../../services/app.js";
import { resolveDbSpec } from "../db-option.js";
import { cliLocale } from "../locale.js";
import type { CliIO } from "../io.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";

const siteSetup = () => import("../../services/account/site-setup.js");

const USAGE_CODES = new Set(["USER_NOT_FOUND", "VALIDATION_FAILED"]);
const DB_HELP = "SQLite file or postgres:// URL (default $KNEEWISE_DB or ./data/kneewise.db)";

async function withApp(
  io: CliIO,
  version: string,
  db: string | undefined,
  work: (app: App) => Promise<string>,
): Promise<number> {
  let app: App | undefined;
  try {
    // multiUser: these commands are about accounts; never make a single-user owner on the way.
    // Loaded when a command runs, so `kneewise --help` does not load the services (issue 18).
    const { createApp } = await import("../../services/app.js");
    app = await createApp({
      db: resolveDbSpec(db, io),
      multiUser: true,
      version,
      cwd: io.cwd,
      log: (line) => io.stderr(`kneewise admin: ${line}\n`),
    });
    io.stdout(`${await work(app)}\n`);
    return EXIT_OK;
  } catch (err) {
    if (isDomainError(err)) {
      io.stderr(`kneewise admin: ${err.message}\n`);
      return USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_FAILURE;
    }
    throw err;
  } finally {
    await app?.close();
  }
}

/** Adds `admin` and its subcommands to the program; `done` receives each run's exit code. */
export function registerAdminCommand(
  program: Command,
  io: CliIO,
  version: string,
  done: (code: number) => void,
): void {
  const admin = program
    .command("admin")
    .description("run a multi-user site from the server: make an admin, invite who may sign up");

  admin
    .command("grant")
    .description("make the account with this email address an admin")
    .argument("<email>", "the account's email address (it must have signed up)")
    .option("--db <path|url>", DB_HELP)
    .action(async (email: string, o: { db?: string }) => {
      done(
        await withApp(io, version, o.db, async (app) => {
          const { grantAdmin } = await siteSetup();
          const user = await grantAdmin(app, email);
          return `${user.email} is an admin of this site.`;
        }),
      );
    });

  admin
    .command("setup-link")
    .description(
      "print a new one-time link that makes the signed-in account opening it the admin (the old link stops working)",
    )
    .option("--db <path|url>", DB_HELP)
    .action(async (o: { db?: string }) => {
      const publicUrl = io.env.KNEEWISE_PUBLIC_URL?.trim() || "http://localhost:3000";
      done(
        await withApp(io, version, o.db, async (app) => {
          const { newSetupLink } = await siteSetup();
          const { link, expiresAt } = await newSetupLink(app, publicUrl);
          return `Sign in, then open this link before ${formatDateTime(expiresAt, cliLocale(io.env))}; it works once: ${link}`;
        }),
      );
    });

  admin
    .command("invite")
    .description("let this address sign up while sign-up is by invitation (--signup invite)")
    .argument("<email>", "the address to invite")
    .option("--db <path|url>", DB_HELP)
    .action(async (email: string, o: { db?: string }) => {
      done(
        await withApp(io, version, o.db, async (app) => {
          const { inviteToSignUp } = await siteSetup();
          const r = await inviteToSignUp(app, email);
          if (r.hasAccount) return `${r.email} has an account already.`;
          return r.added ? `${r.email} may now sign up.` : `${r.email} was invited already.`;
        }),
      );
    });

  admin
    .command("uninvite")
    .description("take back an invitation to sign up")
    .argument("<email>", "the invited address")
    .option("--db <path|url>", DB_HELP)
    .action(async (email: string, o: { db?: string }) => {
      done(
        await withApp(io, version, o.db, async (app) => {
          const { withdrawSignUpInvite } = await siteSetup();
          const r = await withdrawSignUpInvite(app, email);
          return r.removed ? `${r.email} may no longer sign up.` : `${r.email} had no invitation.`;
        }),
      );
    });

  admin.action(() => {
    io.stderr(admin.helpInformation());
    done(EXIT_USAGE);
  });
}
