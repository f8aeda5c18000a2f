import { createApp } from "../../services/app.js";
import { planHistoryFromRuns } from "../../services/plans/runner-data.js";
import { getProfile } from "../../services/profile.js";
import { findReportUser } from "../../services/training-report.js";
import { resolveDbSpec } from "../db-option.js";
import type { CliIO } from "../io.js";
import type { HistoryReader } from "./plan.js";

/** `kneewise plan` without --current-weekly-km starts from the runner's stored runs. */
export function planHistoryReader(io: CliIO, version: string): HistoryReader {
  return async ({ db, user, start }) => {
    const app = await createApp({ db: resolveDbSpec(db, io), multiUser: false, version, cwd: io.cwd });
    try {
      const runner = await findReportUser(app, user);
      const { units } = await getProfile(app, runner.id);
      return { ...(await planHistoryFromRuns(app, runner.id, start)), units };
    } finally {
      await app.close();
    }
  };
}
