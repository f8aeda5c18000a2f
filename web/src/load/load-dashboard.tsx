/**
 * The training-load dashboard: the longest-run limit first (the spike rule, the guard's lead),
 * what needs attention now (with reasons and articles), weekly volume against the runner's own
 * baseline, the acute:chronic ratio as a described trend (no alarm), shoe mileage, the check-in
 * trend, and a form to log a session by hand. Mounted at /training.
 */
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { ACWR_CANNOT_TELL, ACWR_MEANING } from "../../../src/contracts/training.js";
import type { ReportResponse } from "../../../src/contracts/training.js";
import { api } from "../api.js";
import { browserLocale } from "../shell/locale.js";
import { useSession } from "../shell/session.js";
import { AcwrChart, CheckinChart, ShoeChart, VolumeChart } from "./charts.js";
import { localToday } from "./format.js";
import { ManualEntryForm } from "./manual-entry-form.js";
import { WarningsList } from "./warnings-list.js";
import { PainBesideLoad } from "./pain-beside-load.js";
import { RunLimit } from "./run-limit.js";

export const DASHBOARD_WEEKS = 16;

export function LoadDashboard() {
  const { units } = useSession();
  const [data, setData] = useState<ReportResponse | null>(null);
  const [error, setError] = useState("");

  const load = useCallback(async () => {
    try {
      // The browser's date is the runner's today: the server cannot know their time zone.
      const q = new URLSearchParams({ asOf: localToday(), weeks: String(DASHBOARD_WEEKS), locale: browserLocale(), units });
      setData(await api<ReportResponse>("GET", `/api/training/report?${q.toString()}`));
      setError("");
    } catch (err) {
      setError(err instanceof Error ? err.message : "The report could not be loaded.");
    }
  }, [units]);

  useEffect(() => {
    void load();
  }, [load]);

  const report = data?.report;
  const hasWeeks = report !== undefined && report.weeks.length > 0;
  return (
    <div className="load-dashboard">
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {report === undefined && !error ? <p role="status">Loading your training…</p> : null}
      {report ? (
        <>
          <section aria-labelledby="load-longest">
            <h2 id="load-longest">Your longest run</h2>
            <RunLimit limit={report.run_limit} asOf={report.as_of} units={units} />
          </section>
          <section aria-labelledby="load-now">
            <h2 id="load-now">What needs attention now</h2>
            <WarningsList warnings={report.warnings} />
            <PainBesideLoad />
          </section>
          <section aria-labelledby="load-volume">
            <h2 id="load-volume">Weekly volume</h2>
            {hasWeeks ? (
              <VolumeChart weeks={report.weeks} thresholdPct={data?.rampThresholdPct ?? 10} units={units} />
            ) : (
              <p>No runs yet. Import your files or log a run below, and your weeks appear here.</p>
            )}
          </section>
          <section aria-labelledby="load-acwr">
            <h2 id="load-acwr">Acute:chronic load</h2>
            {report.acwr.withheld !== null ? (
              <p>
                Not shown yet: {report.acwr.withheld} ({report.acwr.covered_days} of the last 28 days covered, 21 needed).{" "}
                <Link to="/learn/acute-chronic-load">What this ratio means</Link>
              </p>
            ) : (
              <AcwrChart series={report.acwr.series} current={report.acwr.rolling} zone={report.acwr.zone} />
            )}
            <h3>What it means</h3>
            <p>{ACWR_MEANING}</p>
            <h3>What it cannot tell</h3>
            <p>{ACWR_CANNOT_TELL}</p>
          </section>
          <section aria-labelledby="load-shoes">
            <h2 id="load-shoes">Shoes</h2>
            {report.shoes.length > 0 ? <ShoeChart shoes={report.shoes} units={units} /> : <p>No pairs yet.</p>}
            <p>
              <Link to="/shoes">Manage your shoes</Link>
            </p>
          </section>
          <section aria-labelledby="load-checkins">
            <h2 id="load-checkins">How you feel</h2>
            {report.checkins.trend.length > 0 ? (
              <CheckinChart trend={report.checkins.trend} />
            ) : (
              <p>No check-ins in the last two weeks.</p>
            )}
            <p>
              <Link to="/check-in">Answer today&apos;s check-in</Link>
            </p>
          </section>
        </>
      ) : null}
      <section aria-label="Log a session">
        <ManualEntryForm onSaved={() => void load()} />
      </section>
    </div>
  );
}
