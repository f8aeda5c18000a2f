/**
 * The parts of an athlete's page, one per kind of data the runner may share. A part not shared
 * says so; a part shared with nothing recorded says that, never a green light or "fine".
 */
import type { ReactNode } from "react";
import type { ActivityListResponse } from "../../../src/contracts/activities.js";
import type { AssessmentListResponse } from "../../../src/contracts/assessments.js";
import type { AthletePainStatusResponse, PainEntryView } from "../../../src/contracts/pain.js";
import type { ProgrammeSessionView } from "../../../src/contracts/programmes.js";
import { SHARE_SCOPE_LABELS } from "../../../src/contracts/sharing.js";
import type { ShareScope } from "../../../src/contracts/sharing.js";
import type { CheckinView, ReportResponse } from "../../../src/contracts/training.js";
import { AcwrChart, ShoeChart, VolumeChart } from "../load/charts.js";
import { WarningsList } from "../load/warnings-list.js";
import { TrafficLight } from "../pain/traffic-light.js";
import { dateText } from "../shell/dates.js";
import type { Units } from "../shell/session.js";
import { formatDistance, formatDuration, formatStartDate, SPORT_WORDS } from "../training/format.js";

/** How many diary days, check-ins and sessions the page lists, newest first. */
const LIST_SHOWN = 30;

/** What the page loaded for one kind: the data, or null when the runner does not share it. */
export type Shared<T> = T | null;

function Part({ id, title, scope, shared, children }: { id: string; title: string; scope: ShareScope; shared: boolean; children: () => ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {shared ? (
        children()
      ) : (
        <p className="not-shared">Not shared: {SHARE_SCOPE_LABELS[scope].toLowerCase()} stay private unless the runner chooses to share them.</p>
      )}
    </section>
  );
}

export function TrainingPart({ report, units }: { report: Shared<ReportResponse>; units: Units }) {
  return (
    <Part id="athlete-training" title="Training load" scope="training" shared={report !== null}>
      {() => {
        const r = report!.report;
        return (
          <>
            <h3>What needs attention now</h3>
            <WarningsList warnings={r.warnings} />
            <h3>Weekly volume</h3>
            {r.weeks.length > 0 ? <VolumeChart weeks={r.weeks} thresholdPct={report!.rampThresholdPct} units={units} /> : <p>No runs recorded yet.</p>}
            <h3>Acute:chronic load</h3>
            {r.acwr.withheld !== null ? (
              <p>
                Not shown yet: {r.acwr.withheld} ({r.acwr.covered_days} of the last 28 days covered, 21 needed).
              </p>
            ) : (
              <AcwrChart series={r.acwr.series} current={r.acwr.rolling} zone={r.acwr.zone} />
            )}
            <h3>Shoes</h3>
            {r.shoes.length > 0 ? <ShoeChart shoes={r.shoes} units={units} /> : <p>No pairs recorded yet.</p>}
          </>
        );
      }}
    </Part>
  );
}

export function ActivitiesPart({ list, units }: { list: Shared<ActivityListResponse>; units: Units }) {
  return (
    <Part id="athlete-activities" title="Recent activities" scope="activities" shared={list !== null}>
      {() =>
        list!.activities.length === 0 ? (
          <p>No activities recorded yet.</p>
        ) : (
          <ul className="plan-list">
            {list!.activities.map((a) => (
              <li key={a.id}>
                <span className="session-date">{formatStartDate(a.startUtc, a.utcOffsetMin)}</span>
                <span>
                  {SPORT_WORDS[a.sport]}
                  {a.distanceM > 0 ? `, ${formatDistance(a.distanceM, units)}` : ""}, {formatDuration(a.movingS)}
                  {a.name ? ` · ${a.name}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )
      }
    </Part>
  );
}

/** Today's light only with a diary entry this week: no entry is no light, never a green one. */
export function PainPart({ pain }: { pain: Shared<AthletePainStatusResponse> }) {
  if (pain !== null && pain.status.light !== "none") return <TrafficLight status={pain.status} />;
  return (
    <Part id="athlete-pain" title="Pain today" scope="pain" shared={pain !== null}>
      {() => <p>No pain recorded in the last 7 days, so there is no light: silence in the diary is not the same as no pain.</p>}
    </Part>
  );
}

function scoreText(e: PainEntryView): string {
  const parts = [
    e.during !== null ? `during ${e.during}` : null,
    e.after !== null ? `after ${e.after}` : null,
    e.nextMorning !== null ? `next morning ${e.nextMorning}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? `${parts.join(", ")} (out of 10)` : "no scores";
}

/** Dated items newest first, at most LIST_SHOWN, or the words for none recorded yet. */
function DatedList<T extends { date: string }>({ items, empty, itemKey, children }: { items: T[]; empty: string; itemKey: (item: T) => string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="plan-list">
      {[...items]
        .sort((a, b) => b.date.localeCompare(a.date))
        .slice(0, LIST_SHOWN)
        .map((item) => (
          <li key={itemKey(item)}>
            <span className="session-date">{dateText(item.date)}</span>
            <span>{children(item)}</span>
          </li>
        ))}
    </ul>
  );
}

export function DiaryPart({ entries }: { entries: Shared<PainEntryView[]> }) {
  return (
    <Part id="athlete-diary" title="Pain diary" scope="diary" shared={entries !== null}>
      {() => (
        <DatedList items={entries!} empty="No diary entries yet." itemKey={(e) => e.date}>
          {(e) => `${scoreText(e)}${e.notes ? ` · ${e.notes}` : ""}`}
        </DatedList>
      )}
    </Part>
  );
}

export function CheckinsPart({ checkins }: { checkins: Shared<CheckinView[]> }) {
  return (
    <Part id="athlete-checkins" title="Daily check-ins" scope="checkins" shared={checkins !== null}>
      {() => (
        <DatedList items={checkins!} empty="No check-ins yet." itemKey={(c) => c.date}>
          {(c) => `Score ${c.score} of 24 (higher is worse)${c.elevated ? " · raised" : ""}`}
        </DatedList>
      )}
    </Part>
  );
}

export function SessionsPart({ sessions }: { sessions: Shared<ProgrammeSessionView[]> }) {
  return (
    <Part id="athlete-sessions" title="Exercise sessions" scope="programmes" shared={sessions !== null}>
      {() => (
        <DatedList items={sessions!} empty="No exercise sessions logged yet." itemKey={(s) => s.id}>
          {(s) =>
            `${s.programmeSlug}, stage ${s.stage}: ${s.exercises.length} ${s.exercises.length === 1 ? "exercise" : "exercises"}` +
            (s.painDuring !== null ? ` · pain ${s.painDuring}/10 during` : "")
          }
        </DatedList>
      )}
    </Part>
  );
}

export function ChecksPart({ assessments }: { assessments: Shared<AssessmentListResponse["assessments"]> }) {
  return (
    <Part id="athlete-checks" title="Knee checks" scope="assessments" shared={assessments !== null}>
      {() => (
        <DatedList items={assessments!.map((a) => ({ ...a, date: a.createdAt }))} empty="No knee checks saved yet." itemKey={(a) => a.id}>
          {(a) => (
            <>
              <strong>{a.headline}</strong>
              {a.topCondition ? ` Most likely: ${a.topCondition.label}.` : ""}
              {a.redFlags.length > 0 ? ` Red flags: ${a.redFlags.map((f) => f.label).join(", ")}.` : ""}
            </>
          )}
        </DatedList>
      )}
    </Part>
  );
}
