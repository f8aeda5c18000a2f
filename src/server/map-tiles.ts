/**
 * The optional map tiles under activity routes (contracts/map.ts). Off by default: kneewise asks
 * no outside service for anything unless its operator configures one. Read once at start, and a
 * bad setting stops the start with an error that names it.
 */
import { DomainError } from "../core/errors.js";
import { tileOrigin, tileTemplateProblem } from "../contracts/map.js";
import type { MapTiles } from "../contracts/map.js";

export interface MapTileSettings extends MapTiles {
  /** The one origin the CSP lets images come from besides this server. */
  origin: string;
}

/** Tile providers' attributions are a line of text; a longer one is a mistake. */
const MAX_ATTRIBUTION = 300;

/** KNEEWISE_MAP_TILE_URL and KNEEWISE_MAP_ATTRIBUTION, checked; null when no tile URL is set. */
export function mapTilesFromEnv(env: Record<string, string | undefined>): MapTileSettings | null {
  const urlTemplate = env.KNEEWISE_MAP_TILE_URL?.trim() ?? "";
  const attribution = (env.KNEEWISE_MAP_ATTRIBUTION ?? "").replace(/\s+/g, " ").trim();
  if (urlTemplate === "") {
    if (attribution !== "")
      throw new DomainError("CONFIG_INVALID", "KNEEWISE_MAP_ATTRIBUTION is set but KNEEWISE_MAP_TILE_URL is not: set the tile URL too, or unset both to draw routes without a map.");
    return null;
  }
  const problem = tileTemplateProblem(urlTemplate);
  if (problem !== null)
    throw new DomainError("CONFIG_INVALID", `KNEEWISE_MAP_TILE_URL "${urlTemplate}" ${problem} (e.g. https://tile.club.example/{z}/{x}/{y}.png).`);
  if (attribution === "")
    throw new DomainError("CONFIG_INVALID", "KNEEWISE_MAP_TILE_URL is set but KNEEWISE_MAP_ATTRIBUTION is not: set the credit the tile provider asks for (e.g. \"© OpenStreetMap contributors\"), shown under each map.");
  if (attribution.length > MAX_ATTRIBUTION)
    throw new DomainError("CONFIG_INVALID", `KNEEWISE_MAP_ATTRIBUTION is ${attribution.length} characters long: keep it to one line of at most ${MAX_ATTRIBUTION}.`);
  return { urlTemplate, attribution, origin: tileOrigin(urlTemplate) };
}
