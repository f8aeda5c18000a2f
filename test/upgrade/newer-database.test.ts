/*
 * A rolling upgrade leaves old instances running against a database a newer kneewise has
 * migrated; a rollback of the code alone does the same. The old build must start and serve, not
 * stop on Kysely's "corrupted migrations".
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestDb, DIALECTS } from "../db.js";
import type { TestDb } from "../db.js";
import { createApp } from "../../src/services/app.js";
import { buildServer } from "../../src/server/build-server.js";
import {
  migrateToLatest,
  migrationsUnknownHere,
  NEWER_DATABASE_WARNING,
  pendingMigrations,
} from "../../src/store/database.js";

const FUTURE = "0999-from-a-newer-kneewise";

/** A built web app whose page names one hashed script, as Vite writes it. */
function webBuild(hash: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kw-web-${hash}-`));
  fs.mkdirSync(path.join(root, "assets"));
  fs.writeFileSync(
    path.join(root, "index.html"),
    `<!doctype html><script type="module" src="/assets/index-${hash}.js"></script>`,
  );
  fs.writeFileSync(path.join(root, "assets", `index-${hash}.js`), `console.log("${hash}");`);
  return root;
}

for (const dialect of DIALECTS) {
  describe(`a database migrated by a newer version, on ${dialect}`, () => {
    let testDb: TestDb | undefined;
    afterEach(async () => {
      await testDb?.drop();
      testDb = undefined;
    });

    it("starts the older build, which warns once in a plain sentence and serves as ready", async () => {
      testDb = await createTestDb(dialect);
      const first = await createApp({ db: testDb.spec, multiUser: true, version: "1.0.0" });
      // What a newer build's migration leaves behind: a row naming a migration this build lacks.
      await sql`insert into kysely_migration (name, timestamp) values (${FUTURE}, ${new Date().toISOString()})`.execute(
        first.database.db,
      );
      await first.close();

      const lines: string[] = [];
      const older = await createApp({
        db: testDb.spec,
        multiUser: true,
        version: "1.0.0",
        log: (line) => lines.push(line),
      });
      try {
        expect(lines).toEqual([NEWER_DATABASE_WARNING]);
        expect(NEWER_DATABASE_WARNING).toMatch(
          /^A newer version of kneewise has migrated this database; this one runs on with what it knows\.$/,
        );
        expect(await migrationsUnknownHere(older.database)).toEqual([FUTURE]);
        expect(await pendingMigrations(older.database)).toEqual([]);
        expect(await migrateToLatest(older.database)).toEqual([]);
        const server = await buildServer({ app: older, logger: false });
        try {
          const ready = await server.inject({ method: "GET", url: "/api/health/ready" });
          expect(ready.statusCode, ready.body).toBe(200);
        } finally {
          await server.close();
        }
      } finally {
        await older.close();
      }
    });

    it("serves old and new side by side on one database: each page's script from its own build, a 404 from the other", async () => {
      testDb = await createTestDb(dialect);
      const oldWeb = webBuild("0ld0ld");
      const newWeb = webBuild("n3wn3w");
      // The new build starts first and migrates; the old one restarts on what it left.
      const newer = await createApp({ db: testDb.spec, multiUser: true, version: "2.0.0" });
      await sql`insert into kysely_migration (name, timestamp) values (${FUTURE}, ${new Date().toISOString()})`.execute(
        newer.database.db,
      );
      const lines: string[] = [];
      const older = await createApp({
        db: testDb.spec,
        multiUser: true,
        version: "1.0.0",
        log: (line) => lines.push(line),
      });
      const servers = [
        await buildServer({ app: older, webRoot: oldWeb, logger: false }),
        await buildServer({ app: newer, webRoot: newWeb, logger: false }),
      ];
      try {
        expect(lines).toEqual([NEWER_DATABASE_WARNING]);
        for (const server of servers)
          expect(
            (await server.inject({ method: "GET", url: "/api/health/ready" })).statusCode,
          ).toBe(200);
        for (const [i, server] of servers.entries()) {
          const page = await server.inject({ method: "GET", url: "/" });
          const script = /src="([^"]+)"/.exec(page.body)?.[1];
          expect(script).toBeDefined();
          const own = await server.inject({ method: "GET", url: script! });
          const other = await servers[1 - i]!.inject({ method: "GET", url: script! });
          expect(own.statusCode).toBe(200);
          expect(other.statusCode).toBe(404);
          expect(other.body).not.toContain("<script");
        }
      } finally {
        for (const server of servers) await server.close();
        await older.close();
        await newer.close();
        for (const dir of [oldWeb, newWeb]) fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("says nothing when the database holds only migrations this build knows", async () => {
      testDb = await createTestDb(dialect);
      const lines: string[] = [];
      const app = await createApp({
        db: testDb.spec,
        multiUser: true,
        version: "1.0.0",
        log: (line) => lines.push(line),
      });
      await app.close();
      const again = await createApp({
        db: testDb.spec,
        multiUser: true,
        version: "1.0.0",
        log: (line) => lines.push(line),
      });
      await again.close();
      expect(lines).toEqual([]);
    });

    it("still runs a migration of its own that the database lacks, even when a later one has run", async () => {
      testDb = await createTestDb(dialect);
      const app = await createApp({ db: testDb.spec, multiUser: true, version: "1.0.0" });
      try {
        // As if 0016 arrived on the main line after a build with 0017 had run here.
        await sql`delete from kysely_migration where name = ${"0016-pain-escalation"}`.execute(
          app.database.db,
        );
        for (const column of ["giving_way", "swelling", "night_pain"])
          await app.database.db.schema.alterTable("pain_entries").dropColumn(column).execute();
        expect(await migrateToLatest(app.database)).toEqual(["0016-pain-escalation"]);
      } finally {
        await app.close();
      }
    });
  });
}
