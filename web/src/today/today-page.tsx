import { useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api.js";
import { HomePage } from "../home/home-page.js";
import { localToday } from "../load/format.js";
import { weekdayDateText } from "../shell/dates.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { FirstRunSetup } from "./first-run-setup.js";
import { KneeLight, NextSessionCard, NudgeCard, restReason, SafeRunCard, ShoesCard, WarningsCard } from "./today-cards.js";
import { hasData, loadToday, nextSession, safeRun, shoesNearLimit, topWarnings } from "./today-data.js";
import type { TodayData } from "./today-data.js";

/**
 * The home page once someone uses kneewise: the knee light, the run that is safe today, the next
 * planned session, open warnings, shoes near their limit and a nudge to note today. Before the
 * profile is set up and while nothing is recorded, the first-run setup comes first; signed-out
 * visitors (multi-user mode) see the overview of kneewise.
 */
export function TodayPage() {
  const { units } = useSession();
  const [data, setData] = useState<TodayData | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [setupDone, setSetupDone] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    loadToday(localToday(), units)
      .then((d) => {
        if (live) setData(d);
      })
      .catch((err: unknown) => {
        if (live) setFailed(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Could not load today's page."));
      });
    return () => {
      live = false;
    };
  }, [reload, units]);

  if (failed !== null) {
    // Nobody signed in on a club's server: the overview of what kneewise does.
    if (failed.status === 401 || failed.status === 403) return <HomePage />;
    return (
      <Page title="Today">
        <p role="alert" className="error">
          {failed.message}
        </p>
        <button type="button" onClick={() => { setFailed(null); setReload((n) => n + 1); }}>
          Try again
        </button>
      </Page>
    );
  }
  if (data === null)
    return (
      <Page title="Today">
        <p role="status">Loading today…</p>
      </Page>
    );

  const needsSetup = data.profile.updatedAt === null && !setupDone;
  const anything = hasData(data);
  const report = data.report?.report ?? null;
  const warnings = report ? topWarnings(report.warnings) : [];
  const allWarnings = report ? topWarnings(report.warnings, Infinity).length : 0;
  const run = safeRun(data);
  const light = data.pain?.status.light ?? null;

  if (needsSetup && !anything)
    return (
      <Page
        title="Welcome to kneewise"
        intro={
          <p>
            kneewise watches your training load and your knee, and says each day what is safe to run. Three questions first,
            then bring in your runs.
          </p>
        }
      >
        <div className="today-grid today-first">
          <FirstRunSetup
            profile={data.profile}
            onSaved={(p) => {
              setSetupDone(true);
              setData({ ...data, profile: p });
            }}
          />
        </div>
        <p>
          <Link to="/tools">See everything kneewise does</Link>
        </p>
      </Page>
    );

  return (
    <Page title="Today" intro={<p>{weekdayDateText(data.today)}</p>}>
      <div className="today-grid">
        {needsSetup ? (
          <FirstRunSetup
            profile={data.profile}
            onSaved={(p) => {
              setSetupDone(true);
              setData({ ...data, profile: p });
            }}
          />
        ) : null}
        <KneeLight pain={data.pain} loggedToday={data.painLoggedToday} />
        {!anything ? (
          <section className="today-card" aria-labelledby="today-empty-heading">
            <h2 id="today-empty-heading">Nothing recorded yet</h2>
            <p>Bring in your runs, or log one by hand, and this page will show the run that is safe today.</p>
            <div className="button-row">
              <Link className="button-link" to="/training/import">
                Import your runs
              </Link>
              <Link className="button-link secondary" to="/training">
                Log a run
              </Link>
            </div>
          </section>
        ) : (
          <SafeRunCard run={run} light={light} units={units} rampPct={data.report?.rampThresholdPct ?? null} />
        )}
        <NextSessionCard
          plan={data.plan}
          session={nextSession(data.plan, data.today)}
          today={data.today}
          units={units}
          restToday={anything ? restReason(run, light) : null}
        />
        <WarningsCard warnings={warnings} total={allWarnings} />
        <ShoesCard shoes={report ? shoesNearLimit(report.shoes) : []} units={units} />
        <NudgeCard painLogged={data.painLoggedToday} checkedIn={data.checkedInToday} />
      </div>
      <p className="today-more">
        <Link to="/tools">Everything kneewise does</Link>
      </p>
    </Page>
  );
}
