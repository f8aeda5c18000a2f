import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type {
  AssessmentListResponse,
  AssessmentResponse,
} from "../../../src/contracts/assessments.js";
import type { PainListResponse } from "../../../src/contracts/pain.js";
import type { ActivePlanResponse } from "../../../src/contracts/plans.js";
import { ACWR_CANNOT_TELL, ACWR_MEANING } from "../../../src/contracts/training.js";
import type { ReportResponse, ShoeListResponse } from "../../../src/contracts/training.js";
import { runLimitSentence } from "../load/run-limit.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { browserLocale } from "../shell/locale.js";
import { useSession } from "../shell/session.js";
import type { Units } from "../shell/session.js";
import { formatDistance } from "../../../src/contracts/format.js";
import { dateText, weekdayDateText } from "../shell/dates.js";
// The plan section keeps the plan pages' own words and dates (web/src/plan).
import {
  inUnits,
  longDate,
  PHASE_LABELS,
  SESSION_LABELS,
  sessionAmount,
  shortDate,
} from "../plan/distance.js";
import { WeeklyChart } from "./weekly-chart.js";
import { ColumnHeads } from "../shell/column-heads.js";

/** Eight weeks of pain diary: long enough to show a trend, short enough for a page. */
const DIARY_DAYS = 56;

type Loaded<T> =
  { state: "loading" } | { state: "ok"; data: T } | { state: "unavailable"; reason: string };

/** Fetches one source; any failure leaves that section saying so while the rest of the report stands. */
function useSource<T>(url: string | null): Loaded<T> {
  const [value, setValue] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    if (url === null) return;
    let live = true;
    api<T>("GET", url)
      .then((data) => live && setValue({ state: "ok", data }))
      .catch((err: unknown) => {
        if (!live) return;
        const reason =
          err instanceof ApiError && err.status === 401
            ? "Sign in to include this."
            : err instanceof ApiError && err.status !== 404
              ? err.message
              : "No data yet.";
        setValue({ state: "unavailable", reason });
      });
    return () => {
      live = false;
    };
  }, [url]);
  return value;
}

