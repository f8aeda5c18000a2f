/**
 * Killing the command line in the middle of an import leaves the database consistent (whole
 * files or nothing, per batch transaction), and running the same import again completes it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runKneewise } from "./child-cli.test-helpers.js";
import { runFit, syntheticRun } from "./import.test-helpers.js";

const FILES = 400;
const BATCH = 10;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kw-kill-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface State {
  files: number;
  activities: number;
  fileRows: { file_name: string; status: string; activity_count: number }[];
  perFile: Map<string, number>;
}

function readState(db: string): State {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    const fileRows = sqlite.prepare("select file_name, status, activity_count from import_files").all() as State["fileRows"];
    const activities = (sqlite.prepare("select count(*) as n from activities").get() as { n: number }).n;
    const perFile = new Map(
      (sqlite.prepare("select source_file, count(*) as n from activities group by source_file").all() as { source_file: string; n: number }[]).map((r) => [r.source_file, r.n]),
    );
    return { files: fileRows.length, activities, fileRows, perFile };
  } finally {
    sqlite.close();
  }
}

function countImportFiles(db: string): number {
  if (!fs.existsSync(db)) return 0;
  try {
    const sqlite = new BetterSqlite3(db, { readonly: true, timeout: 1000 });
    try {
      return (sqlite.prepare("select count(*) as n from import_files").get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  } catch {
    return 0; // not migrated yet
  }
}

describe("an import killed after its first batch", () => {
  it("leaves whole files in the database, and the rerun completes it", async () => {
    const inputs = path.join(dir, "runs");
    fs.mkdirSync(inputs);
    for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(inputs, `run-${String(i).padStart(4, "0")}.fit`), runFit(syntheticRun(i, 600)));
    const db = path.join(dir, "k.db");
    const env = { KNEEWISE_IMPORT_BATCH_FILES: String(BATCH) };

    const first = runKneewise(["import", inputs, "--db", db, "--json"], { env });
    let killedAt = -1;
    while (killedAt < 0) {
      const n = countImportFiles(db);
      if (n >= BATCH) {
        first.child.kill("SIGKILL");
        killedAt = n;
      }
      const exited = await Promise.race([first.done.then(() => true), new Promise((r) => setTimeout(() => r(false), 10))]);
      if (exited && killedAt < 0) break;
    }
    const r1 = await first.done;
    expect(r1.signal, "the import must still be running when killed").toBe("SIGKILL");

    const mid = readState(db);
    expect(mid.files).toBeGreaterThanOrEqual(BATCH);
    expect(mid.files).toBeLessThan(FILES);
    // Consistent: every recorded file has all its activities, and no activity lacks its file.
    for (const f of mid.fileRows) {
      expect(f.status).toBe("imported");
      expect(mid.perFile.get(f.file_name) ?? 0).toBe(f.activity_count);
    }
    expect(mid.activities).toBe(mid.fileRows.reduce((n, f) => n + f.activity_count, 0));

    const second = runKneewise(["import", inputs, "--db", db, "--json"], { env });
    const r2 = await second.done;
    expect(r2.code, r2.stderr).toBe(0);
    const summary = JSON.parse(r2.stdout) as { files: number; imported: number; duplicates: number; activities: number };
    expect(summary).toMatchObject({ files: FILES, imported: FILES - mid.activities, duplicates: mid.activities, activities: FILES });
    const end = readState(db);
    expect(end.files).toBe(FILES);
    expect(end.activities).toBe(FILES);
  }, 300_000);
});
