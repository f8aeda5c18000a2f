/**
 * `kneewise import <path…> [--db …] [--user EMAIL] [--json]`: reads activity files, folders,
 * Strava and Garmin export zips into the database. Exit 0 when every file was read, 1 when some
 * failed (the rest are still imported) or the import stopped, 2 on a usage error. With --json the
 * summary is printed whatever happened: when the import stopped it says so in `error`, and counts
 * what was done by then.
 */
import path from "node:path";
import { isDomainError } from "../../core/errors.js";
import type { ShoeOffer } from "../../contracts/shoes.js";
import { formatDate, formatDistance } from "../../core/format/index.js";
import type { Units as DistanceUnit } from "../../core/format/index.js";
import { createApp } from "../../services/app.js";
import type { App } from "../../services/app.js";
import { getProfile } from "../../services/profile.js";
import { acceptShoeOffers, listShoeOffers } from "../../services/shoes.js";
import { dataDirFor, formatFileProblem, formatProgressLine, importPaths, ImportStoppedError, resolveImportUser } from "../../services/import/index.js";
import type { ImportProgress, ImportSummary } from "../../services/import/index.js";
import { resolveDbSpec } from "../db-option.js";
import { cliLocale } from "../locale.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";
import type { CliIO } from "../io.js";

export interface ImportCommandOptions {
  paths: string[];
  db?: string | undefined;
  user?: string | undefined;
  json: boolean;
  /** Add the pairs of shoes the activities name and kneewise does not know yet (the offers). */
  addShoes?: boolean | undefined;
  version: string;
}

const USAGE_CODES = new Set(["USER_REQUIRED", "USER_NOT_FOUND"]);

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The summary of an import that stopped before it counted anything. */
const emptySummary = (): ImportSummary => ({ files: 0, imported: 0, duplicates: 0, skipped: 0, failed: [], warnings: [], moreWarnings: 0, activities: 0, seconds: 0 });

function describe(s: ImportSummary): string {
  const lines = [
    `Imported ${plural(s.imported, "activity", "activities")} from ${plural(s.files, "file")} in ${s.seconds.toFixed(1)} s ` +
      `(${plural(s.duplicates, "duplicate")} left out, ${s.skipped} not activities). You now have ${plural(s.activities, "activity", "activities")}.`,
  ];
  if (s.failed.length > 0) {
    lines.push(`${plural(s.failed.length, "file")} could not be read:`);
    for (const f of s.failed) lines.push(formatFileProblem(f));
  }
  if (s.warnings.length > 0) {
    lines.push(`${plural(s.warnings.length + s.moreWarnings, "warning")}:`);
    for (const w of s.warnings) lines.push(formatFileProblem(w));
    if (s.moreWarnings > 0) lines.push(`  … and ${s.moreWarnings} more.`);
  }
  return lines.join("\n") + "\n";
}

interface ShoesAfterImport {
  /** Gear names still matching no pair. */
  offers: ShoeOffer[];
  /** Names of the pairs added by --add-shoes. */
  added: string[];
  units: DistanceUnit;
}

async function shoeOffersAfterImport(app: App, userId: string, add: boolean): Promise<ShoesAfterImport> {
  const { units } = await getProfile(app, userId);
  let { offers } = await listShoeOffers(app, userId);
  let added: string[] = [];
  if (add && offers.length > 0) {
    added = (await acceptShoeOffers(app, userId, offers.map((o) => o.gear))).created.map((s) => s.name);
    offers = (await listShoeOffers(app, userId)).offers;
  }
  return { offers, added, units };
}

