import { dayToDate, formatMonth } from "../../../src/contracts/format.js";
import type { PlanSessionView, PlanWeekView } from "../../../src/contracts/plans.js";
import { browserLocale } from "../shell/locale.js";
import type { Units } from "../shell/session.js";
import {
  DAY_NAMES,
  formatDistance,
  PHASE_LABELS,
  SESSION_LABELS,
  sessionAmount,
  shortDate,
} from "./distance.js";

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function SessionLine({ s, units }: { s: PlanSessionView; units: Units }) {
  const amount = sessionAmount(s, units);
  return (
    <details className={`session session-${s.kind}`}>
      <summary>
        <span className="session-kind">{SESSION_LABELS[s.kind] ?? s.kind}</span>
        {amount ? <span className="session-amount"> {amount}</span> : null}
      </summary>
      <p>{s.description}</p>
    </details>
  );
}

/** The week's days by name, from the first day of the plan's weeks (the runner's week start). */
function weekdaysFrom(start: string | undefined): string[] {
  const first = start ? new Date(`${start}T00:00:00Z`).getUTCDay() : 1;
  return Array.from({ length: 7 }, (_, i) => DAY_NAMES[(first + i) % 7] ?? "");
}

/** A month grid (from the runner's first day of the week) of every session; shown on wide screens. */
function MonthGrid({
  weeks,
  units,
}: {
  weeks: readonly { start: string; sessions: readonly PlanSessionView[] }[];
  units: Units;
}) {
  const weekdays = weekdaysFrom(weeks[0]?.start);
  const byDate = new Map<string, PlanSessionView[]>();
  for (const w of weeks)
    for (const s of w.sessions) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  const months = new Map<string, string[]>();
  for (const w of weeks) {
    // A week that spans two months shows in both, so each month's grid is complete.
    for (const month of new Set([w.start.slice(0, 7), addDays(w.start, 6).slice(0, 7)])) {
      const list = months.get(month) ?? [];
      if (!list.includes(w.start)) list.push(w.start);
      months.set(month, list);
    }
  }
  return (
    <div className="plan-month">
      {[...months].map(([month, starts]) => (
        <table key={month} className="month-grid">
          <caption>{formatMonth(`${month}-01`, browserLocale())}</caption>
          <thead>
            <tr>
              {weekdays.map((d) => (
                <th key={d} scope="col">
                  <abbr title={d}>{d.slice(0, 3)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {starts.map((start) => (
              <tr key={start}>
                {weekdays.map((_, i) => {
                  const date = addDays(start, i);
                  const inMonth = date.startsWith(month);
                  return (
                    <td key={date} className={inMonth ? undefined : "other-month"}>
                      {inMonth ? (
                        <>
                          <span className="day-number">{dayToDate(date).getUTCDate()}</span>
                          {(byDate.get(date) ?? []).map((s, k) => (
                            <SessionLine key={k} s={s} units={units} />
                          ))}
                        </>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** The plan week by week: the distance, the reason, and (on phones) each session as a list. */
export function PlanCalendar({ weeks, units }: { weeks: readonly PlanWeekView[]; units: Units }) {
  return (
    <section aria-labelledby="plan-calendar-title" className="plan-calendar">
      <h2 id="plan-calendar-title">Your calendar</h2>
      <MonthGrid weeks={weeks} units={units} />
      <h2 className="weeks-title">Week by week, and why</h2>
      <ol className="plan-weeks">
        {weeks.map((w) => (
          <li key={w.start} className={`plan-week phase-${w.phase}`}>
            <h3>
              Week of {shortDate(w.start)}: {formatDistance(w.distance_m, units)}{" "}
              <span className="phase-tag">{PHASE_LABELS[w.phase] ?? w.phase}</span>
            </h3>
            <p className="week-reason">{w.reason}</p>
            <ul className="plan-list">
              {w.sessions.map((s, i) => (
                <li key={i}>
                  <span className="session-date">{shortDate(s.date)}</span>{" "}
                  <SessionLine s={s} units={units} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The same list and grid for the walk-run sessions of a return plan. */
export function SessionCalendar({
  weeks,
  units,
}: {
  weeks: readonly { start: string; sessions: readonly PlanSessionView[] }[];
  units: Units;
}) {
  return (
    <>
      <MonthGrid weeks={weeks} units={units} />
      <ul className="plan-list">
        {weeks.flatMap((w) =>
          w.sessions.map((s, i) => (
            <li key={`${s.date}-${i}`}>
              <span className="session-date">{shortDate(s.date)}</span>{" "}
              <SessionLine s={s} units={units} />
            </li>
          )),
        )}
      </ul>
    </>
  );
}
