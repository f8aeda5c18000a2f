/**
 * The route of one activity, drawn from its own track points as inline SVG: no map tiles, so no
 * position leaves the machine. An equirectangular projection with longitudes scaled by the cosine
 * of the middle latitude keeps shapes true over the few kilometres of a run. Start and finish are
 * marked by shape as well as colour, and the figure says in words how long the route is, how far
 * apart its ends are and how much ground it covers.
 */
import { useId } from "react";
import type { ActivityDetail } from "../../../src/contracts/activities.js";
import type { Units } from "../shell/session.js";
import { formatClimb, formatDistance } from "./format.js";

const W = 640;
/** The drawing is never taller than this (a route running north to south), nor shorter than MIN_H. */
const MAX_H = 560;
const MIN_H = 200;
const PAD = 20;
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

interface Position {
  lat: number;
  lon: number;
}

/** The stream's positions in order, a null where a point has none (the line breaks there). */
export function routePositions(stream: ActivityDetail["stream"]): (Position | null)[] {
  return stream.map((p) => (p.lat != null && p.lon != null ? { lat: p.lat, lon: p.lon } : null));
}

/** Metres east and north of a reference point: the same projection as the drawing. */
function projector(positions: readonly Position[]) {
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const p of positions) {
    if (p.lat < minLat) minLat = p.lat;
    if (p.lat > maxLat) maxLat = p.lat;
  }
  const cosLat = Math.cos(((minLat + maxLat) / 2) * RAD);
  return (p: Position) => ({ x: p.lon * RAD * EARTH_RADIUS_M * cosLat, y: p.lat * RAD * EARTH_RADIUS_M });
}

/** A short distance in the runner's units: metres or feet under a kilometre, else as a distance. */
function formatGap(m: number, units: Units): string {
  return m < 1000 ? formatClimb(Math.round(m), units) : formatDistance(m, units);
}

export function RouteMap({ activity, units }: { activity: Pick<ActivityDetail, "stream" | "distanceM">; units: Units }) {
  const id = useId();
  const all = routePositions(activity.stream);
  const fixes = all.filter((p): p is Position => p !== null);
  if (fixes.length < 2) return null;

  const project = projector(fixes);
  const xy = all.map((p) => (p === null ? null : project(p)));
  const pts = xy.filter((p): p is { x: number; y: number } => p !== null);
  const minX = Math.min(...pts.map((p) => p.x));
  const maxX = Math.max(...pts.map((p) => p.x));
  const minY = Math.min(...pts.map((p) => p.y));
  const maxY = Math.max(...pts.map((p) => p.y));
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  // One scale for both axes, so a square block stays square; the height follows the route's shape.
  const scale = Math.min((W - 2 * PAD) / Math.max(spanX, 1), (MAX_H - 2 * PAD) / Math.max(spanY, 1));
  const H = Math.round(Math.max(MIN_H, spanY * scale + 2 * PAD));
  const offsetX = (W - spanX * scale) / 2;
  const offsetY = (H - spanY * scale) / 2;
  const sx = (x: number) => offsetX + (x - minX) * scale;
  const sy = (y: number) => H - offsetY - (y - minY) * scale;

  const lines: string[] = [];
  let cur: string[] = [];
  for (const p of xy) {
    if (p === null) {
      if (cur.length > 1) lines.push(cur.join(" "));
      cur = [];
      continue;
    }
    cur.push(`${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`);
  }
  if (cur.length > 1) lines.push(cur.join(" "));

  const start = pts[0]!;
  const finish = pts[pts.length - 1]!;
  const apart = Math.hypot(finish.x - start.x, finish.y - start.y);
  const ends = `start and finish ${formatGap(apart, units)} apart`;
  const length = activity.distanceM > 0 ? `Route of ${formatDistance(activity.distanceM, units)}, ${ends}` : `Route with ${ends}`;
  const description = `${length}; it covers ${formatGap(spanX, units)} from west to east and ${formatGap(spanY, units)} from south to north, north at the top.`;

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Route</h2>
      <figure className="route-map">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
          <title id={`${id}-t`}>Route</title>
          <desc id={`${id}-d`}>{description}</desc>
          {lines.map((l, i) => (
            <polyline key={i} points={l} className="route-line" />
          ))}
          <circle cx={sx(finish.x)} cy={sy(finish.y)} r={9} className="route-finish" />
          <rect x={sx(start.x) - 7} y={sy(start.y) - 7} width={14} height={14} className="route-start" />
        </svg>
        <figcaption>
          <span className="chart-summary">{description}</span>{" "}
          <span className="route-key">
            <svg viewBox="0 0 16 16" className="route-key-mark" aria-hidden="true">
              <rect x={2} y={2} width={12} height={12} className="route-start" />
            </svg>
            Start
            <svg viewBox="0 0 16 16" className="route-key-mark" aria-hidden="true">
              <circle cx={8} cy={8} r={6} className="route-finish" />
            </svg>
            Finish
          </span>
        </figcaption>
      </figure>
    </section>
  );
}
