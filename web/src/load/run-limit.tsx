import type { ReportRunLimit } from "../../../src/contracts/training.js";
import type { Units } from "../shell/session.js";
import { addDays, formatDistance, formatLimit, shortDate } from "./format.js";

/**
 * The spike rule said forwards, the guard's lead figure: the longest run of the last 30 days and
 * the run that would pass it by more than 10%. Written here from the numbers, in the units chosen
 * on this device (the report's own message follows the profile's units).
 */
export function runLimitSentence(limit: ReportRunLimit, units: Units): string {
  return `Your longest run in the last ${limit.window_days} days is ${formatDistance(limit.longest_m, units)}; keep any run this week under ${formatLimit(limit.limit_m, units)}.`;
}

export function RunLimit({ limit, asOf, units }: { limit: ReportRunLimit | null; asOf: string; units: Units }) {
  if (limit === null)
    return (
      <p className="run-limit">
        No run in the last 30 days, so there is no recent longest run to measure against. Start with short runs and
        let the longest grow by no more than 10% at a time.
      </p>
    );
  // The limit holds while that run is among the 30 days before; say so when it leaves this week.
  const leaves = limit.holds_until < addDays(asOf, 6);
  return (
    <div className="run-limit">
      <p>
        <strong>{runLimitSentence(limit, units)}</strong>
      </p>
      {leaves ? (
        <p>
          After {shortDate(limit.holds_until, true)} that run ({shortDate(limit.longest_date, true)}) is more than{" "}
          {limit.window_days} days old, and the limit follows your longest run since.
        </p>
      ) : null}
      <p>
        Why: in a study of 5,205 runners&apos; watch data (Frandsen et al. 2025), single runs more than 10% longer than
        the longest of the 30 days before went with more overuse injuries: hazard ratio 1.64 for 10-30% longer, 1.52
        for 30-100%, 2.28 for more than double. Runs within 10% were not linked with more injuries.
      </p>
    </div>
  );
}
