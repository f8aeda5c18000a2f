import { describe, expect, it } from "vitest";
import { mercator, tileAt, tileOrigin, tilesCovering, tileTemplateProblem, tileUrl, tileZoomFor } from "./map.js";

describe("Web Mercator tiles", () => {
  it("puts a position in the tile worked out by hand", () => {
    // x = floor((lon + 180) / 360 × 2^z); y = floor((1 − asinh(tan lat) / π) / 2 × 2^z).
    expect(tileAt(0, 0, 0)).toEqual({ z: 0, x: 0, y: 0 });
    expect(tileAt(0, 0, 1)).toEqual({ z: 1, x: 1, y: 1 });
    // London, 51.5074 N 0.1278 W at zoom 10: x = floor(179.8722 / 360 × 1024) = floor(511.64) = 511;
    // tan(51.5074°) = 1.25799, asinh = 1.05257, (1 − 1.05257 / π) / 2 × 1024 = 340.46.
    expect(tileAt(51.5074, -0.1278, 10)).toEqual({ z: 10, x: 511, y: 340 });
    // Sydney Opera House, 33.8568 S 151.2153 E at zoom 12: x = floor(331.2153 / 360 × 4096) = 3768.
    expect(tileAt(-33.8568, 151.2153, 12)).toEqual({ z: 12, x: 3768, y: 2457 });
  });

  it("keeps the world square's edges: the antimeridian and the poles clamp", () => {
    expect(mercator(0, -180)).toEqual({ x: 0, y: 0.5 });
    expect(mercator(90, 0).y).toBeCloseTo(0, 9);
    expect(mercator(-90, 0).y).toBeCloseTo(1, 9);
    expect(tileAt(89.9, 179.999, 3)).toEqual({ z: 3, x: 7, y: 0 });
  });

  it("chooses the zoom whose tiles are drawn nearest their own size", () => {
    expect(tileZoomFor(256)).toBe(0);
    expect(tileZoomFor(256 * 2 ** 14)).toBe(14);
    expect(tileZoomFor(256 * 2 ** 14 * 1.3)).toBe(14);
    expect(tileZoomFor(256 * 2 ** 14 * 1.5)).toBe(15);
    expect(tileZoomFor(256 * 2 ** 30)).toBe(18);
    expect(tileZoomFor(1)).toBe(0);
  });

  it("covers a drawing with the tiles under it, placed where they belong", () => {
    // Zoom 1 drawn at 512 units per world: each tile 256 units. A 300 × 200 window whose top
    // left corner is at the world's centre covers tiles (1,1), (2→0 wrapped,1).
    const tiles = tilesCovering({ originX: 0.5, originY: 0.5, unitsPerWorld: 512, width: 300, height: 200, zoom: 1 });
    expect(tiles).toEqual([
      { z: 1, x: 1, y: 1, left: 0, top: 0, size: 256 },
      { z: 1, x: 0, y: 1, left: 256, top: 0, size: 256 },
    ]);
    // Rows above the north edge are left out.
    const north = tilesCovering({ originX: 0.25, originY: -0.1, unitsPerWorld: 512, width: 10, height: 100, zoom: 1 });
    expect(north.map((t) => [t.x, t.y, t.top])).toEqual([[0, 0, 51.2]]);
  });

  it("writes a tile's address from the template", () => {
    expect(tileUrl("https://tile.example/{z}/{x}/{y}.png?k={z}", { z: 3, x: 4, y: 5 })).toBe("https://tile.example/3/4/5.png?k=3");
  });
});

describe("tile URL templates", () => {
  it("accepts an https template with {z}, {x} and {y}, and names its origin", () => {
    expect(tileTemplateProblem("https://tile.club.example/{z}/{x}/{y}.png")).toBeNull();
    expect(tileTemplateProblem("https://tiles.example:8443/a/{z}/{y}/{x}@2x.png?key=abc")).toBeNull();
    expect(tileOrigin("https://Tiles.Example:8443/a/{z}/{x}/{y}.png")).toBe("https://tiles.example:8443");
  });

  it("refuses anything else, saying why", () => {
    expect(tileTemplateProblem("http://tile.example/{z}/{x}/{y}.png")).toMatch(/https/);
    expect(tileTemplateProblem("https://tile.example/{z}/{x}.png")).toMatch(/\{y\}/);
    expect(tileTemplateProblem("https://tile.example/{x}/{y}.png")).toMatch(/\{z\}/);
    expect(tileTemplateProblem("https://{s}.tile.example/{z}/{x}/{y}.png")).toMatch(/\{s\}/);
    expect(tileTemplateProblem("https://tile{z}.example/{z}/{x}/{y}.png")).toMatch(/one host/);
    expect(tileTemplateProblem("https://me:pw@tile.example/{z}/{x}/{y}.png")).toMatch(/password/);
    expect(tileTemplateProblem("https://tile.example;img-src */{z}/{x}/{y}")).not.toBeNull();
    expect(tileTemplateProblem("https:///{z}/{x}/{y}")).not.toBeNull();
  });
});
