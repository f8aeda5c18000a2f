import type { ImportJob } from "../../../src/contracts/activities.js";
import { dateTimeText } from "../shell/dates.js";

const STATUS_WORDS: Record<ImportJob["status"], string> = {
  queued: "Waiting to start",
  running: "Reading files",
  done: "Finished",
  failed: "Stopped",
  interrupted: "Interrupted",
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The runner's recent imports with what each did, so that an upload whose server restarted, or
 * that finished while the page was closed, is still there to read about.
 */
export function ImportHistory({ jobs }: { jobs: readonly ImportJob[] }) {
  if (jobs.length === 0) return null;
  return (
    <section className="import-status" aria-labelledby="import-history-heading">
      <h2 id="import-history-heading">Your recent imports</h2>
      <ul className="import-failures import-history">
        {jobs.map((job) => {
          const c = job.counts;
          const ended = job.status !== "queued" && job.status !== "running";
          return (
            <li key={job.id}>
              <span className="file-name">{dateTimeText(job.createdAt)}</span> · {STATUS_WORDS[job.status]}
              {ended ? "" : ` (${job.filesDone} of ${plural(job.filesTotal, "file")})`}
              <br />
              {plural(c.imported, "new activity", "new activities")}, {c.duplicates} already here, {plural(c.skipped, "file")} without an activity,{" "}
              {c.failed} could not be read
              {job.summary !== null && job.summary.warnings.length > 0 ? `, ${plural(job.summary.warnings.length + job.summary.moreWarnings, "warning")}` : ""}.
              {job.error !== null && job.status !== "done" ? (
                <>
                  <br />
                  {job.error}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