/** The shoes the activities name: added, or offered with the command that adds them. */
function describeShoes(s: ShoesAfterImport, opts: ImportCommandOptions, locale: string): string {
  const day = (d: string) => formatDate(d, locale);
  const lines: string[] = [];
  if (s.added.length > 0) lines.push(`Added ${plural(s.added.length, "pair")} of shoes with their past runs: ${s.added.join(", ")}.`);
  if (s.offers.length > 0) {
    lines.push(`${s.offers.length === 1 ? "1 pair of shoes in your activities is" : `${s.offers.length} pairs of shoes in your activities are`} not in kneewise yet:`);
    for (const o of s.offers) {
      lines.push(`  ${o.gear}: ${formatDistance(o.distanceM, s.units)} in ${plural(o.activities, "activity", "activities")}, ${o.firstUsed === o.lastUsed ? `on ${day(o.firstUsed)}` : `${day(o.firstUsed)} to ${day(o.lastUsed)}`}`);
    }
    const where = [...(opts.db !== undefined ? [`--db ${shellWord(opts.db)}`] : []), ...(opts.user !== undefined ? [`--user ${shellWord(opts.user)}`] : [])];
    lines.push(`Add them with their past runs: kneewise import --add-shoes ${[...where, ...opts.paths.map(shellWord)].join(" ")} (nothing is imported twice), or on the Shoes page.`);
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** A word as a POSIX shell reads it back. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/**
 * Opens the database named by --db and finds the runner whose files these are (`kneewise import`
 * and `kneewise watch`): a PostgreSQL site must be told whose with --user. A usage error is
 * printed and returned as EXIT_USAGE; otherwise the caller closes the app.
 */
export async function openImportTarget(
  command: string,
  opts: { db?: string | undefined; user?: string | undefined; version: string },
  io: CliIO,
  /** What --user names, in "name whose … with --user EMAIL". */
  whose: string,
): Promise<{ app: App; user: Awaited<ReturnType<typeof resolveImportUser>> } | number> {
  const db = resolveDbSpec(opts.db, io);
  if (/^postgres(ql)?:/i.test(db) && opts.user === undefined) {
    io.stderr(`${command}: a PostgreSQL database holds several runners: name whose ${whose} with --user EMAIL.\n`);
    return EXIT_USAGE;
  }
  // Multi-user mode so that opening never invents a local owner in a site's database.
  const app = await createApp({ db, multiUser: true, version: opts.version, cwd: io.cwd });
  try {
    return { app, user: await resolveImportUser(app, opts.user) };
  } catch (err) {
    await app.close();
    if (isDomainError(err) && USAGE_CODES.has(err.code)) {
      io.stderr(`${command}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

export async function runImport(opts: ImportCommandOptions, io: CliIO): Promise<number> {
  if (opts.paths.length === 0) {
    io.stderr("import: name at least one file or folder to import.\n");
    return EXIT_USAGE;
  }
  const target = await openImportTarget("import", opts, io, "history this is");
  if (typeof target === "number") return target;
  const { app, user } = target;
  try {
    let lastDraw = 0;
    const draw = (p: ImportProgress, final = false): void => {
      const t = Date.now();
      if (!final && t - lastDraw < 100) return;
      lastDraw = t;
      io.stderr(`\r${formatProgressLine(p)}${final ? "\n" : ""}`);
    };
    let last: ImportProgress | null = null;
    let summary: ImportSummary;
    try {
      summary = await importPaths(
        app,
        user.id,
        opts.paths.map((p) => ({ path: path.resolve(io.cwd, p), displayName: p })),
        {
          dataDir: dataDirFor(app, io.env, io.cwd),
          ...(io.env.KNEEWISE_IMPORT_BATCH_FILES ? { batchFiles: Number(io.env.KNEEWISE_IMPORT_BATCH_FILES) } : {}),
          ...(io.env.KNEEWISE_IMPORT_WORKERS ? { workers: Number(io.env.KNEEWISE_IMPORT_WORKERS) } : {}),
          ...(io.isTTY
            ? {
                onProgress: (p: ImportProgress) => {
                  last = p;
                  draw(p);
                },
              }
            : {}),
        },
      );
    } catch (err) {
      // Stopped part-way (the database went away, a disk filled): still say what was done.
      if (last !== null) draw(last, true);
      const partial = err instanceof ImportStoppedError ? err.summary : emptySummary();
      const reason = err instanceof ImportStoppedError ? err.cause : err;
      const code = isDomainError(reason) ? reason.code : "IMPORT_STOPPED";
      const message = err instanceof ImportStoppedError ? err.message : `The import stopped: ${err instanceof Error ? err.message : String(err)}`;
      io.stdout(opts.json ? `${JSON.stringify({ ...partial, error: { code, message } })}\n` : describe(partial));
      io.stderr(`import: ${message}\n`);
      return EXIT_FAILURE;
    }
    if (last !== null) draw(last, true);
    const shoes = await shoeOffersAfterImport(app, user.id, opts.addShoes === true);
    io.stdout(opts.json ? `${JSON.stringify({ ...summary, shoeOffers: shoes.offers, shoesAdded: shoes.added })}\n` : describe(summary) + describeShoes(shoes, opts, cliLocale(io.env)));
    return summary.failed.length > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    await app.close();
  }
}
