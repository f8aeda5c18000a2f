import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../services/app.js";
import { buildServer } from "./build-server.js";
import { mapTilesFromEnv } from "./map-tiles.js";
import type { MapTileSettings } from "./map-tiles.js";
import { createTestDb, DIALECTS } from "../../test/db.js";
import { attachOutbox, recordingMail, signUpCookies, startTestServer } from "../../test/app.js";

const TILES = { KNEEWISE_MAP_TILE_URL: "https://tile.club.example/{z}/{x}/{y}.png", KNEEWISE_MAP_ATTRIBUTION: "© OpenStreetMap contributors" };

describe("the map tile settings", () => {
  it("are none unless configured", () => {
    expect(mapTilesFromEnv({})).toBeNull();
    expect(mapTilesFromEnv({ KNEEWISE_MAP_TILE_URL: "  " })).toBeNull();
  });

  it("hold the template, the attribution and the tiles' origin", () => {
    expect(mapTilesFromEnv(TILES)).toEqual({
      urlTemplate: "https://tile.club.example/{z}/{x}/{y}.png",
      attribution: "© OpenStreetMap contributors",
      origin: "https://tile.club.example",
    });
  });

  it("are refused when not https or missing a placeholder, naming the setting", () => {
    const withUrl = (url: string) => () => mapTilesFromEnv({ ...TILES, KNEEWISE_MAP_TILE_URL: url });
    expect(withUrl("http://tile.club.example/{z}/{x}/{y}.png")).toThrow(/^KNEEWISE_MAP_TILE_URL .* must be an https:\/\/ address/);
    expect(withUrl("https://tile.club.example/{z}/{x}.png")).toThrow(/^KNEEWISE_MAP_TILE_URL .* must contain \{y\}/);
    expect(withUrl("https://tile.club.example/{x}/{y}.png")).toThrow(/^KNEEWISE_MAP_TILE_URL .* must contain \{z\}/);
    expect(withUrl("https://tile.club.example/{z}/{y}.png")).toThrow(/^KNEEWISE_MAP_TILE_URL .* must contain \{x\}/);
    expect(withUrl("https://{s}.tile.club.example/{z}/{x}/{y}.png")).toThrow(/^KNEEWISE_MAP_TILE_URL .* \{s\}/);
    expect(withUrl("https://tile.club.example/{z}/{x}/{y}.png")).not.toThrow();
  });

  it("need an attribution with a tile URL, and a tile URL with an attribution", () => {
    expect(() => mapTilesFromEnv({ KNEEWISE_MAP_TILE_URL: TILES.KNEEWISE_MAP_TILE_URL })).toThrow(/KNEEWISE_MAP_ATTRIBUTION is not/);
    expect(() => mapTilesFromEnv({ KNEEWISE_MAP_ATTRIBUTION: "© Someone" })).toThrow(/KNEEWISE_MAP_TILE_URL is not/);
  });
});

for (const dialect of DIALECTS) {
  describe(`map tiles on the server, ${dialect}`, () => {
    async function serverWith(mapTiles: MapTileSettings | null) {
      const testDb = await createTestDb(dialect);
      const app = await createApp({ db: testDb.spec, multiUser: true, version: "0.0.0-test" });
      const { mail, outbox } = recordingMail();
      const server = await buildServer({ app, mapTiles, mail });
      attachOutbox(server, outbox);
      return {
        server,
        async close() {
          await server.close();
          await app.close();
          await testDb.drop();
        },
      };
    }

    let plain: Awaited<ReturnType<typeof startTestServer>>;
    let tiled: Awaited<ReturnType<typeof serverWith>>;
    let plainCookies: Record<string, string>;
    let tiledCookies: Record<string, string>;
    beforeAll(async () => {
      plain = await startTestServer(dialect, { multiUser: true });
      tiled = await serverWith(mapTilesFromEnv(TILES));
      plainCookies = await signUpCookies(plain.server, "plain@example.com");
      tiledCookies = await signUpCookies(tiled.server, "tiled@example.com");
    });
    afterAll(async () => {
      await plain.close();
      await tiled.close();
    });

    it("GET /api/map-config requires a session", async () => {
      const res = await tiled.server.inject({ method: "GET", url: "/api/map-config" });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain("tile.club.example");
    });

    it("GET /api/map-config has no tiles without configuration", async () => {
      const res = await plain.server.inject({ method: "GET", url: "/api/map-config", cookies: plainCookies });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ tiles: null });
    });

    it("GET /api/map-config gives the configured template and attribution, not the origin", async () => {
      const res = await tiled.server.inject({ method: "GET", url: "/api/map-config", cookies: tiledCookies });
      expect(res.json()).toEqual({
        tiles: { urlTemplate: "https://tile.club.example/{z}/{x}/{y}.png", attribution: "© OpenStreetMap contributors" },
      });
    });

    it("lets images come from the tiles' origin only when configured", async () => {
      const without = String((await plain.server.inject({ method: "GET", url: "/api/health" })).headers["content-security-policy"]);
      expect(without).toContain("img-src 'self' data:;");
      expect(without).not.toContain("https://");
      const withTiles = String((await tiled.server.inject({ method: "GET", url: "/api/health" })).headers["content-security-policy"]);
      expect(withTiles).toContain("img-src 'self' data: https://tile.club.example;");
      // Only images: scripts, styles and requests from code stay on this server.
      expect(withTiles.replace("img-src 'self' data: https://tile.club.example;", "")).not.toContain("tile.club.example");
    });
  });
}
