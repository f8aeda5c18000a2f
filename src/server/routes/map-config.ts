import type { FastifyInstance } from "fastify";
import type { MapConfigResponse } from "../../contracts/map.js";
import { requireUser } from "../auth-context.js";
import type { MapTileSettings } from "../map-tiles.js";

/**
 * GET /api/map-config: the tiles the operator configured for route maps, or none. Signed-in only:
 * routes are, and a tile URL may carry the club's key for its provider.
 */
export function mapConfigRoutes(tiles: MapTileSettings | null) {
  return function register(server: FastifyInstance): void {
    server.get("/api/map-config", (request): MapConfigResponse => {
      requireUser(request);
      return { tiles: tiles === null ? null : { urlTemplate: tiles.urlTemplate, attribution: tiles.attribution } };
    });
  };
}