function localToday(): string {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function minusDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

function Section<T>({
  id,
  title,
  source,
  empty,
  children,
}: {
  id: string;
  title: string;
  source: Loaded<T>;
  empty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  let body: ReactNode;
  if (source.state === "loading") body = <p role="status">Loading…</p>;
  else if (source.state === "unavailable")
    body = (
      <p className="no-data">
        {source.reason === "No data yet." ? "No data yet." : `No data yet. ${source.reason}`}
      </p>
    );
  else if (empty(source.data)) body = <p className="no-data">No data yet.</p>;
  else body = children(source.data);
  return (
    <section className="report-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {body}
    </section>
  );
}

/** Descriptions of where the ratio lies; none of them is a warning (see ACWR_CANNOT_TELL). */
const ZONE_WORDS: Record<string, string> = {
  low: "Below the runner's usual running.",
  ok: "About the runner's usual running.",
  high: "Above the runner's usual running.",
  very_high: "Well above the runner's usual running.",
};

const SHOE_STATUS: Record<string, string> = {
  ok: "In good use",
  replace_soon: "Replace soon",
  replace: "Replace now",
};

function score(v: number | null): string {
  return v === null ? "–" : `${v}/10`;
}

function RiskPicture({ data, units }: { data: ReportResponse; units: Units }) {
  const r = data.report;
  return (
    <>
      <p>
        <strong>Longest run: </strong>
        {r.run_limit
          ? runLimitSentence(r.run_limit, units)
          : "No run in the last 30 days, so there is no recent longest run to measure against."}{" "}
        Single runs more than 10% past the longest of the 30 days before went with more overuse injuries in a study
        of 5,205 runners (Frandsen et al. 2025).
      </p>
      <p>
        Weekly guide for this runner: each week within {data.rampThresholdPct}% of the highest of the four weeks
        before it. A cautious guide, not a proven safe limit.
      </p>
      <p>
        <strong>Acute:chronic load (last 7 days against the 3 weeks before), a description only: </strong>
        {r.acwr.rolling !== null
          ? `${r.acwr.rolling.toFixed(2)}. ${r.acwr.zone ? (ZONE_WORDS[r.acwr.zone] ?? r.acwr.zone) : ""}`
          : (r.acwr.withheld ?? "Not enough history yet.")}
      </p>
      <p>
        {ACWR_MEANING} {ACWR_CANNOT_TELL}
      </p>
      {r.warnings.length > 0 ? (
        <>
          <h3>What needs attention</h3>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>
                <strong>Warning{w.week ? ` (week of ${dateText(w.week)})` : ""}:</strong>{" "}
                {w.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No warnings: nothing in the recent training stands out.</p>
      )}
    </>
  );
}

function TrainingLoad({ data, units }: { data: ReportResponse; units: Units }) {
  const weeks = data.report.weeks;
  return (
    <>
      <WeeklyChart weeks={weeks} units={units} />
      <table className="report-table">
        <caption>Weekly running</caption>
        <ColumnHeads names={["Week of", "Distance", "Runs", "Longest", "Change", "Guide"]} />
        <tbody>
          {weeks.map((w) => (
            <tr key={w.start}>
              <th scope="row">
                {dateText(w.start)}
                {w.complete ? "" : " (so far)"}
              </th>
              <td>{formatDistance(w.distance_m, units)}</td>
              <td>{w.runs}</td>
              <td>{formatDistance(w.longest_m, units)}</td>
              <td>
                {w.change_pct === null
                  ? "–"
                  : `${w.change_pct > 0 ? "+" : ""}${Math.round(w.change_pct)}%`}
              </td>
              <td>{w.guide_limit_m === null ? "–" : formatDistance(w.guide_limit_m, units)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function LatestAssessment({ list }: { list: AssessmentListResponse }) {
  const latest = [...list.assessments].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const detail = useSource<AssessmentResponse>(
    latest ? `/api/assessments/${encodeURIComponent(latest.id)}` : null,
  );
  if (!latest) return <p className="no-data">No data yet.</p>;
  return (
    <>
      <p>
        <strong>{dateText(latest.createdAt)}: </strong>
        {latest.headline}
      </p>
      {latest.redFlags.length > 0 ? (
        <p>
          <strong>Warning signs reported:</strong> {latest.redFlags.map((f) => f.label).join("; ")}
        </p>
      ) : null}
      {detail.state === "ok" ? (
        <>
          <h3>Most likely causes, in order</h3>
          <ol>
            {detail.data.conditions.slice(0, 3).map((c) => (
              <li key={c.id}>{c.label}</li>
            ))}
          </ol>
          <p>{detail.data.advice.notADiagnosis}</p>
        </>
      ) : latest.topCondition ? (
        <p>Most likely cause: {latest.topCondition.label}</p>
      ) : null}
    </>
  );
}

function CurrentPlan({ data, units }: { data: ActivePlanResponse; units: Units }) {
  const view = data.plan;
  if (!view) return <p className="no-data">No data yet.</p>;
  const today = localToday();
  if (view.kind === "return") {
    const p = view.plan;
    return (
      <>
        <p>
          Walk-run return after knee pain:{" "}
          {p.complete
            ? "complete."
            : `stage ${p.current_stage} of ${p.stages.length}, ${p.counted_at_stage} of 2 sessions counted.`}
        </p>
        <p>{p.rule}</p>
        <p>{view.today.message}</p>
      </>
    );
  }
  const p = view.plan;
  const coming = p.weeks.filter((w) => w.start >= minusDays(today, 6)).slice(0, 3);
  return (
    <>
      <p>
        Build-up plan from {formatDistance(p.baseline_weekly_m, units)} towards{" "}
        {formatDistance(p.target_weekly_m, units)} a week: no week more than{" "}
        {Math.round(p.settings.rampRate * 100)}% above the highest of the four before it, and no run more
        than 10% past the longest of the last 30 days.
      </p>
      {view.changes ? (
        <p>
          Last adapted {longDate(view.changes.as_of)}: {view.changes.items[0]?.why}
        </p>
      ) : null}
      {coming.map((w) => (
        <div key={w.start} className="report-week">
          <h3>
            Week of {shortDate(w.start)}: {formatDistance(w.distance_m, units)} (
            {PHASE_LABELS[w.phase] ?? w.phase})
          </h3>
          <p>{w.reason}</p>
          <ul>
            {w.sessions.map((s, i) => (
              <li key={i}>
                {shortDate(s.date)}: {SESSION_LABELS[s.kind] ?? s.kind} {sessionAmount(s, units)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

export function ReportPage() {
  const { units, user, loading } = useSession();
  const today = localToday();
  const ready = !loading;
  const training = useSource<ReportResponse>(ready ? `/api/training/report?${new URLSearchParams({ locale: browserLocale(), units }).toString()}` : null);
  const shoes = useSource<ShoeListResponse>(ready ? "/api/shoes" : null);
  const pain = useSource<PainListResponse>(
    ready ? `/api/pain?from=${minusDays(today, DIARY_DAYS - 1)}&to=${today}` : null,
  );
  const assessments = useSource<AssessmentListResponse>(ready ? "/api/assessments" : null);
  const plan = useSource<ActivePlanResponse>(ready ? inUnits("/api/plans/active", units) : null);

  return (
    <Page
      title="Your knee and training report"
      intro={
        <p>
          A summary to print or save as a PDF and take to your physiotherapist or doctor
          {user && user.displayName && !user.localOwner ? `, for ${user.displayName}` : ""}, made on{" "}
          {dateText(today)}.
        </p>
      }
    >
      <div className="report-actions no-print">
        <button type="button" onClick={() => window.print()}>
          Print / Save as PDF
        </button>{" "}
        <Link to="/plan">Back to your plan</Link>
      </div>
      <p className="report-disclaimer">
        kneewise supports a runner's own decisions and does not diagnose. The figures come from the
        runner's own records.
      </p>

      <Section
        id="risk"
        title="Risk picture"
        source={training}
        empty={(d) => d.report.weeks.length === 0}
      >
        {(d) => <RiskPicture data={d} units={units} />}
      </Section>
      <Section
        id="load"
        title="Training load"
        source={training}
        empty={(d) => d.report.weeks.length === 0}
      >
        {(d) => <TrainingLoad data={d} units={units} />}
      </Section>
      <Section id="shoes" title="Shoes" source={shoes} empty={(d) => d.shoes.length === 0}>
        {(d) => (
          <table className="report-table">
            <ColumnHeads names={["Pair", "Distance", "Limit", "Status"]} />
            <tbody>
              {d.shoes.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.brand ? `${s.brand} ` : ""}
                    {s.name}
                    {s.retiredOn ? " (retired)" : ""}
                  </th>
                  <td>{formatDistance(s.distanceM, units)}</td>
                  <td>{formatDistance(s.limitM, units)}</td>
                  <td>{SHOE_STATUS[s.status] ?? s.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section
        id="pain"
        title="Pain diary (last 8 weeks)"
        source={pain}
        empty={(d) => d.entries.length === 0}
      >
        {(d) => (
          <table className="report-table">
            <ColumnHeads names={["Date", "During", "After", "Next morning", "Notes"]} />
            <tbody>
              {[...d.entries]
                .sort((a, b) => a.date.localeCompare(b.date))
                .map((e) => (
                  <tr key={e.date}>
                    <th scope="row">{weekdayDateText(e.date)}</th>
                    <td>{score(e.during)}</td>
                    <td>{score(e.after)}</td>
                    <td>{score(e.nextMorning)}</td>
                    <td>{e.notes}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section
        id="assessment"
        title="Latest knee assessment"
        source={assessments}
        empty={(d) => d.assessments.length === 0}
      >
        {(d) => <LatestAssessment list={d} />}
      </Section>
      <Section id="plan" title="Current plan" source={plan} empty={(d) => d.plan === null}>
        {(d) => <CurrentPlan data={d} units={units} />}
      </Section>
    </Page>
  );
}
