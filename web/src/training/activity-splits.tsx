/**
 * Splits of one activity per km or mile (the runner's units), read from its own stream: the time
 * at each whole km or mile is interpolated between the two samples either side of it.
 */
import type { ActivityDetail } from "../../../src/contracts/activities.js";
import { metresPerUnit, unitSingular } from "../../../src/contracts/format.js";
import type { Units } from "../shell/session.js";
import { ColumnHeads } from "../shell/column-heads.js";
import { formatClimb, formatDistance, formatDuration, formatPace } from "./format.js";

export interface Split {
  /** 1, 2, 3…; the last may be a part of a km or mile. */
  n: number;
  distanceM: number;
  timeS: number;
  /** Metres climbed in the split, or null without altitude. */
  climbM: number | null;
}

/** A last part shorter than this share of a km or mile is left out (a few metres past the line). */
const LAST_PART_MIN = 0.1;

function splitsOf(stream: ActivityDetail["stream"], units: Units): Split[] {
  const per = metresPerUnit(units);
  const pts = stream.filter((p): p is typeof p & { d: number } => p.d !== null);
  if (pts.length < 2) return [];
  const out: Split[] = [];
  const d0 = pts[0]!.d;
  let fromT = pts[0]!.t;
  let fromD = d0;
  let climb = 0;
  let anyAlt = false;
  let lastAlt: number | null = pts[0]!.alt;
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i]!;
    const q = pts[i - 1]!;
    if (p.alt !== null) {
      if (lastAlt !== null && p.alt > lastAlt) climb += p.alt - lastAlt;
      lastAlt = p.alt;
      anyAlt = true;
    }
    // Every whole km or mile passed between q and p (a sample gap may pass more than one).
    while (p.d - d0 >= (out.length + 1) * per && p.d > q.d) {
      const mark = d0 + (out.length + 1) * per;
      const t = q.t + ((mark - q.d) / (p.d - q.d)) * (p.t - q.t);
      out.push({ n: out.length + 1, distanceM: mark - fromD, timeS: t - fromT, climbM: anyAlt ? climb : null });
      fromT = t;
      fromD = mark;
      climb = 0;
    }
  }
  const last = pts[pts.length - 1]!;
  const rest = last.d - fromD;
  if (rest >= per * LAST_PART_MIN) out.push({ n: out.length + 1, distanceM: rest, timeS: last.t - fromT, climbM: anyAlt ? climb : null });
  return out;
}

export function ActivitySplits({ activity, units }: { activity: ActivityDetail; units: Units }) {
  const splits = splitsOf(activity.stream, units);
  if (splits.length < 2) return null;
  const hasClimb = splits.some((s) => s.climbM !== null);
  return (
    <section aria-labelledby="activity-splits">
      <h2 id="activity-splits">Splits per {unitSingular(units)}</h2>
      <div className="table-scroll">
        <table className="activity-splits">
          <ColumnHeads names={hasClimb ? ["Split", "Distance", "Time", "Pace", "Climb"] : ["Split", "Distance", "Time", "Pace"]} />
          <tbody>
            {splits.map((s) => (
              <tr key={s.n}>
                <td>{s.n}</td>
                <td>{formatDistance(s.distanceM, units)}</td>
                <td>{formatDuration(s.timeS)}</td>
                <td>{formatPace(s.timeS, s.distanceM, units) ?? "–"}</td>
                {hasClimb ? <td>{s.climbM === null ? "–" : formatClimb(s.climbM, units)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
