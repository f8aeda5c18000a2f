import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isDomainError } from "../core/errors.js";
import type { CliIO } from "./io.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./io.js";
import { registerAdminCommand } from "./commands/admin.js";

// Each command's module (and the services, database drivers and Fastify behind it) is loaded when
// that command runs, so `kneewise --help` and the small commands start quickly (issue 18).

/** --rescan-seconds: a whole number of seconds, 1 to a day. */
function parseRescanSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400)
    throw new InvalidArgumentError(`"${value}" is not a number of seconds from 1 to 86400.`);
  return n;
}

function parseKm(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number of kilometres.`);
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${value}" is not a port number (0-65535).`);
  return n;
}

export interface RunOptions {
  version: string;
  /** Lets tests stop a running `serve`. */
  signal?: AbortSignal;
  onListening?: (url: string) => void;
}

/**
 * Runs one kneewise command line and returns its exit code. Nothing here exits the process
 * (only main.ts does), so every command runs in-process in tests.
 */
export async function runCli(argv: readonly string[], io: CliIO, opts: RunOptions): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name("kneewise")
    .description("Keep running without knee pain: load guard, knee assessment, plans and a sourced knowledge base.")
    .version(opts.version, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .showHelpAfterError("(run kneewise --help for usage)")
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
    });

  program
    .command("serve")
    .description("serve the web app and API (SQLite by default, PostgreSQL with a postgres:// URL)")
    .addOption(new Option("--port <port>", "port to listen on").argParser(parsePort).default(3000))
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--db <path|url>", "SQLite file or postgres:// URL (default $KNEEWISE_DB or ./data/kneewise.db)")
    .option("--multi-user", "accounts with sign-up and sign-in (implied by PostgreSQL)", false)
    .option("--trust-proxy [hops|addresses]", "trust X-Forwarded-* from reverse proxies: a number of hops (bare: 1) or the proxies' addresses/CIDRs, comma-separated (default $KNEEWISE_TRUST_PROXY)")
    .option("--allowed-host <name>", "also answer requests for this host name (repeatable; default $KNEEWISE_ALLOWED_HOSTS)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--signup <mode>", "who may sign up: open, invite (addresses invited with kneewise admin invite) or closed (default $KNEEWISE_SIGNUP or open)")
    .option("--watch <dir>", "also import the activity files that appear in this folder (repeatable; see kneewise watch)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--watch-user <email>", "whose runs the watched folders hold (multi-user; default: the local owner)")
    .action(async (o: { port: number; host: string; db?: string; multiUser: boolean; trustProxy?: boolean | string; allowedHost: string[]; signup?: string; watch: string[]; watchUser?: string }) => {
      const { runServe } = await import("./commands/serve.js");
      exitCode = await runServe(o, io, { version: opts.version, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onListening ? { onListening: opts.onListening } : {}) });
    });

  program
    .command("assess")
    .description("assess knee-pain questionnaire answers (one JSON object or a list) from FILE or standard input")
    .argument("[file]", "JSON file with the answers; - or nothing reads standard input")
    .option("--json", "print the result objects as JSON", false)
    .action(async (file: string | undefined, o: { json: boolean }) => {
      const { runAssess } = await import("./commands/assess.js");
      exitCode = await runAssess({ json: o.json, file }, io);
    });

  program
    .command("plan")
    .description("write a gradual build-up plan (or a walk-run return after pain) and optionally an .ics calendar")
    .addOption(new Option("--goal-weekly-km <km>", "reach this weekly distance").argParser(parseKm))
    .option("--event-date <YYYY-MM-DD>", "date of an event to prepare for")
    .addOption(new Option("--event-km <km>", "distance of the event").argParser(parseKm))
    .option("--start <YYYY-MM-DD|today>", "first day planned, today or later (default: the first day of next week, as your profile sets it)")
    .addOption(new Option("--current-weekly-km <km>", "your current weekly distance").argParser(parseKm))
    .option("--beginner", "new to running: rises of 5% a week", false)
    .option("--return-from-pain", "returning after pain or injury: rises of 5% a week", false)
    .option("--ics <file>", "also write the plan as an iCalendar file")
    .option("--rest-days-in-calendar", "put rest days in the --ics calendar too", false)
    .option("--json", "print the plan as JSON", false)
    .option("--db <path|url>", "where your runs are, when --current-weekly-km is not given")
    .option("--user <email>", "whose runs, in a database with several runners")
    .option("--units <km|mi>", "distances in km or miles (default: your profile's when your runs are read, else km)")
    .action(async (o: { goalWeeklyKm?: number; eventDate?: string; eventKm?: number; start?: string; currentWeeklyKm?: number; beginner: boolean; returnFromPain: boolean; ics?: string; restDaysInCalendar: boolean; json: boolean; db?: string; user?: string; units?: string }) => {
      const [{ runPlan }, { planHistoryReader }] = await Promise.all([import("./commands/plan.js"), import("./commands/plan-history.js")]);
      exitCode = await runPlan(o, io, planHistoryReader(io, opts.version));
    });

  program
    .command("import")
    .description("import activity files, folders, and Strava or Garmin export zips")
    .argument("<path...>", "files (.fit, .gpx, .tcx, .kml, .kmz, .gz, .zip, activities.csv, Apple Health export.xml) or folders")
    .option("--db <path|url>", "SQLite file or postgres:// URL (default $KNEEWISE_DB or ./data/kneewise.db)")
    .option("--user <email>", "whose history this is (required on PostgreSQL; default: the local owner)")
    .option("--json", "print the summary as JSON", false)
    .option("--add-shoes", "add the pairs of shoes your activities name that kneewise does not know yet", false)
    .action(async (paths: string[], o: { db?: string; user?: string; json: boolean; addShoes: boolean }) => {
      const { runImport } = await import("./commands/import.js");
      exitCode = await runImport({ paths, db: o.db, user: o.user, json: o.json, addShoes: o.addShoes, version: opts.version }, io);
    });

  program
    .command("report")
    .description("print your training-load report: weekly volume, ramps, acute:chronic load, spikes, shoes and warnings")
    .option("--json", "print the report as JSON (documented in docs/report-json.md)", false)
    .option("--as-of <YYYY-MM-DD>", "the day to report on (default: today)")
    .option("--weeks <n>", "how many weeks to show (default 12)")
    .option("--user <email>", "whose report, when the database holds several runners")
    .option("--units <km|mi>", "distances in km or miles (default: your profile's)")
    .option("--db <path|url>", "SQLite file or postgres:// URL (default $KNEEWISE_DB or ./data/kneewise.db)")
    .action(async (o: { json: boolean; asOf?: string; weeks?: string; user?: string; units?: string; db?: string }) => {
      const { runReport } = await import("./commands/report.js");
      exitCode = await runReport(o, io, opts.version);
    });

  program
    .command("export")
    .description("write all of a runner's data (JSON plus the original files) to a zip file")
    .requiredOption("--out <file>", "the zip file to write")
    .option("--user <email>", "whose data, when the database holds several runners")
    .option("--db <path|url>", "SQLite file or postgres:// URL (default $KNEEWISE_DB or ./data/kneewise.db)")
    .action(async (o: { out: string; user?: string; db?: string }) => {
      const { runExport } = await import("./commands/export.js");
      exitCode = await runExport(o, io, opts.version);
    });

  program
    .command("watch")
    .description("import the activity files that appear or change in folders (a watch's GARMIN/Activity, a sync folder) until stopped")
    .argument("<dir...>", "folders to watch, with their subfolders")
    .option("--db <path|url>", "SQLite file or postgres:// URL (default $KNEEWISE_DB or ./data/kneewise.db)")
    .option("--user <email>", "whose runs these are (required on PostgreSQL; default: the local owner)")
    .addOption(new Option("--rescan-seconds <n>", "look through the folders this often, besides file-system events (default 30)").argParser(parseRescanSeconds))
    .action(async (dirs: string[], o: { db?: string; user?: string; rescanSeconds?: number }) => {
      const { runWatch } = await import("./commands/watch.js");
      exitCode = await runWatch({ dirs, db: o.db, user: o.user, rescanSeconds: o.rescanSeconds, version: opts.version }, io, opts.signal ? { signal: opts.signal } : {});
    });

  registerAdminCommand(program, io, opts.version, (code) => {
    exitCode = code;
  });

  try {
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help")
        return EXIT_OK;
      return EXIT_USAGE;
    }
    if (isDomainError(err)) {
      io.stderr(`kneewise: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    throw err;
  }
}
