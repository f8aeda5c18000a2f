/**
 * Map tiles under an activity's route: off unless a club's server configures a tile URL
 * (KNEEWISE_MAP_TILE_URL), because every tile request tells the tile server roughly where the
 * runner ran. The web app asks GET /api/map-config; the maths below is Web Mercator
 * ("slippy map" tiles, https://wiki.openstreetmap.org/wiki/Slippy_map_tilenames).
 */
import { z } from "zod";

export const mapTiles = z.object({
  /** An https URL with {z}, {x} and {y}, e.g. https://tile.club.example/{z}/{x}/{y}.png. */
  urlTemplate: z.string(),
  /** Shown under the map: tile providers require it. */
  attribution: z.string(),
});
export type MapTiles = z.infer<typeof mapTiles>;

/** GET /api/map-config: tiles is null when none are configured (the default). */
export const mapConfigResponse = z.object({ tiles: mapTiles.nullable() });
export type MapConfigResponse = z.infer<typeof mapConfigResponse>;

/** Tiles are 256 pixels square at every zoom. */
export const TILE_SIZE = 256;
/** The deepest zoom asked for: most tile servers stop at 18 or 19. */
export const MAX_TILE_ZOOM = 18;
/** Web Mercator's edge: the latitude at which the square world map ends. */
const MAX_LAT = 85.0511287798;

/**
 * A position on the Web Mercator world square: x from 0 (180° W) to 1 (180° E), y from 0
 * (the north edge) to 1 (the south edge).
 */
export function mercator(lat: number, lon: number): { x: number; y: number } {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return { x: (lon + 180) / 360, y: (1 - Math.asinh(Math.tan(phi)) / Math.PI) / 2 };
}

/** The tile holding a position at a zoom: x = floor((lon + 180) / 360 × 2^z), y likewise on the Mercator y. */
export function tileAt(lat: number, lon: number, zoom: number): { z: number; x: number; y: number } {
  const n = 2 ** zoom;
  const m = mercator(lat, lon);
  return { z: zoom, x: Math.min(n - 1, Math.floor(m.x * n)), y: Math.min(n - 1, Math.floor(m.y * n)) };
}

/**
 * The zoom whose tiles come nearest their own size at a drawing scale (drawing units per world
 * square): the nearest power of two, so a tile is drawn between 0.71 and 1.41 times its size.
 */
export function tileZoomFor(unitsPerWorld: number): number {
  const z = Math.round(Math.log2(unitsPerWorld / TILE_SIZE));
  return Math.max(0, Math.min(MAX_TILE_ZOOM, Number.isFinite(z) ? z : MAX_TILE_ZOOM));
}

export interface PlacedTile {
  z: number;
  /** The tile's column as the server numbers it (wrapped round the antimeridian). */
  x: number;
  y: number;
  /** Where it is drawn, in drawing units. */
  left: number;
  top: number;
  size: number;
}

/**
 * The tiles that cover a drawing of the world square at a scale: `originX`, `originY` are the
 * world position of the drawing's top left corner, width and height its size in drawing units.
 * Rows beyond the poles are left out; columns past the antimeridian wrap round.
 */
export function tilesCovering(view: {
  originX: number;
  originY: number;
  unitsPerWorld: number;
  width: number;
  height: number;
  zoom: number;
}): PlacedTile[] {
  const n = 2 ** view.zoom;
  const size = view.unitsPerWorld / n;
  const firstCol = Math.floor(view.originX * n);
  const lastCol = Math.ceil((view.originX + view.width / view.unitsPerWorld) * n) - 1;
  const firstRow = Math.max(0, Math.floor(view.originY * n));
  const lastRow = Math.min(n - 1, Math.ceil((view.originY + view.height / view.unitsPerWorld) * n) - 1);
  const tiles: PlacedTile[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    for (let col = firstCol; col <= lastCol; col++) {
      tiles.push({
        z: view.zoom,
        x: ((col % n) + n) % n,
        y: row,
        left: (col / n - view.originX) * view.unitsPerWorld,
        top: (row / n - view.originY) * view.unitsPerWorld,
        size,
      });
    }
  }
  return tiles;
}

/** A tile's address from the template. */
export function tileUrl(template: string, tile: { z: number; x: number; y: number }): string {
  return template.replaceAll("{z}", String(tile.z)).replaceAll("{x}", String(tile.x)).replaceAll("{y}", String(tile.y));
}

/**
 * What is wrong with a tile URL template, in words, or null when it is usable: https, a host
 * name without placeholders (the CSP names that one origin), {z}, {x} and {y} each present, and
 * no other placeholder ({s} sub-domains are not supported).
 */
export function tileTemplateProblem(template: string): string | null {
  if (!/^https:\/\//i.test(template)) return "must be an https:// address";
  for (const p of ["{z}", "{x}", "{y}"]) if (!template.includes(p)) return `must contain ${p} (the tile's zoom, column and row: {z}, {x}, {y})`;
  const other = template.replace(/\{[zxy]\}/g, "").match(/\{[^}]*\}?/);
  if (other) return `has the placeholder ${other[0]}, which kneewise does not fill: only {z}, {x} and {y} are supported`;
  const originPart = template.slice("https://".length).split(/[/?#]/, 1)[0] ?? "";
  if (/[{}]/.test(originPart)) return "must name one host: placeholders belong in the path";
  if (originPart.includes("@")) return "must not hold a user name or password";
  // Plain names and addresses only: the origin goes into the CSP header as it is written here.
  if (!/^(?:[a-z0-9-]+\.)*[a-z0-9-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i.test(originPart)) return "does not name a host";
  try {
    new URL(tileUrl(template, { z: 0, x: 0, y: 0 }));
  } catch {
    return "is not a valid address";
  }
  return null;
}

/** The origin tiles come from (for the CSP), from a template tileTemplateProblem accepts. */
export function tileOrigin(template: string): string {
  return new URL(tileUrl(template, { z: 0, x: 0, y: 0 })).origin;
}
