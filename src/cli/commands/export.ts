/**
 * `kneewise export --out FILE [--user EMAIL]`: the same zip as the account page's download
 * (kneewise-export.json and the original files), written to a file. The bytes go straight to
 * disk as they are produced; CliIO's text writeFile does not fit a binary stream, so this
 * command writes with node:fs, resolved against io.cwd like every other path.
 */
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { isDomainError } from "../../core/errors.js";
import { createApp } from "../../services/app.js";
import type { App } from "../../services/app.js";
import { exportAccount } from "../../services/account/export.js";
import { findReportUser } from "../../services/training-report.js";
import { resolveDbSpec } from "../db-option.js";
import type { CliIO } from "../io.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "../io.js";

export interface ExportCommandOptions {
  out: string;
  user?: string;
  db?: string;
}

const USAGE_CODES = new Set(["USER_NOT_FOUND", "USER_AMBIGUOUS"]);

export async function runExport(opts: ExportCommandOptions, io: CliIO, version: string): Promise<number> {
  const out = path.resolve(io.cwd, opts.out);
  if (!fs.existsSync(path.dirname(out))) {
    io.stderr(`kneewise export: the folder ${path.dirname(out)} does not exist.\n`);
    return EXIT_USAGE;
  }
  let app: App;
  try {
    // multiUser: true so that exporting never creates the local owner as a side effect.
    app = await createApp({ db: resolveDbSpec(opts.db, io), multiUser: true, version, cwd: io.cwd });
  } catch (err) {
    if (isDomainError(err)) {
      io.stderr(`kneewise export: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    throw err;
  }
  // Written beside the target and renamed at the end: a failed export leaves no half a zip.
  const partial = `${out}.partial`;
  try {
    const user = await findReportUser(app, opts.user);
    await pipeline(exportAccount(app, user.id), fs.createWriteStream(partial));
    fs.renameSync(partial, out);
    io.stderr(`kneewise export: wrote ${user.email}'s data to ${out} (${fs.statSync(out).size} bytes).\n`);
    return EXIT_OK;
  } catch (err) {
    fs.rmSync(partial, { force: true });
    if (isDomainError(err)) {
      io.stderr(`kneewise export: ${err.message}\n`);
      return USAGE_CODES.has(err.code) ? EXIT_USAGE : EXIT_FAILURE;
    }
    throw err;
  } finally {
    await app.close();
  }
}
