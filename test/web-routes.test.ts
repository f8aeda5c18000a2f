import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WEB_ROUTES, isWebRoute } from "../src/contracts/web-routes.js";

// The server answers 404 for paths the web app has no page for; that holds only while its list of
// pages and the router's routes are the same.
describe("the web app's pages", () => {
  it("are the routes of web/src/shell/app.tsx, no more and no fewer", () => {
    const source = fs.readFileSync(path.join(import.meta.dirname, "..", "web", "src", "shell", "app.tsx"), "utf8");
    const routed = [...source.matchAll(/<Route\s+path="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((p) => p !== "*")
      .map((p) => `/${p}`);
    if (/<Route\s+index\b/.test(source)) routed.push("/");
    expect([...routed].sort()).toEqual([...WEB_ROUTES].sort());
  });

  it("match one segment for a parameter and any depth for a trailing *", () => {
    expect(isWebRoute("/")).toBe(true);
    expect(isWebRoute("/learn")).toBe(true);
    expect(isWebRoute("/learn/articles/patellofemoral-pain")).toBe(true);
    expect(isWebRoute("/programme/itb")).toBe(true);
    expect(isWebRoute("/programme/itb/more")).toBe(false);
    expect(isWebRoute("/programme")).toBe(false);
    expect(isWebRoute("/shoes?units=mi")).toBe(true);
    expect(isWebRoute("/shoes/")).toBe(true);
    expect(isWebRoute("/nope")).toBe(false);
  });
});
