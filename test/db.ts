import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The dialects every storage test runs against. SQLite always; PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it, and fails if PostgreSQL cannot be had).
 * Each test database is new and private: a temp SQLite file, or a fresh PostgreSQL database
 * created on the server TEST_DATABASE_URL points at and dropped afterwards.
 */
export type TestDialect = "sqlite" | "postgres";

export const DIALECTS: TestDialect[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDb {
  spec: string;
  drop(): Promise<void>;
}

export async function createTestDb(dialect: TestDialect): Promise<TestDb> {
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kneewise-test-"));
    const spec = path.join(dir, "test.db");
    return { spec, drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set");
  const name = `kw_test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    spec: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
