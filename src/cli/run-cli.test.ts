import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { captureIO } from "../../test/cli-io.js";
import { runCli } from "./run-cli.js";

const VERSION = "9.9.9-test";

describe("kneewise command line", () => {
  it("prints the version", async () => {
    const c = captureIO();
    expect(await runCli(["--version"], c.io, { version: VERSION })).toBe(0);
    expect(c.stdout()).toContain(VERSION);
  });

  it("prints help listing serve", async () => {
    const c = captureIO();
    expect(await runCli(["--help"], c.io, { version: VERSION })).toBe(0);
    expect(c.stdout()).toMatch(/serve/);
  });

  it("exits 2 with the usage on an unknown command", async () => {
    const c = captureIO();
    expect(await runCli(["jog"], c.io, { version: VERSION })).toBe(2);
    expect(c.stderr()).toMatch(/unknown command 'jog'/);
    expect(c.stderr()).toMatch(/kneewise --help/);
  });

  it("exits 2 on an unknown flag", async () => {
    const c = captureIO();
    expect(await runCli(["serve", "--colour"], c.io, { version: VERSION })).toBe(2);
    expect(c.stderr()).toMatch(/unknown option '--colour'/);
  });

  it("exits 2 on a port that is not a number", async () => {
    const c = captureIO();
    expect(await runCli(["serve", "--port", "abc"], c.io, { version: VERSION })).toBe(2);
    expect(c.stderr()).toMatch(/"abc" is not a port number/);
  });

  it("exits 2 with the usage when given nothing", async () => {
    const c = captureIO();
    expect(await runCli([], c.io, { version: VERSION })).toBe(2);
    expect(c.stderr()).toMatch(/Usage: kneewise/);
  });
});

describe("kneewise serve", () => {
  it("serves health on SQLite and shuts down cleanly", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-serve-"));
    const c = captureIO({ cwd: dir });
    const ctl = new AbortController();
    let url = "";
    const done = runCli(["serve", "--port", "0", "--db", path.join(dir, "k.db")], c.io, {
      version: VERSION,
      signal: ctl.signal,
      onListening: (u) => (url = u),
    });
    await expect.poll(() => url, { timeout: 10_000 }).not.toBe("");
    expect(c.stderr()).toMatch(/single-user/);
    ctl.abort();
    expect(await done).toBe(0);
    expect(fs.existsSync(path.join(dir, "k.db"))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("says in one sentence that the port is in use, and exits 1", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-port-"));
    const c = captureIO();
    const code = await runCli(["serve", "--port", String(port), "--db", path.join(dir, "k.db")], c.io, { version: VERSION });
    blocker.close();
    expect(code).toBe(1);
    expect(c.stderr()).toBe(`kneewise: Port ${port} is already in use: stop the other program or pass --port.\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names a missing database folder and exits 1", async () => {
    const c = captureIO();
    const code = await runCli(["serve", "--port", "0", "--db", "/no/such/folder/k.db"], c.io, { version: VERSION });
    expect(code).toBe(1);
    expect(c.stderr()).toMatch(/^kneewise: The database folder \/no\/such\/folder does not exist/);
    expect(c.stderr()).not.toMatch(/\n\s+at /);
  });

  it("names an unreachable PostgreSQL server and exits 1", async () => {
    const c = captureIO({ env: { KNEEWISE_DB_WAIT_SECONDS: "0" } });
    const code = await runCli(["serve", "--port", "0", "--db", "postgres://u@127.0.0.1:1/kw"], c.io, { version: VERSION });
    expect(code).toBe(1);
    expect(c.stderr()).toMatch(/^kneewise: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/kw/);
  });

  it("waits for PostgreSQL at start, a line per retry, before giving up in one sentence", async () => {
    const c = captureIO({ env: { KNEEWISE_DB_WAIT_SECONDS: "1" } });
    const code = await runCli(["serve", "--port", "0", "--db", "postgres://u:s3cret@127.0.0.1:1/kw"], c.io, { version: VERSION });
    expect(code).toBe(1);
    const lines = c.stderr().trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^kneewise: PostgreSQL at 127\.0\.0\.1:1\/kw is not reachable yet \(.*\); trying again in /);
    expect(lines.at(-1)).toMatch(/^kneewise: Cannot reach PostgreSQL at 127\.0\.0\.1:1\/kw after trying for .*Check that PostgreSQL runs/);
    expect(c.stderr()).not.toContain("s3cret");
  });

  it("refuses a wait that is not a number of seconds", async () => {
    const c = captureIO({ env: { KNEEWISE_DB_WAIT_SECONDS: "a minute" } });
    expect(await runCli(["serve", "--port", "0", "--db", "postgres://u@127.0.0.1:1/kw"], c.io, { version: VERSION })).toBe(1);
    expect(c.stderr()).toBe('kneewise: KNEEWISE_DB_WAIT_SECONDS must be a whole number of seconds, not "a minute".\n');
  });

  it("takes the database from KNEEWISE_DB", async () => {
    const c = captureIO({ env: { KNEEWISE_DB: "/also/missing/k.db" } });
    expect(await runCli(["serve", "--port", "0"], c.io, { version: VERSION })).toBe(1);
    expect(c.stderr()).toMatch(/\/also\/missing/);
  });

  it("refuses single-user mode on a network address", async () => {
    const c = captureIO();
    expect(await runCli(["serve", "--host", "0.0.0.0", "--port", "0"], c.io, { version: VERSION })).toBe(1);
    expect(c.stderr()).toMatch(/--multi-user/);
  });
});
