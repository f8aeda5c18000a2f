import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIO } from "../../../test/cli-io.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import { runCli } from "../run-cli.js";

const VERSION = "0.0.0-test";
const RUN_FIT = path.join(CORPUS_DIR, "fit", "ffp__running-with-developer-data.fit");
const RUN_GPX = path.join(CORPUS_DIR, "gpx", "togeojson__Friday-Evening-Run.gpx");
const POLL = { timeout: 20_000, interval: 25 };

function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve(JSON.parse(body) as T));
      })
      .on("error", reject);
  });
}

describe("kneewise watch and serve --watch", () => {
  let dir: string;
  let folder: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-watch-cli-"));
    folder = path.join(dir, "sync");
    fs.mkdirSync(folder);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("imports what is there at start and what arrives after, a line per batch, until stopped", async () => {
    fs.copyFileSync(RUN_FIT, path.join(folder, "before.fit"));
    const c = captureIO({ cwd: dir, env: { KNEEWISE_IMPORT_WORKERS: "0" } });
    const ctl = new AbortController();
    const done = runCli(["watch", "sync", "--db", "k.db", "--rescan-seconds", "1"], c.io, {
      version: VERSION,
      signal: ctl.signal,
    });
    await expect.poll(() => c.stdout(), POLL).toMatch(/before\.fit: 1 new, 0 already there/);
    fs.copyFileSync(RUN_GPX, path.join(folder, "after.gpx"));
    await expect
      .poll(() => c.stdout(), POLL)
      .toMatch(/after\.gpx: 1 new, 0 already there\n.*You now have 2 activities\./);
    ctl.abort();
    expect(await done).toBe(0);
    expect(c.stderr()).toContain("stopped watching");
  });

  it("refuses a PostgreSQL database without --user, and a bad --rescan-seconds", async () => {
    const a = captureIO({ cwd: dir });
    expect(
      await runCli(["watch", "sync", "--db", "postgres://nobody@127.0.0.1:1/none"], a.io, {
        version: VERSION,
      }),
    ).toBe(2);
    expect(a.stderr()).toMatch(/--user EMAIL/);
    const b = captureIO({ cwd: dir });
    expect(
      await runCli(["watch", "sync", "--rescan-seconds", "soon"], b.io, { version: VERSION }),
    ).toBe(2);
  });

  it("serve --watch on a multi-user site needs --watch-user", async () => {
    const c = captureIO({ cwd: dir, env: { KNEEWISE_LOG_LEVEL: "warn" } });
    expect(
      await runCli(
        ["serve", "--port", "0", "--multi-user", "--db", path.join(dir, "k.db"), "--watch", "sync"],
        c.io,
        { version: VERSION },
      ),
    ).toBe(1);
    expect(c.stderr()).toMatch(/--watch-user EMAIL/);
  });

  it("serve --watch imports a dropped file as an import job the runner sees", async () => {
    const c = captureIO({
      cwd: dir,
      env: { KNEEWISE_LOG_LEVEL: "warn", KNEEWISE_IMPORT_WORKERS: "0" },
    });
    const ctl = new AbortController();
    let url = "";
    const done = runCli(
      ["serve", "--port", "0", "--db", path.join(dir, "k.db"), "--watch", "sync"],
      c.io,
      { version: VERSION, signal: ctl.signal, onListening: (u) => (url = u) },
    );
    await expect.poll(() => url, POLL).not.toBe("");
    fs.copyFileSync(RUN_FIT, path.join(folder, "dropped.fit"));
    await expect
      .poll(
        async () =>
          (
            await getJson<{ imports: { status: string; counts: { imported: number } }[] }>(
              `${url}/api/imports`,
            )
          ).imports,
        POLL,
      )
      .toMatchObject([{ status: "done", counts: { imported: 1 } }]);
    expect(
      (await getJson<{ activities: unknown[] }>(`${url}/api/activities`)).activities,
    ).toHaveLength(1);
    expect(c.stderr()).toMatch(/watch: dropped\.fit: 1 new/);
    ctl.abort();
    expect(await done).toBe(0);
  });
});
