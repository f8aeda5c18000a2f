/**
 * Time in heart-rate zones for one activity, from the runner's own maximum or threshold heart rate
 * (the profile's). Each zone is a row of words (its name, its range in bpm, the time and share)
 * with a bar beside it, so nothing is said by the bar alone. Without either value in the profile it
 * says where to add one rather than guessing.
 */
import { useEffect, useId, useState } from "react";
import { Link } from "react-router";
import type { ActivityDetail } from "../../../src/contracts/activities.js";
import { hrZoneAnchor, timeInHrZones } from "../../../src/contracts/profile.js";
import type { HrZoneModel, HrZoneTimes, ProfileResponse } from "../../../src/contracts/profile.js";
import { api } from "../api.js";
import { formatDuration } from "./format.js";

const ZONE_WORDS = ["very easy", "easy", "moderate", "hard", "very hard"] as const;

const MODEL_WORDS: Record<HrZoneModel, (bpm: number) => string> = {
  threshold_hr: (bpm) => `your threshold heart rate of ${bpm} bpm, as Joe Friel's percentages of it (below 85%, 85, 90, 95 and 100% and over)`,
  max_hr: (bpm) => `your maximum heart rate of ${bpm} bpm, in steps of 10% from half of it (50, 60, 70, 80 and 90%)`,
};

function share(seconds: number, total: number): string {
  return `${Math.round((seconds / total) * 100)}%`;
}

interface Row {
  key: string;
  name: string;
  range: string;
  seconds: number;
}

function rowsOf(times: HrZoneTimes): Row[] {
  const rows: Row[] = times.zones.map((z) => ({
    key: `z${z.zone}`,
    name: `Zone ${z.zone}, ${ZONE_WORDS[z.zone - 1] ?? ""}`,
    range: z.toBpm === null ? `${z.fromBpm} bpm and over` : z.fromBpm === 0 ? `under ${z.toBpm + 1} bpm` : `${z.fromBpm} to ${z.toBpm} bpm`,
    seconds: z.seconds,
  }));
  if (times.belowS > 0) {
    const floor = times.zones[0]!.fromBpm;
    rows.unshift({ key: "below", name: "Below zone 1", range: `under ${floor} bpm`, seconds: times.belowS });
  }
  return rows;
}

function ZoneBars({ times }: { times: HrZoneTimes }) {
  const rows = rowsOf(times);
  const most = rows.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const longest = Math.max(...rows.map((r) => r.seconds));
  return (
    <figure className="hr-zones">
      <figcaption>
        <span className="chart-summary">
          {formatDuration(times.countedS)} with a heart rate, most of it in {most.name.toLowerCase()}. Zones from {MODEL_WORDS[times.model](times.anchorBpm)}.
        </span>
      </figcaption>
      <ol className="hr-zone-rows">
        {rows.map((r) => (
          <li key={r.key}>
            <span className="hr-zone-name">
              {r.name} <span className="hr-zone-range">({r.range})</span>
            </span>
            <svg className="hr-zone-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
              <rect x={0} y={0} width={100} height={12} className="hr-zone-track" />
              <rect x={0} y={0} width={longest > 0 ? (r.seconds / longest) * 100 : 0} height={12} className={`hr-zone-fill ${r.key}`} />
            </svg>
            <span className="hr-zone-time">
              {formatDuration(r.seconds)}, {share(r.seconds, times.countedS)}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** The "Heart-rate zones" section: shown only when the activity has heart-rate samples. */
export function HrZonesSection({ activity }: { activity: Pick<ActivityDetail, "stream"> }) {
  const id = useId();
  const [profile, setProfile] = useState<ProfileResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const hasHr = activity.stream.some((p) => p.hr !== null);

  useEffect(() => {
    if (!hasHr) return;
    let live = true;
    api<ProfileResponse>("GET", "/api/profile").then(
      (p) => live && setProfile(p),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [hasHr]);

  if (!hasHr) return null;
  const anchor = profile === null ? null : hrZoneAnchor(profile);
  const times = anchor === null ? null : timeInHrZones(activity.stream, anchor.model, anchor.anchorBpm);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Time in heart-rate zones</h2>
      {failed ? <p className="error">Your profile could not be loaded, so the zones cannot be worked out.</p> : null}
      {profile === null && !failed ? <p>Loading…</p> : null}
      {profile !== null && anchor === null ? (
        <p>
          Zones need your maximum or threshold heart rate, and kneewise does not guess them. <Link to="/profile#heart-rate">Add one to your profile</Link>{" "}
          to see how long this activity spent in each zone.
        </p>
      ) : null}
      {times !== null && times.countedS === 0 ? <p>The heart-rate samples are too far apart to count time in zones.</p> : null}
      {times !== null && times.countedS > 0 ? <ZoneBars times={times} /> : null}
    </section>
  );
}
