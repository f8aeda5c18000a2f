import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../test/app.js";
import { DIALECTS } from "../../test/db.js";
import { isBuildFileRequest } from "./static-assets.js";

/*
 * Mid-upgrade, a page from the new build may ask an old instance for a hashed file only the new
 * build has. The answer must be a 404 (a proxy can retry it elsewhere), never the app shell.
 */
for (const dialect of DIALECTS) {
  describe(`the web app's build files on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let webRoot: string;
    beforeAll(async () => {
      webRoot = fs.mkdtempSync(path.join(os.tmpdir(), "kw-web-"));
      fs.mkdirSync(path.join(webRoot, "assets"));
      fs.writeFileSync(
        path.join(webRoot, "index.html"),
        '<!doctype html><script type="module" src="/assets/index-0ld0ld.js"></script>',
      );
      fs.writeFileSync(
        path.join(webRoot, "assets", "index-0ld0ld.js"),
        "console.log('old build');",
      );
      fs.writeFileSync(path.join(webRoot, "assets", "index-0ld0ld.css"), "body{}");
      // The build's brotli copy (scripts/compress-assets.mjs), sent to browsers that take it.
      fs.writeFileSync(
        path.join(webRoot, "assets", "index-0ld0ld.js.br"),
        zlib.brotliCompressSync("console.log('old build');"),
      );
      t = await startTestServer(dialect, { webRoot });
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(webRoot, { recursive: true, force: true });
    });

    it("serves the files this build has", async () => {
      const js = await t.server.inject({ method: "GET", url: "/assets/index-0ld0ld.js" });
      expect(js.statusCode).toBe(200);
      expect(js.body).toContain("old build");
      expect(
        (await t.server.inject({ method: "GET", url: "/assets/index-0ld0ld.css" })).statusCode,
      ).toBe(200);
    });

    it("caches hashed files for good and the shell not at all, and sends the brotli copy to those who take it", async () => {
      const js = await t.server.inject({ method: "GET", url: "/assets/index-0ld0ld.js" });
      expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      const shell = await t.server.inject({ method: "GET", url: "/training" });
      expect(shell.headers["cache-control"]).toBe("no-cache");
      const br = await t.server.inject({
        method: "GET",
        url: "/assets/index-0ld0ld.js",
        headers: { "accept-encoding": "br, gzip" },
      });
      expect(br.statusCode).toBe(200);
      expect(br.headers["content-encoding"]).toBe("br");
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toContain("old build");
    });

    it("answers 404, not the app shell, for another build's hashed file, and lets nobody cache the miss", async () => {
      for (const url of [
        "/assets/index-n3wn3w.js",
        "/assets/index-n3wn3w.css",
        "/assets/index-n3wn3w.js?v=2",
        "/assets/chunk/deep-n3w.js",
        "/favicon-n3w.ico",
      ]) {
        const res = await t.server.inject({ method: "GET", url });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers["content-type"], url).not.toMatch(/html/);
        expect(res.body, url).not.toContain("<script");
        expect(res.headers["cache-control"], url).toBe("no-store");
      }
    });

    it("still answers the app's own pages with the shell", async () => {
      for (const url of ["/", "/learn", "/training/import", "/account"]) {
        const res = await t.server.inject({ method: "GET", url });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers["content-type"], url).toMatch(/text\/html/);
      }
    });

    it("answers a page the app does not have with 404, still loading the shell to say so", async () => {
      for (const url of ["/no-such-page", "/programme", "/coach/athletes", "/shoes/extra/deep?x=1"]) {
        const res = await t.server.inject({ method: "GET", url });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers["content-type"], url).toMatch(/text\/html/);
        expect(res.body, url).toContain("/assets/index-0ld0ld.js");
      }
      for (const url of ["/programme/patellofemoral-pain", "/coach/athletes/abc", "/invite/t0k3n", "/setup"]) {
        expect((await t.server.inject({ method: "GET", url })).statusCode, url).toBe(200);
      }
    });
  });
}

describe("which requests are build files", () => {
  it("tells hashed files and other static files from the app's routes", () => {
    expect(isBuildFileRequest("/assets/index-abc.js")).toBe(true);
    expect(isBuildFileRequest("/assets/index-abc.css?x=1")).toBe(true);
    expect(isBuildFileRequest("/assets/")).toBe(true);
    expect(isBuildFileRequest("/robots-n3w.txt")).toBe(true);
    expect(isBuildFileRequest("/learn/patellofemoral-pain")).toBe(false);
    expect(isBuildFileRequest("/assess?step=2")).toBe(false);
    expect(isBuildFileRequest("/")).toBe(false);
  });
});
