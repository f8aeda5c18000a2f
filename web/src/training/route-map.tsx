/**
 * The route of one activity, drawn from its own track points as inline SVG. By default there are
 * no map tiles, so no position leaves the machine: an equirectangular projection with longitudes
 * scaled by the cosine of the middle latitude keeps shapes true over the few kilometres of a run.
 * Only when the server's operator configures a tile URL (GET /api/map-config) is the route drawn
 * in Web Mercator over that server's tiles, with its attribution under the map; the page's
 * Referrer-Policy (same-origin) keeps the activity's address out of those requests. Start and
 * finish are marked by shape as well as colour, and the figure says in words how long the route
 * is, how far apart its ends are and how much ground it covers.
 */
import { useEffect, useId, useState } from "react";
import type { ActivityDetail } from "../../../src/contracts/activities.js";
import { MAX_TILE_ZOOM, mercator, TILE_SIZE, tilesCovering, tileUrl, tileZoomFor } from "../../../src/contracts/map.js";
import type { MapConfigResponse, MapTiles, PlacedTile } from "../../../src/contracts/map.js";
import { api } from "../api.js";
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
function routePositions(stream: ActivityDetail["stream"]): (Position | null)[] {
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

interface Point {
  x: number;
  y: number;
}

/**
 * Where projected points (y to the north) go in a drawing W wide: one scale for both axes, so a
 * square block stays square, and the height follows the route's shape. A span shorter than
 * minSpan is drawn as minSpan, so a route of a few metres is not blown up to the whole width.
 */
function fit(pts: readonly Point[], minSpan: number) {
  const minX = Math.min(...pts.map((p) => p.x));
  const maxX = Math.max(...pts.map((p) => p.x));
  const minY = Math.min(...pts.map((p) => p.y));
  const maxY = Math.max(...pts.map((p) => p.y));
  const spanX = maxX - minX;
  const spanY = maxY - minY;
  const scale = Math.min((W - 2 * PAD) / Math.max(spanX, minSpan), (MAX_H - 2 * PAD) / Math.max(spanY, minSpan));
  const H = Math.round(Math.max(MIN_H, spanY * scale + 2 * PAD));
  const offsetX = (W - spanX * scale) / 2;
  const offsetY = (H - spanY * scale) / 2;
  return {
    H,
    scale,
    sx: (x: number) => offsetX + (x - minX) * scale,
    sy: (y: number) => H - offsetY - (y - minY) * scale,
    /** The projected point at the drawing's top left corner. */
    corner: { x: minX - offsetX / scale, y: minY + (H - offsetY) / scale },
  };
}

/**
 * A tile drawn at most twice its size at the deepest zoom: the smallest span drawn full width,
 * in world squares (a route of a few metres sits small in the middle of its streets).
 */
const MIN_WORLD_SPAN = (W - 2 * PAD) / (2 * TILE_SIZE * 2 ** MAX_TILE_ZOOM);

/** The drawing in Web Mercator with the tiles under it; y is negated so north is up as in fit(). */
function mercatorDrawing(all: readonly (Position | null)[], tiles: MapTiles) {
  const xy = all.map((p) => {
    if (p === null) return null;
    const m = mercator(p.lat, p.lon);
    return { x: m.x, y: -m.y };
  });
  const drawing = fit(
    xy.filter((p): p is Point => p !== null),
    MIN_WORLD_SPAN,
  );
  const placed: PlacedTile[] = tilesCovering({
    originX: drawing.corner.x,
    originY: -drawing.corner.y,
    unitsPerWorld: drawing.scale,
    width: W,
    height: drawing.H,
    zoom: tileZoomFor(drawing.scale),
  });
  return { ...drawing, xy, tiles: placed.map((t) => ({ ...t, href: tileUrl(tiles.urlTemplate, t) })) };
}

/** The operator's map tiles, or null: none configured, not known yet, or the server unreachable. */
function useMapTiles(wanted: boolean): MapTiles | null {
  const [tiles, setTiles] = useState<MapTiles | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    api<MapConfigResponse>("GET", "/api/map-config").then(
      (c) => live && setTiles(c.tiles),
      () => live && setTiles(null),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return tiles;
}

export function RouteMap({ activity, units }: { activity: Pick<ActivityDetail, "stream" | "distanceM">; units: Units }) {
  const id = useId();
  const all = routePositions(activity.stream);
  const fixes = all.filter((p): p is Position => p !== null);
  const tiles = useMapTiles(fixes.length >= 2);
  if (fixes.length < 2) return null;

  // The words are measured in metres whatever the drawing's projection.
  const project = projector(fixes);
  const metres = fixes.map(project);
  const spanX = Math.max(...metres.map((p) => p.x)) - Math.min(...metres.map((p) => p.x));
  const spanY = Math.max(...metres.map((p) => p.y)) - Math.min(...metres.map((p) => p.y));
  const first = metres[0]!;
  const last = metres[metres.length - 1]!;
  const apart = Math.hypot(last.x - first.x, last.y - first.y);

  const drawing =
    tiles === null
      ? (() => {
          const xy = all.map((p) => (p === null ? null : project(p)));
          return { ...fit(metres, 1), xy, tiles: [] };
        })()
      : mercatorDrawing(all, tiles);
  const { H, sx, sy, xy } = drawing;
  const pts = xy.filter((p): p is Point => p !== null);

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
  const ends = `start and finish ${formatGap(apart, units)} apart`;
  const length = activity.distanceM > 0 ? `Route of ${formatDistance(activity.distanceM, units)}, ${ends}` : `Route with ${ends}`;
  const description = `${length}; it covers ${formatGap(spanX, units)} from west to east and ${formatGap(spanY, units)} from south to north, north at the top.`;
  const clipId = `${id.replace(/[^A-Za-z0-9_-]/g, "")}-clip`;

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Route</h2>
      <figure className="route-map">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
          <title id={`${id}-t`}>Route</title>
          <desc id={`${id}-d`}>{description}</desc>
          {drawing.tiles.length > 0 && (
            <>
              <clipPath id={clipId}>
                <rect width={W} height={H} />
              </clipPath>
              <g clipPath={`url(#${clipId})`} className="route-tiles">
                {drawing.tiles.map((t) => (
                  // A hair wider than the tile, so no seam shows where two meet at a fractional position.
                  <image
                    key={`${t.left},${t.top}`}
                    href={t.href}
                    x={t.left}
                    y={t.top}
                    width={t.size + 0.5}
                    height={t.size + 0.5}
                    preserveAspectRatio="none"
                  />
                ))}
              </g>
            </>
          )}
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
          {tiles !== null && <small className="route-attribution">Map: {tiles.attribution}</small>}
        </figcaption>
      </figure>
    </section>
  );
}
