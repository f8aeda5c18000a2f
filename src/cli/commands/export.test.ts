import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { captureIO } from "../../../test/cli-io.js";
import { createTestDb } from "../../../test/db.js";
import type { TestDb } from "../../../test/db.js";
import { createApp } from "../../services/app.js";
import { signUp } from "../../services/auth.js";
import { savePainEntry } from "../../services/pain.js";
import { runCli } from "../run-cli.js";

function entryNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on("entry", (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on("end", () => resolve(names));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

describe("kneewise export", () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kneewise-export-"));
    const app = await createApp({ db: db.spec, multiUser: true, version: "test" });
    const ada = await signUp(app, { email: "ada@example.org", password: "a long enough password", displayName: "Ada" });
    await signUp(app, { email: "bea@example.org", password: "a long enough password", displayName: "Bea" });
    await savePainEntry(app, ada.id, "2024-03-30", { during: 3, notes: "hills" });
    await app.close();
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  const run = async (args: string[]) => {
    const cap = captureIO({ cwd: dir });
    const code = await runCli(["export", "--db", db.spec, ...args], cap.io, { version: "0.0.0-test" });
    return { code, err: cap.stderr() };
  };

  it("writes the chosen runner's zip to the file given", async () => {
    const { code, err } = await run(["--out", "ada.zip", "--user", "ada@example.org"]);
    expect(code).toBe(0);
    expect(err).toContain("ada@example.org");
    expect(await entryNames(path.join(dir, "ada.zip"))).toEqual(["kneewise-export.json"]);
    expect(fs.existsSync(path.join(dir, "ada.zip.partial"))).toBe(false);
  });

  it("asks which runner when the database holds several, and writes nothing", async () => {
    const { code, err } = await run(["--out", "who.zip"]);
    expect(code).toBe(2);
    expect(err).toMatch(/several runners/);
    expect(fs.existsSync(path.join(dir, "who.zip"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "who.zip.partial"))).toBe(false);
  });
});
