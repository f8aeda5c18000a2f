import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { captureIO } from "../../../test/cli-io.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { runCli } from "../run-cli.js";
import { hostPolicyFor } from "./serve.js";

const VERSION = "0.0.0-test";

function statusFor(url: string, host: string): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: u.port, path: "/api/me", headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on("error", reject);
  });
}

describe("serve: which Host names it answers", () => {
  it("answers loopback names and --allowed-host names on its port, and refuses a rebinding name", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-hosts-"));
    const c = captureIO({
      cwd: dir,
      env: { KNEEWISE_ALLOWED_HOSTS: "desk.lan", KNEEWISE_LOG_LEVEL: "warn" },
    });
    const ctl = new AbortController();
    let url = "";
    const done = runCli(
      ["serve", "--port", "0", "--db", path.join(dir, "k.db"), "--allowed-host", "laptop.lan"],
      c.io,
      {
        version: VERSION,
        signal: ctl.signal,
        onListening: (u) => (url = u),
      },
    );
    await expect.poll(() => url, { timeout: 10_000 }).not.toBe("");
    const port = new URL(url).port;
    expect(await statusFor(url, `127.0.0.1:${port}`)).toBe(200);
    expect(await statusFor(url, `localhost:${port}`)).toBe(200);
    expect(await statusFor(url, `laptop.lan:${port}`)).toBe(200);
    expect(await statusFor(url, `desk.lan:${port}`)).toBe(200);
    expect(await statusFor(url, `rebind.attacker.example:${port}`)).toBe(421);
    ctl.abort();
    expect(await done).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses to listen on every address in multi-user mode without the name runners use", () => {
    expect(() => hostPolicyFor({ host: "0.0.0.0" }, {}, true)).toThrow(
      /KNEEWISE_PUBLIC_URL.*--allowed-host/,
    );
    expect(
      hostPolicyFor(
        { host: "0.0.0.0" },
        { KNEEWISE_PUBLIC_URL: "https://kneewise.club.example" },
        true,
      ),
    ).toEqual({
      allowedHosts: [],
      publicUrl: "https://kneewise.club.example",
    });
    expect(hostPolicyFor({ host: "::", allowedHost: ["Club.LAN"] }, {}, true).allowedHosts).toEqual(
      ["club.lan"],
    );
  });

  it("answers the address it listens on in multi-user mode, and nothing extra on loopback", () => {
    expect(hostPolicyFor({ host: "192.168.1.20" }, {}, true).allowedHosts).toEqual([
      "192.168.1.20",
    ]);
    expect(hostPolicyFor({ host: "fd00::20" }, {}, true).allowedHosts).toEqual(["[fd00::20]"]);
    expect(
      hostPolicyFor({ host: "127.0.0.1" }, { KNEEWISE_ALLOWED_HOSTS: " a.lan, b.lan:8080 " }, false)
        .allowedHosts,
    ).toEqual(["a.lan", "b.lan:8080"]);
  });

  it("says what is wrong with a bad --allowed-host or --trust-proxy, and exits 1", async () => {
    const a = captureIO();
    expect(
      await runCli(["serve", "--port", "0", "--allowed-host", "http://x.example/"], a.io, {
        version: VERSION,
      }),
    ).toBe(1);
    expect(a.stderr()).toMatch(/--allowed-host "http:\/\/x\.example\/" is not a host name/);
    const b = captureIO();
    expect(
      await runCli(["serve", "--port", "0", "--trust-proxy", "my-proxy"], b.io, {
        version: VERSION,
      }),
    ).toBe(1);
    expect(b.stderr()).toMatch(/"my-proxy" is neither a number of hops nor a proxy address/);
  });

  it("refuses to start with a map tile URL that is not https, naming the setting", async () => {
    const c = captureIO({ env: { KNEEWISE_MAP_TILE_URL: "http://tile.example/{z}/{x}/{y}.png", KNEEWISE_MAP_ATTRIBUTION: "© Example" } });
    expect(await runCli(["serve", "--port", "0"], c.io, { version: VERSION })).toBe(1);
    expect(c.stderr()).toMatch(/KNEEWISE_MAP_TILE_URL "http:\/\/tile\.example\/\{z\}\/\{x\}\/\{y\}\.png" must be an https:\/\/ address/);
  });
});

describe("serve: stopping drains", () => {
  // docs/deploy.md promises that a stopping instance finishes the requests it has and takes no
  // new ones, so a proxy can retry those elsewhere (issue 21, item 4).
  it("answers an upload under way when told to stop, then refuses new connections", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-drain-"));
    const c = captureIO({ cwd: dir, env: { KNEEWISE_LOG_LEVEL: "warn", KNEEWISE_IMPORT_WORKERS: "0" } });
    const ctl = new AbortController();
    let url = "";
    const done = runCli(["serve", "--port", "0", "--db", path.join(dir, "k.db")], c.io, {
      version: VERSION,
      signal: ctl.signal,
      onListening: (u) => (url = u),
    });
    await expect.poll(() => url, { timeout: 10_000 }).not.toBe("");
    const port = Number(new URL(url).port);
    const body = fs.readFileSync(path.join(CORPUS_DIR, "fit", "ffp__running-with-developer-data.fit"));
    expect(body.length).toBeGreaterThan(16_384);

    const req = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/imports",
      headers: {
        "content-type": "application/octet-stream",
        "x-file-name": "drain.fit",
        "content-length": body.length,
      },
    });
    const answer = new Promise<number>((resolve, reject) => {
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
    });
    req.write(body.subarray(0, 8192));
    // The upload is under way once its first bytes are on disk.
    const uploads = () =>
      fs.existsSync(path.join(dir, "tmp"))
        ? fs.readdirSync(path.join(dir, "tmp")).filter((n) => n.startsWith("upload-"))
        : [];
    await expect.poll(() => uploads().length, { timeout: 10_000 }).toBeGreaterThan(0);

    ctl.abort();
    // A new connection is refused once the server has stopped listening...
    await expect
      .poll(
        () =>
          new Promise<string>((resolve) => {
            http
              .get({ host: "127.0.0.1", port, path: "/api/health" }, (res) => {
                res.resume();
                resolve(`answered ${res.statusCode}`);
              })
              .on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error"));
          }),
        { timeout: 10_000 },
      )
      .toBe("ECONNREFUSED");
    // ...while the upload it already had finishes and gets its answer.
    req.end(body.subarray(8192));
    expect(await answer).toBe(202);
    expect(await done).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
