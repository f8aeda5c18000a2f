/*
 * Migration 0022 gives every share the kinds of data a coach could see before runners chose:
 * the training report (with the shoes), the pain status and the knee checks. A share made before
 * the upgrade must show its coach exactly that afterwards: no less, and none of the kinds added
 * since (activities, the diary's history, check-ins, exercise sessions).
 */
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestDb, DIALECTS } from "../db.js";
import type { TestDb } from "../db.js";
import { attachOutbox, recordingMail } from "../app.js";
import { createApp } from "../../src/services/app.js";
import type { App } from "../../src/services/app.js";
import { buildServer } from "../../src/server/build-server.js";
import { down as undo0022 } from "../../src/store/migrations/0022-share-scopes.js";
import type { AthleteResponse, SharingListResponse } from "../../src/contracts/sharing.js";
import { cast, client, share } from "../../src/server/routes/sharing.test-helpers.js";

const MIGRATION = "0022-share-scopes";

async function serve(spec: string) {
  const app: App = await createApp({ db: spec, multiUser: true, version: "0.0.0-test" });
  const { mail, outbox } = recordingMail();
  const server = await buildServer({ app, hosts: { allowedHosts: ["kneewise.example"] }, mail });
  attachOutbox(server, outbox);
  return { app, server, close: async () => (await server.close(), await app.close()) };
}

for (const dialect of DIALECTS) {
  describe(`shares made before migration 0022, on ${dialect}`, () => {
    let testDb: TestDb | undefined;
    afterEach(async () => {
      await testDb?.drop();
      testDb = undefined;
    });

    it("keep exactly what they showed: the report, the pain status and the knee checks", async () => {
      testDb = await createTestDb(dialect);
      // A site with a live share and an ended one, taken back to the schema before 0022.
      const before = await serve(testDb.spec);
      const { ada, bea, cole } = await cast(before.server);
      await share(ada, cole, "cole@example.org", "notes");
      const ended = await share(bea, cole, "cole@example.org");
      expect((await bea.del(`/api/sharing/${ended}`)).statusCode).toBe(200);
      await undo0022(before.app.database.db);
      await sql`delete from kysely_migration where name = ${MIGRATION}`.execute(before.app.database.db);
      const columns = (await before.app.database.db.introspection.getTables()).find((t) => t.name === "shares")!.columns.map((c) => c.name);
      expect(columns).not.toContain("scopes");
      await before.close();

      // The upgrade: the new build starts on that database and migrates it.
      const after = await serve(testDb.spec);
      try {
        const coach = client(after.server, cole.cookies);
        const runner = client(after.server, ada.cookies);
        const athlete = (await coach.get(`/api/athletes/${ada.id}`)).json<AthleteResponse>().athlete;
        expect(athlete).toMatchObject({ access: "notes", scopes: ["training", "pain", "assessments"] });
        for (const path of ["report", "shoes", "pain/status", "assessments", "notes"])
          expect((await coach.get(`/api/athletes/${ada.id}/${path}`)).statusCode, path).toBe(200);
        for (const path of ["activities", "pain", "checkins", "programme-sessions"]) {
          const res = await coach.get(`/api/athletes/${ada.id}/${path}`);
          expect(res.statusCode, path).toBe(403);
          expect(res.json(), path).toMatchObject({ error: { code: "SCOPE_NOT_SHARED" } });
        }
        const mine = (await runner.get("/api/sharing")).json<SharingListResponse>().shares;
        expect(mine.map((s) => s.scopes)).toEqual([["training", "pain", "assessments"]]);
        // The ended share's record says what it allowed, too.
        const rows = await after.app.database.db.selectFrom("shares").select(["status", "scopes"]).orderBy("status").execute();
        expect(rows).toEqual([
          { status: "active", scopes: '["training","pain","assessments"]' },
          { status: "revoked", scopes: '["training","pain","assessments"]' },
        ]);
      } finally {
        await after.close();
      }
    });
  });
}
