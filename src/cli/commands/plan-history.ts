import { createApp } from "../../services/app.js";
import { planHistoryFromRuns } from "../../services/plans/runner-data.js";
import { findReportUser } from "../../services/training-report.js";
import { resolveDbSpec } from "../db-option.js";
import type { CliIO } from "../io.js";
import type { HistoryReader } from "./plan.js";

/**
 * `kneewise plan` without --current-weekly-km starts from the runner's stored runs, in the weeks
 * their profile keeps (its first day of the week and its units), as services/plans does for the web.
 */
export function planHistoryReader(io: CliIO, version: string): HistoryReader {
  return async ({ db, user, start, today }) => {
    const app = await createApp({ db: resolveDbSpec(db, io), multiUser: false, version, cwd: io.cwd });
    try {
      const runner = await findReportUser(app, user);
      return await planHistoryFromRuns(app, runner.id, start, today);
    } finally {
      await app.close();
    }
  };
}
